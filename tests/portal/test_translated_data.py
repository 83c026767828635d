# ruff: noqa: RUF001 - the expected texts are in Tifinagh too
"""Request categories and commune settings read in the page's language: forms, status pages, statistics,
Open311, the admin inbox, the footer; and the migrations that translate what was stored before."""

import importlib

import pytest
from django.apps import apps
from wagtail.models import Site
from wagtail.users.models import UserProfile

from home.models import CommuneSettings
from participation.categories import DEFAULT_CATEGORY_NAMES
from participation.models import ServiceCategory, ServiceRequest
from tests.participation.conftest import make_town
from tests.participation.factories import service_request

LANGUAGES = ("ar", "fr", "zgh")
ENGLISH = ("Public lighting", "Cleanliness and waste collection", "Other subject", "Allo citizen")


@pytest.fixture
def town(db, settings):
    settings.PARTICIPATION_RATE_LIMIT = 1000
    return make_town()


@pytest.mark.parametrize("language", LANGUAGES)
def test_complaint_form_lists_the_categories_in_the_page_language(town, client, language):
    html = client.get(f"/{language}/participate/requests/new/").content.decode()
    names = DEFAULT_CATEGORY_NAMES[language]
    for code in ("public-lighting", "cleanliness", "ambulance", "other"):
        assert f">{names[code]}</option>" in html
    for english in ENGLISH:
        assert english not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_page_and_statistics_name_the_category_in_the_page_language(town, client, language):
    item = service_request(town, code="public-lighting")
    expected = DEFAULT_CATEGORY_NAMES[language]["public-lighting"]
    status = client.get(f"/{language}/participate/requests/{item.tracking_code}/").content.decode()
    assert expected in status
    statistics = client.get(f"/{language}/participate/statistics/").content.decode()
    assert expected in statistics
    assert "Public lighting" not in status + statistics


@pytest.mark.parametrize("language", LANGUAGES)
def test_open311_names_services_and_requests_in_the_language_asked(town, client, language):
    item = service_request(town, code="cleanliness")
    expected = DEFAULT_CATEGORY_NAMES[language]["cleanliness"]
    services = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE=language).json()
    names = {service["service_code"]: service["service_name"] for service in services}
    assert names["cleanliness"] == expected
    assert {service["group"] for service in services if service["service_code"] == "ambulance"} == {
        DEFAULT_CATEGORY_NAMES[language]["Allo citizen"]
    }
    requests = client.get(f"/open311/v2/requests/{item.pk}.json", HTTP_ACCEPT_LANGUAGE=language).json()
    assert requests[0]["service_name"] == expected


@pytest.mark.parametrize("language", ["fr", "zgh", "ar"])
def test_admin_inbox_names_the_category_in_the_editors_language(town, client, django_user_model, language):
    item = service_request(town, code="public-lighting")
    user = django_user_model.objects.create_superuser("inbox", "inbox@example.ma", "pw-inbox-1234")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    expected = DEFAULT_CATEGORY_NAMES[language]["public-lighting"]
    listing = client.get("/admin/participation_requests/").content.decode()
    assert expected in listing
    record = client.get(f"/admin/participation_requests/edit/{item.pk}/").content.decode()
    assert expected in record
    assert "Public lighting" not in listing + record


def test_category_migration_names_english_rows_and_keeps_an_editors_name(town):
    module = importlib.import_module("participation.migrations.0005_category_names_in_each_language")
    rows = ServiceCategory.objects.filter(commune=town).select_related("locale")
    rows.filter(code="public-lighting").update(name="Public lighting", group="Allo citizen")
    renamed = rows.get(code="cleanliness", locale__language_code="fr")
    rows.filter(pk=renamed.pk).update(name="Déchets et propreté")
    module.name_categories(apps, None)
    for language in LANGUAGES:
        row = rows.get(code="public-lighting", locale__language_code=language)
        assert row.name == DEFAULT_CATEGORY_NAMES[language]["public-lighting"]
        assert row.group == DEFAULT_CATEGORY_NAMES[language]["Allo citizen"]
    assert rows.get(pk=renamed.pk).name == "Déchets et propreté"


def test_a_new_commune_gets_its_categories_in_each_language(town):
    for language in LANGUAGES:
        names = set(
            ServiceCategory.objects.filter(commune=town, locale__language_code=language).values_list("name", flat=True)
        )
        assert names == {name for key, name in DEFAULT_CATEGORY_NAMES[language].items() if key != "Allo citizen"}
    assert ServiceRequest.objects.count() == 0


OFFICER = {"ar": "سعاد بلعيد", "fr": "Souad Belaid", "zgh": "ⵙⵓⵄⴰⴷ ⴱⵍⵄⵉⴷ"}
DIRECTOR = {"ar": "إبراهيم أوبلا", "fr": "Brahim Oubella", "zgh": "ⴱⵔⴰⵀⵉⵎ ⵓⴱⵍⵍⴰ"}
LINE = {"ar": "نقل الأموات", "fr": "Transport funéraire", "zgh": "ⴰⵙⵎⵓⴷⴷⵓ ⵏ ⵉⵎⵎⵓⵜⵏ"}


@pytest.fixture
def localized_settings(commune):
    settings = CommuneSettings.objects.get(site=commune.site)
    for language in LANGUAGES:
        setattr(settings, f"information_officer_{language}", OFFICER[language])
        setattr(settings, f"publication_director_{language}", DIRECTOR[language])
    settings.commune_lines = [
        ("line", {"label": LINE["ar"], "label_fr": LINE["fr"], "label_zgh": LINE["zgh"], "number": "05 28 55 10 41"})
    ]
    settings.save()
    return settings


@pytest.mark.parametrize("language", LANGUAGES)
def test_footer_shows_the_commune_settings_in_the_page_language(localized_settings, client, language):
    html = client.get(f"/{language}/").content.decode()
    assert OFFICER[language] in html
    assert DIRECTOR[language] in html
    assert LINE[language] in html
    for other in LANGUAGES:
        if other != language:
            assert OFFICER[other] not in html
            assert LINE[other] not in html


def test_a_missing_translation_falls_back_to_arabic(localized_settings, client):
    localized_settings.information_officer_zgh = ""
    localized_settings.save()
    assert OFFICER["ar"] in client.get("/zgh/").content.decode()


def test_settings_migration_splits_the_old_mixed_values(commune):
    module = importlib.import_module("home.migrations.0002_settings_in_each_language")
    assert module.split("سعاد بلعيد — Souad Belaid") == ("سعاد بلعيد", "Souad Belaid")
    assert module.split("Souad Belaid") == ("Souad Belaid", "")
    assert module.split("الرئيس — نائب") == ("الرئيس — نائب", "")
    CommuneSettings.objects.filter(site=commune.site).update(
        information_officer_ar="سعاد بلعيد — Souad Belaid", information_officer_fr=""
    )
    settings = CommuneSettings.objects.get(site=commune.site)
    settings.commune_lines = [("line", {"label": "نقل الأموات — Transport funéraire", "number": "1"})]
    settings.save()
    module.split_mixed_values(apps, None)
    settings = CommuneSettings.objects.get(site=Site.objects.get(pk=commune.site.pk))
    assert (settings.information_officer_ar, settings.information_officer_fr) == ("سعاد بلعيد", "Souad Belaid")
    line = settings.commune_lines.raw_data[0]["value"]
    assert (line["label"], line["label_fr"]) == ("نقل الأموات", "Transport funéraire")
