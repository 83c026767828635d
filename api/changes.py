"""The change feed: what a peer needs to stay in sync without reading everything again."""

import datetime
from typing import Literal

from django.apps import apps
from django.db.models import Max, Q
from ninja import Field, Query, Router
from wagtail.models import Page

from .http import json_response
from .models import TOMBSTONE_ACTIONS, ChangeAction, ChangeEvent
from .registry import PAGE_COLLECTIONS, REGISTER_COLLECTIONS
from .schemas import Id, Problem, Schema

router = Router(tags=["sync"])

Kind = Literal[tuple(PAGE_COLLECTIONS) + tuple(REGISTER_COLLECTIONS)]


class ChangeOut(Schema):
    cursor: int = Field(description="Pass it as since to read what happened after this change")
    action: Literal[tuple(ChangeAction.values)]
    type: str = Field(description="API collection of the object")
    id: int
    locale: str
    commune: int | None
    occurred_at: datetime.datetime
    api_url: str | None = Field(description="Where to read the object; null for tombstones")


class ChangeFeed(Schema):
    items: list[ChangeOut]
    next_cursor: int = Field(description="since value for the next request")
    has_more: bool


class ChangeFilters(Schema):
    since: int = Field(0, ge=0, le=2**62, description="Cursor of the last change already read; 0 from the start")
    limit: int = Field(100, ge=1, le=500)
    commune: Id | None = None
    types: list[Kind] | None = Field(None, description="Only these collections")


def visible_changes(since=0, commune=None, types=None):
    """The latest change of each object after ``since``, as anonymous callers may see it."""
    latest = ChangeEvent.objects.filter(id__gt=since)
    if commune:
        latest = latest.filter(commune_id=commune)
    if types:
        latest = latest.filter(kind__in=types)
    latest = latest.values("kind", "object_id").annotate(last=Max("id")).values("last")
    public_pages = Page.objects.live().public().values("id")
    if apps.is_installed("network"):
        # Copies taken from peers are served by their origin; announcing them again would loop.
        public_pages = public_pages.exclude(
            pk__in=apps.get_model("network", "SyndicatedCopy").objects.values("page_id")
        )
    visible = Q(action__in=TOMBSTONE_ACTIONS, was_public=True) | Q(
        action__in=(ChangeAction.CREATED, ChangeAction.CHANGED), kind__in=list(REGISTER_COLLECTIONS)
    )
    visible |= Q(
        action__in=(ChangeAction.CREATED, ChangeAction.CHANGED),
        kind__in=list(PAGE_COLLECTIONS),
        was_public=True,
        object_id__in=public_pages,
    )
    return ChangeEvent.objects.filter(id__in=latest).filter(visible).order_by("id")


@router.get("/changes", response={200: ChangeFeed, 304: None, 422: Problem})
def changes(request, filters: Query[ChangeFilters]):
    """Everything created, changed, unpublished or deleted since a cursor, oldest first, tombstones included."""
    events = list(visible_changes(filters.since, filters.commune, filters.types)[: filters.limit + 1])
    has_more = len(events) > filters.limit
    events = events[: filters.limit]
    items = [
        {
            "cursor": event.pk,
            "action": event.action,
            "type": event.kind,
            "id": event.object_id,
            "locale": event.locale,
            "commune": event.commune_id,
            "occurred_at": event.occurred_at,
            "api_url": None
            if event.action in TOMBSTONE_ACTIONS
            else request.build_absolute_uri(f"/api/{event.kind}/{event.object_id}"),
        }
        for event in events
    ]
    data = {"items": items, "next_cursor": events[-1].pk if events else filters.since, "has_more": has_more}
    return json_response(request, data, last_modified=events[-1].occurred_at if events else None)
