"""Editors work in the admin in Arabic (right to left) or in French."""

import re

import pytest
from django.contrib.auth import get_user_model
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


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr")])
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


def test_admin_offers_only_arabic_and_french_as_interface_languages(client, editor_in):
    client.force_login(editor_in("fr"))
    html = client.get("/admin/account/").content.decode()
    assert 'value="ar"' in html
    assert 'value="fr"' in html
    assert 'value="zgh"' not in html
