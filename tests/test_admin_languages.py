"""Editors work in the admin in Arabic (right to left), in French or in Amazigh (Tifinagh, left to right)."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.users.models import UserProfile


@pytest.fixture
def editor_in(db):
    def make(language):
        user = get_user_model().objects.create_superuser(f"editor-{language}", f"{language}@example.ma", "x")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        return user

    return make


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("zgh", "ltr")])
def test_admin_dashboard_speaks_the_editors_language(client, editor_in, language, direction):
    client.force_login(editor_in(language))
    response = client.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(rf'<html[^>]*lang="{language}"', html)
    assert re.search(rf'<html[^>]*dir="{direction}"', html)


def test_arabic_admin_labels_our_registers_in_arabic(client, editor_in):
    client.force_login(editor_in("ar"))
    html = client.get("/admin/").content.decode()
    assert "Registers" not in html
    assert re.search(r"[\u0621-\u064a]{3,}", html)


def in_page(text, html):
    """Whether ``text`` is on the page, as HTML or inside the JSON that draws the sidebar."""
    return text in html or json.dumps(text)[1:-1] in html


def test_amazigh_admin_shows_our_strings_in_tifinagh_and_wagtails_in_french(client, editor_in):
    client.force_login(editor_in("zgh"))
    html = client.get("/admin/").content.decode()
    with translation.override("zgh"):
        registers = translation.gettext("Registers")
    with translation.override("fr"):
        dashboard_fr = translation.gettext("Dashboard")
    with translation.override("ar"):
        dashboard_ar = translation.gettext("Dashboard")

    assert re.search(r'<html[^>]*lang="zgh"', html)
    assert re.fullmatch(r"[\u2d30-\u2d7f ]+", registers)
    assert in_page(registers, html)
    assert dashboard_fr != dashboard_ar and in_page(dashboard_fr, html)
    assert not in_page(dashboard_ar, html)


def test_amazigh_admin_scripts_get_wagtails_french_strings(client, editor_in):
    client.force_login(editor_in("zgh"))
    catalogue = client.get("/admin/jsi18n/").content.decode()
    assert json.dumps("Une erreur réseau est survenue.")[1:-1] in catalogue or "Une erreur réseau" in catalogue


def test_admin_offers_every_portal_language_as_interface_language(client, editor_in):
    client.force_login(editor_in("fr"))
    html = client.get("/admin/account/").content.decode()
    assert 'value="ar"' in html
    assert 'value="fr"' in html
    assert 'value="zgh"' in html
