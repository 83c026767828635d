"""PostgreSQL (tsvector) flavour of the normalising backend."""

from django.db.models import BigIntegerField, Q
from django.db.models.functions import Cast
from django.db.models.sql.subqueries import InsertQuery
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres import postgres
from modelsearch.index import SearchField
from modelsearch.query import Fuzzy, MatchAll, Not
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from ..vocabulary import record_terms
from .common import NormalisingAutocompleteMixin, NormalisingIndexerMixin, NormalisingQueryMixin

#: No stemming or stop words from PostgreSQL: the words are already normalised, in any language.
SEARCH_CONFIG = "simple"


class NormalisingObjectIndexer(NormalisingIndexerMixin, postgres.ObjectIndexer):
    """Builds an object's title, body and autocomplete vectors from normalised text.

    The body vector holds every word of the object, its title's too: "each word in the title or
    the body" is then one condition on one GIN index (``search.retrieval``), answered exactly from
    the index, where two conditions per word made PostgreSQL unpack the body of every page found.
    """

    @cached_property
    def body(self):
        texts = [
            (value, boost)
            for field in self.search_fields
            for current_field, boost, value in self.prepare_field(self.obj, field)
            if isinstance(current_field, SearchField)
        ]
        return self.as_vector(texts)


class NormalisingPostgresIndex(postgres.PostgresIndex):
    indexer_class = NormalisingObjectIndexer

    def add_items(self, model, objs):
        # The upstream method, with the indexer class made replaceable.
        if not model.get_search_fields():
            return
        indexers = [self.indexer_class(obj, self.backend) for obj in objs]
        if not indexers:
            return

        index_entry = postgres.IndexEntry
        content_type_pk = get_content_type_pk(model)
        compiler = InsertQuery(index_entry).get_compiler(connection=self.write_connection)
        rows_sql = []
        params = []
        for indexer in indexers:
            params.extend((content_type_pk, indexer.id))
            vectors_sql = []
            for name in ("title", "autocomplete", "body"):
                value = compiler.prepare_value(index_entry._meta.get_field(name), getattr(indexer, name))
                sql, value_params = value.as_sql(compiler, self.write_connection)
                vectors_sql.append(sql)
                params.extend(value_params)
            params.extend((indexer.title_text, indexer.body_text))
            rows_sql.append(f"(%s, %s, {vectors_sql[0]}, {vectors_sql[1]}, {vectors_sql[2]}, 1.0, %s, %s)")

        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {index_entry._meta.db_table}
                    (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
                (VALUES {", ".join(rows_sql)})
                ON CONFLICT (content_type_id, object_id)
                DO UPDATE SET title = EXCLUDED.title,
                              title_norm = 1.0,
                              autocomplete = EXCLUDED.autocomplete,
                              body = EXCLUDED.body,
                              title_text = EXCLUDED.title_text,
                              body_text = EXCLUDED.body_text
                """,
                params,
            )
        self._refresh_title_norms()
        record_terms(text for indexer in indexers for text in (indexer.title_text, indexer.body_text))


class IndexedMatchMixin:
    """Find matches through the GIN indexes of the title and body vectors, then rank only those.

    Upstream matches the concatenation of both vectors, which no index covers, so every entry is
    scanned; matching each vector on its own lets PostgreSQL use its indexes.
    """

    def search(self, config, start, stop, score_field=None, backend=None):
        if self.fields is not None or isinstance(self.query, (MatchAll, Not, Fuzzy)):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        search_query = self.build_tsquery(self.query, config=config)
        matching = self.match_entries(search_query)
        queryset = self.queryset.filter(pk__in=matching)
        rank_expression = self._build_rank_expression(self.get_search_vectors(search_query), config)
        return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    def match_entries(self, search_query):
        return (
            postgres.IndexEntry.objects.filter(
                Q(title=search_query) | Q(body=search_query),
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
            )
            .annotate(matching_pk=Cast("object_id", BigIntegerField()))
            .values("matching_pk")
        )


class IndexedAutocompleteMatchMixin(IndexedMatchMixin):
    def match_entries(self, search_query):
        return (
            postgres.IndexEntry.objects.filter(
                autocomplete=search_query,
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
            )
            .annotate(matching_pk=Cast("object_id", BigIntegerField()))
            .values("matching_pk")
        )


class NormalisingPostgresSearchQueryCompiler(
    NormalisingQueryMixin, IndexedMatchMixin, postgres.PostgresSearchQueryCompiler
):
    pass


class NormalisingPostgresAutocompleteQueryCompiler(
    NormalisingAutocompleteMixin, IndexedAutocompleteMatchMixin, postgres.PostgresAutocompleteQueryCompiler
):
    pass


class NormalisingPostgresSearchBackend(postgres.PostgresSearchBackend):
    """Wagtail's PostgreSQL full-text backend over normalised text, with the ``simple`` configuration."""

    index_class = NormalisingPostgresIndex
    query_compiler_class = NormalisingPostgresSearchQueryCompiler
    autocomplete_query_compiler_class = NormalisingPostgresAutocompleteQueryCompiler

    def __init__(self, params):
        super().__init__({"SEARCH_CONFIG": SEARCH_CONFIG, **params})
