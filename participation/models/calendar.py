"""The calendar of public holidays that the legal clock skips."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class PublicHoliday(models.Model):
    """A day off in the administrations: a fixed national holiday, a dated religious one, or a local one."""

    name = models.CharField(_("name"), max_length=200)
    date = models.DateField(
        _("date"), help_text=_("For a holiday that recurs every year, any year will do: only the day and month count.")
    )
    recurs_yearly = models.BooleanField(
        _("every year on this day"),
        default=False,
        help_text=_("Fixed holidays. Religious holidays follow the lunar calendar: enter each year's date."),
    )
    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for a national holiday."),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("recurs_yearly")]),
        FieldPanel("commune"),
    ]

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date"]

    def __str__(self):
        if self.recurs_yearly:
            return f"{self.name} ({self.date:%d/%m})"
        return f"{self.name} ({self.date:%d/%m/%Y})"

    @classmethod
    def dates_between(cls, start, end, site=None):
        """The set of holiday dates from ``start`` to ``end`` inclusive, for ``site`` (and the nation)."""
        scope = Q(commune__isnull=True)
        if site is not None:
            scope |= Q(commune=site)
        holidays = set()
        for date, recurs in cls.objects.filter(scope).values_list("date", "recurs_yearly"):
            if not recurs:
                if start <= date <= end:
                    holidays.add(date)
                continue
            for year in range(start.year, end.year + 1):
                try:
                    day = date.replace(year=year)
                except ValueError:
                    day = datetime.date(year, 2, 28)
                if start <= day <= end:
                    holidays.add(day)
        return holidays
