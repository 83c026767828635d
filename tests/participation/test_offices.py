"""The offices a commune runs participation with: each does its job, in its own commune, and nothing else."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from home.communes import create_commune, setup_editorial_groups
from participation.enums import InformationStatus, PetitionStatus, RequestStatus
from participation.models import Department, InformationRequest, Petition, ServiceRequest
from participation.offices import OFFICES, PETITION_PERMISSIONS
from users.models import User

from .conftest import make_town
from .factories import information_request, petition, service_request

PASSWORD = "office-password-1"


@pytest.fixture
def communes(db, participation_settings):
    mail.outbox = []
    first = make_town()
    home = create_commune(slug="imi", hostname="imi.testserver", name_ar="جماعة إيمي", name_fr="Commune d'Imi")
    second = Site.objects.get(root_page=home)
    return {1: (first, setup_editorial_groups(first.root_page)), 2: (second, setup_editorial_groups(second.root_page))}


def member(communes, commune, office, username):
    user = User.objects.create_user(username, f"{username}@example.ma", PASSWORD)
    user.groups.add(communes[commune][1][office])
    return user


def refused(response):
    """Wagtail answers a missing permission with a redirect to the dashboard, a forbidden object with 403/404."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def logged_in(client, user):
    response = client.post(reverse("wagtailadmin_login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return client


@pytest.fixture
def items(communes):
    first, second = communes[1][0], communes[2][0]
    return {
        "mine": service_request(first, description="Lampadaire éteint rue des Écoles", name="Amina Tazi"),
        "other": service_request(second, description="Fuite d'eau à Imi", name="Brahim Outaleb", email="b@o.ma"),
        "info": information_request(first, applicant_name="Rachid Alaoui"),
        "other_info": information_request(second, applicant_name="Zineb Amzil", national_id="ZZ999999"),
    }


def test_each_office_holds_exactly_the_permissions_it_needs(communes):
    for commune in (1, 2):
        groups = communes[commune][1]
        for key, (_label, codenames) in OFFICES.items():
            held = {f"{p.content_type.app_label}.{p.codename}" for p in groups[key].permissions.all()}
            assert held == {"wagtailadmin.access_admin", *(f"participation.{c}" for c in codenames)}
            assert not groups[key].page_permissions.exists()
            assert not groups[key].collection_permissions.exists()


def test_relations_office_processes_a_complaint_of_its_commune_only(client, communes, items):
    officer = member(communes, 1, "relations", "relations")
    logged_in(client, officer)
    mine = items["mine"]
    department = Department.objects.create(commune=communes[1][0], name="Service de l'éclairage")

    inbox = client.get(reverse("participation_requests:index"))
    assert inbox.status_code == 200
    assert mine.tracking_code in inbox.content.decode()

    inspect = client.get(reverse("participation_requests:inspect", args=[mine.pk]))
    assert inspect.status_code == 200 and "Amina Tazi" in inspect.content.decode()

    edit_url = reverse("participation_requests:edit", args=[mine.pk])
    form = client.get(edit_url)
    assert form.status_code == 200

    response = client.post(
        edit_url,
        {
            "department": department.pk,
            "new_status": RequestStatus.IN_PROGRESS,
            "public_note": "Votre demande est prise en charge par le service de l'éclairage.",
            "internal_note": "Appeler l'ONEE avant jeudi.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mine.refresh_from_db()
    assert mine.status == RequestStatus.IN_PROGRESS and mine.department == department
    assert mine.history.get().public_note.startswith("Votre demande")
    assert mine.history.get().changed_by == officer
    assert set(mine.internal_notes.values_list("text", flat=True)) >= {"Appeler l'ONEE avant jeudi."}

    closing = client.post(edit_url, {"department": department.pk, "new_status": RequestStatus.ANSWERED,
                                     "public_note": "Le lampadaire a été réparé."})  # fmt: skip
    assert closing.status_code == 302
    mine.refresh_from_db()
    assert mine.status == RequestStatus.ANSWERED and mine.closed_at is not None

    export = client.get(reverse("participation_requests:index"), {"export": "csv"})
    assert export.status_code == 200
    csv_body = b"".join(export.streaming_content).decode()
    assert mine.tracking_code in csv_body and "Lampadaire" not in csv_body  # the export leaves the text out
    xlsx = client.get(reverse("participation_requests:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200

    # Complaints only: information requests, petitions and the pages are other offices' work.
    assert refused(client.get(reverse("participation_information:index")))
    assert refused(client.get(reverse("participation_petitions:index")))
    assert refused(client.get(reverse("wagtailadmin_explore_root")))


def test_relations_office_sees_the_late_items_of_its_commune(client, communes, items):
    late = service_request(communes[1][0], received_at=timezone.now() - datetime.timedelta(days=120))
    service_request(communes[2][0], received_at=timezone.now() - datetime.timedelta(days=120))
    logged_in(client, member(communes, 1, "relations", "relations"))
    overdue = client.get(reverse("participation_requests:index"), {"overdue": "true"}).content.decode()
    assert late.tracking_code in overdue
    assert "participation-late-heading" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_information_officer_answers_information_requests_only(client, communes, items):
    officer = member(communes, 1, "information", "information")
    logged_in(client, officer)
    info = items["info"]

    listing = client.get(reverse("participation_information:index")).content.decode()
    assert info.tracking_code in listing
    response = client.post(
        reverse("participation_information:edit", args=[info.pk]),
        {"new_status": InformationStatus.GRANTED, "answer_text": "Le budget est joint à cette réponse."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert InformationRequest.objects.get(pk=info.pk).status == InformationStatus.GRANTED
    export = b"".join(
        client.get(reverse("participation_information:index"), {"export": "csv"}).streaming_content
    ).decode()
    assert info.tracking_code in export

    assert refused(client.get(reverse("participation_requests:index")))
    assert refused(client.get(reverse("participation_requests:edit", args=[items["mine"].pk])))
    assert refused(client.get(reverse("participation_petitions:index")))


def test_moderator_approves_pages_but_cannot_open_the_inbox(client, communes, items):
    moderator = member(communes, 1, "moderators", "moderator")
    logged_in(client, moderator)
    assert refused(client.get(reverse("participation_requests:index")))
    assert refused(client.get(reverse("participation_information:index")))
    home = communes[1][0].root_page
    assert home.permissions_for_user(moderator).can_publish()
    assert client.get(reverse("wagtailadmin_explore", args=[home.pk])).status_code == 200


def test_offices_are_created_once(communes):
    first = communes[1][0]
    before = {key: set(group.permissions.values_list("pk", flat=True)) for key, group in communes[1][1].items()}
    again = setup_editorial_groups(first.root_page)
    assert {key: group.pk for key, group in again.items()} == {key: g.pk for key, g in communes[1][1].items()}
    assert {key: set(group.permissions.values_list("pk", flat=True)) for key, group in again.items()} == before
    assert Permission.objects.filter(group__in=again.values()).exists()


def test_each_office_sees_and_changes_its_own_commune_only(client, communes, items):
    scope = pytest.importorskip("tenancy.scope", reason="the commune rule lives in the tenancy app")
    for commune in (1, 2):
        for office in OFFICES:
            user = member(communes, commune, office, f"{office}-{commune}")
            assert set(scope.communes_of(user)) == {communes[commune][0]}

    logged_in(client, User.objects.get(username="relations-1"))
    mine, other = items["mine"], items["other"]
    inbox = client.get(reverse("participation_requests:index")).content.decode()
    assert mine.tracking_code in inbox and other.tracking_code not in inbox
    csv_body = b"".join(client.get(reverse("participation_requests:index"), {"export": "csv"}).streaming_content)
    assert mine.tracking_code in csv_body.decode() and other.tracking_code not in csv_body.decode()
    for name in ("edit", "inspect"):
        assert client.get(reverse(f"participation_requests:{name}", args=[other.pk])).status_code in (403, 404)
    attempt = client.post(reverse("participation_requests:edit", args=[other.pk]), {"new_status": "rejected"})
    assert attempt.status_code in (403, 404)
    assert ServiceRequest.objects.get(pk=other.pk).status == RequestStatus.RECEIVED

    client.logout()
    logged_in(client, User.objects.get(username="information-1"))
    listing = client.get(reverse("participation_information:index")).content.decode()
    assert items["info"].tracking_code in listing and items["other_info"].tracking_code not in listing


def test_council_secretariat_processes_the_petitions_of_its_commune_only(client, communes):
    held = {p.codename for p in communes[1][1]["council"].permissions.filter(content_type__app_label="participation")}
    assert held == set(PETITION_PERMISSIONS)
    mine = petition(communes[1][0], title="Un terrain de sport au quartier Al Amal")
    other = petition(communes[2][0], title="Une bibliothèque à Imi", filer_name="Brahim Outaleb")
    secretary = member(communes, 1, "council", "secretary")
    logged_in(client, secretary)

    listing = client.get(reverse("participation_petitions:index")).content.decode()
    assert "Un terrain de sport" in listing and "Une bibliothèque" not in listing
    inspect = client.get(reverse("participation_petitions:edit", args=[mine.pk]))
    assert inspect.status_code == 200 and "Karim Idrissi" in inspect.content.decode()
    response = client.post(
        reverse("participation_petitions:edit", args=[mine.pk]), {"new_status": PetitionStatus.COLLECTING}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Petition.objects.get(pk=mine.pk).status == PetitionStatus.COLLECTING
    export = b"".join(
        client.get(reverse("participation_petitions:index"), {"export": "csv"}).streaming_content
    ).decode()
    assert mine.tracking_code in export and other.tracking_code not in export

    for name in ("edit", "delete"):
        assert refused(client.get(reverse(f"participation_petitions:{name}", args=[other.pk])))
    attempt = client.post(
        reverse("participation_petitions:edit", args=[other.pk]), {"new_status": PetitionStatus.REJECTED}
    )
    assert refused(attempt)
    assert Petition.objects.get(pk=other.pk).status == PetitionStatus.PROPOSED
    assert "Brahim Outaleb" not in attempt.content.decode()
    # Petitions, not the complaints inbox nor information requests.
    assert refused(client.get(reverse("participation_requests:index")))
    assert refused(client.get(reverse("participation_information:index")))


def test_existing_council_secretariats_are_given_the_petitions(communes):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("participation.migrations.0007_council_secretariat_processes_petitions")
    council = communes[2][1]["council"]
    council.permissions.remove(*council.permissions.filter(codename__in=PETITION_PERMISSIONS))
    migration.grant_petitions(apps, None)
    held = {p.codename for p in council.permissions.filter(content_type__app_label="participation")}
    assert held == set(PETITION_PERMISSIONS)
    assert not communes[2][1]["relations"].permissions.filter(codename__in=PETITION_PERMISSIONS).exists()
