"""Registers are council records: drafts, revisions, the commune's moderation workflow, locking, preview.

A change to who sits on the council is reviewed like a page: the secretariat drafts it and submits
it, the public site and the API keep showing the published version until a moderator approves it.
"""

import json

import pytest
from django.urls import reverse
from wagtail.models import Locale, Revision, WorkflowState

from directory.models import Membership, MembershipRole, OrganizationKind
from pages.models import CouncilPage, DirectoryPage

from .factories import FacilityFactory, MembershipFactory, OrganizationFactory, PersonFactory, UserFactory
from .utils import build_commune, path_of

PUBLISHED_NAME = "نادية البقالي"
BIOGRAPHY = json.dumps(
    {
        "blocks": [
            {
                "key": "b1o2g",
                "type": "unstyled",
                "depth": 0,
                "text": "مستشارة جماعية",
                "inlineStyleRanges": [],
                "entityRanges": [],
            }
        ],
        "entityMap": {},
    }
)
DRAFT_NAME = "نادية البقالي التمسماني"


@pytest.fixture(scope="module")
def communes(module_db):
    first = build_commune(slug="tanja", hostname="tanja.localhost", with_groups=True)
    second = build_commune(
        slug="tetouan",
        hostname="tetouan.localhost",
        name_ar="جماعة تطوان",
        name_fr="Commune de Tétouan",
        with_groups=True,
    )
    return first, second


@pytest.fixture(scope="module")
def council(communes):
    """Tanja's council with one councillor, shown on its council page."""
    tanja = communes[0]
    body = OrganizationFactory(name="المجلس الجماعي لطنجة", kind=OrganizationKind.COUNCIL, commune=tanja.site)
    councillor = PersonFactory(name=PUBLISHED_NAME, commune=tanja.site, biography="")
    MembershipFactory(person=councillor, organization=body, role=MembershipRole.VICE_PRESIDENT, rank=2)
    council_page = tanja.sections[CouncilPage]
    council_page.council = body
    council_page.save_revision().publish()
    return {"body": body, "councillor": councillor, "page": council_page}


@pytest.fixture
def tanja(communes):
    return communes[0]


@pytest.fixture
def tetouan(communes):
    return communes[1]


def member_of(group):
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.fixture
def secretary(db, tanja):
    return member_of(tanja.groups["council"])


@pytest.fixture
def moderator(db, tanja):
    return member_of(tanja.groups["moderators"])


def person_form(person, **changes):
    data = {
        "commune": person.commune_id,
        "name": person.name,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "photo": "",
        "party": person.party,
        "biography": BIOGRAPHY,
        "email": person.email,
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return data


def public_council(client, council):
    return client.get(path_of(council["page"]), HTTP_HOST="tanja.localhost").content.decode()


def api_person(client, person):
    response = client.get(f"/api/persons/{person.pk}")
    assert response.status_code == 200
    return response.json()["name"]


def submit_draft(client, user, person, name):
    client.force_login(user)
    response = client.post(
        reverse("wagtailsnippets_directory_person:edit", args=[person.pk]),
        person_form(person, name=name, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()


def test_a_draft_change_to_a_councillor_is_not_public_until_a_moderator_approves_it(
    client, council, secretary, moderator
):
    councillor = council["councillor"]
    assert PUBLISHED_NAME in public_council(client, council)

    submit_draft(client, secretary, councillor, DRAFT_NAME)

    councillor.refresh_from_db()
    assert councillor.live
    assert councillor.has_unpublished_changes
    assert councillor.workflow_in_progress
    assert councillor.name == PUBLISHED_NAME
    assert councillor.get_latest_revision_as_object().name == DRAFT_NAME
    assert DRAFT_NAME not in public_council(client, council)
    assert api_person(client, councillor) == PUBLISHED_NAME

    state = councillor.current_workflow_state
    task_state = state.current_task_state
    task = task_state.task.specific
    assert "approve" not in {action[0] for action in task.get_actions(councillor, secretary)}
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailsnippets_directory_person:workflow_action",
            args=[councillor.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    client.logout()

    councillor.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert not councillor.has_unpublished_changes
    assert councillor.name == DRAFT_NAME
    assert DRAFT_NAME in public_council(client, council)
    assert api_person(client, councillor) == DRAFT_NAME


def test_the_secretariat_drafts_and_submits_but_only_moderators_publish_registers(secretary, moderator):
    for model in ("person", "organization", "membership", "facility"):
        assert secretary.has_perm(f"directory.change_{model}")
        assert not secretary.has_perm(f"directory.publish_{model}")
        assert moderator.has_perm(f"directory.publish_{model}")


def test_publishing_directly_is_refused_to_the_secretariat(client, council, secretary):
    councillor = PersonFactory(name="رشيد الأندلسي", commune=council["body"].commune)
    client.force_login(secretary)

    client.post(
        reverse("wagtailsnippets_directory_person:edit", args=[councillor.pk]),
        person_form(councillor, name="رشيد الأندلسي المنشور", **{"action-publish": "publish"}),
    )

    councillor.refresh_from_db()
    assert councillor.name == "رشيد الأندلسي"


def test_every_saved_change_is_a_revision_shown_in_the_history(client, council, secretary):
    councillor = PersonFactory(name="سعاد الريفي", commune=council["body"].commune)
    client.force_login(secretary)
    url = reverse("wagtailsnippets_directory_person:edit", args=[councillor.pk])

    for name in ("سعاد الريفي (1)", "سعاد الريفي (2)"):
        response = client.post(url, person_form(councillor, name=name))
        assert response.status_code == 302

    assert list(councillor.revisions.order_by("created_at").values_list("content__name", flat=True)) == [
        "سعاد الريفي (1)",
        "سعاد الريفي (2)",
    ]
    revisions = list(councillor.revisions.order_by("created_at").values_list("pk", flat=True))
    history = client.get(reverse("wagtailsnippets_directory_person:history", args=[councillor.pk])).content.decode()
    for pk in revisions:
        assert f"/history/{councillor.pk}/revisions/{pk}/view/" in history
    assert f"/revisions/compare/{revisions[0]}...{revisions[1]}/" in history


def test_each_register_follows_its_own_communes_workflow(council, tanja, tetouan):
    theirs = PersonFactory(commune=tetouan.site)
    membership = Membership.objects.get(person=council["councillor"])

    assert council["councillor"].get_workflow() == tanja.home.get_workflow()
    assert membership.get_workflow() == tanja.home.get_workflow()
    assert theirs.get_workflow() == tetouan.home.get_workflow()
    assert tanja.home.get_workflow() != tetouan.home.get_workflow()


def test_a_moderator_of_another_commune_cannot_approve(client, council, secretary, tetouan):
    councillor = PersonFactory(name="إدريس الطنجي", commune=council["body"].commune)
    submit_draft(client, secretary, councillor, "إدريس الطنجي المعدل")
    councillor.refresh_from_db()
    task_state = councillor.current_workflow_state.current_task_state
    outsider = member_of(tetouan.groups["moderators"])

    assert "approve" not in {action[0] for action in task_state.task.specific.get_actions(councillor, outsider)}


def test_entries_never_published_stay_off_the_portal_and_the_api(client, council, tanja):
    draft_facility = FacilityFactory(name="ملحقة إدارية قيد الإعداد", commune=tanja.site, live=False)
    draft_association = OrganizationFactory(name="جمعية قيد الإعداد", commune=tanja.site, live=False)
    published_facility = FacilityFactory(name="ملحقة إدارية منشورة", commune=tanja.site)
    directory = path_of(tanja.sections[DirectoryPage])

    page = client.get(directory, HTTP_HOST="tanja.localhost").content.decode()
    facilities = client.get("/api/facilities", {"commune": tanja.site.pk, "limit": 100}).json()["results"]
    organizations = client.get("/api/organizations", {"commune": tanja.site.pk, "limit": 100}).json()["results"]

    assert published_facility.name in page
    assert draft_facility.name not in page
    assert draft_association.name not in page
    assert published_facility.pk in {item["id"] for item in facilities}
    assert draft_facility.pk not in {item["id"] for item in facilities}
    assert draft_association.pk not in {item["id"] for item in organizations}
    assert client.get(f"/api/facilities/{draft_facility.pk}").status_code == 404


def test_membership_of_an_unpublished_person_is_not_public(client, council):
    hidden = PersonFactory(name="عضو غير منشور", commune=council["body"].commune, live=False)
    membership = MembershipFactory(person=hidden, organization=council["body"])

    assert membership not in Membership.objects.live()
    assert client.get(f"/api/memberships/{membership.pk}").status_code == 404
    assert "عضو غير منشور" not in public_council(client, council)


def test_unpublishing_an_entry_withdraws_it_from_the_change_feed(client, council):
    councillor = PersonFactory(name="مستشار سابق", commune=council["body"].commune)

    councillor.unpublish()

    items = client.get("/api/changes", {"types": "persons", "limit": 500}).json()["items"]
    mine = [item for item in items if item["id"] == councillor.pk]
    assert [item["action"] for item in mine] == ["unpublished"]
    assert client.get(f"/api/persons/{councillor.pk}").status_code == 404


@pytest.mark.parametrize(
    ("factory", "expected"),
    [
        (lambda site: PersonFactory(name="معاينة شخص", commune=site), "معاينة شخص"),
        (lambda site: OrganizationFactory(name="معاينة جمعية", commune=site), "معاينة جمعية"),
        (
            lambda site: MembershipFactory(
                person=PersonFactory(name="معاينة عضو", commune=site), label="نائب الرئيس المكلف بالتعمير"
            ),
            "نائب الرئيس المكلف بالتعمير",
        ),
        (lambda site: FacilityFactory(name="معاينة مرفق", commune=site), "معاينة مرفق"),
    ],
    ids=["person", "organization", "membership", "facility"],
)
def test_every_register_has_its_own_preview(tanja, factory, expected):
    entry = factory(tanja.site)

    response = entry.make_preview_request()

    assert response.status_code == 200
    body = response.content.decode()
    assert expected in body
    assert 'lang="ar" dir="rtl"' in body


def test_preview_in_the_admin_shows_the_unsaved_edit(client, council, secretary):
    councillor = council["councillor"]
    client.force_login(secretary)
    url = reverse("wagtailsnippets_directory_person:preview_on_edit", args=[councillor.pk])

    posted = client.post(url, person_form(councillor, name="اسم في المعاينة فقط"))
    shown = client.get(url)

    assert json.loads(posted.content)["is_valid"] is True
    assert "اسم في المعاينة فقط" in shown.content.decode()
    councillor.refresh_from_db()
    assert councillor.name != "اسم في المعاينة فقط"


def test_an_entry_being_edited_can_be_locked_against_other_editors(client, council, secretary, moderator):
    facility = FacilityFactory(commune=council["body"].commune)
    client.force_login(secretary)

    client.post(reverse("wagtailsnippets_directory_facility:lock", args=[facility.pk]))

    facility.refresh_from_db()
    assert facility.locked
    assert facility.locked_by == secretary
    assert facility.get_lock().for_user(moderator)


def test_a_translation_starts_its_own_history(council):
    councillor = council["councillor"]
    councillor.save_revision().publish()
    french = Locale.objects.get_or_create(language_code="fr")[0]

    translation = councillor.copy_for_translation(french)
    translation.save()

    assert translation.live
    assert translation.live_revision is None
    assert not translation.locked
    assert not Revision.objects.filter(
        object_id=str(translation.pk), base_content_type=councillor.get_base_content_type()
    ).exists()
