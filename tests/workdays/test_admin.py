"""Holiday corrections in the admin: each commune's staff see and change only their commune's."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Site

from home.communes import create_commune, setup_editorial_groups
from users.models import User
from workdays.models import HolidayOverride


@pytest.fixture
def two_communes(town):
    other_home = create_commune(
        slug="tiznit", hostname="tiznit.test", name_ar="جماعة تيزنيت", name_fr="Commune de Tiznit"
    )
    return town, Site.objects.get(root_page=other_home)


@pytest.fixture
def secretary(client, two_communes):
    town, _other = two_communes
    groups = setup_editorial_groups(town.root_page)
    user = User.objects.create_user("secretariat", "secretariat@example.ma", "x")
    user.groups.add(groups["council"])
    client.force_login(user)
    return client


def test_a_superuser_adds_a_national_correction(client, town):
    client.force_login(User.objects.create_superuser("chef", "chef@example.ma", "x"))
    response = client.post(
        reverse("holiday_corrections:add"),
        {"name": "Aïd Al Adha", "date": "2026-05-29", "kind": "day_off", "commune": ""},
    )
    assert response.status_code == 302
    assert HolidayOverride.objects.get(name="Aïd Al Adha").commune is None


def test_a_secretary_sees_only_the_corrections_of_their_commune(secretary, two_communes):
    town, other = two_communes
    own = HolidayOverride.objects.create(name="Moussem de Tafraout", date=datetime.date(2026, 9, 7), commune=town)
    theirs = HolidayOverride.objects.create(name="Moussem de Tiznit", date=datetime.date(2026, 9, 8), commune=other)
    national = HolidayOverride.objects.create(name="Aïd", date=datetime.date(2026, 5, 29))

    body = secretary.get(reverse("holiday_corrections:index")).content.decode()
    assert own.name in body
    assert theirs.name not in body and national.name not in body
    assert other.site_name not in body
    form = secretary.get(reverse("holiday_corrections:add"), follow=True).content.decode()
    assert town.site_name in form and other.site_name not in form
    for refused in (theirs, national):
        response = secretary.get(reverse("holiday_corrections:edit", args=[refused.pk]), follow=True)
        assert response.status_code in (403, 404)
    assert secretary.get(reverse("holiday_corrections:edit", args=[own.pk]), follow=True).status_code == 200


def test_a_secretary_cannot_file_a_correction_for_another_commune(secretary, two_communes):
    town, other = two_communes
    url = reverse("holiday_corrections:add")
    for commune in (other.pk, ""):
        response = secretary.post(
            url, {"name": "Moussem", "date": "2026-09-08", "kind": "day_off", "commune": commune}
        )
        assert response.status_code == 200
    assert not HolidayOverride.objects.exists()

    response = secretary.post(url, {"name": "Moussem", "date": "2026-09-08", "kind": "day_off", "commune": town.pk})
    assert response.status_code == 302
    assert HolidayOverride.objects.get().commune == town
