"""Endpoints of the page types: a typed list and detail per type, lookup by path, and headless preview."""

import uuid
from typing import Literal

from django.conf import settings
from django.core import signing
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import Page, Site

from clients.models import ApiToken, Scope
from cms.languages import language_literal
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
from .http import ApiError, json_response, paginated_data
from .models import ChangeEvent
from .schemas import Id, IsoDate, IsoDateTime, PageLink, Problem, Schema, Text, paginated

router = Router(tags=["pages"])

Locale = language_literal()
Year = Field(None, ge=1900, le=2100, description="Calendar year")


def _choices(enum):
    return Literal[tuple(enum.values)]


class PageFilters(Schema):
    locale: Locale | None = Field(None, description="Only items in this language")
    commune: Id | None = Field(None, description="Only items of this commune (site id)")
    updated_since: IsoDateTime | None = Field(None, description="Only items published at or after this time")
    key: uuid.UUID | None = Field(None, description="Only the language versions of the item with this stable key")
    id: list[Id] | None = Field(
        None,
        max_length=100,
        description="Only the items with these ids (repeat the parameter, at most 100): "
        "a peer reads the items of a page of the change feed in one request",
    )
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
    date_from: IsoDate | None = Field(None, description="Only events starting on or after this day")
    date_to: IsoDate | None = Field(None, description="Only events starting on or before this day")
    upcoming: bool | None = Field(None, description="true: not yet ended; false: ended")


class ProjectFilters(PageFilters):
    status: _choices(ProjectStatus) | None = None
    axis: _choices(ProgrammeAxis) | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Year the project started")


class TenderFilters(PageFilters):
    status: _choices(TenderStatus) | None = None
    procedure: _choices(TenderProcedure) | None = None
    year: int | None = Field(None, ge=1900, le=2100, description="Year of publication")
    date_from: IsoDate | None = Field(None, description="Only tenders published on or after this day")
    date_to: IsoDate | None = Field(None, description="Only tenders published on or before this day")
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
            "date_from": "start__date__gte",
            "date_to": "start__date__lte",
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
            "date_from": "published_on__gte",
            "date_to": "published_on__lte",
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
    if filters.key:
        queryset = queryset.filter(translation_key=filters.key)
    if filters.id:
        queryset = queryset.filter(pk__in=filters.id)
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


def languages_of(filters, results):
    """``Content-Language`` of a list: the locale asked for, else the languages of the items it holds."""
    return filters.locale or ", ".join(sorted({item["locale"] for item in results})) or None


def page_response(request, page):
    """One page as the API serves it, in its own language."""
    data = serialize_pages(request, [page])[0]
    return json_response(request, data, last_modified=page.last_published_at, language=data["locale"])


def _add_collection(slug):
    page_type = PAGE_TYPES[slug]
    filters_schema, mapping, ordering = COLLECTIONS.get(slug, (PageFilters, {}, ("path",)))
    item_schema = page_type.schema
    list_schema = paginated(item_schema, f"{item_schema.__name__}List")
    label = slug.replace("-", " ")
    doc = " ".join((page_type.model.__doc__ or "").split())

    def list_items(request, filters: Query[filters_schema]):
        queryset = filter_pages(page_type.queryset(), filters, mapping).order_by(*ordering)
        count = queryset.count()
        pages = list(queryset[filters.offset : filters.offset + filters.limit])
        results = serialize_pages(request, pages)
        data = paginated_data(request, count, filters.offset, filters.limit, results)
        return json_response(request, data, last_modified=last_change(pages), language=languages_of(filters, results))

    def get_item(request, id: Id):
        page = page_type.queryset().filter(pk=id).first()
        if page is None:
            raise ApiError(404, _("No published page of this type has this id."), param="id")
        return page_response(request, page)

    list_items.__name__ = f"list_{slug.replace('-', '_')}"
    get_item.__name__ = f"get_{slug.replace('-', '_')}"
    router.add_api_operation(
        f"/{slug}",
        ["GET"],
        list_items,
        response={200: list_schema, 304: None, 422: Problem},
        summary=f"List {label}",
        description=f"{doc} Published, public items, newest first, filtered by the query parameters, "
        "in pages of `limit` items with links to the next and previous pages.",
        tags=[slug],
    )
    router.add_api_operation(
        f"/{slug}/{{id}}",
        ["GET"],
        get_item,
        response={200: item_schema, 304: None, 404: Problem, 422: Problem},
        summary=f"Get one of the {label} by id",
        description=f"{doc} One published, public item with every field, its language versions in `translations`.",
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


class MovedOut(Schema):
    """Where the content of a path moved, as the commune's editors redirected it."""

    status: Literal[301, 302] = Field(description="301 when the move is permanent, 302 when it is temporary")
    permanent: bool
    url: str = Field(description="Absolute address the content moved to (on the portal, or elsewhere)")
    path: str | None = Field(description="The new path on the portal, to ask by-path for; null for another site")
    page: PageLink | None = Field(description="The page the path moved to; null when it moved off the portal")


MOVED_EXAMPLE = {
    "status": 301,
    "permanent": True,
    "url": "https://commune.example.ma/fr/actualites/budget-2026/",
    "path": "/fr/actualites/budget-2026/",
    "page": {
        "id": 87,
        "type": "news",
        "title": "Budget 2026",
        "url": "https://commune.example.ma/fr/actualites/budget-2026/",
        "api_url": "https://commune.example.ma/api/news/87",
    },
}

_LOCATION = {
    "Location": {
        "description": "The API item of the page the path moved to, or the new address when it left the portal",
        "schema": {"type": "string"},
        "example": "https://commune.example.ma/api/news/87",
    }
}


def _moved_response(description, status):
    example = {**MOVED_EXAMPLE, "status": status, "permanent": status == 301}
    media = {"schema": {"$ref": "#/components/schemas/MovedOut"}, "example": example}
    return {"description": description, "headers": _LOCATION, "content": {"application/json": media}}


BY_PATH_DESCRIPTION = """What a headless front end shows at a portal address: the live, public page of any type
published there.

When no page is published at the path but the commune's editors redirected it (Wagtail redirects of that
commune, or of every commune), the answer is the redirect itself: **301** (permanent) or **302**
(temporary), `Location` pointing at the API item of the page the path moved to (or at the new address
when it left the portal), and a body saying where the content now is (`path`, `url`, `page`). A front end
answers its visitor with the same status and the new `path`; a client that follows redirects lands on
the moved page's item. Paths without a language prefix (old addresses) are looked up among the redirects too."""


def _redirect_for(site, path):
    """The redirect editors set for ``path`` on ``site``, one of that site's preferred to one of every site.

    Looked up as the site looks it up: the path with its query (Wagtail's normalised form), then the
    importer's normalised forms of an old address's query (tracking parameters dropped, only the
    parameters that name an item kept), then the path alone.
    """
    from wagtail.contrib.redirects.models import Redirect

    from importer.middleware import candidates

    if "\x00" in path:
        return None
    forms = [Redirect.normalise_path(path), Redirect.normalise_path(path, decode_unicode=False)]
    forms += candidates(path)
    forms.append(Redirect.normalise_path(path.split("?", 1)[0]))
    forms = list(dict.fromkeys(forms))
    stored = list(Redirect.get_for_site(site).filter(old_path__in=forms))
    for form in forms:
        matches = [redirect for redirect in stored if redirect.old_path == form]
        if matches:
            return min(matches, key=lambda redirect: (redirect.site_id != site.pk, redirect.pk))
    return None


def _page_at(site, path):
    """The live, public page ``path`` (with its language prefix) leads to on ``site``, or ``None``."""
    parts = [part for part in path.split("?")[0].split("/") if part]
    if not parts or parts[0] not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        return None
    language, rest = parts[0], parts[1:]
    roots = [root for root in Site.get_site_root_paths() if root.site_id == site.pk and root.language_code == language]
    if not roots:
        return None
    url_path = roots[0].root_path + "".join(f"{part}/" for part in rest)
    page = Page.objects.live().public().filter(url_path=url_path).specific().first()
    if page is None or type(page) not in {page_type.model for page_type in PAGE_TYPES.values()}:
        return None
    return page


def _moved(request, site, redirect):
    """The answer for a path that moved, or ``None`` when its target is not public."""
    from django.http import HttpResponse

    from .http import cache_seconds, dumps
    from .resolve import Resolver

    resolver = Resolver(request)
    page = None
    if redirect.redirect_page_id:
        page = _public_target(redirect.redirect_page_id)
        if page is None:
            return None
    elif redirect.redirect_link:
        link = redirect.redirect_link
        page = _page_at(site, link) if link.startswith("/") else None
    else:
        return None
    status = 301 if redirect.is_permanent else 302
    if page is not None:
        link = resolver.page_link(page)
        _site_id, _root_url, path = page.get_url_parts(request) or (None, None, None)
        if link["api_url"] is None:
            return None
        data = {"status": status, "permanent": redirect.is_permanent, "url": link["url"], "path": path, "page": link}
        location = link["api_url"]
    else:
        target = redirect.redirect_link
        if target.startswith("/"):
            target = site.root_url + target
        data = {"status": status, "permanent": redirect.is_permanent, "url": target, "path": None, "page": None}
        location = target
    response = HttpResponse(dumps(data), status=status, content_type="application/json")
    response["Location"] = location
    response["Cache-Control"] = f"public, max-age={cache_seconds()}"
    return response


def _public_target(page_id):
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or type(page) not in {page_type.model for page_type in PAGE_TYPES.values()}:
        return None
    return page


@router.get(
    "/pages/by-path",
    response={200: AnyPage, 301: MovedOut, 302: MovedOut, 304: None, 404: Problem, 422: Problem},
    summary="The page published at a portal path",
    description=BY_PATH_DESCRIPTION,
    tags=["pages"],
    openapi_extra={
        "responses": {
            "301": _moved_response("Moved permanently: the body and Location say where", 301),
            "302": _moved_response("Moved for a time: the body and Location say where", 302),
        }
    },
)
def page_by_path(request, query: Query[PathQuery]):
    path = query.path
    site = _site_for(request, query.commune)
    page = _page_at(site, path)
    if page is not None:
        return page_response(request, page)
    redirect = _redirect_for(site, path)
    if redirect is not None:
        moved = _moved(request, site, redirect)
        if moved is not None:
            return moved
    parts = [part for part in path.split("/") if part]
    if not parts or parts[0] not in dict(settings.WAGTAIL_CONTENT_LANGUAGES):
        raise ApiError(404, _("The path must start with a language prefix such as /ar/."), param="path")
    if not any(root.site_id == site.pk and root.language_code == parts[0] for root in Site.get_site_root_paths()):
        raise ApiError(404, _("This commune has no home page in this language."), param="path")
    raise ApiError(404, _("No published page at this path."), param="path")


PREVIEW_SALT = "bawaba.api.preview"


def preview_max_age():
    return getattr(settings, "BAWABA_PREVIEW_MAX_AGE", 3600)


def make_preview_token(revision, api_token):
    """A signed token that lets its bearer read ``revision`` of its page until it expires.

    The token names the page, the revision and the API token that issued it: it shows that one revision
    only, and it dies with the page, the revision, the issuing token (revoked, expired or deleted) and
    that token's user (deactivated, or no longer allowed to edit the page).
    """
    payload = {"page": int(revision.object_id), "revision": revision.pk, "issuer": api_token.pk}
    return signing.dumps(payload, salt=PREVIEW_SALT)


def _read_preview_token(token):
    try:
        payload = signing.loads(token, salt=PREVIEW_SALT, max_age=preview_max_age())
    except signing.SignatureExpired:
        raise ApiError(403, _("This preview token has expired."), param="token") from None
    except (signing.BadSignature, ValueError):
        raise ApiError(403, _("This preview token is not valid."), param="token") from None
    if not isinstance(payload, dict) or not all(isinstance(payload.get(key), int) for key in PREVIEW_KEYS):
        raise ApiError(403, _("This preview token is not valid."), param="token")
    return payload


PREVIEW_KEYS = ("page", "revision", "issuer")


def _check_issuer(issuer_id, page):
    """The API token that issued a preview must still be usable by a user who may still edit the page."""
    issuer = ApiToken.objects.select_related("user").filter(pk=issuer_id).first()
    if issuer is None or issuer.revoked_at is not None or not issuer.has_scope(Scope.PREVIEW) or issuer.user is None:
        raise ApiError(403, _("The API token that issued this preview has been revoked."), param="token")
    if issuer.expires_at is not None and issuer.expires_at <= timezone.now():
        raise ApiError(403, _("The API token that issued this preview has expired."), param="token")
    if not issuer.user.is_active:
        raise ApiError(403, _("The account that issued this preview has been deactivated."), param="token")
    if not page.permissions_for_user(issuer.user).can_edit():
        raise ApiError(403, _("The account that issued this preview may no longer edit this page."), param="token")


@router.get(
    "/preview",
    response={200: AnyPage, 404: Problem, 422: Problem, 403: Problem},
    summary="Preview the revision of a page (drafts included) a signed token was issued for",
    tags=["preview"],
)
def preview(request, query: Query[PreviewQuery]):
    """The latest revision of a page, draft or not, for an editor holding a token; never cached."""
    payload = _read_preview_token(query.token)
    page = Page.objects.filter(pk=payload["page"]).specific().first()
    if page is None:
        raise ApiError(404, _("The previewed page no longer exists."), param="token")
    revision = page.revisions.filter(pk=payload["revision"]).first()
    if revision is None:
        raise ApiError(404, _("The previewed revision no longer exists."), param="token")
    _check_issuer(payload["issuer"], page)
    draft = revision.as_object()
    data = serialize_pages(request, [draft], with_translations=False)[0]
    data["translations"] = []
    return json_response(request, data, public=False)
