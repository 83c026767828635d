"""The public figures of the complaint channel: received, answered, on time, median delay."""

import datetime
import statistics

from django.utils import timezone
from django.utils.translation import get_language

from .categories import categories_for
from .enums import CLOSED_INFORMATION_STATUSES, CLOSED_REQUEST_STATUSES
from .models import InformationRequest, ServiceRequest


def _month_keys(today, months):
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(keys))


def _empty():
    return {"received": 0, "answered": 0, "answered_on_time": 0, "_delays": []}


def _finish(bucket):
    delays = bucket.pop("_delays")
    bucket["median_delay_days"] = statistics.median(delays) if delays else None
    bucket["share_on_time"] = round(bucket["answered_on_time"] / bucket["answered"], 3) if bucket["answered"] else None
    return bucket


def _count(bucket, received, closed, due):
    bucket["received"] += 1
    if closed is not None:
        bucket["answered"] += 1
        closed_day = timezone.localdate(closed)
        bucket["_delays"].append((closed_day - timezone.localdate(received)).days)
        if closed_day <= due:
            bucket["answered_on_time"] += 1


def commune_statistics(site, months=12, today=None):
    """Aggregates for ``site``: totals, the last ``months`` months, and each category. No personal data."""
    today = today or timezone.localdate()
    language = (get_language() or "ar").split("-")[0]
    month_keys = _month_keys(today, months)
    first_day = datetime.date.fromisoformat(f"{month_keys[0]}-01")
    names = {category.code: category.name for category in categories_for(site, language)}

    totals, by_month, by_category = _empty(), {key: _empty() for key in month_keys}, {}
    rows = ServiceRequest.objects.filter(commune=site).values_list(
        "received_at", "closed_at", "status", "answer_due_on", "category__code"
    )
    for received, closed, status, due, code in rows.iterator():
        closed = closed if status in CLOSED_REQUEST_STATUSES else None
        _count(totals, received, closed, due)
        by_category.setdefault(code, _empty())
        _count(by_category[code], received, closed, due)
        month = timezone.localdate(received).strftime("%Y-%m")
        if month in by_month:
            _count(by_month[month], received, closed, due)

    information = _empty()
    info_rows = InformationRequest.objects.filter(commune=site).values_list(
        "received_at", "answered_at", "status", "due_on"
    )
    for received, answered, status, due in info_rows.iterator():
        _count(information, received, answered if status in CLOSED_INFORMATION_STATUSES else None, due)

    return {
        "generated_on": today.isoformat(),
        "period_start": first_day.isoformat(),
        "complaints_and_requests": {
            "totals": _finish(totals),
            "by_month": [{"month": key, **_finish(by_month[key])} for key in month_keys],
            "by_category": [
                {"code": code, "name": names.get(code, code), **_finish(bucket)}
                for code, bucket in sorted(by_category.items(), key=lambda item: -item[1]["received"])
            ],
        },
        "information_requests": {"totals": _finish(information)},
    }
