"""What search records for editors: the queries that found nothing.

The queries themselves and their daily counts are Wagtail's (``Query`` and ``QueryDailyHits`` of
the search promotions app); only the queries without any result need a table of their own.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

SYNONYM_SEPARATORS = re.compile("[\n,،;؛]+")


class DailyQueryCount(models.Model):
    """Searches of a query string on one day, in one language, on one commune's portal."""

    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    query_string = models.CharField(_("query"), max_length=255)
    locale = models.CharField(_("language"), max_length=8)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, locale, date=None, commune=None):
        """Count one more search for ``query_string`` today (on ``commune``'s portal)."""
        date = date or timezone.localdate()
        lookup = {"query_string": query_string[:255], "locale": locale, "date": date, "commune": commune}
        updated = cls.objects.filter(**lookup).update(hits=F("hits") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    cls.objects.create(hits=1, **lookup)
            except IntegrityError:
                cls.objects.filter(**lookup).update(hits=F("hits") + 1)


class UnansweredQuery(DailyQueryCount):
    """A query that found nothing, counted per day, language and commune, for the editors' report."""

    class Meta:
        verbose_name = _("query without results")
        verbose_name_plural = _("queries without results")
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "query_string", "locale", "date"], name="search_unanswered_query_per_day"
            )
        ]


class CommuneQuery(DailyQueryCount):
    """Every query, counted per day, language and commune: the report's frequent queries, so that a
    commune's editors read what their own citizens searched for (Wagtail's statistics are global)."""

    class Meta:
        verbose_name = _("query")
        verbose_name_plural = _("queries")
        constraints = [
            models.UniqueConstraint(fields=["commune", "query_string", "locale", "date"], name="search_query_per_day")
        ]


class Synonym(models.Model):
    """Words citizens use for the same thing, searched as one: شكاية, شكوى and تظلم; plainte and réclamation.

    A set without a commune is shipped with the portal and serves every commune; a commune's
    editors add their own sets, which serve only their commune. A term may have several words
    (``رخصة البناء``); the query is matched on whole terms.
    """

    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for a set that serves every commune."),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    terms = models.TextField(
        _("terms"),
        help_text=_("The words that mean the same thing, one per line or separated by commas."),
    )

    class Meta:
        verbose_name = _("synonyms")
        verbose_name_plural = _("synonyms")
        ordering = ["language", "pk"]

    def __str__(self):
        return " · ".join(self.term_list())

    def term_list(self):
        """The terms of the set, trimmed, in the order the editor wrote them."""
        return [term.strip() for term in SYNONYM_SEPARATORS.split(self.terms or "") if term.strip()]

    def clean(self):
        super().clean()
        from .normalize import tokenize

        if len([term for term in self.term_list() if tokenize(term)]) < 2:
            raise ValidationError({"terms": _("Give at least two terms that mean the same thing.")})


class SearchTerm(models.Model):
    """A word of the search index, kept to correct misspelt and transliterated queries.

    ``sound`` is the word's consonants in Latin classes (``search.vocabulary.sound_key``):
    what a word typed in Latin letters, or an Arabic spelling of a foreign name with other long
    vowels, has in common with the indexed word.
    """

    term = models.CharField(_("term"), max_length=64, unique=True)
    sound = models.CharField(_("sound"), max_length=64, db_index=True, blank=True)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self):
        return self.term
