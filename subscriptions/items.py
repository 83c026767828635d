"""What a publication means to subscribers: its kind, its facets and its text in each language.

A page is one item across its translations (its ``translation_key``): publishing the Arabic page and
later its French copy, or publishing again after a correction, never makes a second message. A
project's progress is part of its item, so each new step of a project is news to its followers.
"""

import hashlib

from django.utils import timezone
from wagtail.models import Page

from .models import Dispatch, Kind

#: Page type -> (kind, facet fields).
PAGE_KINDS = {
    "pages.TenderPage": (Kind.TENDERS, {"procedure": "procedure", "category": "category"}),
    "pages.CouncilSessionPage": (Kind.SESSIONS, {}),
    "pages.NewsPage": (Kind.NEWS, {"category": "category"}),
    "pages.ProjectPage": (Kind.PROJECTS, {}),
    "pages.LegalTextPage": (Kind.LEGAL, {"category": "kind"}),
    "subscriptions.BulletinPage": (Kind.BULLETIN, {}),
}


def kind_of(page):
    """``(kind, facets)`` of a page subscribers can follow, else ``None``."""
    label = type(page)._meta.label
    if label not in PAGE_KINDS:
        return None
    kind, fields = PAGE_KINDS[label]
    return kind, {facet: getattr(page, field, "") or "" for facet, field in fields.items()}


def item_key(page, kind):
    key = f"page:{page.translation_key}"
    if kind == Kind.PROJECTS:
        key += f":{getattr(page, 'progress', 0) or 0}:{getattr(page, 'status', '')}"
    return key


def summary_of(page):
    text = getattr(page, "intro", "") or getattr(page, "subject", "") or getattr(page, "search_description", "")
    return " ".join(str(text).split())[:400]


def page_content(page):
    """Title, summary and address of ``page`` in every language it is live in."""
    content = {}
    translations = (
        Page.objects.live().public().filter(translation_key=page.translation_key).select_related("locale").specific()
    )
    for translation in translations:
        url = translation.get_full_url()
        if not url:
            continue
        content[translation.locale.language_code] = {
            "title": translation.title,
            "summary": summary_of(translation),
            "url": url,
        }
    return content


def dispatch_for_page(page, site):
    """The dispatch of a published page (created once per item), or ``None`` if nobody follows its kind."""
    found = kind_of(page)
    if found is None:
        return None
    kind, facets = found
    content = page_content(page)
    if not content:
        return None
    dispatch, created = Dispatch.objects.get_or_create(
        commune=site,
        key=item_key(page, kind),
        defaults={"kind": kind, "page": page, "facets": facets, "content": content},
    )
    if not created:
        merged = {**dispatch.content, **content}
        if merged != dispatch.content:
            Dispatch.objects.filter(pk=dispatch.pk).update(content=merged)
            dispatch.content = merged
    return dispatch, created


def dispatch_for_alert(home, site):
    """The dispatch of the home page's alert banner, keyed by its text and schedule."""
    alert = home.active_alert if home.alert_message else None
    if alert is None and not (home.alert_message and home.alert_starts_at and home.alert_starts_at > timezone.now()):
        return None
    stamp = f"{home.alert_message}|{home.alert_severity}|{home.alert_starts_at}|{home.alert_ends_at}"
    digest = hashlib.sha256(stamp.encode()).hexdigest()[:24]
    language = home.locale.language_code
    url = home.get_full_url() or ""
    content = {
        language: {"title": home.alert_message[:200], "summary": home.alert_message, "url": url},
    }
    dispatch, created = Dispatch.objects.get_or_create(
        commune=site,
        key=f"alert:{home.translation_key}:{language}:{digest}",
        defaults={
            "kind": Kind.ALERTS,
            "page": home,
            "facets": {"severity": home.alert_severity, "language": language},
            "content": content,
            "emergency": True,
        },
    )
    return dispatch, created
