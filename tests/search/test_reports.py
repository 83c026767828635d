"""The editors' report of frequent queries and queries without results."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from home.communes import create_commune
from search.models import UnansweredQuery
from search.recording import record_search
from tenancy.models import attach


@pytest.fixture
def communes(db):
    one = create_commune(slug="un", hostname="un.localhost", name_ar="جماعة", name_fr="Un").get_site()
    two = create_commune(slug="deux", hostname="deux.localhost", name_ar="جماعة ب", name_fr="Deux").get_site()
    return one, two


@pytest.fixture
def editor(communes, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="x")
    group = Group.objects.create(name="search editors")
    attach(group, communes[0])
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtailsearchpromotions", codename="add_searchpromotion"),
    )
    user.groups.add(group)
    return user


def test_report_lists_frequent_and_unanswered_queries(client, editor, communes):
    own = communes[0]
    for _ in range(3):
        record_search("رخصة البناء", locale="ar", found=True, commune=own)
    record_search("permis", locale="fr", found=True, commune=own)
    UnansweredQuery.record("زرافة", "ar", commune=own)
    UnansweredQuery.record("زرافة", "ar", commune=own)
    old = timezone.localdate() - datetime.timedelta(days=60)
    UnansweredQuery.record("قديم", "ar", date=old, commune=own)
    client.force_login(editor)

    response = client.get(reverse("search_queries_report"))

    assert response.status_code == 200
    assert [(row["query_string"], row["total"]) for row in response.context["frequent"]] == [
        ("رخصة البناء", 3),
        ("permis", 1),
    ]
    assert [(row["query_string"], row["total"]) for row in response.context["unanswered"]] == [("زرافة", 2)]
    longer = client.get(reverse("search_queries_report"), {"days": 90}).context["unanswered"]
    assert {row["query_string"] for row in longer} == {"زرافة", "قديم"}


def test_report_shows_only_the_editors_communes_queries(client, editor, communes):
    own, other = communes
    record_search("qz7 citizen of the other commune", locale="fr", found=False, commune=other)
    record_search("qz8 ours", locale="fr", found=False, commune=own)
    client.force_login(editor)
    body = client.get(reverse("search_queries_report")).content.decode()
    assert "qz8 ours" in body
    assert "qz7" not in body


def test_report_is_in_the_reports_menu(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert reverse("search_queries_report") in response.content.decode()


def test_report_needs_the_promotions_permission(client, db, django_user_model):
    user = django_user_model.objects.create_user(username="reader", password="x")
    user.user_permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("search_queries_report"))
    assert response.status_code in (302, 403)
    assert "frequent" not in (response.context or {})


def test_unanswered_query_counts_once_per_day_and_language(db):
    UnansweredQuery.record("x", "ar")
    UnansweredQuery.record("x", "ar")
    UnansweredQuery.record("x", "fr")
    assert sorted(UnansweredQuery.objects.values_list("locale", "hits")) == [("ar", 2), ("fr", 1)]
