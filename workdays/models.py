"""Editors' corrections to the national calendar of public holidays."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class HolidayOverride(models.Model):
    """A day the administrations close that the national calendar lacks, or a holiday it has that is
    not observed (the lunar date fell a day later than computed, say). National when no commune is
    given; a commune's own correction applies on top of the national ones."""

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(
        _("date"),
        help_text=_("For a correction that recurs every year, any year will do: only the day and month count."),
    )
    kind = models.CharField(
        _("this day is"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.DAY_OFF,
        help_text=_("Day off adds a holiday; working day cancels one of the national calendar."),
    )
    recurs_yearly = models.BooleanField(_("every year on this day"), default=False)
    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for a correction that applies to the whole country."),
    )

    panels = [
        FieldPanel("commune"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("recurs_yearly")]),
        FieldPanel("kind"),
    ]

    class Meta:
        verbose_name = _("holiday correction")
        verbose_name_plural = _("holiday corrections")
        ordering = ["date"]

    def __str__(self):
        day = f"{self.date:%d/%m}" if self.recurs_yearly else f"{self.date:%d/%m/%Y}"
        return f"{self.name} ({day})"

    def days_between(self, start, end):
        """The dates from ``start`` to ``end`` inclusive that this correction covers."""
        if not self.recurs_yearly:
            return [self.date] if start <= self.date <= end else []
        days = []
        for year in range(start.year, end.year + 1):
            try:
                day = self.date.replace(year=year)
            except ValueError:  # 29 February in a common year
                day = datetime.date(year, 2, 28)
            if start <= day <= end:
                days.append(day)
        return days
