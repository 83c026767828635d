"""On PostgreSQL, the two ways of finding the newest matching pages give the same pages.

A search walks the pages newest first and checks each one's index entry when most pages match,
and looks up the matching entries' pages when few do (``search.retrieval``). Whichever is chosen,
the candidates, their order and the settings the rest of a transaction sees must be the same.
"""

import pytest
from django.db import connection, transaction
from wagtail.models import Page

from search import retrieval
from search.expansion import expand, required
from search.results import commune_of, visible_pages

from .conftest import own_year

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the two ways are PostgreSQL's; SQLite asks FTS5 once"
)

QUERIES = (
    ("ar", "الجماعة"),
    ("ar", "اشغال تهيئة"),
    ("ar", "النفايات"),
    ("fr", "commune"),
    ("fr", "permis construire"),
)


def matches_for(commune, code, query, column):
    home = commune.homes["ar"]
    groups = required(expand(query, commune_id=commune_of(home), language=code))
    assert groups, query
    return visible_pages(home, commune.homes[code].locale), retrieval.EntryMatch(groups, "and", column)


@pytest.mark.parametrize(("code", "query"), QUERIES)
@pytest.mark.parametrize("column", ["title", "body"])
@pytest.mark.parametrize("limit", [2, 500])
def test_walking_and_looking_up_find_the_same_pages_in_the_same_order(dated, db, code, query, column, limit):
    pages, match = matches_for(dated, code, query, column)
    looked_up = retrieval._look_up(pages, match, limit)
    walked = retrieval._walk(pages, match, limit, budget=100_000)
    assert looked_up, query
    assert walked == looked_up


def test_a_walk_cut_short_looks_up_instead(dated, db, monkeypatch):
    pages, match = matches_for(dated, "ar", "الجماعة", "body")
    expected = retrieval._look_up(pages, match, 500)
    assert len(expected) > 2
    walks = []
    original = retrieval._walk

    def walk(*args, **kwargs):
        found = original(*args, **kwargs)
        walks.append(found)
        return found

    # A budget of one page: the walk finds at most one match, fewer than asked, and the lookup answers.
    monkeypatch.setattr(retrieval, "walk_budget", lambda match, limit: 1)
    monkeypatch.setattr(retrieval, "_walk", walk)
    assert retrieval._newest_postgres(pages, match, 500) == expected
    assert len(walks) == 1
    assert len(walks[0]) <= 1


def test_a_common_word_is_walked_and_a_rare_one_looked_up(dated, db, monkeypatch):
    # As if the database held 100,000 pages: the estimates of the corpus decide alone.
    monkeypatch.setattr(retrieval, "_pages_in_database", lambda: 100_000)
    monkeypatch.setattr(retrieval.EntryMatch, "estimated_matches", lambda self: 90_000)
    assert retrieval.walk_budget(retrieval.EntryMatch([], "and", "body"), 500) > 0
    monkeypatch.setattr(retrieval.EntryMatch, "estimated_matches", lambda self: 300)
    assert retrieval.walk_budget(retrieval.EntryMatch([], "and", "body"), 500) == 0


def test_the_planner_settings_are_put_back_for_the_rest_of_the_transaction(db):
    def setting(name):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting(%s)", [name])
            return cursor.fetchone()[0]

    with transaction.atomic():
        before = {name: setting(name) for name in ("enable_hashjoin", "enable_sort", "enable_seqscan")}
        with retrieval.planner(walk=True):
            assert setting("enable_hashjoin") == "off"
            assert setting("enable_sort") == "off"
        assert {name: setting(name) for name in before} == before


def test_the_body_vector_holds_the_title_words(dated, db):
    """A word only in a title matches the body condition: one GIN condition answers 'title or body'."""
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    from .conftest import build_page

    page = dated.sections["ar", "news"].add_child(
        instance=build_page("news", 900, "زرافة في حديقة الحيوان", "زيارة مدرسية.", "استقبلت الحديقة التلاميذ.")
    )
    condition = retrieval.EntryMatch([["زرافه"]], column="body", prefix=True).condition()
    assert IndexEntry.objects.filter(condition, object_id=str(page.pk)).exists()


def test_entries_indexed_before_get_their_title_words_in_the_body(dated, db):
    """The migration brings an entry of the older shape, body without the title, to the new one."""
    import importlib

    from modelsearch.backends.database.postgres.postgres import IndexEntry

    migration = importlib.import_module("search.migrations.0005_body_vector_holds_title_words")
    page = dated.pages["a_bins"]
    entry = IndexEntry.objects.get(object_id=str(page.pk), content_type_id=page.content_type_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE wagtailsearch_indexentry SET body = to_tsvector('simple', 'كلمة') WHERE id = %s", [entry.pk]
        )
    condition = retrieval.EntryMatch([["حاويات"]], column="body", prefix=True).condition()
    assert not IndexEntry.objects.filter(condition, pk=entry.pk).exists()
    with connection.cursor() as cursor:
        # The test's transaction holds deferred checks; a migration runs before any, in its own.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        migration.body_with_title(None, editor)
    assert IndexEntry.objects.filter(condition, pk=entry.pk).exists()


def gin_fastupdate():
    """``{index name: its options}`` of the GIN indexes of the search entries."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT index_class.relname, coalesce(index_class.reloptions, '{}')"
            "  FROM pg_index entry_index"
            "  JOIN pg_class index_class ON index_class.oid = entry_index.indexrelid"
            "  JOIN pg_am method ON method.oid = index_class.relam"
            " WHERE entry_index.indrelid = 'wagtailsearch_indexentry'::regclass AND method.amname = 'gin'"
        )
        return dict(cursor.fetchall())


def test_the_search_indexes_take_each_change_at_once(db):
    """No pending list for a search to read through: every GIN index of the entries has fastupdate off."""
    import importlib

    migration = importlib.import_module("search.migrations.0006_search_indexes_without_pending_list")
    indexes = gin_fastupdate()
    assert len(indexes) == 3, indexes  # title, body and autocomplete
    assert all(options == ["fastupdate=off"] for options in indexes.values()), indexes
    with connection.schema_editor() as editor:
        migration.with_pending_list(None, editor)
    assert all(options == ["fastupdate=on"] for options in gin_fastupdate().values())
    with connection.schema_editor() as editor:
        migration.without_pending_list(None, editor)
    assert all(options == ["fastupdate=off"] for options in gin_fastupdate().values())


def vector_storage():
    """``{column: storage}`` of the entries' word vectors."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute WHERE attrelid = 'wagtailsearch_indexentry'::regclass"
            " AND attname IN ('title', 'autocomplete', 'body', 'body_text')"
        )
        return dict(cursor.fetchall())


def test_the_word_vectors_are_kept_in_their_rows(dated, db):
    """A walk and ranking read the word vectors from the entry's row, not from the TOAST table beside it."""
    import importlib

    migration = importlib.import_module("search.migrations.0007_word_vectors_kept_in_their_rows")
    pages, match = matches_for(dated, "ar", "اشغال تهيئة", "body")
    found = retrieval._look_up(pages, match, 500)
    assert found
    # main: compressed in the row; extended: compressed and moved apart first (the raw text).
    assert vector_storage() == {"title": "m", "autocomplete": "m", "body": "m", "body_text": "x"}
    with connection.cursor() as cursor:
        # The test's transaction holds deferred checks; a migration runs before any, in its own.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with connection.schema_editor() as editor:
        migration.vectors_apart(None, editor)
    assert set(vector_storage().values()) == {"x"}
    with connection.schema_editor() as editor:
        migration.vectors_in_row(None, editor)
    assert vector_storage() == {"title": "m", "autocomplete": "m", "body": "m", "body_text": "x"}
    # The entries rewritten answer the same search.
    assert retrieval._look_up(pages, match, 500) == found


@pytest.mark.parametrize("walk", [True, False])
def test_the_years_read_with_the_match_are_each_types_own(dated, db, walk):
    """Read in the statement that finds the pages, a page's year is its own type's, as asked apart."""
    from search import years

    # The dated corpus holds pages of several types, some without a publication date.
    pages, match = matches_for(dated, "ar", "الجماعة", "body")
    if walk:
        rows = retrieval._walk(pages, match, 500, budget=100_000, fields=retrieval.DATED)
    else:
        rows = retrieval._look_up(pages, match, 500, fields=retrieval.DATED)
    assert len({content_type for _pk, content_type, _year in rows}) > 2
    expected = {pk: own_year(Page.objects.get(pk=pk)) for pk, _type, _year in rows}
    assert {pk: years.as_year(year) for pk, _type, year in rows} == expected
    assert len(set(expected.values())) > 1


def test_estimates_take_a_words_forms_together_and_its_groups_apart(monkeypatch):
    from search.expansion import Alternative, Group

    frequencies = {"حديقه": 0.05, "الحديقه": 0.05, "عموميه": 0.4, "permis": 0.2, "construire": 0.2, "رخصه": 0.1}
    monkeypatch.setattr(retrieval, "_word_statistics", lambda column: (frequencies, 0.001, 10_000))

    def group(*forms):
        return Group(forms[0], [Alternative([list(forms)])])

    garden = retrieval.EntryMatch([group("الحديقه", "حديقه", "حديق")], column="title")
    # The forms of one word are in the same entries: the likeliest form's share, not their sum.
    assert garden.estimated_matches() == pytest.approx(500)
    pair = [group("permis"), group("construire")]
    # In a title, two words are taken as apart; in a body, as found together.
    assert retrieval.EntryMatch(pair, column="title").estimated_matches() == pytest.approx(400)
    assert retrieval.EntryMatch(pair, column="body").estimated_matches() == pytest.approx(2_000)
    assert retrieval.EntryMatch(pair, operator="or", column="body").estimated_matches() == pytest.approx(3_600)
    # A word being typed: every word it begins.
    typed = retrieval.EntryMatch([["رخص"]], column="title", prefix=True)
    assert typed.estimated_matches() == pytest.approx(1_000)


def test_statistics_are_read_from_the_analysed_index(dated, db, monkeypatch):
    monkeypatch.setitem(retrieval._statistics, "read", float("-inf"))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")
        cursor.execute("ANALYZE wagtailcore_page")
    statistics = retrieval._word_statistics("body")
    assert statistics is not None
    frequencies, floor, rows = statistics
    assert rows >= len(dated.pages)
    assert 0 < floor < max(frequencies.values()) <= 1
    assert retrieval._pages_in_database() >= len(dated.pages)
    monkeypatch.setitem(retrieval._statistics, "read", float("-inf"))
