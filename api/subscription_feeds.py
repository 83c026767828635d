"""Every subscription list as an Atom 1.0 and a JSON Feed 1.1 document, and as a JSON list.

A commune relays them to its social media pages or to an SMS gateway: the items are exactly what
subscribers of that list are sent (the dispatches of ``subscriptions``), in the language asked for,
narrowed like a subscription (tender procedure and category, news or legal-text category).
"""

import datetime
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import Site

from cms.languages import language_literal
from home.models import CommuneSettings
from subscriptions.models import Dispatch, Kind

from .feeds import JsonFeed, StableAtomFeed
from .http import ApiError, conditional, json_response
from .schemas import Id, Problem, Schema

router = Router(tags=["subscriptions"])
FEED_SIZE = 30

ListKind = Literal[tuple(Kind.values)]


class ListFeedFilters(Schema):
    locale: language_literal() = "ar"
    commune: Id | None = Field(None, description="Commune (site id); by default the one serving this host")
    procedure: str | None = Field(None, max_length=32, description="Calls for tenders: one procedure")
    category: str | None = Field(None, max_length=32, description="Tender, news or legal-text category")


class ListItem(Schema):
    id: str
    kind: ListKind
    title: str
    summary: str
    url: str | None
    language: str
    published: str
    emergency: bool
    facets: dict[str, str]


class ListItems(Schema):
    kind: ListKind
    title: str
    items: list[ListItem]


def _items(request, kind, filters):
    site = Site.objects.filter(pk=filters.commune).first() if filters.commune else Site.find_for_request(request)
    if site is None:
        raise ApiError(404, _("No commune has this id."), param="commune")
    dispatches = Dispatch.objects.filter(commune=site, kind=kind, digest="").order_by("-created_at", "-pk")
    if filters.procedure:
        dispatches = dispatches.filter(facets__procedure=filters.procedure)
    if filters.category:
        dispatches = dispatches.filter(facets__category=filters.category)
    items = []
    for dispatch in dispatches[: FEED_SIZE * 3]:
        entry = dispatch.content.get(filters.locale)
        if entry is None and kind == Kind.ALERTS:
            entry = next(iter(dispatch.content.values()), None)
        if entry is None:
            continue
        items.append((dispatch, entry))
        if len(items) == FEED_SIZE:
            break
    names = CommuneSettings.objects.filter(site=site).first()
    name = (getattr(names, f"name_{filters.locale}", "") or names.name_ar) if names else site.site_name
    return site, items, f"{name} — {Kind(kind).label}"


def _item(dispatch, entry, language):
    return {
        "id": f"{dispatch.commune_id}:{dispatch.key}",
        "kind": dispatch.kind,
        "title": entry.get("title", ""),
        "summary": entry.get("summary", ""),
        "url": entry.get("url") or None,
        "language": language,
        "published": dispatch.created_at.isoformat(),
        "emergency": dispatch.emergency,
        "facets": {key: str(value) for key, value in (dispatch.facets or {}).items() if value},
    }


def _last(items):
    return items[0][0].created_at if items else None


@router.get(
    "/subscriptions/{kind}",
    response={200: ListItems, 304: None, 404: Problem, 422: Problem},
    summary="What a subscription list sends, newest first",
    description="The items a subscription kind of the commune sends to its subscribers, newest first, for relays"
    " such as social media pages or an SMS gateway. Tenders filter by procedure and category, news by category.",
)
def list_items(request, kind: ListKind, filters: Query[ListFeedFilters]):
    _site, items, title = _items(request, kind, filters)
    data = {"kind": kind, "title": title, "items": [_item(d, e, filters.locale) for d, e in items]}
    return json_response(request, data, last_modified=_last(items))


@router.get(
    "/subscriptions/feeds/{kind}.atom",
    response={200: str, 304: None, 404: Problem, 422: Problem},
    openapi_extra={
        "responses": {
            "200": {"description": "Atom 1.0", "content": {"application/atom+xml": {"schema": {"type": "string"}}}}
        }
    },
    summary="A subscription list as Atom 1.0",
    description="The same items as the list, as an Atom 1.0 feed with host-independent entry ids.",
)
def list_atom(request, kind: ListKind, filters: Query[ListFeedFilters]):
    site, items, title = _items(request, kind, filters)
    feed = StableAtomFeed(
        title=title,
        link=request.build_absolute_uri(f"/{filters.locale}/"),
        description="",
        language=filters.locale,
        feed_url=request.build_absolute_uri(),
        feed_guid=request.build_absolute_uri(),
    )
    for dispatch, entry in items:
        feed.add_item(
            title=entry.get("title", ""),
            link=entry.get("url") or request.build_absolute_uri(f"/{filters.locale}/"),
            description=entry.get("summary", ""),
            unique_id=f"tag:{site.hostname},{dispatch.created_at:%Y-%m-%d}:{dispatch.key}",
            pubdate=dispatch.created_at,
            updateddate=dispatch.created_at,
            categories=[str(value) for value in (dispatch.facets or {}).values() if value],
        )
    body = feed.writeString("utf-8").encode()
    return conditional(request, body, content_type="application/atom+xml; charset=utf-8", last_modified=_last(items))


@router.get(
    "/subscriptions/feeds/{kind}.json",
    response={200: JsonFeed, 304: None, 404: Problem, 422: Problem},
    summary="A subscription list as JSON Feed 1.1",
    description="The same items as the list, as a JSON Feed 1.1 document (application/feed+json).",
)
def list_json_feed(request, kind: ListKind, filters: Query[ListFeedFilters]):
    site, items, title = _items(request, kind, filters)
    home = request.build_absolute_uri(f"/{filters.locale}/")
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": home,
        "feed_url": request.build_absolute_uri(),
        "language": filters.locale,
        "authors": [{"name": title.split(" — ")[0] or site.site_name, "url": home}],
        "items": [
            {
                "id": f"{dispatch.commune_id}:{dispatch.key}",
                "url": entry.get("url") or None,
                "title": entry.get("title", ""),
                "summary": entry.get("summary", ""),
                "content_html": "",
                "image": None,
                "date_published": _iso(dispatch.created_at),
                "date_modified": _iso(dispatch.created_at),
                "language": filters.locale,
                "tags": [str(value) for value in (dispatch.facets or {}).values() if value],
            }
            for dispatch, entry in items
        ],
    }
    return json_response(request, data, last_modified=_last(items))


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.datetime) else None
