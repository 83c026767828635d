"""Find the pages that match a query's groups in the database index, and read back their indexed words.

Both database backends hold the same normalised words (``search.backends``), so matching is the
same boolean question on both — does the title, or the title or body, hold one form of every
group — asked through PostgreSQL's GIN-indexed tsvectors or SQLite's FTS5 table. Ranking is not
asked of the database: ``search.ranking`` ranks the candidates from their indexed words, with one
definition for both. Candidates are taken title matches first, then the most recent, up to a cap.
"""

import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import BigIntegerField, F, Lookup, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from .years import year_sql, years_of

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

    def alternative(alt):
        return " & ".join("(" + " | ".join(lexeme(form, False) for form in word) + ")" for word in alt.words)

    if prefix_last:
        head = [f"({' | '.join(lexeme(form, False) for form in forms)})" for forms in groups[:-1]]
        tail = f"({' | '.join(lexeme(form, True) for form in groups[-1])})"
        return " & ".join([*head, tail])

    def group(grp):
        # The one-word alternatives as one choice between their forms, each form once: near words
        # and synonyms often repeat a form of the word as typed.
        single = list(dict.fromkeys(form for alt in grp.alternatives if len(alt.words) == 1 for form in alt.words[0]))
        parts = [" | ".join(lexeme(form, False) for form in single)] if single else []
        parts += [f"({alternative(alt)})" for alt in grp.alternatives if len(alt.words) > 1]
        return "(" + " | ".join(parts) + ")"

    return f" {operator} ".join(group(grp) for grp in groups)


class AnyOf(Lookup):
    """PostgreSQL's ``<column> = ANY(%s)``: a list of ids as one array parameter, however long."""

    lookup_name = "any_of"

    def __init__(self, lhs, values, array_type="bigint"):
        self.values = list(values)
        self.array_type = array_type
        super().__init__(lhs, None)

    def get_prep_lookup(self):
        return None

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::{self.array_type}[])", [*params, self.values]


def among(field, values):
    """A filter: ``field`` is one of ``values``. One array parameter on PostgreSQL, ``IN`` elsewhere.

    A search reads its 500 candidates by id several times; as 500 parameters each, building and
    sending the statement cost more than running it.
    """
    values = list(values)
    if connection.vendor == "postgresql" and values:
        return Q(AnyOf(F(field), values))
    return Q(**{f"{field}__in": values})


def _fts_expression(groups, operator):
    def alternative(alt):
        return " AND ".join("(" + " OR ".join(f'"{form}"' for form in word) + ")" for word in alt.words)

    def group(grp):
        return "(" + " OR ".join(f"({alternative(alt)})" for alt in grp.alternatives) + ")"

    return f" {operator} ".join(group(grp) for grp in groups)


def _page_types():
    return get_descendants_content_types_pks(Page)


@dataclass
class EntryMatch:
    """What an index entry must hold: the groups in its ``title``, or among all its words (``body``).

    The PostgreSQL body vector holds the title's words too (``search.backends.postgres``), so one
    GIN-indexed condition answers "each group in the title or the body", exactly, without a recheck.
    ``prefix`` groups are lists of forms, the last one completed as a prefix (suggestions).
    """

    groups: list
    operator: str = "and"
    column: str = "body"
    prefix: bool = False

    def condition(self):
        from django.contrib.postgres.search import SearchQuery

        if self.prefix:
            expression = _postgres_expression(self.groups, "&", prefix_last=True)
        else:
            expression = _postgres_expression(self.groups, "&" if self.operator == "and" else "|")
        return Q(**{self.column: SearchQuery(expression, search_type="raw", config="simple")})

    def estimated_matches(self):
        """About how many entries match, from the statistics PostgreSQL keeps of the indexed words.

        The index stores a word with all its forms, so the forms of one word are found together:
        a group is as frequent as its likeliest form or spelling (the planner, adding them up as if apart,
        overestimated a word several times over). Different groups are taken as independent in a
        title, a few words long; in a body the words of one language and one subject are found
        together far more often than that (French words, in a fifth of the pages, were in the same
        pages, not in a twenty-fifth), so the estimate is the rarest group's. A walk chosen on too
        high an estimate stops at its budget.
        """
        statistics = _word_statistics(self.column)
        if statistics is None:
            return 0.0
        frequencies, floor, rows = statistics

        def form(lexeme, prefix=False):
            if not prefix:
                return frequencies.get(lexeme, floor)
            return min(1.0, sum(f for word, f in frequencies.items() if word.startswith(lexeme)) or floor)

        def together(probabilities):
            # Words apart in a title, found together in a body.
            probabilities = list(probabilities)
            return math.prod(probabilities) if self.column == "title" or self.prefix else min(probabilities)

        def union(probabilities):
            missing = 1.0
            for probability in probabilities:
                missing *= 1.0 - probability
            return 1.0 - missing

        if self.prefix:
            *head, last = self.groups
            groups = [max(form(lexeme) for lexeme in forms) for forms in head]
            groups.append(max(form(lexeme, prefix=True) for lexeme in last))
        else:
            # A word's alternatives are mostly its own forms and spellings, found in the same entries.
            groups = [
                max(together(max(form(lexeme) for lexeme in word) for word in alt.words) for alt in group.alternatives)
                for group in self.groups
            ]
        if not groups:
            return 0.0
        if self.operator != "and":
            return union(groups) * rows
        return together(groups) * rows


#: How long a process trusts its reading of the words' statistics and of the number of pages, in seconds:
#: PostgreSQL renews them when it analyses the tables, after many changes.
STATISTICS_SECONDS = 300
_statistics = {"read": float("-inf"), "columns": {}, "pages": 0}

_STATISTICS_SQL = """
SELECT stats.attname, stats.most_common_elems::text::text[], stats.most_common_elem_freqs, entries.reltuples
  FROM pg_stats stats, pg_class entries
 WHERE entries.oid = %s::regclass AND stats.tablename = %s AND stats.attname IN ('title', 'body')
"""


def _read_statistics():
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    now = time.monotonic()
    if now - _statistics["read"] <= STATISTICS_SECONDS:
        return _statistics
    table = IndexEntry._meta.db_table
    columns = {}
    with connection.cursor() as cursor:
        cursor.execute(_STATISTICS_SQL, [table, table])
        for column, words, frequencies, rows in cursor.fetchall():
            if words and frequencies and rows and rows > 0:
                found = dict(zip(words, frequencies, strict=False))
                # Past the words come the least and greatest frequency and that of empty vectors;
                # a word not among the most common is taken as half as frequent as the least.
                columns[column] = (found, frequencies[len(words)] / 2, rows)
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Page._meta.db_table])
        row = cursor.fetchone()
    _statistics.update(read=now, columns=columns, pages=max(row[0] if row else 0, 0))
    return _statistics


def _word_statistics(column):
    """``({word: share of the entries holding it}, share of any other word, entries)``, or None before any analysis."""
    return _read_statistics()["columns"].get(column)


def _pages_in_database():
    """About how many pages the database holds (the planner's own count)."""
    return _read_statistics()["pages"]


#: What one step of a walk (a page, its entry read by key and checked) costs against looking up one
#: matching entry's page, measured at 200,000 pages (``bench/search_bench.py``): a step is cheaper
#: when the title is checked, dearer when the body vector must be unpacked.
WALK_COST = {"title": 0.75, "body": 1.5}
#: How many times the pages a walk should need (from the estimate) it may walk before looking up instead:
#: the estimate may be several times too high, and a small ``limit`` (suggestions) is found unevenly.
WALK_MARGIN = 10


def walk_budget(match, limit):
    """How many pages to walk newest first, checking each one's entry, before looking up instead; 0: look up.

    Looking up costs one key lookup per matching entry, whatever the order asked; walking costs one
    check per page walked, and finds ``limit`` matches after about ``limit * pages / matches`` pages.
    The first is cheaper for a rare word, the second for a common one: at 200,000 pages a word that
    half the pages hold is found 500 times in about 1,000 checks, where looking up reads 100,000 pages.
    The matches are an estimate, so a walk stops after ``WALK_MARGIN`` times the pages it should
    need, or when it has cost what looking up would, and looks up after all: a wrong guess costs
    about what looking up would have.
    """
    matches = match.estimated_matches()
    pages = _pages_in_database()
    cost = WALK_COST[match.column]
    if matches * matches <= cost * limit * pages:
        return 0
    # Walking further than looking up would cost is never worth it.
    return max(limit, math.ceil(min(WALK_MARGIN * limit * pages / matches, matches / cost)))


def _planner_settings(walk):
    settings = {
        "enable_hashjoin": "off",
        "enable_mergejoin": "off",
        "enable_seqscan": "off",
        "max_parallel_workers_per_gather": "0",
    }
    if walk:
        # Only the publication date index gives the pages in the order asked, without sorting them all.
        settings.update(enable_bitmapscan="off", enable_sort="off")
    else:
        # From the entries to their pages: not the pages in date order against a copy of all the entries.
        settings.update(enable_material="off")
    return settings


def _set_config(settings):
    names = list(settings)
    return (
        "SELECT " + ", ".join("set_config(%s, %s, true)" for _name in names),
        [value for name in names for value in (name, settings[name])],
    )


@contextmanager
def planner(walk):
    """Ask PostgreSQL for the chosen way: no hash joins of whole tables, no parallel workers for a search.

    Walking reads the pages by their publication date index and each one's entry by its key;
    looking up reads the matching entries from the GIN index and each one's page by its key. The
    settings last for the transaction, and are put back as they were for the rest of an outer one.
    """
    settings = _planner_settings(walk)
    names = list(settings)
    # Outside a transaction the settings end with the one opened here; inside one, they are put back.
    outer = connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if not outer:
            cursor.execute(*_set_config(settings))
            yield
            return
        cursor.execute(
            "SELECT " + ", ".join("current_setting(%s), set_config(%s, %s, true)" for _name in names),
            [value for name in names for value in (name, name, settings[name])],
        )
        row = cursor.fetchone()
        yield
        cursor.execute(*_set_config({name: row[2 * index] for index, name in enumerate(names)}))


def planned(sql, params, walk):
    """The rows of one statement run under ``planner(walk)``.

    Outside a transaction the settings and the statement go to the server together, in one round trip:
    statements sent together run in one transaction of their own, which the settings end with. Each
    round trip costs about as much as a small query; a search made nine of them for its settings.
    """
    if connection.in_atomic_block:
        with planner(walk), connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]
    settings_sql, settings_params = _set_config(_planner_settings(walk))
    with connection.cursor() as cursor:
        cursor.execute(f"{settings_sql}; {sql}", [*settings_params, *params])
        cursor.nextset()
        return [tuple(row) for row in cursor.fetchall()]


#: The walk: the ``budget`` newest pages in scope, in order, each kept when its own entry matches.
_WALK_SQL = """
SELECT {columns}
  FROM ({pages}) AS walked (id, content_type_id, published{more})
 WHERE EXISTS (
       SELECT 1 FROM {entries} entry
        WHERE entry.content_type_id = walked.content_type_id
          AND entry.object_id = walked.id::text
          AND {condition})
 ORDER BY walked.published DESC, walked.id DESC
 LIMIT %s
"""

#: What the newest matching pages are read as: their key and type, and for suggestions what links to them.
KEYS = ("pk", "content_type_id")
#: Asked for among the fields, the year the page's content is dated (``search.years``), read with the match.
YEAR = "content_year"
DATED = (*KEYS, YEAR)


def _walk(pages, match, limit, budget, fields=KEYS):
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    more = [name for name in fields[len(KEYS) :] if name != YEAR]
    scope = pages.order_by(*CANDIDATE_ORDER).values_list(*KEYS, "first_published_at", *more)[:budget]
    pages_sql, pages_params = scope.query.sql_with_params()
    entries = IndexEntry.objects.filter(match.condition())
    compiler = entries.query.get_compiler(connection=connection)
    condition_sql, condition_params = compiler.compile(entries.query.where)
    table = connection.ops.quote_name(IndexEntry._meta.db_table)
    condition_sql = condition_sql.replace(f"{table}.", "entry.")
    columns = {"pk": "walked.id", "content_type_id": "walked.content_type_id"}
    columns.update((name, f"walked.more_{index}") for index, name in enumerate(more))
    column_params = []
    if YEAR in fields:
        columns[YEAR], column_params = year_sql("walked.id", "walked.content_type_id", "walked.published")
    sql = _WALK_SQL.format(
        columns=", ".join(columns[name] for name in fields),
        pages=pages_sql,
        more="".join(f", more_{index}" for index in range(len(more))),
        entries=table,
        condition=condition_sql,
    )
    return planned(sql, [*column_params, *pages_params, *condition_params, limit], walk=True)


def _look_up(pages, match, limit, fields=KEYS):
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    entries = IndexEntry.objects.alias(entry_type=F("content_type_id") + 0).filter(
        match.condition(), entry_type__in=_page_types()
    )
    # The content type, as an expression, keeps entries of other models out before their key is read as a number.
    found = pages.filter(pk__in=entries.annotate(page_pk=Cast("object_id", BigIntegerField())).values("page_pk"))
    if YEAR in fields:
        page = connection.ops.quote_name(Page._meta.db_table)
        sql, params = year_sql(f'{page}."id"', f'{page}."content_type_id"', f'{page}."first_published_at"')
        found = found.annotate(**{YEAR: RawSQL(sql, params)})  # noqa: S611 - model names; the time zone a parameter
    return planned(*found.order_by(*CANDIDATE_ORDER).values_list(*fields)[:limit].query.sql_with_params(), walk=False)


def _newest_postgres(pages, match, limit, fields=KEYS):
    """``fields`` (key and type first) of the newest ``limit`` pages of ``pages`` whose own entry is a ``match``."""
    try:
        budget = walk_budget(match, limit)
        if budget:
            found = _walk(pages, match, limit, budget, fields)
            if len(found) >= limit:
                return found
        return _look_up(pages, match, limit, fields)
    except EmptyResultSet:
        # Nothing can match (no pages, as in a language the commune has no home in; no page types):
        # Django writes no SQL for it.
        return []


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


def candidates(groups, pages, operator, limit, fields=KEYS):
    """``fields`` of the pages matching the groups, ``(pk, content_type_id)`` by default: title matches
    first, then the newest.

    A group is found in the title or the body, so a page with one word in its title and another
    in its body matches both words, on both databases. ``DATED`` adds the year of each page's
    content (``search.years``), read with the match on PostgreSQL.
    """
    if not groups:
        return []
    if connection.vendor == "postgresql":
        in_title = _newest_postgres(pages, EntryMatch(groups, operator, "title"), limit, fields)
        if len(in_title) >= limit:
            return in_title
        others = pages.exclude(among("pk", [row[0] for row in in_title])) if in_title else pages
        return in_title + _newest_postgres(others, EntryMatch(groups, operator, "body"), limit - len(in_title), fields)
    found = _candidates_sqlite(groups, pages, operator, limit)
    if YEAR not in fields:
        return found
    years = years_of(found)
    return [(pk, content_type_id, years.get(pk)) for pk, content_type_id in found]


def _candidates_sqlite(groups, pages, operator, limit):
    in_title = list(
        pages.filter(pk__in=_matching_ids_sqlite(groups, operator, title_only=True))
        .order_by(*CANDIDATE_ORDER)
        .values_list("pk", "content_type_id")[:limit]
    )
    if len(in_title) >= limit:
        return in_title
    rest = (
        pages.filter(pk__in=_matching_ids_sqlite(groups, operator, title_only=False))
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
        fields = (*KEYS, "title", "url_path")
        found = _newest_postgres(pages, EntryMatch(groups, column="title", prefix=True), limit, fields=fields)
        # What a suggestion shows and links to, read with the match: no second query for the pages.
        return [
            pages.model(pk=pk, content_type_id=content_type_id, title=title, url_path=url_path)
            for pk, content_type_id, title, url_path in found
        ]
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    expression = "{title} : (" + _fts_prefix_expression(groups) + ")"
    entries = SQLiteFTSIndexEntry.objects.filter(
        FTSMatch(SQLiteFTSIndexEntry._meta.db_table, expression),
        index_entry__content_type_id__in=_page_types(),
    )
    ids = [int(pk) for pk in entries.values_list("index_entry__object_id", flat=True)]
    return list(pages.filter(pk__in=ids).order_by(*CANDIDATE_ORDER)[:limit])


def indexed_words(hits, forms):
    """``{pk: (title words, title and body words)}`` of pages as the index holds them, among ``forms``.

    Ranking asks only which of the query's forms a page holds (``search.ranking``), so only those are
    read: on PostgreSQL they are looked up in each page's vectors by the database, and a page's long
    text (a PDF it attaches) never leaves it.
    """
    if not hits:
        return {}
    forms = sorted(set(forms))
    ids = [str(pk) for pk, _type in hits]
    types = sorted({content_type for _pk, content_type in hits})
    if connection.vendor == "postgresql":
        return _indexed_forms_postgres(ids, types, forms)
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    rows = SQLiteFTSIndexEntry.objects.filter(
        index_entry__object_id__in=ids, index_entry__content_type_id__in=types
    ).values_list("index_entry__object_id", "title", "body")
    wanted = frozenset(forms)
    words = {}
    for object_id, title, body in rows:
        title_words = frozenset((title or "").split()) & wanted
        words[int(object_id)] = (title_words, title_words | (frozenset((body or "").split()) & wanted))
    return words


#: Which of the forms (``f``, as ``q`` a one-word tsquery) each entry's title and body hold. The body
#: is unpacked once per entry (``|| ''``), not once per form.
_FORMS_SQL = """
SELECT e.object_id,
       ARRAY(SELECT u.f FROM unnest(%(forms)s::text[], %(queries)s::tsquery[]) AS u(f, q) WHERE e.title @@ u.q),
       (SELECT ARRAY(SELECT u.f FROM unnest(%(forms)s::text[], %(queries)s::tsquery[]) AS u(f, q) WHERE b @@ u.q)
          FROM (SELECT e.body || ''::tsvector AS b OFFSET 0) AS unpacked)
  FROM {table} e
 WHERE e.object_id = ANY(%(ids)s::text[]) AND e.content_type_id = ANY(%(types)s::integer[])
"""


def _indexed_forms_postgres(ids, types, forms):
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    if not forms:
        return {int(object_id): (frozenset(), frozenset()) for object_id in ids}
    sql = _FORMS_SQL.format(table=connection.ops.quote_name(IndexEntry._meta.db_table))
    params = {"forms": forms, "queries": [f"'{form}'" for form in forms], "ids": ids, "types": types}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {int(object_id): (frozenset(title), frozenset(title) | frozenset(body)) for object_id, title, body in rows}
