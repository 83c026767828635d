"""Local copies of a peer's pages: from a validated item to page fields, and creating, updating, withdrawing.

Rich text is sanitised with nh3, then reduced to the features editors have; blocks that point to the
peer's own images, documents or pages are left out (the copy links to the original for those).
"""

import contextvars
import hashlib
import json

import nh3
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

from pages.blocks import RICH_TEXT_FEATURES

from .models import KIND_MODELS, ContentKind, PublicationMode, SyndicatedCopy

#: Set while the network changes pages, so that an unpublication it makes is not taken for an editor's.
applying = contextvars.ContextVar("network_applying", default=False)

ALLOWED_TAGS = {"p", "br", "h3", "h4", "b", "strong", "i", "em", "a", "ol", "ul", "li"}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "svg", "math"}
TREE_FIELDS = ["path", "depth", "url_path", "translation_key", "draft_title", "content_type", "numchild"]


class ItemRejected(Exception):
    """The peer's item cannot become a valid local page; nothing was written."""


def sanitize_html(html):
    """HTML from a peer, safe to store: only the editors' features, no script, style, frame or event handler."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
    )
    return EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(cleaned)


def _body(items):
    stream = []
    for item in items:
        if item.type == "paragraph":
            html = sanitize_html(item.value)
            if html.strip():
                stream.append({"type": "paragraph", "value": html})
        elif item.type == "heading":
            stream.append({"type": "heading", "value": {"text": item.value["text"], "level": item.value["level"]}})
        elif item.type == "quote":
            value = item.value
            stream.append(
                {"type": "quote", "value": {"text": value["text"], "attribution": value.get("attribution") or ""}}
            )
    return stream


def _money(value):
    return None if value is None else str(value)


def local_fields(peer, kind, item):
    """The local page fields for a validated item, all JSON-friendly so that they can be hashed."""
    fields = {
        "title": item.title,
        "intro": item.intro,
        "search_description": item.search_description,
        "body": _body(item.body),
    }
    if kind == ContentKind.NEWS:
        original = item.url or ""
        fields |= {
            "date": item.date.isoformat(),
            "category": item.category,
            "source_name": peer.name[:255],
            "source_url": original if len(original) <= 200 else "",
        }
    elif kind == ContentKind.EVENTS:
        fields |= {
            "kind": item.kind,
            "start": item.start.isoformat(),
            "end": item.end.isoformat(),
            "place": item.place,
            "programme": [
                {
                    "type": "item",
                    "value": {
                        "time": entry.value.time,
                        "title": entry.value.title,
                        "speaker": entry.value.speaker or "",
                    },
                }
                for entry in item.programme
            ],
        }
    elif kind == ContentKind.PROJECTS:
        fields |= {
            "status": item.status,
            "axis": item.axis,
            "budget": _money(item.budget),
            "funders": [
                {
                    "type": "funder",
                    "value": {"name": entry.value.name, "organization": None, "amount": _money(entry.value.amount)},
                }
                for entry in item.funders
            ],
            "start_date": item.start_date and item.start_date.isoformat(),
            "end_date": item.end_date and item.end_date.isoformat(),
            "completed_on": item.completed_on and item.completed_on.isoformat(),
            "progress": item.progress or 0,
            "location_name": item.location_name,
            "latitude": None if item.latitude is None else str(item.latitude),
            "longitude": None if item.longitude is None else str(item.longitude),
        }
    elif kind == ContentKind.TENDERS:
        fields |= {
            "reference": item.reference,
            "subject": item.subject,
            "procedure": item.procedure,
            "status": item.status,
            "estimate": _money(item.estimate),
            "bid_bond": _money(item.bid_bond),
            "published_on": item.published_on.isoformat(),
            "questions_deadline": item.questions_deadline and item.questions_deadline.isoformat(),
            "submission_deadline": item.submission_deadline.isoformat(),
            "opening_session": item.opening_session and item.opening_session.isoformat(),
            "opening_place": item.opening_place,
            "awardee": item.awardee,
            "award_amount": _money(item.award_amount),
            "awarded_on": item.awarded_on and item.awarded_on.isoformat(),
            "lots": item.lots,
        }
    return fields


def content_hash(fields, original_url):
    data = json.dumps({"fields": fields, "url": original_url}, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def page_model(kind):
    return apps.get_model(KIND_MODELS[kind][0])


def index_model(kind):
    return apps.get_model(KIND_MODELS[kind][1])


def _assign(page, fields):
    model = type(page)
    for name, value in fields.items():
        field = model._meta.get_field(name)
        setattr(
            page, name, value if value is None or name in ("body", "programme", "funders") else field.to_python(value)
        )


def _validate(page):
    try:
        page.full_clean(exclude=TREE_FIELDS)
    except ValidationError as error:
        messages = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items())
        raise ItemRejected(messages) from None


def unique_slug(parent, wanted):
    base = slugify(wanted, allow_unicode=True)[:200] or "item"
    siblings = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in siblings:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _release(page, peer):
    """Publish the latest revision, or send it to the commune's moderation workflow, as the peer is set up."""
    revision = page.save_revision(user=None, clean=False)
    if peer.publication == PublicationMode.PUBLISH:
        revision.publish(user=None)
        return
    workflow = page.get_workflow()
    if workflow is None:
        return
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=None)
    workflow.start(page, None)


def _shared_translation_key(peer, item, locale):
    """The translation key of copies of the item's translations, so that the copies are linked too."""
    ids = [ref.id for ref in item.translations if ref.id != item.id]
    if not ids:
        return None
    for copy in SyndicatedCopy.objects.filter(peer=peer, original_id__in=ids).select_related("page"):
        key = copy.page.translation_key
        if not type(copy.page).objects.filter(translation_key=key, locale=locale).exists():
            return key
    return None


def create_copy(peer, kind, item, fields, digest, parent):
    """A new local page under ``parent`` for the peer's item, with its provenance."""
    model = page_model(kind)
    page = model(slug=unique_slug(parent, item.title), locale_id=parent.locale_id, live=False, owner=None)
    _assign(page, fields)
    _validate(page)
    key = _shared_translation_key(peer, item, parent.locale)
    if key:
        page.translation_key = key
    token = applying.set(True)
    try:
        parent.add_child(instance=page)
        copy = SyndicatedCopy.objects.create(
            page=page,
            peer=peer,
            kind=kind,
            original_id=item.id,
            original_url=item.url or "",
            content_hash=digest,
            seen_at=timezone.now(),
        )
        _release(page, peer)
    finally:
        applying.reset(token)
    return copy


def update_copy(copy, item, fields, digest):
    """Bring a copy in line with its original; a hidden copy only gets a draft revision, never published."""
    values = {"content_hash": digest, "original_url": item.url or "", "seen_at": timezone.now(), "withdrawn": False}
    page = copy.page.specific.get_latest_revision_as_object()
    _assign(page, fields)
    _validate(page)
    token = applying.set(True)
    try:
        if copy.hidden:
            page.save_revision(user=None, clean=False)
        else:
            _release(page, copy.peer)
    finally:
        applying.reset(token)
    SyndicatedCopy.objects.filter(pk=copy.pk).update(**values)


def withdraw_copy(copy):
    """The original was unpublished (or no longer wanted): unpublish the copy, keep it for a comeback."""
    page = copy.page.specific
    token = applying.set(True)
    try:
        if page.live:
            page.unpublish(user=None)
        if page.workflow_in_progress:
            page.current_workflow_state.cancel(user=None)
    finally:
        applying.reset(token)
    SyndicatedCopy.objects.filter(pk=copy.pk).update(withdrawn=True, seen_at=timezone.now())


def delete_copy(copy):
    """The original was deleted: the copy goes too."""
    token = applying.set(True)
    try:
        copy.page.specific.delete()
    finally:
        applying.reset(token)


def set_hidden(copy, hidden):
    """An editor hides a copy (unpublished, and kept so by later pulls) or shows it again."""
    page = copy.page.specific
    token = applying.set(True)
    try:
        if hidden and page.live:
            page.unpublish(user=None)
        elif not hidden and not copy.withdrawn and copy.peer.publication == PublicationMode.PUBLISH:
            revision = page.get_latest_revision()
            if revision is not None and not page.live:
                revision.publish(user=None)
    finally:
        applying.reset(token)
    SyndicatedCopy.objects.filter(pk=copy.pk).update(hidden=hidden)
