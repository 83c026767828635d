"""One search across all the content of a commune in one language, as the portal and the API show it.

``search_commune`` runs the query through the search backend (which normalises it), keeps what a
citizen may see in that commune and locale, and returns the results with their facets (content
type, year), highlighted snippets, the editors' promoted results, and, when nothing is found, the
other languages that have matches.
"""

import hashlib
import operator
from collections import Counter
from dataclasses import dataclass, field
from functools import reduce

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Q
from django.utils.text import capfirst
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.index import SearchField

from . import retrieval
from .documents import attached_document_text
from .expansion import corrected_query, expand, required
from .highlight import highlight, query_forms
from .normalize import autocomplete_terms, query_terms, tokenize
from .ranking import rank
from .years import as_year, years_of

#: At most this many matches are ranked, counted and faceted for one query.
MAX_HITS = 500
#: The first candidates are ranked from their indexed words (``search.ranking``); the rest keep their order.
RANKED_HITS = 100
PAGE_SIZE = 10
SUGGESTIONS = 8
SUGGEST_CACHE_SECONDS = 60
PROMOTION_KEYS_CACHE = "search:promotion-keys"
PROMOTION_KEYS_SECONDS = 300


@dataclass
class Facet:
    """One value of a facet with the number of matches it has."""

    key: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Result:
    """A page found, with what a result list shows of it."""

    page: Page
    type_key: str
    type_label: str
    year: int | None
    snippet: str


@dataclass
class Promotion:
    """A result an editor chose for this query, shown before the others."""

    title: str
    url: str
    description: str
    page: Page | None = None


@dataclass
class OtherLanguage:
    """Another language of the commune with matches for the same query."""

    code: str
    name: str
    count: int


@dataclass
class SearchOutcome:
    """Everything a search page or the search API shows for one query."""

    query: str
    locale: str
    terms: list = field(default_factory=list)
    total: int = 0
    results: list = field(default_factory=list)
    page: object = None
    types: list = field(default_factory=list)
    years: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    other_languages: list = field(default_factory=list)
    any_word: bool = False
    did_you_mean: str = ""
    selected_type: str = ""
    selected_year: int | None = None

    @property
    def searched(self):
        return bool(self.terms)

    @property
    def unsearchable(self):
        """Words were typed, but only words too short or too common to search for."""
        return bool(self.query) and not self.terms


#: The commune's home in a locale, and the paths of the view restrictions on its tree or above it.
_HOME_AND_RESTRICTIONS_SQL = """
SELECT home.path, home.depth, restricted.path
  FROM wagtailcore_page home
  LEFT JOIN (wagtailcore_pageviewrestriction restriction
             JOIN wagtailcore_page restricted ON restricted.id = restriction.page_id)
    ON restricted.path LIKE home.path || '%%' OR home.path LIKE restricted.path || '%%'
 WHERE home.translation_key = %s AND home.locale_id = %s
"""


def visible_pages(root, locale):
    """What a citizen may find in a commune and locale: live, public pages of its tree.

    Public as Wagtail's ``public()`` has it (no view restriction on the page or above it), asking only
    for the restrictions of this home's tree and above it: another commune's private sections are
    neither read nor written into every search's conditions. The home in ``locale`` and those
    restrictions are read in one statement.
    """
    if root is None or locale is None:
        return Page.objects.none()
    with connection.cursor() as cursor:
        key = Page._meta.get_field("translation_key").get_db_prep_value(root.translation_key, connection)
        cursor.execute(_HOME_AND_RESTRICTIONS_SQL, [key, locale.pk])
        rows = cursor.fetchall()
    if not rows:  # the commune's home is not translated into this locale
        return Page.objects.none()
    path, depth = rows[0][0], rows[0][1]
    pages = Page.objects.live().filter(path__startswith=path, depth__gte=depth, locale=locale)
    private = [Q(path__startswith=restricted) for _path, _depth, restricted in rows if restricted is not None]
    return pages.exclude(reduce(operator.or_, private)) if private else pages


def _type_key(content_type):
    return f"{content_type.app_label}.{content_type.model}"


def _ranked_hits(query, pages, operator):
    """Matches in the configured backend's own order, for backends other than the database's."""
    backend = get_search_backend()
    found = backend.search(query, pages.only("pk", "content_type"), operator=operator)[:MAX_HITS]
    return [(page.pk, page.content_type_id) for page in found]


def commune_of(root):
    """The id of the site whose root is ``root``: the commune whose synonyms apply."""
    if root is None:
        return None
    return Site.objects.filter(root_page_id=root.pk).values_list("pk", flat=True).first()


@dataclass
class Found:
    """The pages a query found, in ranking order, and how."""

    hits: list
    any_word: bool = False
    groups: list = field(default_factory=list)
    years: dict = field(default_factory=dict)


def _matching(query, pages, *, commune_id, language, fields):
    """``(rows of fields, any word, groups)`` of the pages matching all the query's words, or failing that any."""
    groups = expand(query, commune_id=commune_id, language=language)
    needed = required(groups)
    rows = retrieval.candidates(needed, pages, "and", MAX_HITS, fields)
    # A word no page holds was left out: the pages shown have some of the words, not all.
    any_word = bool(rows) and len(needed) < len(groups)
    if not rows and len(needed) > 1:
        rows = retrieval.candidates(needed, pages, "or", MAX_HITS, fields)
        any_word = bool(rows)
    return rows, any_word, groups


def find(query, pages, *, commune_id=None, language=""):
    """Every page of ``pages`` matching ``query``, best first (``search.ranking``), at most ``MAX_HITS``.

    All the query's words are asked for first; when no page has them all, any of them.
    """
    if not retrieval.supported():
        hits = _ranked_hits(query, pages, "and")
        any_word = False
        if not hits and len(query_terms(query)) > 1:
            hits = _ranked_hits(query, pages, "or")
            any_word = bool(hits)
        return Found(hits, any_word, years=years_of(hits))
    rows, any_word, groups = _matching(query, pages, commune_id=commune_id, language=language, fields=retrieval.DATED)
    hits = [(pk, content_type_id) for pk, content_type_id, _year in rows]
    years = {pk: as_year(year) for pk, _type, year in rows}
    head = hits[:RANKED_HITS]
    forms = [form for group in groups for form in group.forms]
    hits = rank(groups, head, retrieval.indexed_words(head, forms), years) + hits[RANKED_HITS:]
    return Found(hits, any_word, groups, years)


def count_matches(query, pages, *, commune_id=None, language=""):
    """How many pages of ``pages`` match ``query``, all its words or, failing that, any: nothing is ranked."""
    if not retrieval.supported():
        return len(find(query, pages, commune_id=commune_id, language=language).hits)
    return len(_matching(query, pages, commune_id=commune_id, language=language, fields=retrieval.KEYS)[0])


def search_commune(
    query,
    *,
    root,
    locale,
    content_type="",
    year=None,
    page=1,
    page_size=PAGE_SIZE,
    request=None,
    languages=True,
    commune_id=None,
):
    """Search the commune whose (Arabic) home page is ``root``, in ``locale``.

    ``content_type`` (``app_label.model``) and ``year`` narrow the results; the facets are
    counted before narrowing so that every choice stays visible. ``commune_id``, the site whose
    root is ``root``, is looked up when the caller does not know it.
    """
    query = (query or "").strip()
    outcome = SearchOutcome(query=query, locale=locale.language_code if locale else "")
    outcome.terms = query_terms(query)
    if not outcome.terms or locale is None:
        return outcome
    pages = visible_pages(root, locale)
    if commune_id is None:
        commune_id = commune_of(root)
    found = find(query, pages, commune_id=commune_id, language=locale.language_code)
    hits = found.hits
    outcome.any_word = found.any_word
    outcome.did_you_mean = corrected_query(found.groups)

    outcome.promotions = promotions_for(query, pages, request=request)
    promoted = {promotion.page.pk for promotion in outcome.promotions if promotion.page is not None}
    hits = [hit for hit in hits if hit[0] not in promoted]

    years = found.years
    content_types = {ct_id: ContentType.objects.get_for_id(ct_id) for ct_id in {ct_id for _pk, ct_id in hits}}
    type_keys = {ct_id: _type_key(ct) for ct_id, ct in content_types.items()}
    type_labels = {
        type_keys[ct_id]: capfirst(ct.model_class()._meta.verbose_name) if ct.model_class() else ct.model
        for ct_id, ct in content_types.items()
    }
    type_counts = Counter(type_keys[ct_id] for _pk, ct_id in hits)
    year_counts = Counter(years.get(pk) for pk, _type in hits if years.get(pk))

    outcome.selected_type = content_type if content_type in type_counts else ""
    outcome.selected_year = year if year in year_counts else None
    outcome.types = [
        Facet(key, str(type_labels[key]), count, key == outcome.selected_type)
        for key, count in sorted(type_counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    outcome.years = [
        Facet(str(value), str(value), count, value == outcome.selected_year)
        for value, count in sorted(year_counts.items(), reverse=True)
    ]

    narrowed = [
        (pk, ct_id)
        for pk, ct_id in hits
        if (not outcome.selected_type or type_keys[ct_id] == outcome.selected_type)
        and (outcome.selected_year is None or years.get(pk) == outcome.selected_year)
    ]
    outcome.total = len(narrowed)
    outcome.page = Paginator(narrowed, page_size).get_page(page)
    # Each type's pages from its own table: the types are known, no query of the base pages is needed.
    shown = {}
    for pk, ct_id in outcome.page.object_list:
        shown.setdefault(ct_id, []).append(pk)
    specific = {}
    for ct_id, pks in shown.items():
        model = content_types[ct_id].model_class()
        if model is not None:
            specific.update((instance.pk, instance) for instance in model._default_manager.filter(pk__in=pks))
    forms = query_forms(outcome.terms) | frozenset(form for group in found.groups for form in group.forms)
    for pk, ct_id in outcome.page.object_list:
        found = specific.get(pk)
        if found is None:
            continue
        key = type_keys[ct_id]
        outcome.results.append(Result(found, key, type_labels[key], years.get(pk), snippet_for(found, forms)))

    if languages and not hits and not outcome.promotions:
        outcome.other_languages = other_languages_with_matches(query, root=root, locale=locale, commune_id=commune_id)
    return outcome


def searchable_text(page):
    """The text of a page that snippets are taken from: its fields, then its documents."""
    parts = []
    for search_field in page.get_search_fields():
        if isinstance(search_field, SearchField) and search_field.field_name != "title":
            parts.extend(_flatten(search_field.get_value(page)))
    parts.append(attached_document_text(page))
    return "\n".join(part for part in parts if part)


def _flatten(value):
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flatten(item)]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _flatten(item)]
    return [str(value)]


def snippet_for(page, forms):
    """A snippet of the page around the query's words, or its introduction when only the title matched."""
    text = searchable_text(page)
    snippet = highlight(text, forms, require_match=True)
    if snippet:
        return snippet
    return highlight(getattr(page, "intro", "") or text, forms)


def other_languages_with_matches(query, *, root, locale, commune_id=None):
    """The commune's other languages that have results for ``query``."""
    names = dict(settings.LANGUAGES)
    found = []
    for other in Locale.objects.exclude(pk=locale.pk).order_by("language_code"):
        if other.language_code not in names:
            continue
        pages = visible_pages(root, other)
        if pages.query.is_empty():  # the commune has no home in that language
            continue
        count = count_matches(query, pages, commune_id=commune_id, language=other.language_code)
        if count:
            found.append(OtherLanguage(other.language_code, names[other.language_code], count))
    return found


def promotion_key(query):
    """The key that pairs a citizen's query with an editor's promoted query: its folded words."""
    return " ".join(tokenize(query))


def _promotion_keys():
    from wagtail.contrib.search_promotions.models import Query

    keys = cache.get(PROMOTION_KEYS_CACHE)
    if keys is None:
        keys = {}
        promoted = Query.objects.filter(editors_picks__isnull=False).distinct().values_list("pk", "query_string")
        for pk, query_string in promoted:
            keys.setdefault(promotion_key(query_string), []).append(pk)
        cache.set(PROMOTION_KEYS_CACHE, keys, PROMOTION_KEYS_SECONDS)
    return keys


def forget_promotions(**kwargs):
    """Drop the cached promotion keys, after an editor changed a promotion."""
    cache.delete(PROMOTION_KEYS_CACHE)


def promotions_for(query, pages, request=None):
    """The editors' promoted results for ``query``, whatever its spelling, that this commune may show."""
    from wagtail.contrib.search_promotions.models import SearchPromotion

    query_ids = _promotion_keys().get(promotion_key(query))
    if not query_ids:
        return []
    chosen = list(SearchPromotion.objects.filter(query_id__in=query_ids).select_related("page"))
    page_ids = [promotion.page_id for promotion in chosen if promotion.page_id is not None]
    visible = set(pages.filter(pk__in=page_ids).values_list("pk", flat=True))
    promotions = []
    seen = set()
    for promotion in chosen:
        if promotion.page_id is not None:
            if promotion.page_id not in visible or promotion.page_id in seen:
                continue
            seen.add(promotion.page_id)
            page = promotion.page.specific
            promotions.append(
                Promotion(page.title, page.get_url(request=request) or "", promotion.description, page=page)
            )
        elif promotion.external_link_url:
            promotions.append(
                Promotion(
                    promotion.external_link_text or promotion.external_link_url,
                    promotion.external_link_url,
                    promotion.description,
                )
            )
    return promotions


def suggestion_key(query, *, root, locale, limit=SUGGESTIONS):
    """The cache key of the suggestions for ``query``: the same for every spelling with the same forms."""
    digest = hashlib.sha256(repr(autocomplete_terms(query)).encode()).hexdigest()
    return f"search:suggest:{root.pk}:{locale.pk}:{limit}:{digest}"


def suggest(query, *, root, locale, limit=SUGGESTIONS):
    """Titles that complete what is being typed, for the search box; cached briefly, cheap to call."""
    terms = autocomplete_terms(query)
    if not terms or locale is None or root is None:
        return []
    cache_key = suggestion_key(query, root=root, locale=locale, limit=limit)
    cached = cache.get(cache_key)
    if cached is not None:
        return cached
    pages = visible_pages(root, locale).only("pk", "title", "url_path", "content_type")
    if retrieval.supported():
        found = retrieval.titles_completing(terms, pages, limit)
    else:
        found = get_search_backend().autocomplete(query, pages)[:limit]
    suggestions = [{"id": page.pk, "title": page.title, "url": page.get_url() or ""} for page in found]
    cache.set(cache_key, suggestions, SUGGEST_CACHE_SECONDS)
    return suggestions
