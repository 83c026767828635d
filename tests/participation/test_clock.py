"""The legal clock counts working days: weekends and the commune's public holidays do not run."""

import datetime

from participation import clock
from participation.models import PublicHoliday

from .factories import information_request, moment, service_request


def test_fixed_moroccan_holidays_are_preloaded(db):
    names = set(PublicHoliday.objects.filter(recurs_yearly=True).values_list("name", flat=True))
    assert {"Throne Day", "Green March", "Independence Day", "Labour Day", "Amazigh New Year"} <= names


def test_friday_plus_one_working_day_is_monday(db):
    friday = datetime.date(2025, 3, 7)
    assert clock.working_days_after(friday, 1) == datetime.date(2025, 3, 10)


def test_recurring_holiday_is_skipped_every_year(db):
    # Green March, 6 November, falls on a Thursday in 2025 and a Friday in 2026.
    assert clock.working_days_after(datetime.date(2025, 11, 5), 1) == datetime.date(2025, 11, 7)
    assert clock.working_days_after(datetime.date(2026, 11, 5), 1) == datetime.date(2026, 11, 9)


def test_dated_religious_holiday_entered_by_editors_is_skipped(db):
    PublicHoliday.objects.create(name="Eid al-Fitr", date=datetime.date(2025, 3, 31))
    PublicHoliday.objects.create(name="Eid al-Fitr (2)", date=datetime.date(2025, 4, 1))
    # Friday 28 March + 1 working day: the weekend, then two days of Eid.
    assert clock.working_days_after(datetime.date(2025, 3, 28), 1) == datetime.date(2025, 4, 2)


def test_a_communes_local_holiday_does_not_stop_another_communes_clock(town):
    PublicHoliday.objects.create(name="Moussem", date=datetime.date(2025, 6, 2), commune=town)
    assert clock.working_days_after(datetime.date(2025, 5, 30), 1, site=town) == datetime.date(2025, 6, 3)
    assert clock.working_days_after(datetime.date(2025, 5, 30), 1) == datetime.date(2025, 6, 2)


def test_complaint_deadlines_count_fifteen_and_sixty_working_days(town):
    # Received Friday 24 October 2025: Unity Day (31 October), Green March (6 November) and
    # Independence Day (Tuesday 18 November) do not count, nor do the weekends.
    item = service_request(town, received_at=moment(2025, 10, 24))
    assert item.incomplete_notice_due_on == datetime.date(2025, 11, 19)
    assert clock.working_days_between(datetime.date(2025, 10, 24), item.incomplete_notice_due_on, site=town) == 15
    assert clock.working_days_between(datetime.date(2025, 10, 24), item.answer_due_on, site=town) == 60
    assert item.answer_due_on.weekday() < 5


def test_information_request_is_due_in_twenty_working_days_or_three_when_urgent(town):
    ordinary = information_request(town, received_at=moment(2025, 7, 25))
    urgent = information_request(town, urgent=True, received_at=moment(2025, 7, 25))
    # Throne Day (30 July), Oued Ed-Dahab Day (14 August), and the Revolution and Youth days
    # (20 and 21 August) do not count.
    assert urgent.due_on == datetime.date(2025, 7, 31)
    assert clock.working_days_between(datetime.date(2025, 7, 25), ordinary.due_on, site=town) == 20
    assert ordinary.due_on == datetime.date(2025, 8, 28)
