"""The citizen's portal end to end, on the demo: every section found by clicking from the home page, a
complaint filed with a pin put on the map and followed with its tracking code, phone and desktop, in
Arabic, French and Amazigh; a crawl of every link from the home pages; references and amounts read
in order in Arabic; the demo's pages saying things once.

One demo, one browser; each language's journey runs on one width and its complaint on the other, so
both widths see both journeys without visiting every page six times.
"""

import io
import re
from collections import deque
from urllib.error import HTTPError
from urllib.parse import urlsplit
from urllib.request import urlopen

import pytest
from django.core.management import call_command

from .conftest import LANGUAGES

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
#: Which width each language's section journey runs on; its complaint runs on the other one.
SECTIONS_ON = {"ar": "phone", "fr": "desktop", "zgh": "phone"}
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/images/", "/api/", "/open311/", "/network/", "/basemap/", "/static/")


@pytest.fixture(scope="module")
def demo(portal, django_db_blocker):
    """What the tests look for in the demo, read from the database before the browser starts (its event
    loop then forbids queries in this thread): sections per language, the pages checked, and the basemap."""
    from wagtail.models import Site

    from pages.models import CouncilSessionPage, ServicePage, TenderPage

    def path(page):
        return urlsplit(page.get_url()).path

    with django_db_blocker.unblock():
        call_command("build_basemap", "--min-zoom", "14", "--max-zoom", "14", stdout=io.StringIO())
        home = Site.objects.get(is_default_site=True).root_page
        sections, homes = {}, {}
        for translation in home.get_translations(inclusive=True).live().select_related("locale"):
            language = translation.locale.language_code
            homes[language] = path(translation)
            sections[language] = sorted(path(child) for child in translation.get_children().live().public())
        arabic = {"locale__language_code": "ar"}
        service = ServicePage.objects.live().filter(desk__isnull=False, **arabic).select_related("desk").first()
        session = CouncilSessionPage.objects.live().filter(minutes__isnull=False, **arabic).first()
        tender = TenderPage.objects.live().filter(reference__contains="/AO", **arabic).first()
        facts = {
            "service": (path(service), service.desk.name, service.desk.opening_hours),
            "session": (path(session), session.minutes.url),
            "tender": (path(tender), tender.reference),
            "tenders": [path(page) for page in TenderPage.objects.live().filter(**arabic).order_by("path")],
        }
    assert set(sections) == set(LANGUAGES)
    assert all(len(paths) >= 10 for paths in sections.values()), sections
    return {"homes": homes, "sections": sections, **facts}


@pytest.fixture(scope="module")
def tabs(demo, browser):
    """One tab per width, reused by every test of the module."""
    contexts = {
        "phone": browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True),
        "desktop": browser.new_context(viewport=DESKTOP),
    }
    pages = {name: context.new_page() for name, context in contexts.items()}
    yield pages
    for context in contexts.values():
        context.close()


def path_of(page):
    return urlsplit(page.url).path


def click_link_to(page, href):
    """Click a visible link to ``href``, opening the phone menu or a menu group first when needed."""
    link = page.locator(f'a[href="{href}"]:visible')
    if not link.count():
        toggle = page.locator('.main-nav__toggle[aria-expanded="false"]:visible')
        if toggle.count():
            toggle.first.click()
    if not link.count():
        summaries = page.locator(".main-nav__summary:visible")
        for index in range(summaries.count()):
            summaries.nth(index).click()
            if link.count():
                break
    assert link.count(), f"no visible link to {href} on {page.url}"
    with page.expect_navigation():
        link.first.click()
    assert path_of(page) == href


def no_horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_section_is_reached_by_clicking_from_the_home_page(portal, demo, tabs, language):
    page = tabs[SECTIONS_ON[language]]
    page.goto(portal.url + demo["homes"][language])
    assert page.locator("html").get_attribute("lang") == language
    for href in demo["sections"][language]:
        click_link_to(page, href)
        assert page.locator("h1").first.is_visible()
        assert no_horizontal_overflow(page), f"{href} overflows at {page.viewport_size['width']} px"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_complaint_is_filed_with_a_pin_on_the_map_and_followed_with_its_code(portal, demo, tabs, language):
    width = "desktop" if SECTIONS_ON[language] == "phone" else "phone"
    page = tabs[width]
    page.goto(portal.url + demo["homes"][language])
    hub = page.locator(".main-nav__hub").first.get_attribute("href")
    click_link_to(page, hub)
    click_link_to(page, f"/{language}/participate/requests/new/")

    page.select_option("#id_kind", "complaint")
    page.select_option("#id_category", "public-lighting")
    page.fill("#id_description", "Le lampadaire devant l'école est éteint depuis une semaine.")
    canvas = page.locator(".map-picker__canvas")
    canvas.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelectorAll('.map-picker__canvas img.leaflet-tile-loaded').length > 0")
    canvas.click()
    latitude = page.input_value("#id_latitude")
    assert re.fullmatch(r"30\.\d{6}", latitude), latitude
    assert re.fullmatch(r"-8\.\d{6}", page.input_value("#id_longitude"))
    assert no_horizontal_overflow(page)
    with page.expect_navigation():
        page.locator("#step-where").locator("xpath=ancestor::form").locator("button[type=submit]").last.click()

    code = page.locator(".tracking-code__value").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    click_link_to(page, hub)
    page.fill("#id_code", code)
    with page.expect_navigation():
        page.locator(".tracking-form button[type=submit]").click()
    assert code in page.locator("main").inner_text()
    from participation.categories import DEFAULT_CATEGORY_NAMES

    assert DEFAULT_CATEGORY_NAMES[language]["public-lighting"] in page.locator("main").inner_text()


def fetch(url):
    """The status, content type and body of ``url`` on the live server."""
    try:
        with urlopen(url, timeout=60) as response:  # the live server on 127.0.0.1 only
            return (
                response.status,
                response.headers.get("Content-Type", ""),
                response.read().decode("utf-8", "replace"),
            )
    except HTTPError as error:
        return error.code, "", ""


def test_link_crawl_from_each_home_page_finds_no_broken_link_and_every_section(portal, demo):
    host = urlsplit(portal.url).netloc
    for language in LANGUAGES:
        start = demo["homes"][language]
        seen, queue, broken = {start}, deque([start]), []
        while queue:
            path = queue.popleft()
            status, content_type, body = fetch(portal.url + path)
            if status >= 400:
                broken.append((path, status))
                continue
            if "text/html" not in content_type:
                continue
            for href in re.findall(r'href="([^"#]+)', body):
                parts = urlsplit(href.replace("&amp;", "&"))
                if parts.netloc and parts.netloc != host:
                    continue
                target = parts.path
                if not target.startswith("/") or target.startswith(SKIPPED_PREFIXES) or target in seen:
                    continue
                if parts.query and not re.fullmatch(r"page=\d+", parts.query):
                    continue
                seen.add(target)
                queue.append(target)
        assert broken == [], broken
        missing = set(demo["sections"][language]) - seen
        assert missing == set(), missing
        assert f"/{language}/participate/requests/new/" in seen


def test_demo_pages_say_things_once(portal, demo):
    """The service page names its office and hours once; the session page links its minutes once."""
    path, desk, hours = demo["service"]
    _status, _type, html = fetch(portal.url + path)
    where = html.split('id="where-title"', 1)[1].split("</section>", 1)[0]
    assert where.count(desk) == 1
    if hours:
        assert where.count(hours) == 1
    path, minutes = demo["session"]
    _status, _type, html = fetch(portal.url + path)
    assert html.count(f'href="{minutes}"') == 1


def test_reference_and_amount_read_in_order_in_arabic(portal, demo, tabs):
    path, reference_text = demo["tender"]
    page = tabs["desktop"]
    page.goto(portal.url + path)
    assert page.locator("html").get_attribute("dir") == "rtl"
    reference = page.locator(".facts bdi", has_text=reference_text).first
    assert reference.text_content() == reference_text
    # Drawn left to right: the reference's first character stands left of its last one.
    order = reference.evaluate(
        """(element) => {
            const text = element.firstChild, range = document.createRange();
            range.setStart(text, 0); range.setEnd(text, 1);
            const first = range.getBoundingClientRect().left;
            range.setStart(text, text.length - 1); range.setEnd(text, text.length);
            return {first, last: range.getBoundingClientRect().left, direction: getComputedStyle(element).direction};
        }"""
    )
    assert order["direction"] == "ltr" and order["first"] < order["last"], order
    title = page.locator("h1 bdi", has_text=reference_text)
    assert title.count() == 1
    amount = page.locator("bdi.amount").first
    assert re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d{2})?", amount.text_content()), amount.text_content()
    assert amount.evaluate("(element) => getComputedStyle(element).direction") == "ltr"
    # A hand-typed amount in a table, "196 000.00 درهم": its groups drawn in reading order.
    typed = None
    for other in demo["tenders"]:
        page.goto(portal.url + other)
        cells = page.locator(".block-table bdi").filter(has_text=re.compile(r"^\d{1,3}( \d{3})+(\.\d{2})?$"))
        if cells.count():
            typed = cells.first
            break
    assert typed is not None, "no tender of the demo has a hand-typed amount in a table"
    lefts = typed.evaluate(
        """(element) => {
            const text = element.firstChild, range = document.createRange(), lefts = [];
            for (let index = 0; index < text.length; index++) {
                range.setStart(text, index); range.setEnd(text, index + 1);
                if (text.data[index] !== " ") lefts.push(range.getBoundingClientRect().left);
            }
            return lefts;
        }"""
    )
    assert lefts == sorted(lefts), f"{typed.text_content()!r} is not drawn in reading order"
