"""Atom 1.0 and JSON Feed 1.1 for news, events and tenders, per locale and commune."""

import datetime
from typing import Literal

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import Site

from cms.languages import language_literal
from home.models import CommuneSettings

from .content import PAGE_TYPES, serialize_pages
from .http import ApiError, conditional, dumps
from .pages import commune_filter, last_change
from .schemas import Id, Problem, Schema

router = Router(tags=["feeds"])


class StableAtomFeed(Atom1Feed):
    """An Atom feed whose ``updated`` stays put while it has no entries, so its ETag does too."""

    def latest_post_date(self):
        if not self.items:
            return datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
        return super().latest_post_date()


FEEDS = {
    "news": (_("News"), ("-date", "-id")),
    "events": (_("Events"), ("-start", "-id")),
    "tenders": (_("Calls for tenders"), ("-published_on", "-id")),
}
FEED_SIZE = 30
#: The year in every tag: URI; it never changes, or every entry would look new to readers.
TAG_YEAR = 2025
JSON_FEED_CONTENT_TYPE = "application/feed+json"

FeedKind = Literal[tuple(FEEDS)]
LocaleCode = language_literal()


class FeedFilters(Schema):
    locale: LocaleCode = "ar"
    commune: Id | None = Field(None, description="Commune (site id); by default the one serving this host")


class JsonFeedAuthor(Schema):
    name: str
    url: str | None


class JsonFeedItem(Schema):
    id: str
    url: str | None
    title: str
    summary: str
    content_html: str
    image: str | None = None
    date_published: str | None
    date_modified: str | None
    language: str
    tags: list[str]


class JsonFeed(Schema):
    """A JSON Feed 1.1 document."""

    version: Literal["https://jsonfeed.org/version/1.1"]
    title: str
    home_page_url: str | None
    feed_url: str
    language: str
    authors: list[JsonFeedAuthor]
    items: list[JsonFeedItem]


def _feed_items(request, kind, filters):
    site = Site.objects.filter(pk=filters.commune).first() if filters.commune else Site.find_for_request(request)
    if site is None:
        raise ApiError(404, _("No commune has this id."), param="commune")
    page_type = PAGE_TYPES[kind]
    pages = list(
        page_type.queryset()
        .filter(commune_filter(site.pk), locale__language_code=filters.locale)
        .order_by(*FEEDS[kind][1])[:FEED_SIZE]
    )
    items = serialize_pages(request, pages, with_translations=False)
    names = CommuneSettings.objects.filter(site=site).first()
    name = ""
    if names:
        name = getattr(names, f"name_{filters.locale}", "") or names.name_ar
    home = next(
        (r.root_url + "/" + filters.locale + "/" for r in Site.get_site_root_paths() if r.site_id == site.pk), None
    )
    return site, pages, items, name or site.site_name, home


def entry_id(site, kind, page):
    """A tag: URI (RFC 4151) for one language version of a page: the same whatever host or path serves it.

    The authority is the commune's configured host name, not the request's; the specific part names the
    collection, the page's translation key (shared by its language versions) and its language.
    """
    authority = getattr(settings, "BAWABA_TAG_AUTHORITY", "") or site.hostname
    return f"tag:{authority},{TAG_YEAR}:{kind}/{page.translation_key}/{page.locale.language_code}"


def _html(item):
    parts = [f"<p>{_escape(item.get('intro', ''))}</p>"] if item.get("intro") else []
    for block in item.get("body", []):
        if block["type"] == "paragraph":
            parts.append(block["value"])
        elif block["type"] == "heading":
            level = block["value"]["level"]
            parts.append(f"<{level}>{_escape(block['value']['text'])}</{level}>")
    return "".join(parts)


def _escape(text):
    from django.utils.html import escape

    return escape(text)


def _image(item):
    image = item.get("image")
    return image["renditions"]["large"]["url"] if image else None


def _tags(kind, item):
    return [value for value in (item.get("category"), item.get("kind"), item.get("status")) if value]


@router.get(
    "/feeds/{kind}.atom",
    response={304: None, 404: Problem, 422: Problem},
    openapi_extra={
        "responses": {
            "200": {"description": "Atom 1.0", "content": {"application/atom+xml": {"schema": {"type": "string"}}}}
        }
    },
    summary="Atom 1.0 feed",
)
def atom_feed(request, kind: FeedKind, filters: Query[FeedFilters]):
    """The latest published items of a collection, for one commune and one language, as Atom 1.0 (RFC 4287)."""
    site, pages, items, name, home = _feed_items(request, kind, filters)
    authority = getattr(settings, "BAWABA_TAG_AUTHORITY", "") or site.hostname
    feed = StableAtomFeed(
        title=f"{name} — {FEEDS[kind][0]}",
        link=home or request.build_absolute_uri("/"),
        description="",
        language=filters.locale,
        author_name=name,
        author_link=home,
        feed_url=request.build_absolute_uri(),
        feed_guid=f"tag:{authority},{TAG_YEAR}:feeds/{kind}/{filters.locale}",
    )
    for page, item in zip(pages, items, strict=True):
        feed.add_item(
            title=item["title"],
            link=item["url"] or item["api_url"],
            description=_html(item),
            unique_id=entry_id(site, kind, page),
            pubdate=page.first_published_at,
            updateddate=page.last_published_at,
            categories=_tags(kind, item),
        )
    body = feed.writeString("utf-8").encode()
    return conditional(
        request,
        body,
        content_type="application/atom+xml; charset=utf-8",
        last_modified=last_change(pages),
        language=filters.locale,
    )


@router.get(
    "/feeds/{kind}.json",
    response={200: JsonFeed, 304: None, 404: Problem, 422: Problem},
    summary="JSON Feed 1.1",
    openapi_extra={
        "responses": {
            "200": {
                "description": "JSON Feed 1.1",
                "content": {JSON_FEED_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/JsonFeed"}}},
            }
        }
    },
)
def json_feed(request, kind: FeedKind, filters: Query[FeedFilters]):
    """The same items as the Atom feed, as JSON Feed 1.1, served as application/feed+json."""
    site, pages, items, name, home = _feed_items(request, kind, filters)
    data = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{name} — {FEEDS[kind][0]}",
        "home_page_url": home,
        "feed_url": request.build_absolute_uri(),
        "language": filters.locale,
        "authors": [{"name": name, "url": home}],
        "items": [
            {
                "id": entry_id(site, kind, page),
                "url": item["url"],
                "title": item["title"],
                "summary": item.get("intro", ""),
                "content_html": _html(item),
                "image": _image(item),
                "date_published": _iso(page.first_published_at),
                "date_modified": _iso(page.last_published_at),
                "language": item["locale"],
                "tags": _tags(kind, item),
            }
            for page, item in zip(pages, items, strict=True)
        ],
    }
    content_type = f"{JSON_FEED_CONTENT_TYPE}; charset=utf-8"
    return conditional(
        request, dumps(data), content_type=content_type, last_modified=last_change(pages), language=filters.locale
    )


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.datetime) else None
