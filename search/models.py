"""What search records for editors: the queries that found nothing.

The queries themselves and their daily counts are Wagtail's (``Query`` and ``QueryDailyHits`` of
the search promotions app); only the queries without any result need a table of their own.
"""

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UnansweredQuery(models.Model):
    """A query that found nothing, counted per day and language, for the editors' report."""

    query_string = models.CharField(_("query"), max_length=255)
    locale = models.CharField(_("language"), max_length=8)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        constraints = [
            models.UniqueConstraint(fields=["query_string", "locale", "date"], name="search_unanswered_query_per_day")
        ]

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, locale, date=None):
        """Count one more search for ``query_string`` that found nothing today."""
        date = date or timezone.localdate()
        lookup = {"query_string": query_string[:255], "locale": locale, "date": date}
        updated = cls.objects.filter(**lookup).update(hits=F("hits") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    cls.objects.create(hits=1, **lookup)
            except IntegrityError:
                cls.objects.filter(**lookup).update(hits=F("hits") + 1)
