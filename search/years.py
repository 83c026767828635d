"""The year each found page's content is dated, for the year facet and ranking.

A page type with a date of its own (a tender's publication, a session's day) is dated by it; any other
page by its first publication. On PostgreSQL the year is read with the match itself (``year_sql``, a
column of the statement that finds the pages); ``years_of`` asks for the years of pages already found.
"""

from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

#: The field that dates each page type, for the year facet; other pages use their first publication.
DATE_FIELDS = {
    "pages.newspage": ("date", True),
    "pages.eventpage": ("start", True),
    "pages.legaltextpage": ("date", True),
    "pages.reportpage": ("year", False),
    "pages.tenderpage": ("published_on", True),
    "pages.councilsessionpage": ("start_date", True),
    "pages.projectpage": ("start_date", True),
    "pages.partnershippage": ("signed_on", True),
}


def years_of(hits):
    """``{pk: year}`` of the content of ``hits`` (``(pk, content_type_id)``), each type by its own date field.

    Each page type is asked by primary key for its own date field, so the cost follows the number of
    hits, not the number of pages of each type. A search on PostgreSQL reads the years with its match
    (``year_sql``); this serves SQLite and other search backends.
    """
    from . import retrieval

    by_model = {}
    for pk, content_type_id in hits:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None:
            by_model.setdefault(model, []).append(pk)
    years = {}
    for model, pks in by_model.items():
        name, is_date = DATE_FIELDS.get(model._meta.label_lower, (None, True))
        year = ExtractYear("first_published_at")
        if name is not None:
            year = Coalesce(ExtractYear(name) if is_date else F(name), year)
        rows = model._default_manager.filter(retrieval.among("pk", pks)).order_by().annotate(content_year=year)
        years.update((pk, as_year(value)) for pk, value in rows.values_list("pk", "content_year"))
    return years


def as_year(value):
    return None if value is None else int(value)


@lru_cache(maxsize=1)
def _dated_types():
    """``[(content type id, SQL of its year given a page id)]`` of the types dated by a field of their own."""
    quote = connection.ops.quote_name
    types = []
    for label, (name, is_date) in DATE_FIELDS.items():
        model = apps.get_model(label)
        field = model._meta.get_field(name)
        owner = field.model._meta
        value = f"dated.{quote(field.column)}"
        value = f"EXTRACT(YEAR FROM {value})" if is_date else value
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False).pk
        # Table and column names from the models, quoted; nothing of a request is written into the SQL.
        table, key = quote(owner.db_table), quote(owner.pk.column)
        sql = f"(SELECT {value} FROM {table} dated WHERE dated.{key} = {{page}})"  # noqa: S608
        types.append((content_type, sql))
    return types


def year_sql(page, content_type, published):
    """PostgreSQL SQL and params for the year of the page whose id, type and first publication are the
    columns ``page``, ``content_type`` and ``published``: as ``years_of`` gives it, read in the same statement.

    Only the date field of the page's own type is read, by key, and only for the rows the statement returns.
    """
    cases = " ".join(f"WHEN {type_id} THEN {sql.format(page=page)}" for type_id, sql in _dated_types())
    own = f"CASE {content_type} {cases} END" if cases else "NULL"
    if settings.USE_TZ:
        return f"COALESCE({own}, EXTRACT(YEAR FROM {published} AT TIME ZONE %s))", [
            timezone.get_current_timezone_name()
        ]
    return f"COALESCE({own}, EXTRACT(YEAR FROM {published}))", []
