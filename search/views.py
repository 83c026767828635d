"""The search page of a commune's portal: ``/<locale>/search/?q=``."""

from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Locale, Site

from .recording import record_search
from .results import search_commune


def parse_year(value):
    """A year from a query parameter, or ``None`` when it is not a plausible one."""
    try:
        year = int(value)
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2200 else None


def commune_root(request):
    """The Arabic home page of the commune the request is for, or ``None``."""
    site = Site.find_for_request(request)
    return site.root_page.specific if site else None


@require_GET
def search(request):
    """Search every page of the commune in the active language, with facets and pagination."""
    query = request.GET.get("q", "")
    locale = Locale.objects.filter(language_code=get_language()).first()
    site = Site.find_for_request(request)  # kept on the request: commune_root finds it there
    root = commune_root(request)
    content_type = request.GET.get("type", "")
    year = parse_year(request.GET.get("year"))
    outcome = search_commune(
        query,
        root=root,
        locale=locale,
        content_type=content_type,
        year=year,
        page=request.GET.get("page", 1),
        request=request,
        commune_id=site.pk if site else None,
    )
    narrowed = bool(content_type or year or request.GET.get("page"))
    if outcome.searched and not narrowed and locale is not None:
        record_search(
            query,
            locale=locale.language_code,
            found=bool(outcome.total or outcome.promotions),
            commune=site,
        )
    return TemplateResponse(
        request,
        "search/search.html",
        {"search": outcome, "search_query": outcome.query},
    )
