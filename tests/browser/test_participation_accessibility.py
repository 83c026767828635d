"""Every participation page passes axe-core (no serious or critical WCAG 2.1 A/AA violation) and fits a
phone, in Arabic, French and Amazigh, at 360 and 1280 px: the citizen hub, the complaint form, tracking,
the status page of a filed complaint, the petitions (list, detail with its signing form, new petition),
the information request form and its status page, rating, and the public statistics."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from .conftest import LANGUAGES, run_axe

pytestmark = pytest.mark.browser

WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="module")
def participation_paths(portal, django_db_blocker):
    """The participation pages' paths, with one filed complaint, one information request and one petition
    open for signatures in the demo commune; read from the database before the browser starts."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Site

    from pages.models import ParticipationPage, ServicePage
    from participation.categories import canonical_category
    from participation.enums import PetitionStatus
    from participation.models import InformationRequest, Petition, ServiceRequest

    with django_db_blocker.unblock():
        call_command("build_basemap", "--min-zoom", "14", "--max-zoom", "14", stdout=io.StringIO())
        site = Site.objects.get(is_default_site=True)
        complaint = ServiceRequest.objects.create(
            commune=site,
            category=canonical_category(site, "public-lighting"),
            description="Le lampadaire devant l'école est éteint depuis une semaine.",
            address="Avenue Hassan II",
        )
        information = InformationRequest.objects.create(
            commune=site,
            applicant_name="Youssef Benali",
            national_id="AB123456",
            email="youssef.benali@example.ma",
            information_sought="Le budget 2025 de la commune.",
        )
        petition = Petition.objects.create(
            commune=site,
            title="Un terrain de sport au quartier Al Amal",
            request_text="Aménager le terrain vague en terrain de proximité.",
            filer_name="Karim Idrissi",
            filer_national_id="JK998877",
            filer_email="karim.idrissi@example.ma",
        )
        Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.COLLECTING)
        service = ServicePage.objects.live().filter(locale__language_code="ar").order_by("path").first()
        hubs = {
            page.locale.language_code: urlsplit(page.get_url()).path
            for page in ParticipationPage.objects.live().select_related("locale")
            if page.get_site() == site
        }
        paths = {}
        for language in LANGUAGES:
            with translation.override(language):
                paths[language] = {
                    "hub": hubs[language],
                    "complaint form": reverse("participation:request_new"),
                    "tracking": reverse("participation:track") + "?code=ZZZZ-ZZZZ-ZZZZ",
                    "complaint status": reverse("participation:request_status", args=[complaint.tracking_code])
                    + "?received=1",
                    "petitions": reverse("participation:petition_list"),
                    "petition and signing form": reverse("participation:petition_detail", args=[petition.pk]),
                    "new petition": reverse("participation:petition_new"),
                    "information request form": reverse("participation:information_new"),
                    "information request status": reverse(
                        "participation:information_status", args=[information.tracking_code]
                    )
                    + "?received=1",
                    "services to rate": reverse("participation:rate_choose"),
                    "rating form": reverse("participation:rate_service", args=[service.pk]),
                    "statistics": reverse("participation:statistics"),
                }
    return paths


@pytest.fixture(scope="module")
def tabs(participation_paths, browser):
    contexts = {
        name: browser.new_context(viewport=size, is_mobile=name == "phone", has_touch=name == "phone")
        for name, size in WIDTHS.items()
    }
    pages = {name: context.new_page() for name, context in contexts.items()}
    yield pages
    for context in contexts.values():
        context.close()


CLIPPED = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    if (document.documentElement.scrollWidth > width + 1) wide.push("the page");
    for (const element of document.querySelectorAll("main table, main .block-table, main .table-scroll")) {
        if (element.scrollWidth > element.clientWidth + 1) wide.push(element.tagName + "." + element.className);
    }
    return wide;
}"""


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_participation_pages_pass_axe_and_fit_the_screen(portal, participation_paths, tabs, language, width):
    page = tabs[width]
    found = {}
    for name, path in participation_paths[language].items():
        response = page.goto(portal.url + path, wait_until="load")
        assert response.status in (200, 404), (name, response.status)
        assert page.evaluate("document.documentElement.lang") == language, name
        violations = [
            (item["id"], item["impact"], item["targets"])
            for item in run_axe(page)
            if item["impact"] in BLOCKING_IMPACTS
        ]
        clipped = page.evaluate(CLIPPED)
        if violations or clipped:
            found[name] = {"axe": violations, "wider than the screen": clipped}
    assert found == {}, found


@pytest.mark.parametrize("language", LANGUAGES)
def test_file_control_speaks_the_pages_language_and_names_the_chosen_file(
    portal, participation_paths, tabs, language, tmp_path
):
    from django.utils import translation

    with translation.override(language):
        choose, nothing = translation.gettext("Choose a file"), translation.gettext("No file chosen")
    page = tabs["phone"]
    page.goto(portal.url + participation_paths[language]["complaint form"], wait_until="load")

    button = page.locator(".file-picker__button")
    name = page.locator("[data-file-picker-name]")
    assert button.is_visible() and button.inner_text().strip() == choose
    assert name.inner_text().strip() == nothing
    photo = tmp_path / "lampadaire.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n")
    page.set_input_files("#id_attachment", str(photo))
    assert name.inner_text().strip() == "lampadaire.png"
    assert no_overflow(page)


def no_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1")
