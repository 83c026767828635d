"""The search API: ``GET /api/search`` and ``GET /api/search/suggest``, mounted at ``/search``."""

from enum import Enum
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import override
from ninja import Field, Query, Router, Schema
from wagtail.models import Locale

from .recording import record_search
from .results import PAGE_SIZE, SUGGESTIONS, search_commune, suggest
from .views import commune_root

router = Router(tags=["search"])

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
    type: str = Field(description="Content type, as `app_label.model`.")
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
    total: int
    page: int
    pages: int
    page_size: int
    any_word: bool = Field(description="True when no page had every word and pages with some of them are shown.")
    results: list[SearchResultOut]
    facets: FacetsOut
    promotions: list[PromotionOut]
    other_languages: list[OtherLanguageOut] = Field(
        description="When nothing is found: the commune's other languages that have results."
    )


class SearchParams(Schema):
    q: str = Field("", description="The words to look for, in any spelling.")
    locale: LocaleCode = Field(LocaleCode(settings.LANGUAGE_CODE), description="The language to search in.")
    type: str = Field("", description="Only this content type (`app_label.model`, from the facets).")
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


@router.get("", response=SearchOut, summary="Search a commune's content in one language")
def search(request, params: Query[SearchParams]):
    """One search across every page of the commune, with facets, snippets and promoted results."""
    locale = _locale(params.locale)
    outcome = search_commune(
        params.q,
        root=commune_root(request),
        locale=locale,
        content_type=params.type,
        year=params.year,
        page=params.page,
        page_size=params.page_size,
        request=request,
    )
    if outcome.searched and locale is not None and params.page == 1 and not (params.type or params.year):
        record_search(params.q, locale=locale.language_code, found=bool(outcome.total or outcome.promotions))
    other_languages = []
    for language in outcome.other_languages:
        with override(language.code):
            url = f"{reverse('search:search')}?{urlencode({'q': outcome.query})}"
        other_languages.append(
            {"locale": language.code, "name": language.name, "count": language.count, "url": _absolute(request, url)}
        )
    return {
        "query": outcome.query,
        "locale": params.locale.value,
        "total": outcome.total,
        "page": outcome.page.number if outcome.page else 1,
        "pages": outcome.page.paginator.num_pages if outcome.page else 0,
        "page_size": params.page_size,
        "any_word": outcome.any_word,
        "results": [
            {
                "id": result.page.pk,
                "title": result.page.title,
                "url": _absolute(request, result.page.get_url(request=request)),
                "type": result.type_key,
                "type_label": str(result.type_label),
                "year": result.year,
                "snippet": str(result.snippet),
            }
            for result in outcome.results
        ],
        "facets": {
            "types": [facet.__dict__ for facet in outcome.types],
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
