"""The portal's menus: every section of a commune in its main menu, in each language; the footer's
links; breadcrumbs; the citizen hub linked from the header and leading to every form."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from pages.models import ParticipationPage, StandardPage

from .utils import localized, path_of

LANGUAGES = ("ar", "fr", "zgh")


class LinkCollector(HTMLParser):
    """The links of a page, each with the landmarks (``nav`` labels, ``footer``) it sits in."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("nav", "footer", "header", "main"):
            self.stack.append((tag, attrs.get("aria-label") or attrs.get("class") or ""))
        if tag == "a" and attrs.get("href"):
            self.links.append((attrs["href"], [label for _tag, label in self.stack], attrs.get("aria-current")))

    def handle_endtag(self, tag):
        if tag in ("nav", "footer", "header", "main"):
            for index in range(len(self.stack) - 1, -1, -1):
                if self.stack[index][0] == tag:
                    del self.stack[index]
                    break


def links_of(response, landmark=None):
    parser = LinkCollector()
    parser.feed(response.content.decode())
    return [
        (href, current)
        for href, landmarks, current in parser.links
        if landmark is None or any(landmark in label for label in landmarks)
    ]


def menu_label(language):
    with translation.override(language):
        return str(translation.gettext("Main menu"))


def footer_label(language):
    with translation.override(language):
        return str(translation.gettext("Footer menu"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_main_menu_links_every_section_of_the_commune_in_its_language(client, commune, language):
    home = localized(commune.home, language)
    response = client.get(path_of(home))
    assert response.status_code == 200
    menu = {href for href, _current in links_of(response, menu_label(language))}
    sections = [page for page in home.get_children().live().specific() if not isinstance(page, StandardPage)]
    assert len(sections) >= 11
    missing = [path_of(page) for page in sections if path_of(page) not in menu]
    assert missing == []
    assert all(href.startswith(f"/{language}/") for href in menu)


def test_sections_are_in_the_menu_even_when_editors_untick_show_in_menus(client, commune):
    commune.home.get_children().update(show_in_menus=False)
    response = client.get(path_of(commune.home))
    menu = {href for href, _current in links_of(response, menu_label("ar"))}
    council = commune.home.get_children().type(*[type(s) for s in commune.sections.values()]).live()
    index_urls = {path_of(page) for page in council if not isinstance(page.specific, StandardPage)}
    assert index_urls <= menu


def test_a_free_page_left_out_of_menus_is_linked_from_the_footer(client, commune):
    page = commune.sections[StandardPage]
    page.show_in_menus = False
    page.save_revision().publish()
    response = client.get(path_of(commune.home))
    assert path_of(page) not in {href for href, _current in links_of(response, menu_label("ar"))}
    assert path_of(page) in {href for href, _current in links_of(response, footer_label("ar"))}


def test_new_free_pages_and_sections_are_in_menus_by_default():
    assert StandardPage().show_in_menus is True
    assert ParticipationPage().show_in_menus is True


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_links_accessibility_personal_data_subscriptions_contact_and_api(client, commune, language):
    home = localized(commune.home, language)
    footer = {href for href, _current in links_of(client.get(path_of(home)), footer_label(language))}
    with translation.override(language):
        expected = {
            reverse("portal_accessibility"),
            reverse("portal_personal_data"),
            reverse("subscriptions:subscribe"),
            "#footer-contact",
            "/api/docs",
        }
    assert expected <= footer
    for url in expected - {"#footer-contact", "/api/docs"}:
        response = client.get(url)
        assert response.status_code == 200
        assert response.content.decode().count('aria-current="page"') >= 1


def test_menu_marks_the_section_of_the_page_shown(client, commune):
    leaf = next(iter(commune.leaves.values()))
    section = leaf.get_parent()
    response = client.get(path_of(leaf))
    current = [href for href, current in links_of(response, menu_label("ar")) if current]
    assert current == [path_of(section)]


def test_breadcrumbs_lead_from_home_through_the_section(client, commune):
    leaf = next(iter(commune.leaves.values()))
    response = client.get(path_of(leaf))
    with translation.override("ar"):
        trail = [href for href, _current in links_of(response, str(translation.gettext("Breadcrumb")))]
    assert trail == [path_of(commune.home), path_of(leaf.get_parent())]


@pytest.mark.parametrize("language", LANGUAGES)
def test_citizen_hub_is_linked_from_the_header_and_links_every_form(client, commune, language):
    home = localized(commune.home, language)
    hub = localized(commune.sections[ParticipationPage], language)
    assert path_of(hub) in {href for href, _current in links_of(client.get(path_of(home)), menu_label(language))}
    hub_links = {href for href, _current in links_of(client.get(path_of(hub)), "main")}
    with translation.override(language):
        forms = [
            reverse("participation:request_new"),
            reverse("participation:petition_list"),
            reverse("participation:information_new"),
            reverse("participation:rate_choose"),
            reverse("participation:statistics"),
        ]
    assert [url for url in forms if url not in hub_links] == []
    assert f'action="{reverse("participation:track")}"'.replace("/ar/", f"/{language}/") in client.get(
        path_of(hub)
    ).content.decode().replace("&quot;", '"')


@pytest.mark.parametrize("language", LANGUAGES)
def test_participation_entry_leads_to_the_hub_in_the_visitors_language(client, commune, language):
    hub = localized(commune.sections[ParticipationPage], language)
    with translation.override(language):
        response = client.get(reverse("participation:index"))
    assert response.status_code == 302
    assert response["Location"] == path_of(hub)


def test_participation_forms_show_the_trail_through_the_hub(client, commune):
    hub = commune.sections[ParticipationPage]
    with translation.override("ar"):
        response = client.get(reverse("participation:request_new"))
        trail = [href for href, _current in links_of(response, str(translation.gettext("Breadcrumb")))]
    assert trail == [path_of(commune.home), path_of(hub)]


def test_rating_choice_lists_the_communes_services(client, commune):
    from pages.models import ServicePage

    service = commune.leaves[ServicePage]
    with translation.override("fr"):
        response = client.get(reverse("participation:rate_choose"))
        expected = reverse("participation:rate_service", args=[localized(service, "fr").pk])
    assert response.status_code == 200
    assert expected in {href for href, _current in links_of(response, "main")}
