"""Working-day arithmetic for the deadlines the law counts in working days.

The weekend is Saturday and Sunday, as in Moroccan administrations. Public holidays come from the
``holidays`` package (Morocco's fixed holidays and the Islamic ones computed from the lunar
calendar), corrected by the editors' :class:`~workdays.models.HolidayOverride`: national
corrections first, then the commune's own.
"""

import datetime
import functools

import holidays
from django.db.models import Q
from django.utils import timezone

from .models import HolidayOverride

WEEKEND = (5, 6)
COUNTRY = "MA"


@functools.lru_cache(maxsize=64)
def national_holidays(year):
    """Morocco's public holidays in ``year``, from the ``holidays`` package, as a date -> name map."""
    return dict(holidays.country_holidays(COUNTRY, years=year))


def days_off(start, end, site=None):
    """Every public holiday from ``start`` to ``end`` inclusive, for the commune of ``site``."""
    off = {day for year in range(start.year, end.year + 1) for day in national_holidays(year) if start <= day <= end}
    scope = Q(commune__isnull=True)
    if site is not None:
        scope |= Q(commune=site)
    # National corrections apply first, so that a commune's own correction has the last word.
    corrections = sorted(HolidayOverride.objects.filter(scope), key=lambda item: item.commune_id is not None)
    for correction in corrections:
        for day in correction.days_between(start, end):
            if correction.kind == HolidayOverride.Kind.DAY_OFF:
                off.add(day)
            else:
                off.discard(day)
    return off


def add_working_days(start, days, site=None):
    """The date ``days`` working days after ``start`` for the commune of ``site``.

    The starting day does not count: a request received on a Friday with one working day to run is
    due on the Monday, unless that Monday is a holiday. ``start`` may be a date or an aware datetime
    (read in the local time zone).
    """
    if isinstance(start, datetime.datetime):
        start = timezone.localdate(start)
    # Weekends and holidays never take more than this many calendar days per working day.
    off = days_off(start, start + datetime.timedelta(days=days * 3 + 31), site=site)
    current = start
    remaining = days
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() not in WEEKEND and current not in off:
            remaining -= 1
    return current


def is_working_day(day, site=None):
    """Whether the administrations of the commune of ``site`` work on ``day``."""
    return day.weekday() not in WEEKEND and day not in days_off(day, day, site=site)
