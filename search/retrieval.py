"""Find the pages that match a query's groups in the database index, and read back their indexed words.

Both database backends hold the same normalised words (``search.backends``), so matching is the
same boolean question on both — does the title, or the title or body, hold one form of every
group — asked through PostgreSQL's GIN-indexed tsvectors or SQLite's FTS5 table. Ranking is not
asked of the database: ``search.ranking`` ranks the candidates from their indexed words, with one
definition for both. Candidates are taken title matches first, then the most recent, up to a cap.
"""

from contextlib import contextmanager
from functools import reduce
from operator import and_

from django.db import connection, transaction
from django.db.models import BigIntegerField, F, Lookup, Q
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

CANDIDATE_ORDER = ("-first_published_at", "-pk")


def supported():
    """Whether the configured search backend is the project's database backend over this database."""
    from .backends.postgres import NormalisingPostgresSearchBackend

    backend = get_search_backend()
    if isinstance(backend, NormalisingPostgresSearchBackend):
        return True
    try:
        from .backends.sqlite import NormalisingSQLiteSearchBackend
    except ImportError:  # pragma: no cover - SQLite without FTS5
        return False
    return isinstance(backend, NormalisingSQLiteSearchBackend)


def _postgres_expression(groups, operator, prefix_last=False):
    def lexeme(form, prefix):
        return f"'{form}':*" if prefix else f"'{form}'"

    def alternative(alt, prefix=False):
        return " & ".join("(" + " | ".join(lexeme(form, prefix) for form in word) + ")" for word in alt.words)

    if prefix_last:
        head = [f"({' | '.join(lexeme(form, False) for form in forms)})" for forms in groups[:-1]]
        tail = f"({' | '.join(lexeme(form, True) for form in groups[-1])})"
        return " & ".join([*head, tail])

    def group(grp):
        return "(" + " | ".join(f"({alternative(alt)})" for alt in grp.alternatives) + ")"

    return f" {operator} ".join(group(grp) for grp in groups)


def _fts_expression(groups, operator):
    def alternative(alt):
        return " AND ".join("(" + " OR ".join(f'"{form}"' for form in word) + ")" for word in alt.words)

    def group(grp):
        return "(" + " OR ".join(f"({alternative(alt)})" for alt in grp.alternatives) + ")"

    return f" {operator} ".join(group(grp) for grp in groups)


def _page_types():
    return get_descendants_content_types_pks(Page)


def _matching_ids_postgres(groups, operator, title_only):
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    def tsquery(some_groups, joiner):
        return SearchQuery(_postgres_expression(some_groups, joiner), search_type="raw", config="simple")

    if title_only:
        condition = Q(title=tsquery(groups, "&" if operator == "and" else "|"))
    elif operator == "and":
        # Each group in the title or in the body: one word may be in the title and the other in the body.
        condition = reduce(and_, (Q(title=tsquery([group], "&")) | Q(body=tsquery([group], "&")) for group in groups))
    else:
        either = tsquery(groups, "|")
        condition = Q(title=either) | Q(body=either)
    # The content type is compared as an expression, so that no index on it competes with the GIN indexes.
    return (
        IndexEntry.objects.alias(entry_type=F("content_type_id") + 0)
        .filter(condition, entry_type__in=_page_types())
        .annotate(matching_pk=Cast("object_id", BigIntegerField()))
        .values("matching_pk")
    )


class FTSMatch(Lookup):
    """``<fts table> MATCH <expression>``, the expression passed as a parameter."""

    lookup_name = "fts_match"

    def __init__(self, table, expression):
        self.table = table
        self.expression = expression
        super().__init__(None, None)

    def as_sql(self, compiler, connection):
        return f"{connection.ops.quote_name(self.table)} MATCH %s", [self.expression]


def _matching_ids_sqlite(groups, operator, title_only):
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    columns = "title" if title_only else "title body"
    expression = "{" + columns + "} : (" + _fts_expression(groups, operator.upper()) + ")"
    entries = SQLiteFTSIndexEntry.objects.filter(
        FTSMatch(SQLiteFTSIndexEntry._meta.db_table, expression),
        index_entry__content_type_id__in=_page_types(),
    )
    return [int(object_id) for object_id in entries.values_list("index_entry__object_id", flat=True)]


def matching_ids(groups, operator="and", title_only=False):
    """The ids of the indexed objects matching the groups (all with ``and``, any with ``or``).

    A group is found in the title or the body (``title_only``: in the title), so a page with one
    word in its title and another in its body matches both words, on both databases.
    """
    if connection.vendor == "postgresql":
        return _matching_ids_postgres(groups, operator, title_only)
    return _matching_ids_sqlite(groups, operator, title_only)


@contextmanager
def index_scans():
    """On PostgreSQL, match through the GIN indexes even when many rows match.

    The planner prices ``@@`` like any operator and reads a word that half the pages hold with a
    sequential scan, which unpacks every body vector: a hundred times slower, measured in
    ``bench/search_bench.py``, than reading the index's exact bitmap.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
        cursor.execute("SET LOCAL enable_seqscan = on")


def candidates(groups, pages, operator, limit):
    """``(pk, content_type_id)`` of the pages matching the groups: title matches first, then the newest."""
    if not groups:
        return []
    with index_scans():
        return _candidates(groups, pages, operator, limit)


def _candidates(groups, pages, operator, limit):
    in_title = list(
        pages.filter(pk__in=matching_ids(groups, operator, title_only=True))
        .order_by(*CANDIDATE_ORDER)
        .values_list("pk", "content_type_id")[:limit]
    )
    if len(in_title) >= limit:
        return in_title
    rest = (
        pages.filter(pk__in=matching_ids(groups, operator))
        .exclude(pk__in=[pk for pk, _type in in_title])
        .order_by(*CANDIDATE_ORDER)
        .values_list("pk", "content_type_id")[: limit - len(in_title)]
    )
    return in_title + list(rest)


def _fts_prefix_expression(groups):
    head = ["(" + " OR ".join(f'"{form}"' for form in forms) + ")" for forms in groups[:-1]]
    tail = "(" + " OR ".join(f'"{form}"*' for form in groups[-1]) + ")"
    return " AND ".join([*head, tail])


def titles_completing(groups, pages, limit):
    """Pages whose title holds the words typed, the last one as a prefix, newest first.

    ``groups`` are lists of forms (``search.normalize.autocomplete_terms``). Only titles are
    read, through the title index, so a suggestion costs the same whatever the size of the bodies.
    """
    if not groups:
        return pages.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        query = SearchQuery(_postgres_expression(groups, "&", prefix_last=True), search_type="raw", config="simple")
        entries = IndexEntry.objects.alias(entry_type=F("content_type_id") + 0).filter(
            title=query, entry_type__in=_page_types()
        )
        ids = entries.annotate(matching_pk=Cast("object_id", BigIntegerField())).values("matching_pk")
    else:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        expression = "{title} : (" + _fts_prefix_expression(groups) + ")"
        entries = SQLiteFTSIndexEntry.objects.filter(
            FTSMatch(SQLiteFTSIndexEntry._meta.db_table, expression),
            index_entry__content_type_id__in=_page_types(),
        )
        ids = [int(pk) for pk in entries.values_list("index_entry__object_id", flat=True)]
    with index_scans():
        return list(pages.filter(pk__in=ids).order_by(*CANDIDATE_ORDER)[:limit])


def indexed_words(hits):
    """``{pk: (title words, title and body words)}`` of pages as the index holds them (normalised forms)."""
    if not hits:
        return {}
    ids = [str(pk) for pk, _type in hits]
    types = {content_type for _pk, content_type in hits}
    if connection.vendor == "postgresql":
        from modelsearch.backends.database.postgres.postgres import IndexEntry

        rows = IndexEntry.objects.filter(object_id__in=ids, content_type_id__in=types).values_list(
            "object_id", "title_text", "body_text"
        )
    else:
        from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

        rows = SQLiteFTSIndexEntry.objects.filter(
            index_entry__object_id__in=ids, index_entry__content_type_id__in=types
        ).values_list("index_entry__object_id", "title", "body")
    words = {}
    for object_id, title, body in rows:
        title_words = frozenset((title or "").split())
        words[int(object_id)] = (title_words, title_words | frozenset((body or "").split()))
    return words
