"""The one rule, piece by piece: who works for which commune, and what each admin surface shows them."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from participation.models import ServiceRequest
from tenancy.models import CommuneGroup
from tenancy.scope import communes_of, path_for_pages, scope
from users.models import User

from .communes import build_two_communes


@pytest.fixture(scope="module")
def world(module_db):
    return build_two_communes()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_superusers_work_for_every_commune_and_nobody_else_does_by_default(world, db):
    assert set(communes_of(world.superuser)) == set(Site.objects.all())
    assert list(communes_of(AnonymousUser())) == []
    stranger = User.objects.create_user(username="stranger", password="x")
    assert list(communes_of(stranger)) == []
    assert scope(ServiceRequest.objects.all(), stranger).count() == 0


def test_staff_work_for_the_communes_of_their_groups(world, db):
    assert list(communes_of(world.staff)) == [world.two.site]
    assert list(scope(ServiceRequest.objects.all(), world.staff)) == [world.two.request]
    inactive = User.objects.get(pk=world.staff.pk)
    inactive.is_active = False
    assert list(communes_of(inactive)) == []


def test_pages_are_scoped_by_the_communes_trees(world, db):
    from wagtail.models import Page

    own = scope(Page.objects.all(), world.staff, path_for_pages())
    assert world.two.draft.pk in set(own.values_list("pk", flat=True))
    assert world.one.draft.pk not in set(own.values_list("pk", flat=True))


def test_setup_editorial_groups_ties_the_offices_to_their_commune(world, db):
    for group in world.one.groups.values():
        assert list(CommuneGroup.objects.filter(group=group).values_list("site", flat=True)) == [world.one.site.pk]


def test_only_superusers_decide_who_works_for_which_commune(world, db):
    url = reverse("commune_groups:add")
    response = client_for(world.staff).post(url, {"group": world.staff.groups.first().pk, "site": world.one.site.pk})
    assert response.status_code in (302, 403)
    assert not CommuneGroup.objects.filter(group=world.staff.groups.first(), site=world.one.site).exists()
    assert client_for(world.superuser).get(url).status_code == 200


def test_staff_cannot_join_another_communes_office(world, db):
    moderators = world.one.groups["moderators"]
    url = reverse("wagtailusers_users:edit", args=[world.staff.pk])
    form = client_for(world.staff).get(url).content.decode()
    assert f'value="{moderators.pk}"' not in form
    client_for(world.staff).post(
        url,
        {
            "username": world.staff.username,
            "email": world.staff.email,
            "first_name": "E",
            "last_name": "T",
            "groups": [moderators.pk, *world.staff.groups.values_list("pk", flat=True)],
        },
    )
    assert not world.staff.groups.filter(pk=moderators.pk).exists()
    other_group = client_for(world.staff).get(reverse("wagtailusers_groups:edit", args=[moderators.pk]))
    assert other_group.status_code in (302, 403, 404)


def test_settings_open_on_the_users_own_commune(world, db):
    response = client_for(world.staff).get("/admin/settings/home/communesettings/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/communesettings/{world.two.site.pk}/")
    body = client_for(world.staff).get(response["Location"]).content.decode()
    assert "Qz2k Officer Name" in body
    other = client_for(world.staff).get(f"/admin/settings/home/communesettings/{world.one.site.pk}/")
    assert other.status_code in (302, 403, 404) and "Qz1k" not in other.content.decode()


def test_ratings_summary_and_dashboard_count_only_own_commune(world, db):
    summary = client_for(world.staff).get(reverse("participation_rating_summary")).content.decode()
    assert "Qz2k rating comment" in summary and "Qz1k" not in summary
    everyone = client_for(world.superuser).get(reverse("participation_rating_summary")).content.decode()
    assert "Qz1k rating comment" in everyone and "Qz2k rating comment" in everyone


def test_explorer_of_another_communes_page_is_refused(world, db):
    response = client_for(world.staff).get(reverse("wagtailadmin_explore", args=[world.one.home.pk]))
    assert response.status_code in (302, 403, 404)
    assert "Qz1k" not in response.content.decode()
    own = client_for(world.staff).get(reverse("wagtailadmin_explore", args=[world.two.home.pk])).content.decode()
    assert "Qz2k draft page" in own


def test_a_new_office_named_after_its_commune_joins_it(world, db):
    group = Group.objects.create(name=f"{world.one.site.site_name} — Relations with citizens")
    assert list(CommuneGroup.objects.filter(group=group).values_list("site", flat=True)) == [world.one.site.pk]


def test_registers_admin_search_finds_own_entries_only(world, db):
    from wagtail.search.backends import get_search_backend

    from directory.models import Person

    backend = get_search_backend()
    backend.add(world.one.person)
    backend.add(world.two.person)
    url = reverse("wagtailsnippets_directory_person:list")
    response = client_for(world.staff).get(url, {"q": "Councillor"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Qz2k Councillor Name" in body and "Qz1k" not in body
    assert Person.objects.count() == 2


def test_select_all_in_a_bulk_action_acts_on_own_commune_only(world, db):
    from directory.models import Facility

    url = reverse("wagtail_bulk_action", args=["directory", "facility", "delete"]) + "?id=all"
    confirm = client_for(world.staff).get(url)
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "Qz2k Facility" in body and "Qz1k" not in body
    response = client_for(world.staff).post(url)
    assert response.status_code == 302
    assert list(Facility.objects.values_list("name", flat=True)) == ["Qz1k Facility"]


def test_select_all_pages_lists_no_other_communes_page(world, db):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) + "?id=all"
    response = client_for(world.staff).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Qz2k" in body and "Qz1k" not in body


def test_a_bulk_action_naming_another_communes_object_is_refused(world, db):
    from directory.models import Facility

    url = reverse("wagtail_bulk_action", args=["directory", "facility", "delete"])
    response = client_for(world.staff).post(f"{url}?id={world.one.facility.pk}&id={world.two.facility.pk}")
    assert response.status_code == 403
    assert Facility.objects.count() == 2


def test_a_bulk_action_offers_only_own_communes_groups(world, db):
    url = reverse("wagtail_bulk_action", args=["users", "user", "assign_role"]) + "?id=all"
    response = client_for(world.staff).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert f'value="{world.two.groups["moderators"].pk}"' in body
    assert f'value="{world.one.groups["moderators"].pk}"' not in body
    assert world.one.staff.username not in body


def test_subscriptions_admin_filters_and_lists_own_commune_only(world, db):
    from subscriptions.models import Subscriber

    for commune in (world.one, world.two):
        Subscriber.objects.create(commune=commune.site, email=f"{commune.mark.lower()}-reader@example.ma")
    client = client_for(world.staff)
    listing = client.get(reverse("subscriptions_subscribers:index")).content.decode()
    assert "qz2k-reader@example.ma" in listing and "qz1k" not in listing
    messages = client.get(reverse("subscriptions_messages:index")).content.decode()
    assert f'value="{world.one.site.pk}"' not in messages
    other = Subscriber.objects.get(commune=world.one.site)
    assert client.get(reverse("subscriptions_subscribers:edit", args=[other.pk])).status_code == 403


def test_staff_of_no_commune_see_no_peer_whatever_their_permissions(world, db):
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Unattached — Network")
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=["network", "wagtailadmin"]))
    CommuneGroup.objects.filter(group=group).delete()
    user = User.objects.create_user(username="unattached", password="x")
    user.groups.add(group)
    client = client_for(user)
    assert "Qz1k" not in client.get(reverse("network_peers:index")).content.decode()
    assert client.get(reverse("network_peers:edit", args=[world.one.peer.pk])).status_code == 403
    form = client.get(reverse("network_peers:add")).content.decode()
    assert f'value="{world.one.site.pk}"' not in form


def test_the_admin_door_and_the_view_ask_the_database_once(world, db, django_assert_num_queries):
    from django.test import RequestFactory
    from django.urls import resolve

    from tenancy.middleware import CommuneAdminMiddleware
    from tenancy.scope import pk_in_scope

    door = CommuneAdminMiddleware(lambda request: None)

    def knock(url, user):
        request = RequestFactory().get(url)
        request.user = user
        request.resolver_match = resolve(url)
        match = request.resolver_match
        return door.process_view(request, match.func, match.args, match.kwargs)

    user = User.objects.get(pk=world.staff.pk)
    record = world.two.request
    with django_assert_num_queries(1):
        assert knock(reverse("participation_requests:edit", args=[record.pk]), user) is None
    with django_assert_num_queries(0):  # the view's own check reads the door's answer
        assert pk_in_scope(ServiceRequest, record.pk, user, "commune")

    user = User.objects.get(pk=world.staff.pk)
    with django_assert_num_queries(3):  # the page, the user's page permissions, their communes' trees
        assert knock(reverse("wagtailadmin_pages:edit", args=[world.two.draft.pk]), user) is None
    with django_assert_num_queries(1):  # then only the page
        assert knock(reverse("wagtailadmin_pages:edit", args=[world.two.locked.pk]), user) is None
