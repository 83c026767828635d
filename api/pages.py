"""Endpoints of the page types: a typed list and detail per type, lookup by path, and headless preview."""

from typing import Literal

from django.conf import settings
from django.core import signing
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import Page, Site

from pages.enums import (
    EventKind,
    LegalTextKind,
    NewsCategory,
    PartnershipScope,
    ProgrammeAxis,
    ProjectStatus,
    ReportKind,
    ServiceTheme,
    SessionKind,
    TenderProcedure,
    TenderStatus,
)

from .content import PAGE_TYPES, any_page_schema, serialize_pages
from .http import ApiError, json_response
from .models import ChangeEvent
from .schemas import Id, IsoDate, IsoDateTime, Problem, Schema, Text, paginated

router = Router(tags=["pages"])

Locale = Literal["ar", "fr", "zgh"]
Year = Field(None, ge=1900, le=2100, description="Calendar year")


def _choices(enum):
    return Literal[tuple(enum.values)]


class PageFilters(Schema):
    locale: Locale | None = Field(None, description="Only items in this language")
    commune: Id | None = Field(None, description="Only items of this commune (site id)")
    updated_since: IsoDateTime | None = Field(None, description="Only items published at or after this time")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


class NewsFilters(PageFilters):
    category: _choices(NewsCategory) | None = None
    year: int | None = Year
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


class EventFilters(PageFilters):
    kind: _choices(EventKind) | None = None
    year: int | None = Year
    starts_after: IsoDateTime | None = None
    starts_before: IsoDateTime | None = None
    upcoming: bool | None = Field(None, description="true: not yet ended; false: ended")


class ProjectFilters(PageFilters):
    status: _choices(ProjectStatus) | None = None
    axis: _choices(ProgrammeAxis) | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Year the project started")


class TenderFilters(PageFilters):
    status: _choices(TenderStatus) | None = None
    procedure: _choices(TenderProcedure) | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Year of publication")
    published_from: IsoDate | None = None
    published_to: IsoDate | None = None
    open: bool | None = Field(None, description="true: still accepting bids")


class ReportFilters(PageFilters):
    kind: _choices(ReportKind) | None = None
    year: int | None = Year


class LegalTextFilters(PageFilters):
    kind: _choices(LegalTextKind) | None = None
    year: int | None = Year
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    in_force: bool | None = None


class PartnershipFilters(PageFilters):
    scope: _choices(PartnershipScope) | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Year of signature")
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


class ServiceFilters(PageFilters):
    theme: _choices(ServiceTheme) | None = None


class SessionFilters(PageFilters):
    kind: _choices(SessionKind) | None = None
    year: int | None = Year
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None


def _tender_open(value):
    from pages.enums import TENDER_ACCEPTING_STATUSES

    accepting = Q(status__in=TENDER_ACCEPTING_STATUSES, submission_deadline__gt=timezone.now())
    return accepting if value else ~accepting


def _upcoming(value):
    return Q(end__gte=timezone.now()) if value else Q(end__lt=timezone.now())


#: Per collection: its filters, how each maps to the database, and its stable order.
COLLECTIONS = {
    "news": (
        NewsFilters,
        {"category": "category", "year": "date__year", "date_from": "date__gte", "date_to": "date__lte"},
        ("-date", "-id"),
    ),
    "events": (
        EventFilters,
        {
            "kind": "kind",
            "year": "start__year",
            "starts_after": "start__gte",
            "starts_before": "start__lt",
            "upcoming": _upcoming,
        },
        ("-start", "-id"),
    ),
    "projects": (
        ProjectFilters,
        {"status": "status", "axis": "axis", "year": "start_date__year"},
        ("-start_date", "-id"),
    ),
    "tenders": (
        TenderFilters,
        {
            "status": "status",
            "procedure": "procedure",
            "year": "published_on__year",
            "published_from": "published_on__gte",
            "published_to": "published_on__lte",
            "open": _tender_open,
        },
        ("-published_on", "-id"),
    ),
    "reports": (ReportFilters, {"kind": "kind", "year": "year"}, ("-year", "kind", "-id")),
    "legal-texts": (
        LegalTextFilters,
        {
            "kind": "kind",
            "year": "date__year",
            "date_from": "date__gte",
            "date_to": "date__lte",
            "in_force": "in_force",
        },
        ("-date", "number", "-id"),
    ),
    "partnerships": (
        PartnershipFilters,
        {"scope": "scope", "year": "signed_on__year", "date_from": "signed_on__gte", "date_to": "signed_on__lte"},
        ("-signed_on", "-id"),
    ),
    "services": (ServiceFilters, {"theme": "theme"}, ("theme", "title", "id")),
    "council-sessions": (
        SessionFilters,
        {"kind": "kind", "year": "start_date__year", "date_from": "start_date__gte", "date_to": "start_date__lte"},
        ("-start_date", "-id"),
    ),
}


def commune_filter(commune_id, field="url_path"):
    """Pages below the commune's home page in any of its languages."""
    paths = [root.root_path for root in Site.get_site_root_paths() if root.site_id == commune_id]
    if not paths:
        return Q(pk__in=[])
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def filter_pages(queryset, filters, mapping):
    if filters.locale:
        queryset = queryset.filter(locale__language_code=filters.locale)
    if filters.commune:
        queryset = queryset.filter(commune_filter(filters.commune))
    if filters.updated_since:
        queryset = queryset.filter(last_published_at__gte=filters.updated_since)
    for name, lookup in mapping.items():
        value = getattr(filters, name)
        if value is None:
            continue
        queryset = queryset.filter(lookup(value) if callable(lookup) else Q(**{lookup: value}))
    return queryset


def last_change(pages):
    """When the list last changed: its newest publication, or the newest change anywhere in the log."""
    moments = [page.last_published_at for page in pages if page.last_published_at]
    logged = ChangeEvent.objects.aggregate(latest=Max("occurred_at"))["latest"]
    if logged:
        moments.append(logged)
    return max(moments) if moments else None


def _add_collection(slug):
    page_type = PAGE_TYPES[slug]
    filters_schema, mapping, ordering = COLLECTIONS.get(slug, (PageFilters, {}, ("path",)))
    item_schema = page_type.schema
    list_schema = paginated(item_schema, f"{item_schema.__name__}List")
    verbose = str(page_type.model._meta.verbose_name_plural)

    def list_items(request, filters: Query[filters_schema]):
        queryset = filter_pages(page_type.queryset(), filters, mapping).order_by(*ordering)
        count = queryset.count()
        pages = list(queryset[filters.offset : filters.offset + filters.limit])
        data = {
            "count": count,
            "limit": filters.limit,
            "offset": filters.offset,
            "items": serialize_pages(request, pages),
        }
        return json_response(request, data, last_modified=last_change(pages))

    def get_item(request, id: Id):
        page = page_type.queryset().filter(pk=id).first()
        if page is None:
            raise ApiError(404, _("No published page of this type has this id."), param="id")
        return json_response(request, serialize_pages(request, [page])[0], last_modified=page.last_published_at)

    list_items.__name__ = f"list_{slug.replace('-', '_')}"
    get_item.__name__ = f"get_{slug.replace('-', '_')}"
    router.add_api_operation(
        f"/{slug}",
        ["GET"],
        list_items,
        response={200: list_schema, 304: None, 422: Problem},
        summary=f"List {verbose}",
        tags=[slug],
    )
    router.add_api_operation(
        f"/{slug}/{{id}}",
        ["GET"],
        get_item,
        response={200: item_schema, 304: None, 404: Problem, 422: Problem},
        summary=f"One {page_type.model._meta.verbose_name}",
        tags=[slug],
    )


for _slug in PAGE_TYPES:
    _add_collection(_slug)


AnyPage = any_page_schema()


class PathQuery(Schema):
    path: Text = Field(..., description="Path on the portal, with its language prefix, e.g. /fr/actualites/")
    commune: Id | None = Field(None, description="Commune (site id); by default the one serving this host")


class PreviewQuery(Schema):
    token: Text = Field(..., description="Token given to an editor for one page")


def _site_for(request, commune):
    if commune:
        site = Site.objects.filter(pk=commune).first()
        if site is None:
            raise ApiError(404, _("No commune has this id."), param="commune")
        return site
    site = Site.find_for_request(request)
    if site is None:
        raise ApiError(404, _("No commune serves this host; give the commune parameter."), param="commune")
    return site


@router.get(
    "/pages/by-path",
    response={200: AnyPage, 304: None, 404: Problem, 422: Problem},
    summary="The page published at a portal path",
    tags=["pages"],
)
def page_by_path(request, query: Query[PathQuery]):
    path = query.path
    site = _site_for(request, query.commune)
    parts = [part for part in path.split("/") if part]
    if not parts or parts[0] not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        raise ApiError(404, _("The path must start with a language prefix such as /ar/."), param="path")
    language, rest = parts[0], parts[1:]
    roots = [root for root in Site.get_site_root_paths() if root.site_id == site.pk and root.language_code == language]
    if not roots:
        raise ApiError(404, _("This commune has no home page in this language."), param="path")
    url_path = roots[0].root_path + "".join(f"{part}/" for part in rest)
    page = Page.objects.live().public().filter(url_path=url_path).specific().first()
    if page is None or type(page) not in {page_type.model for page_type in PAGE_TYPES.values()}:
        raise ApiError(404, _("No published page at this path."), param="path")
    return json_response(request, serialize_pages(request, [page])[0], last_modified=page.last_published_at)


PREVIEW_SALT = "bawaba.api.preview"


def preview_max_age():
    return getattr(settings, "BAWABA_PREVIEW_MAX_AGE", 3600)


def make_preview_token(page):
    """A signed token that lets its bearer read the latest revision of ``page`` until it expires."""
    return signing.TimestampSigner(salt=PREVIEW_SALT).sign(str(page.pk))


@router.get(
    "/preview",
    response={200: AnyPage, 404: Problem, 422: Problem, 403: Problem},
    summary="Preview the latest revision of a page (drafts included) with a signed token",
    tags=["preview"],
)
def preview(request, query: Query[PreviewQuery]):
    token = query.token
    try:
        page_id = int(signing.TimestampSigner(salt=PREVIEW_SALT).unsign(token, max_age=preview_max_age()))
    except signing.SignatureExpired:
        raise ApiError(403, _("This preview token has expired."), param="token") from None
    except (signing.BadSignature, ValueError):
        raise ApiError(403, _("This preview token is not valid."), param="token") from None
    page = Page.objects.filter(pk=page_id).specific().first()
    if page is None:
        raise ApiError(404, _("The previewed page no longer exists."), param="token")
    draft = page.get_latest_revision_as_object()
    data = serialize_pages(request, [draft], with_translations=False)[0]
    data["translations"] = []
    return json_response(request, data, public=False)
