"""The editors' report of frequent queries and queries without results."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from search.models import UnansweredQuery


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(username="editor", password="x")
    group = Group.objects.create(name="search editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="wagtailsearchpromotions", codename="add_searchpromotion"),
    )
    user.groups.add(group)
    return user


def test_report_lists_frequent_and_unanswered_queries(client, editor):
    for _ in range(3):
        Query.get("رخصة البناء").add_hit()
    Query.get("permis").add_hit()
    UnansweredQuery.record("زرافة", "ar")
    UnansweredQuery.record("زرافة", "ar")
    old = timezone.localdate() - datetime.timedelta(days=60)
    UnansweredQuery.record("قديم", "ar", date=old)
    client.force_login(editor)

    response = client.get(reverse("search_queries_report"))

    assert response.status_code == 200
    assert [(row["query__query_string"], row["total"]) for row in response.context["frequent"]] == [
        ("رخصة البناء", 3),
        ("permis", 1),
    ]
    assert [(row["query_string"], row["total"]) for row in response.context["unanswered"]] == [("زرافة", 2)]
    longer = client.get(reverse("search_queries_report"), {"days": 90}).context["unanswered"]
    assert {row["query_string"] for row in longer} == {"زرافة", "قديم"}


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
