"""The admin works under its Content-Security-Policy: an editor logs in and opens the page editor in Chromium.

The browser reports every blocked script, style, frame or connection twice: as a
``securitypolicyviolation`` event in the page and as a console message; both are collected, and the
editor's widgets must have started (the rich-text editor is drawn by script).
"""

import pytest

from demo.builder import DEMO_PASSWORD

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    const where = `${event.sourceFile}:${event.lineNumber}`;
    window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${where}`);
});
"""


@pytest.fixture(scope="module")
def news_to_edit(portal, django_db_blocker):
    """A news page of the demo and its section, read before Playwright starts its event loop."""
    from pages.models import NewsPage

    with django_db_blocker.unblock():
        news = NewsPage.objects.live().order_by("path").first()
        return news.pk, news.title, news.get_parent().pk


@pytest.fixture
def editor_tab(news_to_edit, browser):
    """A tab of its own context (its own cookies), recording policy violations from the first byte."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    yield page, console
    context.close()


def violations(page, console):
    return [*page.evaluate("window.__cspViolations || []"), *console]


def test_editor_logs_in_and_opens_the_page_editor_without_a_policy_violation(portal, news_to_edit, editor_tab):
    news_id, title, parent_id = news_to_edit
    page, console = editor_tab

    response = page.goto(f"{portal.url}/admin/login/", wait_until="load")
    assert response.status == 200
    assert "script-src" in response.headers["content-security-policy"]
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{portal.url}/admin/", wait_until="load")
    assert violations(page, console) == []

    response = page.goto(f"{portal.url}/admin/pages/{news_id}/edit/", wait_until="networkidle")
    assert response.status == 200
    assert "content-security-policy" in response.headers
    # The editor's widgets ran: the title field is there and the rich-text editor was drawn by script.
    page.wait_for_selector("#id_title", state="visible")
    page.wait_for_selector(".Draftail-Editor, [data-draftail-input] + .Draftail-Editor", timeout=15_000)
    page.locator("#id_title").fill(title + " (relu)")
    assert violations(page, console) == []

    page.goto(f"{portal.url}/admin/pages/{parent_id}/", wait_until="networkidle")
    assert violations(page, console) == []


def test_the_recorder_sees_a_script_the_public_policy_blocks(portal, editor_tab):
    """The check above can fail: an inline script added to a public page is blocked and recorded."""
    page, console = editor_tab
    page.goto(portal.address("home", "fr"), wait_until="load")
    assert violations(page, console) == []
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1;';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0", timeout=10_000)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in entry for entry in violations(page, console))
