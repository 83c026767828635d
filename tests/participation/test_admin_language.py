"""The back office in the editor's language: each request category listed once, dates written by Babel."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from home.communes import setup_editorial_groups
from pages import dates
from participation.categories import DEFAULT_CATEGORY_NAMES
from users.models import User

from .factories import service_request


def relations_officer(town, language):
    """The relations-with-citizens office of ``town``, working in the admin in ``language``."""
    user = User.objects.create_user(f"relations-{language}", f"relations-{language}@example.ma", "x")
    user.groups.add(setup_editorial_groups(town.root_page)["relations"])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def category_options(html):
    select = re.search(r'<select name="category"[^>]*>(.*?)</select>', html, re.S).group(1)
    return [
        label.strip() for value, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select) if value
    ]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_inbox_category_filter_lists_each_category_once_in_the_editors_language(client, town, language):
    client.force_login(relations_officer(town, language))

    html = client.get(reverse("participation_requests:index")).content.decode()

    options = category_options(html)
    names = DEFAULT_CATEGORY_NAMES[language]
    assert sorted(options) == sorted(name for key, name in names.items() if key != "Allo citizen")
    assert len(options) == len(set(options))


def test_inbox_category_filter_keeps_the_items_of_that_category(client, town):
    lighting = service_request(town, code="public-lighting")
    cleanliness = service_request(town, code="cleanliness")
    client.force_login(relations_officer(town, "fr"))

    html = client.get(reverse("participation_requests:index"), {"category": "cleanliness"}).content.decode()

    assert cleanliness.tracking_code in html
    assert lighting.tracking_code not in html


def test_inbox_and_inspect_view_write_dates_through_babel_in_the_editors_language(client, town):
    received = timezone.make_aware(datetime.datetime(2026, 8, 4, 9, 30))
    item = service_request(town, received_at=received)
    item.refresh_from_db()
    client.force_login(relations_officer(town, "ar"))

    listing = client.get(reverse("participation_requests:index")).content.decode()
    inspect = client.get(reverse("participation_requests:inspect", args=[item.pk])).content.decode()
    edit = client.get(reverse("participation_requests:edit", args=[item.pk])).content.decode()

    for html in (listing, inspect, edit):
        assert dates.format_datetime(item.received_at, "ar") in html
        assert dates.format_date(item.answer_due_on, "ar") in html
        assert "غشت" in html
        assert "أغسطس" not in html


def test_other_admin_listings_write_dates_through_babel(client, town):
    from workdays.models import HolidayOverride

    HolidayOverride.objects.create(commune=town, name="Moussem", date=datetime.date(2026, 8, 20))
    client.force_login(User.objects.create_superuser("chef", "chef@example.ma", "x"))
    profile = UserProfile.get_for_user(User.objects.get(username="chef"))
    profile.preferred_language = "ar"
    profile.save()

    html = client.get(reverse("holiday_corrections:index")).content.decode()

    assert dates.format_date(datetime.date(2026, 8, 20), "ar") in html


def test_request_record_reads_in_each_texts_direction_with_its_channel_named(client, town):
    item = service_request(town, source="open311")
    client.force_login(relations_officer(town, "ar"))

    edit = client.get(reverse("participation_requests:edit", args=[item.pk])).content.decode()
    inspect = client.get(reverse("participation_requests:inspect", args=[item.pk])).content.decode()

    assert "تطبيق عبر Open311" in edit
    assert re.search(r"<dd><bdi>\s*Le lampadaire", edit)
    assert re.search(r"<dd>\s*<bdi>\s*Le lampadaire", inspect)
    assert "Idempotency key" not in inspect
    assert not re.search(r"<dd[^>]*>\s*None\s*</dd>", inspect)


def test_inbox_filters_are_named_alike_and_the_channel_is_chosen_from_a_list(client, town):
    web = service_request(town)
    open311 = service_request(town, source="open311")
    client.force_login(relations_officer(town, "fr"))

    html = client.get(reverse("participation_requests:index"), {"source": "open311"}).content.decode()

    assert open311.tracking_code in html and web.tracking_code not in html
    assert re.search(r'<select name="source"[^>]*>.*formulaire du portail.*</select>', html, re.S)
    assert "Statut" in html and "Catégorie" in html and "En retard" in html
