"""The search API: ``GET /api/search`` and ``GET /api/search/suggest``, mounted at ``/search``."""

from enum import Enum
from typing import Literal
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from wagtail.models import Locale, Site

from .recording import record_search
from .results import PAGE_SIZE, SUGGESTIONS, search_commune, suggest
from .views import commune_root

router = Router(tags=["search"])


def _collections():
    """API collection slugs by search type key (``app_label.model``): the API names types as its collections."""
    from api.registry import PAGE_COLLECTIONS  # the API's names, defined once

    return {label.lower(): slug for slug, label in PAGE_COLLECTIONS.items()}


API_TYPES = _collections()
TypeSlug = Literal[tuple(API_TYPES.values())]
SEARCH_KEYS = {slug: key for key, slug in API_TYPES.items()}

LocaleCode = Enum("LocaleCode", {code: code for code, _name in settings.LANGUAGES}, type=str)
MAX_PAGE_SIZE = 50


class FacetOut(Schema):
    key: str = Field(description="The value to pass back as `type` or `year` to narrow the results.")
    label: str
    count: int
    selected: bool


class FacetsOut(Schema):
    types: list[FacetOut]
    years: list[FacetOut]


class SearchResultOut(Schema):
    id: int
    title: str
    url: str
    api_url: str = Field(description="The page's item in its API collection.")
    type: str = Field(description="API collection of the page, e.g. `news` (as in `/api/news`).")
    type_label: str
    year: int | None
    snippet: str = Field(description="HTML: escaped text with the matching words in `<mark>` elements.")


class PromotionOut(Schema):
    title: str
    url: str
    description: str
    page_id: int | None


class OtherLanguageOut(Schema):
    locale: str
    name: str
    count: int
    url: str


class SearchOut(Schema):
    query: str
    locale: str
    count: int = Field(description="How many pages match, over all result pages.")
    next: str | None = Field(description="The next page of results, or null on the last.")
    previous: str | None = Field(description="The previous page of results, or null on the first.")
    page: int
    pages: int
    page_size: int
    any_word: bool = Field(description="True when no page had every word and pages with some of them are shown.")
    did_you_mean: str = Field(
        "", description="The query with each word the index does not hold replaced by the nearest word it holds."
    )
    results: list[SearchResultOut]
    facets: FacetsOut
    promotions: list[PromotionOut]
    other_languages: list[OtherLanguageOut] = Field(
        description="When nothing is found: the commune's other languages that have results."
    )


class SearchParams(Schema):
    q: str = Field("", description="The words to look for, in any spelling.")
    locale: LocaleCode = Field(LocaleCode(settings.LANGUAGE_CODE), description="The language to search in.")
    commune: int | None = Field(
        None,
        ge=1,
        le=2_147_483_647,
        description="The commune (site id) to search; by default the one serving this host.",
    )
    type: TypeSlug | None = Field(None, description="Only this API collection (e.g. `news`, from the facets).")
    year: int | None = Field(None, ge=1900, le=2200)
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE)


class SuggestionOut(Schema):
    id: int
    title: str
    url: str


class SuggestOut(Schema):
    query: str
    suggestions: list[SuggestionOut]


class SuggestParams(Schema):
    q: str = Field("", description="What has been typed so far.")
    locale: LocaleCode = Field(LocaleCode(settings.LANGUAGE_CODE))
    limit: int = Field(SUGGESTIONS, ge=1, le=20)


def _locale(code):
    return Locale.objects.filter(language_code=code.value).first()


def _absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


def _site(request, commune):
    if commune is None:
        return Site.find_for_request(request)
    site = Site.objects.filter(pk=commune).select_related("root_page").first()
    if site is None:
        from api.http import ApiError

        raise ApiError(404, _("No commune has this id."), param="commune")
    return site


def _page_link(request, number):
    """The address of another page of these results: the same query, another ``page``."""
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _api_type(key):
    return API_TYPES.get(key, key)


@router.get(
    "",
    response=SearchOut,
    summary="Search a commune's content in one language",
    description="One search across every public page of a commune (`commune`, by default the one serving "
    "this host) in one language, with facets, snippets and promoted results. Result types and the `type` "
    "filter use the API's collection names (`news`, `events`, `tenders`…), and each result links to its "
    "item (`api_url`).",
)
def search(request, params: Query[SearchParams]):
    locale = _locale(params.locale)
    site = _site(request, params.commune)
    content_type = SEARCH_KEYS.get(params.type, "") if params.type else ""
    outcome = search_commune(
        params.q,
        root=site.root_page.specific if site else None,
        locale=locale,
        content_type=content_type,
        year=params.year,
        page=params.page,
        page_size=params.page_size,
        request=request,
        commune_id=site.pk if site else None,
    )
    if outcome.searched and locale is not None and params.page == 1 and not (params.type or params.year):
        record_search(
            params.q,
            locale=locale.language_code,
            found=bool(outcome.total or outcome.promotions),
            commune=site,
        )
    base = site.root_url if site is not None and params.commune is not None else ""
    other_languages = []
    for language in outcome.other_languages:
        with override(language.code):
            url = f"{reverse('search:search')}?{urlencode({'q': outcome.query})}"
        url = base + url if base else _absolute(request, url)
        other_languages.append({"locale": language.code, "name": language.name, "count": language.count, "url": url})
    # The portal's page shows every match when a type has none; an API filter narrows to nothing.
    empty = bool(params.type) and outcome.selected_type != content_type
    results = []
    for result in [] if empty else outcome.results:
        slug = _api_type(result.type_key)
        results.append(
            {
                "id": result.page.pk,
                "title": result.page.title,
                "url": _absolute(request, result.page.get_url(request=request)),
                "api_url": _absolute(request, f"/api/{slug}/{result.page.pk}"),
                "type": slug,
                "type_label": str(result.type_label),
                "year": result.year,
                "snippet": str(result.snippet),
            }
        )
    number = outcome.page.number if outcome.page and not empty else 1
    pages = outcome.page.paginator.num_pages if outcome.page and not empty else 0
    return {
        "query": outcome.query,
        "locale": params.locale.value,
        "count": 0 if empty else outcome.total,
        "next": _page_link(request, number + 1) if number < pages else None,
        "previous": _page_link(request, number - 1) if 1 < number <= pages else None,
        "page": number,
        "pages": pages,
        "page_size": params.page_size,
        "any_word": outcome.any_word,
        "did_you_mean": outcome.did_you_mean,
        "results": results,
        "facets": {
            "types": [{**facet.__dict__, "key": _api_type(facet.key)} for facet in outcome.types],
            "years": [facet.__dict__ for facet in outcome.years],
        },
        "promotions": [
            {
                "title": promotion.title,
                "url": _absolute(request, promotion.url),
                "description": promotion.description,
                "page_id": promotion.page.pk if promotion.page else None,
            }
            for promotion in outcome.promotions
        ],
        "other_languages": other_languages,
    }


@router.get("/suggest", response=SuggestOut, summary="Complete what is typed in the search box")
def search_suggest(request, response: HttpResponse, params: Query[SuggestParams]):
    """Page titles that complete the words typed so far; cheap enough to call on each keystroke."""
    suggestions = suggest(params.q, root=commune_root(request), locale=_locale(params.locale), limit=params.limit)
    response["Cache-Control"] = "public, max-age=60"
    return {
        "query": params.q[:256],
        "suggestions": [{**item, "url": _absolute(request, item["url"])} for item in suggestions],
    }
