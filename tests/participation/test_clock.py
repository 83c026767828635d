"""The legal clock counts working days: weekends and the commune's public holidays do not run."""

import datetime

from participation import clock
from workdays.calendar import add_working_days
from workdays.models import HolidayOverride

from .factories import information_request, moment, service_request


def test_friday_plus_one_working_day_is_monday(db):
    friday = datetime.date(2025, 3, 7)
    assert add_working_days(friday, 1) == datetime.date(2025, 3, 10)


def test_fixed_holiday_is_skipped_every_year(db):
    # Green March, 6 November, falls on a Thursday in 2025 and a Friday in 2026.
    assert add_working_days(datetime.date(2025, 11, 5), 1) == datetime.date(2025, 11, 7)
    assert add_working_days(datetime.date(2026, 11, 5), 1) == datetime.date(2026, 11, 9)


def test_an_editors_correction_moves_a_participation_deadline(town):
    # The national calendar computes Eid al-Fitr 2025 on Sunday 30 and Monday 31 March; the
    # administrations also closed on Tuesday 1 April. An urgent request received on Friday 28 March
    # has three working days to run.
    before = information_request(town, urgent=True, received_at=moment(2025, 3, 28))
    assert before.due_on == datetime.date(2025, 4, 3)

    HolidayOverride.objects.create(name="Eid al-Fitr (2)", date=datetime.date(2025, 4, 1))
    after = information_request(town, urgent=True, received_at=moment(2025, 3, 28))
    assert after.due_on == datetime.date(2025, 4, 4)


def test_a_commune_may_work_on_a_national_holiday(town):
    # Throne Day 2026 is Thursday 30 July; a commune that records it as a working day counts it.
    HolidayOverride.objects.create(
        name="Permanence", date=datetime.date(2026, 7, 30), kind=HolidayOverride.Kind.WORKING_DAY, commune=town
    )
    assert add_working_days(datetime.date(2026, 7, 29), 1, site=town) == datetime.date(2026, 7, 30)
    assert add_working_days(datetime.date(2026, 7, 29), 1) == datetime.date(2026, 7, 31)


def test_a_communes_local_holiday_does_not_stop_another_communes_clock(town):
    HolidayOverride.objects.create(name="Moussem", date=datetime.date(2025, 6, 2), commune=town)
    assert add_working_days(datetime.date(2025, 5, 30), 1, site=town) == datetime.date(2025, 6, 3)
    assert add_working_days(datetime.date(2025, 5, 30), 1) == datetime.date(2025, 6, 2)


def test_complaint_deadlines_count_fifteen_and_sixty_working_days(town):
    # Received Friday 24 October 2025: Green March (Thursday 6 November) and Independence Day
    # (Tuesday 18 November) do not count, nor do the weekends.
    item = service_request(town, received_at=moment(2025, 10, 24))
    assert clock.COMPLAINT_INCOMPLETE_NOTICE_DAYS == 15
    assert item.incomplete_notice_due_on == datetime.date(2025, 11, 17)
    # 60 working days: twelve weeks to Friday 16 January, plus four holidays on weekdays (those two,
    # New Year's Day and the Amazigh New Year, Wednesday 14 January).
    assert item.answer_due_on == datetime.date(2026, 1, 22)


def test_information_request_is_due_in_twenty_working_days_or_three_when_urgent(town):
    ordinary = information_request(town, received_at=moment(2025, 7, 25))
    urgent = information_request(town, urgent=True, received_at=moment(2025, 7, 25))
    # Throne Day (30 July), Oued Ed-Dahab Day (14 August), and the Revolution and Youth days
    # (20 and 21 August) do not count.
    assert urgent.due_on == datetime.date(2025, 7, 31)
    assert ordinary.due_on == datetime.date(2025, 8, 28)
