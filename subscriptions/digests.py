"""Daily and weekly digests: one message per subscriber gathering what they follow from the period.

A digest is a dispatch of its own, keyed by commune, frequency and period (the day, or the ISO
week), so running the schedule twice, or after a crash, sends nobody a second digest.
"""

import datetime

from django.db.models import Q
from django.utils import timezone, translation
from wagtail.models import Site

from .models import Dispatch, Frequency, MailingList, Subscriber

PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}


def period_of(frequency, now=None):
    """``(label, start, end)`` of the period that ended last: yesterday, or last week (Monday to Sunday)."""
    now = timezone.localtime(now or timezone.now())
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if frequency == Frequency.DAILY:
        start = today - datetime.timedelta(days=1)
        return start.date().isoformat(), start, today
    monday = today - datetime.timedelta(days=today.weekday())
    start = monday - datetime.timedelta(days=7)
    year, week, _day = start.isocalendar()
    return f"{year}-W{week:02d}", start, monday


def period_items(site, start, end):
    """What was published in the commune over the period, for digests: no alert, no digest."""
    return list(
        Dispatch.objects.filter(commune=site, created_at__gte=start, created_at__lt=end, digest="", emergency=False)
        .exclude(kind__in=MailingList.paused_kinds(site))
        .order_by("created_at", "pk")
    )


def items_for(subscriber, items):
    return [item for item in items if subscriber.follows(item.kind, item.facets)]


def build_digest(site, frequency, now=None):
    """The digest dispatch of ``site`` for the last period, or ``None`` when nothing was published."""
    label, start, end = period_of(frequency, now)
    items = period_items(site, start, end)
    if not items:
        return None
    dispatch, _created = Dispatch.objects.get_or_create(
        commune=site,
        key=f"digest:{frequency}:{label}",
        defaults={
            "kind": "digest",
            "digest": frequency,
            "content": {"items": [item.pk for item in items], "period": label},
        },
    )
    return dispatch


def digest_recipients(dispatch):
    items = list(Dispatch.objects.filter(pk__in=dispatch.content.get("items", [])))
    subscribers = Subscriber.objects.filter(commune=dispatch.commune, frequency=dispatch.digest).prefetch_related(
        "subscriptions"
    )
    return [subscriber for subscriber in subscribers.order_by("pk") if items_for(subscriber, items)]


_ITEMS = {}


def digest_context(dispatch, subscriber):
    """The entries of a digest one subscriber follows, in their language."""
    key = (dispatch.pk, tuple(dispatch.content.get("items", [])))
    if key not in _ITEMS:
        _ITEMS.clear()
        _ITEMS[key] = list(Dispatch.objects.filter(pk__in=key[1]).order_by("created_at", "pk"))
    language = subscriber.language
    entries = []
    with translation.override(language):
        for item in items_for(subscriber, _ITEMS[key]):
            entry = item.content.get(language) or next(iter(item.content.values()), {})
            entries.append({**entry, "kind": item.get_kind_display()})
    return {"entries": entries, "period": dispatch.content.get("period", "")}


def send_digests(frequency, now=None):
    """Build the last period's digest of every commune and queue its sending; returns how many were queued."""
    from .sending import dispatch_now

    queued = 0
    communes = Site.objects.filter(
        Q(pk__in=Subscriber.objects.filter(frequency=frequency).values("commune"))
    ).order_by("pk")
    for site in communes:
        dispatch = build_digest(site, frequency, now)
        if dispatch is not None:
            queued += dispatch_now(dispatch.pk)
    return queued
