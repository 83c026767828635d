"""The public portal in a real browser: direction, languages, accessibility, no outside request, printing."""

import io

import pytest

from .conftest import LANGUAGES, VIEWPORTS, run_axe

pytestmark = pytest.mark.browser

PAGE_KINDS = ("home", "listing", "project", "tender", "service", "council")
DIRECTIONS = {"ar": "rtl", "fr": "ltr", "zgh": "ltr"}
BLOCKING_IMPACTS = {"serious", "critical"}
SCRIPT_FONTS = {"ar": ("Bawaba Arabic", "جماعة"), "zgh": ("Bawaba Tifinagh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"), "fr": ("Bawaba Latin", "é")}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_reads_in_its_direction_and_passes_axe(portal, open_page, screenshots, kind, language, viewport):
    page, requests = open_page(viewport)

    response = page.goto(portal.address(kind, language), wait_until="load")

    assert response.status == 200
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == DIRECTIONS[language]
    family, sample = SCRIPT_FONTS[language]
    assert page.evaluate(
        "async ([family, sample]) => { await document.fonts.ready; "
        "return document.fonts.check(`16px '${family}'`, sample); }",
        [family, sample],
    ), f"{family} is not loaded from the portal"
    page.screenshot(path=str(screenshots / f"{kind}-{language}-{viewport}.png"), full_page=True)
    violations = [item for item in run_axe(page) if item["impact"] in BLOCKING_IMPACTS]
    assert violations == [], violations
    assert requests.outside() == [], "requests left 127.0.0.1"


def test_listing_filter_is_applied_from_the_address(portal, open_page):
    page, _requests = open_page("desktop")

    page.goto(portal.address("listing", "fr"))

    status = portal.facts["project_status"]
    assert page.locator("#filter-status").input_value() == status
    badges = page.locator(".card-list .card .badge").filter(has_not=page.locator(".badge--late"))
    assert badges.count() > 0
    for index in range(badges.count()):
        classes = badges.nth(index).get_attribute("class")
        assert f"badge--{status}" in classes or "badge--late" in classes


def test_invalid_filter_values_are_ignored_with_a_notice(portal, open_page):
    page, _requests = open_page("phone")

    response = page.goto(portal.url + portal.paths["listing"]["ar"].split("?")[0] + "?status=nope&year=20x6")

    assert response.status == 200
    assert page.locator(".filters .notice").is_visible()
    assert page.locator("#filter-status").input_value() == ""


@pytest.mark.parametrize(("source", "target"), [("fr", "ar"), ("ar", "zgh"), ("zgh", "fr")])
def test_language_switcher_lands_on_the_translated_page(portal, open_page, source, target):
    page, _requests = open_page("phone")
    page.goto(portal.address("tender", source))

    page.locator(f'.language-switcher a[hreflang="{target}"]').click()
    page.wait_for_load_state("load")

    assert page.url == portal.address("tender", target)
    assert page.evaluate("document.documentElement.lang") == target
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == DIRECTIONS[target]


def test_alert_banner_shows_on_a_page_below_home(portal, open_page):
    page, _requests = open_page("desktop")

    page.goto(portal.address("tender", "fr"))

    banner = page.locator(".alert-banner")
    assert banner.is_visible()
    assert "intempéries" in banner.inner_text()


def test_skip_link_takes_focus_first_and_leads_to_main(portal, open_page):
    page, _requests = open_page("desktop")
    page.goto(portal.address("service", "ar"))

    page.keyboard.press("Tab")

    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_procedure_sheet_prints_on_one_page(portal, open_page, language):
    from pypdf import PdfReader

    page, _requests = open_page("desktop")
    page.goto(portal.address("service", language))
    page.emulate_media(media="print")

    pdf = page.pdf(format="A4", print_background=True)

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


ZOOM_SIDE = {"ar": "right", "fr": "left"}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", list(ZOOM_SIDE))
def test_facilities_map_draws_every_located_facility_without_leaving_the_host(
    portal, open_page, screenshots, language, viewport
):
    page, requests = open_page(viewport)

    page.goto(portal.address("directory", language), wait_until="load")

    located = portal.facts["located_facilities"]
    assert located > 0
    page.wait_for_selector("#facilities-map .leaflet-marker-icon")
    assert page.locator("#facilities-map .leaflet-marker-icon").count() == located
    assert page.locator("#facilities-title ~ .card-list > li").count() >= located
    # The zoom buttons sit on the start side of the reading: on the right in Arabic, on the left in French.
    canvas = page.locator("#facilities-map").bounding_box()
    zoom = page.locator("#facilities-map .leaflet-control-zoom").bounding_box()
    middle = canvas["x"] + canvas["width"] / 2
    side = "right" if zoom["x"] > middle else "left"
    assert side == ZOOM_SIDE[language], (zoom, canvas)
    assert zoom["y"] < canvas["y"] + canvas["height"] / 2
    titles = page.locator("#facilities-map .leaflet-control-zoom a").evaluate_all("links => links.map(a => a.title)")
    assert "Zoom in" not in titles and all(titles), titles
    page.locator("#facilities-map").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / f"directory-{language}-{viewport}.png"), full_page=True)
    page.locator("#facilities-map").screenshot(path=str(screenshots / f"directory-map-{language}-{viewport}.png"))
    assert requests.outside() == []


def test_error_page_is_localized(portal, open_page):
    page, _requests = open_page("phone")

    response = page.goto(portal.url + "/fr/cette-page-n-existe-pas/")

    assert response.status == 404
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("main h1").is_visible()


def test_header_search_box_suggests_pages_while_typing(portal, open_page):
    page, requests = open_page("desktop")
    page.goto(portal.address("home", "fr"))
    box = page.locator("#search-q")
    box.press_sequentially("Actua", delay=40)

    page.wait_for_function(
        "() => document.querySelectorAll('#search-q-suggestions option').length > 0", timeout=10_000
    )

    suggestions = page.locator("#search-q-suggestions option").evaluate_all("options => options.map(o => o.value)")
    assert any("actualit" in title.lower() for title in suggestions)
    assert requests.outside() == []
