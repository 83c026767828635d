"""Each workflow moves only along the paths the law and the commune's practice allow."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from directory.models import Organization, OrganizationKind
from pages.enums import SessionKind
from pages.models import CouncilPage, CouncilSessionPage
from participation.enums import InformationStatus, PetitionFiler, PetitionStatus, RefusalGround, RequestStatus
from participation.models import InvalidTransition, PetitionSignature, StatusChange
from participation.models.petitions import signature_threshold

from .factories import information_request, petition, service_request


def test_request_status_change_is_recorded_and_mailed(town, django_capture_on_commit_callbacks):
    item = service_request(town)
    with django_capture_on_commit_callbacks(execute=True):
        item.change_status(RequestStatus.IN_PROGRESS, public_note="Une équipe passera jeudi.", internal_note="Lot 4")
    item.refresh_from_db()
    assert item.status == RequestStatus.IN_PROGRESS
    assert list(item.history.values_list("from_status", "to_status")) == [("received", "in_progress")]
    assert item.internal_notes.get().text == "Lot 4"
    assert len(mail.outbox) == 1
    assert item.tracking_code in mail.outbox[0].subject
    assert "Une équipe passera jeudi." in mail.outbox[0].body


def test_closing_a_request_sets_closed_at_and_reopening_clears_it(town):
    item = service_request(town)
    item.change_status(RequestStatus.ANSWERED, public_note="Réparé.")
    assert item.closed_at is not None and item.answered_on_time
    item.change_status(RequestStatus.IN_PROGRESS)
    item.refresh_from_db()
    assert item.closed_at is None


@pytest.mark.parametrize(
    ("path", "forbidden"),
    [
        ([], RequestStatus.RECEIVED),
        ([RequestStatus.REJECTED], RequestStatus.IN_PROGRESS),
        ([RequestStatus.ANSWERED], RequestStatus.INCOMPLETE),
        ([RequestStatus.IN_PROGRESS], RequestStatus.RECEIVED),
    ],
)
def test_forbidden_request_transitions_are_refused_and_leave_no_trace(town, path, forbidden):
    item = service_request(town)
    for status in path:
        item.change_status(status)
    with pytest.raises(InvalidTransition):
        item.change_status(forbidden)
    assert StatusChange.objects.filter(request=item).count() == len(path)


def test_signature_threshold_follows_population_and_arrondissements():
    class Settings:
        def __init__(self, population, has_arrondissements=False):
            self.population, self.has_arrondissements = population, has_arrondissements

    assert signature_threshold(Settings(34_999)) == 100
    assert signature_threshold(Settings(35_000)) == 200
    assert signature_threshold(Settings(900_000, has_arrondissements=True)) == 400
    assert signature_threshold(Settings(None)) == 200


def test_petition_takes_the_communes_threshold(town):
    assert petition(town).signature_threshold == 100


def test_young_association_cannot_file_a_petition(town):
    young = Organization.objects.create(
        commune=town, name="Jeunes d'Amal", kind=OrganizationKind.ASSOCIATION, founded_on=datetime.date.today()
    )
    item = petition(town, filer_kind=PetitionFiler.ASSOCIATION, association=young)
    with pytest.raises(ValidationError):
        item.full_clean()
    old = Organization.objects.create(
        commune=town, name="Amis de Tafraout", kind=OrganizationKind.ASSOCIATION, founded_on=datetime.date(2015, 1, 1)
    )
    item.association = old
    item.full_clean()


def test_petition_cannot_be_filed_below_the_threshold(town):
    item = petition(town)
    item.change_status(PetitionStatus.COLLECTING)
    with pytest.raises(ValidationError):
        item.change_status(PetitionStatus.FILED)
    PetitionSignature.objects.bulk_create(
        PetitionSignature(petition=item, name=f"Citoyen {n}", national_id=f"AB{n:06d}") for n in range(100)
    )
    item.change_status(PetitionStatus.FILED, today=datetime.date(2025, 1, 15))
    assert item.review_due_on == datetime.date(2025, 4, 15)


def test_accepted_petition_goes_on_the_next_ordinary_session(town):
    council = town.root_page.add_child(instance=CouncilPage(title="المجلس", slug="council"))
    may = council.add_child(
        instance=CouncilSessionPage(
            title="دورة ماي", slug="may", kind=SessionKind.ORDINARY, start_date=datetime.date(2025, 5, 5)
        )
    )
    item = petition(town)
    item.change_status(PetitionStatus.COLLECTING)
    PetitionSignature.objects.bulk_create(
        PetitionSignature(petition=item, name=f"C {n}", national_id=f"CD{n:06d}") for n in range(100)
    )
    item.change_status(PetitionStatus.FILED, today=datetime.date(2025, 2, 20))
    with pytest.raises(ValidationError):
        item.change_status(PetitionStatus.ACCEPTED, reasons="  ", today=datetime.date(2025, 3, 1))
    item.change_status(PetitionStatus.ACCEPTED, reasons="Intérêt général.", today=datetime.date(2025, 3, 1))
    item.refresh_from_db()
    assert item.agenda_session_id == may.pk
    with pytest.raises(InvalidTransition):
        item.change_status(PetitionStatus.REJECTED, reasons="x")


def test_proposed_petition_cannot_jump_to_accepted(town):
    with pytest.raises(InvalidTransition):
        petition(town).change_status(PetitionStatus.ACCEPTED, reasons="x")


def test_information_request_extends_once_by_twenty_working_days(town):
    item = information_request(town)
    first_due = item.due_on
    with pytest.raises(ValidationError):
        item.change_status(InformationStatus.EXTENDED)
    item.change_status(InformationStatus.EXTENDED, reason="Documents aux archives.")
    assert item.due_on > first_due + datetime.timedelta(days=25)
    with pytest.raises(InvalidTransition):
        item.change_status(InformationStatus.EXTENDED, reason="Encore.")


def test_urgent_information_request_cannot_be_extended(town):
    with pytest.raises(ValidationError):
        information_request(town, urgent=True).change_status(InformationStatus.EXTENDED, reason="x")


def test_refusal_needs_a_listed_legal_ground(town):
    item = information_request(town)
    with pytest.raises(ValidationError):
        item.change_status(InformationStatus.REFUSED, answer="Non.", ground="because")
    item.change_status(
        InformationStatus.REFUSED, answer="Données personnelles de tiers.", ground=RefusalGround.PRIVATE_LIFE
    )
    item.refresh_from_db()
    assert item.status == InformationStatus.REFUSED and item.answered_at
    with pytest.raises(InvalidTransition):
        item.change_status(InformationStatus.GRANTED, answer="Finalement oui.")
