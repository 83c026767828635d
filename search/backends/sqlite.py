"""SQLite (FTS5) flavour of the normalising backend."""

from django.db.models import FloatField, Func
from modelsearch.backends.database.sqlite import sqlite
from modelsearch.utils import get_content_type_pk

from ..vocabulary import record_terms
from .common import NormalisingAutocompleteMixin, NormalisingIndexerMixin, NormalisingQueryMixin


class NormalisingObjectIndexer(NormalisingIndexerMixin, sqlite.ObjectIndexer):
    """Extracts an object's title, body and autocomplete text, normalised."""


class NormalisingSQLiteIndex(sqlite.SQLiteIndex):
    indexer_class = NormalisingObjectIndexer

    def add_items(self, model, objs):
        # The upstream method, with the indexer class made replaceable.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return

        content_type_pk = get_content_type_pk(model)
        ids_and_data = {indexer.id: (indexer.title, indexer.autocomplete, indexer.body) for indexer in indexers}
        entries_for_type = self.entries.filter(content_type_id=content_type_pk)
        indexed_ids = frozenset(
            entries_for_type.filter(object_id__in=ids_and_data.keys()).values_list("object_id", flat=True)
        )
        for indexed_id in indexed_ids:
            title, autocomplete, body = ids_and_data[indexed_id]
            entries_for_type.filter(object_id=indexed_id).update(title=title, autocomplete=autocomplete, body=body)

        self.entries.bulk_create(
            [
                sqlite.IndexEntry(
                    content_type_id=content_type_pk,
                    object_id=object_id,
                    title=title,
                    autocomplete=autocomplete,
                    body=body,
                )
                for object_id, (title, autocomplete, body) in ids_and_data.items()
                if object_id not in indexed_ids
            ]
        )
        self._refresh_title_norms()
        record_terms(text for title, _autocomplete, body in ids_and_data.values() for text in (title, body))


class WeightedBM25(Func):
    """FTS5's bm25 over the whole match, with the title column weighing more than the body.

    The rewritten query is a conjunction of alternatives; FTS5 scores the row once for all of
    them, so a per-subquery combination of the same bm25 value would only distort it.
    """

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        # Columns of the FTS table, in order: autocomplete, body, title.
        table = sqlite.SQLiteFTSIndexEntry._meta.db_table
        return f"bm25({table}, 1.0, 1.0, {TITLE_WEIGHT})", []


TITLE_WEIGHT = 4.0


class RankByWeightedBM25Mixin:
    def _build_rank_expression(self, vectors, config):
        return WeightedBM25()


class NormalisingSQLiteSearchQueryCompiler(
    NormalisingQueryMixin, RankByWeightedBM25Mixin, sqlite.SQLiteSearchQueryCompiler
):
    pass


class NormalisingSQLiteAutocompleteQueryCompiler(
    NormalisingAutocompleteMixin, RankByWeightedBM25Mixin, sqlite.SQLiteAutocompleteQueryCompiler
):
    pass


class NormalisingSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
    """Wagtail's SQLite full-text backend over normalised text."""

    index_class = NormalisingSQLiteIndex
    query_compiler_class = NormalisingSQLiteSearchQueryCompiler
    autocomplete_query_compiler_class = NormalisingSQLiteAutocompleteQueryCompiler
