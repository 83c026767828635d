"""What the SQLite and PostgreSQL backends share: normalised index text and rewritten queries."""

from django.utils.encoding import force_str
from modelsearch.index import SearchField
from modelsearch.query import And, Boost, MatchAll, Not, Or, Phrase, PlainText

from ..documents import attached_document_text
from ..normalize import autocomplete_terms, index_text, query_terms

#: A query that matches nothing: what a query made only of punctuation or stop words becomes.
MATCH_NONE = Not(MatchAll())


class AttachedDocumentsField(SearchField):
    """The text extracted from the documents an object attaches, indexed with the object."""

    def __init__(self):
        super().__init__("attached_documents_text")

    def get_value(self, obj):
        return attached_document_text(obj)


class NormalisingIndexerMixin:
    """Index every searchable value as normalised text, with attached documents' text added."""

    def __init__(self, obj, backend):
        super().__init__(obj, backend)
        self.search_fields = [*self.search_fields, AttachedDocumentsField()]

    def prepare_value(self, value):
        if value is None:
            return ""
        if isinstance(value, str):
            return index_text(value)
        if isinstance(value, (list, tuple)):
            return " ".join(self.prepare_value(item) for item in value)
        if isinstance(value, dict):
            return " ".join(self.prepare_value(item) for item in value.values())
        return index_text(force_str(value))


def _group_query(forms):
    if len(forms) == 1:
        return PlainText(forms[0], operator="and")
    return Or([PlainText(form, operator="and") for form in forms])


def _terms_query(groups, operator):
    if not groups:
        return MATCH_NONE
    if operator == "or":
        return _group_query([form for forms in groups for form in forms])
    if len(groups) == 1:
        return _group_query(groups[0])
    return And([_group_query(forms) for forms in groups])


def normalise_query(query, terms=query_terms):
    """Rewrite a search query into the normalised forms the index holds.

    Each word becomes a choice between its forms; words are combined as the query asked (all of
    them by default). Phrases are searched as all of their words, because the index interleaves
    each word with its other forms.
    """
    if isinstance(query, PlainText):
        return _terms_query(terms(query.query_string), query.operator)
    if isinstance(query, Phrase):
        return _terms_query(terms(query.query_string), "and")
    if isinstance(query, Boost):
        subquery = normalise_query(query.subquery, terms)
        return subquery if subquery is MATCH_NONE else Boost(subquery, query.boost)
    if isinstance(query, Not):
        if isinstance(query.subquery, MatchAll):
            return query
        subquery = normalise_query(query.subquery, terms)
        return MatchAll() if subquery is MATCH_NONE else Not(subquery)
    if isinstance(query, And):
        subqueries = [normalise_query(subquery, terms) for subquery in query.subqueries]
        if any(subquery is MATCH_NONE for subquery in subqueries):
            return MATCH_NONE
        return And(subqueries)
    if isinstance(query, Or):
        subqueries = [normalise_query(subquery, terms) for subquery in query.subqueries]
        subqueries = [subquery for subquery in subqueries if subquery is not MATCH_NONE]
        if not subqueries:
            return MATCH_NONE
        return subqueries[0] if len(subqueries) == 1 else Or(subqueries)
    return query


class NormalisingQueryMixin:
    """A query compiler that searches the normalised forms of the query's words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = normalise_query(self.query)


class NormalisingAutocompleteMixin:
    """An autocomplete compiler: the last word, still being typed, is matched as a prefix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.query = normalise_query(self.query, autocomplete_terms)
