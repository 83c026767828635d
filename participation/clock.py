"""The legal clock: deadlines counted in working days, skipping weekends and public holidays.

The weekend is Saturday and Sunday, as in Moroccan administrations; holidays come from the
``PublicHoliday`` calendar that editors keep in the admin (fixed national holidays are preloaded;
the religious holidays, which follow the lunar calendar, are entered each year).
"""

import datetime

from django.utils import timezone

from pages.workdays import WEEKEND, add_working_days

COMPLAINT_INCOMPLETE_NOTICE_DAYS = 15
COMPLAINT_ANSWER_DAYS = 60
INFORMATION_ANSWER_DAYS = 20
INFORMATION_EXTENSION_DAYS = 20
INFORMATION_URGENT_DAYS = 3


def holidays_between(start, end, site=None):
    """Every public holiday from ``start`` to ``end`` (inclusive), national and the commune's own."""
    from .models import PublicHoliday

    return PublicHoliday.dates_between(start, end, site=site)


def working_days_after(start, days, site=None):
    """The date ``days`` working days after ``start`` for the commune of ``site``.

    The day of receipt does not count: a request received on a Friday with one working day to run
    is due on the Monday, unless that Monday is a holiday.
    """
    if isinstance(start, datetime.datetime):
        start = timezone.localdate(start)
    # Weekends and holidays never take more than this many calendar days per working day.
    horizon = start + datetime.timedelta(days=days * 3 + 31)
    return add_working_days(start, days, holidays_between(start, horizon, site=site))


def working_days_between(start, end, site=None):
    """How many working days run after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    holidays = holidays_between(start, end, site=site)
    count = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if current.weekday() not in WEEKEND and current not in holidays:
            count += 1
    return count


def is_working_day(day, site=None):
    return day.weekday() not in WEEKEND and day not in holidays_between(day, day, site=site)
