"""Working-day arithmetic for the deadlines the law counts in working days."""

import datetime

WEEKEND = (5, 6)


def add_working_days(start, days, holidays=()):
    """Return the date ``days`` working days after ``start``, skipping weekends and ``holidays``."""
    current = start
    remaining = days
    holidays = set(holidays)
    while remaining > 0:
        current += datetime.timedelta(days=1)
        if current.weekday() not in WEEKEND and current not in holidays:
            remaining -= 1
    return current
