"""One list of languages: the settings' ``PORTAL_LANGUAGES`` is what every choice, label and enumeration shows."""

import pytest
from django.conf import settings
from django.utils import translation

from assets.models import CommuneDocument
from cms.languages import language_codes, language_name
from network.forms import PeerForm
from pages.blocks import DocumentBlock
from pages.templatetags.portal_tags import OPEN_GRAPH_LOCALES, language_label

SETTINGS_CODES = [code for code, _own_name, _name in settings.PORTAL_LANGUAGES]


def test_django_and_wagtail_languages_are_the_portal_list():
    assert [code for code, _name in settings.LANGUAGES] == SETTINGS_CODES
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == SETTINGS_CODES
    assert list(language_codes()) == SETTINGS_CODES == ["ar", "fr", "zgh"]


def test_admin_speaks_every_portal_language():
    assert [code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES] == SETTINGS_CODES


def test_amazigh_messages_fall_back_to_french():
    with translation.override("zgh"):
        ours, django_s = translation.gettext("Registers"), translation.gettext("This field is required.")
    with translation.override("fr"):
        french = translation.gettext("This field is required.")
    assert ours != "Registers" and all("\u2d30" <= letter <= "\u2d7f" for letter in ours.replace(" ", ""))
    assert django_s == french != "This field is required."


def test_document_language_choices_are_the_portal_languages():
    field = CommuneDocument._meta.get_field("language")

    assert [code for code, _label in field.choices] == SETTINGS_CODES
    assert [code for code, _label in DocumentBlock().child_blocks["language"].field.choices if code] == SETTINGS_CODES


def test_peer_form_offers_the_portal_languages():
    assert [code for code, _label in PeerForm.base_fields["locales"].choices] == SETTINGS_CODES


def test_api_locale_parameters_enumerate_the_portal_languages(client):
    document = client.get("/api/openapi.json").json()
    enums = [
        parameter["schema"].get("enum")
        for path in document["paths"].values()
        for operation in path.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "locale" and "enum" in parameter.get("schema", {})
    ]

    assert enums
    assert all(enum == SETTINGS_CODES for enum in enums)


@pytest.mark.parametrize(
    ("reader", "code", "expected"),
    [("fr", "ar", "Arabe"), ("ar", "fr", "الفرنسية"), ("fr", "zgh", "Amazighe"), ("fr", "xx", "xx")],
)
def test_a_language_is_named_in_the_readers_language(reader, code, expected):
    with translation.override(reader):
        assert str(language_name(code)) == expected
        assert str(language_label(code)) == expected


def test_open_graph_locale_is_the_moroccan_variant_of_each_language():
    assert {code: f"{code}_MA" for code in SETTINGS_CODES} == OPEN_GRAPH_LOCALES
