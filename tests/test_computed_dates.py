"""The dates the law times, computed from what editors enter."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pages.enums import ProjectStatus, SessionKind, SessionStatus, TenderStatus
from pages.models import CouncilSessionPage, ProjectPage, TenderPage
from workdays.calendar import add_working_days
from workdays.models import HolidayOverride

from .factories import (
    CouncilPageFactory,
    CouncilSessionPageFactory,
    HomePageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    TenderIndexPageFactory,
    TenderPageFactory,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture(scope="module")
def pages(module_db):
    from wagtail.models import Page

    home = HomePageFactory(parent=Page.get_first_root_node())
    return {
        "session": CouncilSessionPageFactory(parent=CouncilPageFactory(parent=home)).pk,
        "project": ProjectPageFactory(parent=ProjectIndexPageFactory(parent=home)).pk,
        "tender": TenderPageFactory(parent=TenderIndexPageFactory(parent=home)).pk,
    }


@pytest.fixture
def session(db, pages):
    return CouncilSessionPage.objects.get(pk=pages["session"])


@pytest.fixture
def project(db, pages):
    return ProjectPage.objects.get(pk=pages["project"])


@pytest.fixture
def tender(db, pages):
    return TenderPage.objects.get(pk=pages["tender"])


def error_fields(page):
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return set(caught.value.error_dict)


# Tenders


@pytest.mark.parametrize("status", [TenderStatus.PUBLISHED, TenderStatus.MODIFIED, TenderStatus.POSTPONED])
def test_tender_is_open_until_its_submission_deadline(tender, status):
    tender.status = status
    tender.submission_deadline = timezone.now() + datetime.timedelta(minutes=5)
    assert tender.is_open

    tender.submission_deadline = timezone.now() - datetime.timedelta(minutes=5)
    assert not tender.is_open


@pytest.mark.parametrize(
    "status",
    [TenderStatus.CANCELLED, TenderStatus.OPENED, TenderStatus.AWARDED, TenderStatus.UNSUCCESSFUL],
)
def test_tender_that_was_cancelled_or_decided_is_closed_before_its_deadline(tender, status):
    tender.status = status
    tender.submission_deadline = timezone.now() + datetime.timedelta(days=10)

    assert not tender.is_open
    assert tender.days_left is None


def test_tender_counts_whole_days_left_until_bids_are_due(tender):
    tender.submission_deadline = timezone.now() + datetime.timedelta(days=5, hours=3)

    assert tender.days_left == 5


def test_late_tender_has_no_days_left(tender):
    tender.submission_deadline = timezone.now() - datetime.timedelta(hours=1)

    assert tender.days_left is None


def test_opening_minutes_are_due_a_day_after_the_opening_session(tender):
    tender.opening_session = timezone.make_aware(datetime.datetime(2026, 4, 2, 10, 0))

    assert tender.opening_minutes_due_by == timezone.make_aware(datetime.datetime(2026, 4, 3, 10, 0))


def test_tender_cannot_be_due_before_it_is_published(tender):
    tender.published_on = datetime.date(2026, 4, 10)
    tender.submission_deadline = timezone.make_aware(datetime.datetime(2026, 4, 1, 10, 0))

    assert "submission_deadline" in error_fields(tender)


def test_awarded_tender_names_its_winner(tender):
    tender.status = TenderStatus.AWARDED
    tender.awardee = ""

    assert "awardee" in error_fields(tender)


# Council sessions


def test_session_starting_tomorrow_is_upcoming(session):
    session.start_date = timezone.localdate() + DAY
    session.end_date = timezone.localdate() + 3 * DAY

    assert session.status == SessionStatus.UPCOMING


@pytest.mark.parametrize(("starts", "ends"), [(-1, 1), (0, None), (-3, 0)])
def test_session_under_way_is_in_progress(session, starts, ends):
    today = timezone.localdate()
    session.start_date = today + starts * DAY
    session.end_date = None if ends is None else today + ends * DAY

    assert session.status == SessionStatus.IN_PROGRESS


def test_session_that_ended_yesterday_is_closed(session):
    session.start_date = timezone.localdate() - 5 * DAY
    session.end_date = timezone.localdate() - DAY

    assert session.status == SessionStatus.CLOSED
    assert session.get_status_display() == SessionStatus.CLOSED.label


@pytest.mark.parametrize("month", [2, 5, 10])
def test_ordinary_session_opens_in_february_may_or_october(session, month):
    session.kind = SessionKind.ORDINARY
    session.start_date = datetime.date(2026, month, 2)
    session.end_date = datetime.date(2026, month, 9)

    session.clean()


def test_ordinary_session_opening_in_march_is_refused(session):
    session.kind = SessionKind.ORDINARY
    session.start_date = datetime.date(2026, 3, 2)
    session.end_date = datetime.date(2026, 3, 5)

    assert "start_date" in error_fields(session)


def test_extraordinary_session_may_open_in_any_month(session):
    session.kind = SessionKind.EXTRAORDINARY
    session.start_date = datetime.date(2026, 3, 2)
    session.end_date = datetime.date(2026, 3, 3)

    session.clean()


def test_ordinary_session_lasts_at_most_fifteen_days(session):
    session.kind = SessionKind.ORDINARY
    session.extended = False
    session.start_date = datetime.date(2026, 10, 1)
    session.end_date = datetime.date(2026, 10, 15)
    session.clean()

    session.end_date = datetime.date(2026, 10, 16)
    assert "end_date" in error_fields(session)


def test_extended_ordinary_session_gains_seven_working_days(session):
    # 15 October 2026 is a Thursday; seven working days later is Monday 26 October.
    session.kind = SessionKind.ORDINARY
    session.extended = True
    session.start_date = datetime.date(2026, 10, 1)
    session.end_date = datetime.date(2026, 10, 26)
    session.clean()

    session.end_date = datetime.date(2026, 10, 27)
    assert "end_date" in error_fields(session)

    session.extended = False
    session.end_date = datetime.date(2026, 10, 26)
    assert "end_date" in error_fields(session)


def test_session_cannot_end_before_it_starts(session):
    session.kind = SessionKind.EXTRAORDINARY
    session.start_date = datetime.date(2026, 6, 10)
    session.end_date = datetime.date(2026, 6, 9)

    assert "end_date" in error_fields(session)


def test_decisions_are_due_eight_days_after_the_last_sitting(session):
    session.start_date = datetime.date(2026, 2, 3)
    session.end_date = datetime.date(2026, 2, 10)
    assert session.decisions_due_by == datetime.date(2026, 2, 18)

    session.end_date = None
    assert session.decisions_due_by == datetime.date(2026, 2, 11)


def test_decisions_posted_after_eight_days_are_late(session):
    session.start_date = datetime.date(2026, 2, 3)
    session.end_date = datetime.date(2026, 2, 10)
    session.decisions_posted_on = datetime.date(2026, 2, 18)
    assert not session.decisions_late

    session.decisions_posted_on = datetime.date(2026, 2, 19)
    assert session.decisions_late


def test_convocation_is_due_ten_days_before_the_session(session):
    session.start_date = datetime.date(2026, 5, 4)
    assert session.convocation_due_by == datetime.date(2026, 4, 24)

    session.convened_on = datetime.date(2026, 4, 24)
    assert not session.convocation_late
    session.convened_on = datetime.date(2026, 4, 25)
    assert session.convocation_late


def test_saving_an_ordinary_session_in_march_is_refused(db, pages, session):
    with pytest.raises(ValidationError):
        CouncilSessionPageFactory(
            parent=session.get_parent(), start_date=datetime.date(2026, 3, 2), end_date=datetime.date(2026, 3, 3)
        )


# Working days


def test_working_days_skip_the_weekend(db):
    thursday = datetime.date(2026, 3, 5)

    assert add_working_days(thursday, 1) == datetime.date(2026, 3, 6)
    assert add_working_days(thursday, 2) == datetime.date(2026, 3, 9)
    assert add_working_days(thursday, 7) == datetime.date(2026, 3, 16)


def test_working_days_skip_throne_day(db):
    # Throne Day, 30 July 2026, is a Thursday: it comes from the national calendar, nobody enters it.
    wednesday = datetime.date(2026, 7, 29)

    assert add_working_days(wednesday, 1) == datetime.date(2026, 7, 31)
    assert add_working_days(wednesday, 2) == datetime.date(2026, 8, 3)


def test_zero_working_days_is_the_same_day(db):
    saturday = datetime.date(2026, 3, 14)

    assert add_working_days(saturday, 0) == saturday


def test_extension_of_a_may_session_skips_eid_al_adha(session):
    # The May 2026 session opens Monday 4 May; its fifteen days run to Monday 18 May. Seven working
    # days of extension: 19-22 May, 25 and 26 May, then Eid al-Adha (Wednesday 27 and Thursday 28
    # May, computed from the lunar calendar) does not count, so the last allowed day is Friday 29 May.
    session.kind = SessionKind.ORDINARY
    session.extended = True
    session.start_date = datetime.date(2026, 5, 4)
    session.end_date = datetime.date(2026, 5, 29)
    assert session.latest_end_date == datetime.date(2026, 5, 29)
    session.clean()

    session.end_date = datetime.date(2026, 6, 1)
    assert "end_date" in error_fields(session)


def test_a_national_correction_of_eid_moves_the_session_limit(session):
    # Had Eid al-Adha 2026 been observed a day later (Thursday 28 and Friday 29 May), editors cancel
    # the computed Wednesday and add the Friday: Wednesday 27 May becomes the seventh working day.
    HolidayOverride.objects.create(
        name="Eid al-Adha", date=datetime.date(2026, 5, 27), kind=HolidayOverride.Kind.WORKING_DAY
    )
    HolidayOverride.objects.create(name="Eid al-Adha (2)", date=datetime.date(2026, 5, 29))
    session.kind = SessionKind.ORDINARY
    session.extended = True
    session.start_date = datetime.date(2026, 5, 4)

    assert session.latest_end_date == datetime.date(2026, 5, 27)


def test_tender_bids_are_not_opened_on_a_public_holiday(tender):
    tender.opening_session = timezone.make_aware(datetime.datetime(2026, 7, 30, 10, 0))  # Throne Day
    tender.submission_deadline = timezone.make_aware(datetime.datetime(2026, 7, 29, 10, 0))
    tender.published_on = datetime.date(2026, 7, 1)
    tender.questions_deadline = None

    assert "opening_session" in error_fields(tender)

    tender.opening_session = timezone.make_aware(datetime.datetime(2026, 7, 31, 10, 0))
    tender.clean()


# Projects


def test_completed_project_must_be_fully_done(project):
    project.status = ProjectStatus.COMPLETED
    project.progress = 95
    assert "progress" in error_fields(project)

    project.progress = 100
    project.clean()


def test_project_cannot_end_before_it_starts(project):
    project.start_date = datetime.date(2026, 5, 1)
    project.end_date = datetime.date(2026, 4, 1)

    assert "end_date" in error_fields(project)


def test_project_location_needs_both_coordinates(project):
    project.latitude = 35.7
    project.longitude = None

    assert "longitude" in error_fields(project)


def test_unfinished_project_past_its_end_date_is_late(project):
    project.status = ProjectStatus.IN_PROGRESS
    project.end_date = timezone.localdate() - DAY
    assert project.is_late

    project.status = ProjectStatus.COMPLETED
    assert not project.is_late
    project.status = ProjectStatus.IN_PROGRESS
    project.end_date = timezone.localdate() + DAY
    assert not project.is_late
