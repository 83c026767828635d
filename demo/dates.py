"""The dates the demo texts are written around, and how Moroccan administrations write them (with Babel)."""

import datetime
from dataclasses import dataclass

from babel.dates import format_date
from django.utils import timezone


@dataclass(frozen=True)
class Calendar:
    """The dates the demo texts are written around."""

    today: datetime.date

    @property
    def year(self):
        """The council year: the last year whose October session has ended."""
        return self.today.year if self.today >= datetime.date(self.today.year, 10, 25) else self.today.year - 1

    def days_ago(self, days):
        """The date ``days`` before the demo's day."""
        return self.today - datetime.timedelta(days=days)

    def days_ahead(self, days):
        """The date ``days`` after the demo's day."""
        return self.today + datetime.timedelta(days=days)

    def at(self, day, hour=10, minute=0):
        """An aware datetime in the commune's time zone."""
        naive = datetime.datetime.combine(day, datetime.time(hour, minute))
        return timezone.make_aware(naive, timezone.get_default_timezone())

    @staticmethod
    def first_weekday(year, month, weekday=1):
        """The first given weekday (Monday is 0) of a month: ordinary sessions open in its first week."""
        day = datetime.date(year, month, 1)
        return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def arabic_date(day):
    """A date as Moroccan administrations write it: ``3 فبراير 2026``."""
    return format_date(day, "d MMMM y", locale="ar_MA")


def french_date(day):
    """A date as French administrative texts write it: ``3 février 2026``."""
    return format_date(day, "d MMMM y", locale="fr_MA")


def french_month_phrase(month):
    """« de février », « d'octobre »: the month after ``de``, elided before a vowel."""
    name = format_date(datetime.date(2000, month, 1), "MMMM", locale="fr_MA")
    return f"d'{name}" if name[0] in "aeiouéè" else f"de {name}"
