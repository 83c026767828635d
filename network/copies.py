"""Local copies of a peer's pages: from a validated item to page fields, and creating, updating, withdrawing.

Rich text is sanitised with nh3, then reduced to the features editors have. Every block type of the body is
carried: images and documents point to the local copies of the peer's files (see ``media``), a call to
action that points to a page of the peer points to the local copy of that page when there is one, to the
original's address otherwise. A block that cannot be carried (its file was refused, or a block type this
portal does not know) is left out and reported.
"""

import contextvars
import hashlib
import json
import logging
import uuid

import nh3
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends_with_name

from pages.blocks import RICH_TEXT_FEATURES
from pages.signals import pages_published_in_bulk

from .models import KIND_MODELS, ContentKind, MediaKind, PublicationMode, SkipReason, SyndicatedCopy

logger = logging.getLogger(__name__)

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


class Conversion:
    """What converting one item needs (local ids of its files and linked pages) and what it left out."""

    def __init__(self, media=None, pages=None):
        self.media = media or {}
        self.pages = pages or {}
        self.dropped = []

    def image(self, remote):
        return self.media.get((MediaKind.IMAGE, remote.id)) if remote else None

    def document(self, remote):
        return self.media.get((MediaKind.DOCUMENT, remote.id)) if remote else None

    def drop(self, position, block_type, reason, detail=""):
        subject = _("block %(position)s (%(type)s)") % {"position": position, "type": block_type}
        self.dropped.append((subject, reason, detail))


def _block_id():
    return str(uuid.uuid4())


def _documents(entries, conversion):
    return [
        {
            "type": "item",
            "id": _block_id(),
            "value": {"document": local, "title": entry.title, "language": entry.language},
        }
        for entry in entries
        if (local := conversion.document(entry.document)) is not None
    ]


def _block(item, conversion):
    """The local value of one validated body block, or ``None`` when it cannot be carried."""
    value = item.value
    kind = item.type
    if kind == "paragraph":
        html = sanitize_html(value)
        return html if html.strip() else None
    if kind == "heading":
        return {"text": value.text, "level": value.level}
    if kind == "quote":
        return {"text": value.text, "attribution": value.attribution}
    if kind == "image":
        local = conversion.image(value.image)
        return None if local is None else {"image": local, "caption": value.caption}
    if kind == "documents":
        documents = _documents(value.documents, conversion)
        return {"title": value.title, "documents": documents} if documents else None
    if kind == "table":
        return {
            "data": [[None if cell is None else str(cell) for cell in row] for row in value.rows],
            "first_row_is_table_header": value.first_row_is_header,
            "first_col_is_header": value.first_col_is_header,
            "table_caption": value.caption,
        }
    if kind == "key_figures":
        figures = [
            {"type": "item", "id": _block_id(), "value": {"value": f.value, "unit": f.unit, "label": f.label}}
            for f in value.figures
        ]
        return {"title": value.title, "figures": figures}
    if kind == "contact":
        return {
            "name": value.name,
            "role": value.role,
            "phone": value.phone,
            "email": value.email,
            "address": value.address,
            "facility": None,
        }
    if kind == "video":
        return {"url": value.url, "title": value.title, "transcript": value.transcript}
    if kind == "call_to_action":
        local_page = conversion.pages.get(value.page.id) if value.page else None
        url = (value.page.url if value.page else None) or value.url
        if local_page is None and not url:
            return None
        return {
            "title": value.title,
            "text": value.text,
            "page": local_page,
            "url": "" if local_page else url,
            "button_label": value.button_label,
        }
    return None


CARRIED_BLOCKS = {"paragraph", "heading", "quote", "image", "documents", "table", "key_figures", "contact", "video"}
CARRIED_BLOCKS |= {"call_to_action"}


def _body(items, conversion):
    stream = []
    for position, item in enumerate(items, start=1):
        if item.type not in CARRIED_BLOCKS:
            conversion.drop(position, item.type, SkipReason.BLOCK)
            continue
        value = _block(item, conversion)
        if value is None:
            if item.type in ("image", "documents") and _refers_to_files(item):
                conversion.drop(position, item.type, SkipReason.MEDIA_FAILED, _("Its file could not be taken."))
            elif item.type == "call_to_action":
                conversion.drop(position, item.type, SkipReason.INVALID, _("It points nowhere."))
            continue
        stream.append({"type": item.type, "value": value, "id": _block_id()})
    return stream


def _refers_to_files(item):
    if item.type == "image":
        return item.value.image is not None
    return any(entry.document is not None for entry in item.value.documents)


def _attachments(entries, conversion):
    attached = []
    for entry in entries:
        local = conversion.document(entry.value.document)
        if local is not None:
            value = {"document": local, "title": entry.value.title, "language": entry.value.language}
            attached.append({"type": "document", "id": _block_id(), "value": value})
    return attached


def pages_linked(item):
    """Ids of the peer's pages the item's calls to action point to."""
    return {entry.value.page.id for entry in item.body if entry.type == "call_to_action" and entry.value.page}


def _money(value):
    return None if value is None else str(value)


def local_fields(peer, kind, item, conversion=None):
    """The local page fields for a validated item (JSON-friendly); ``conversion`` holds the local files."""
    conversion = conversion or Conversion()
    fields = {
        "title": item.title,
        "intro": item.intro,
        "search_description": item.search_description,
        "body": _body(item.body, conversion),
        "documents": _attachments(item.documents, conversion),
    }
    if kind != ContentKind.TENDERS:
        fields["image"] = conversion.image(item.image)
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


def content_hash(peer, item):
    """A digest of the original as the peer serves it (and of what the copy takes from the peer's settings)."""
    data = json.dumps(
        {"item": item.model_dump(mode="json"), "source": peer.name}, sort_keys=True, ensure_ascii=False, default=str
    )
    return hashlib.sha256(data.encode()).hexdigest()


def page_model(kind):
    return apps.get_model(KIND_MODELS[kind][0])


def index_model(kind):
    return apps.get_model(KIND_MODELS[kind][1])


STREAM_FIELDS = ("body", "programme", "funders", "documents")


def _assign(page, fields):
    model = type(page)
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if name == "image":
            page.image_id = value
            continue
        setattr(
            page,
            name,
            value
            if value is None or name in ("body", "programme", "funders", "documents")
            else field.to_python(value),
        )


def _validate(page):
    try:
        page.full_clean(exclude=TREE_FIELDS)
    except ValidationError as error:
        messages = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items())
        raise ItemRejected(messages) from None


def base_slug(wanted):
    return slugify(wanted, allow_unicode=True)[:200] or "item"


def unique_slug(parent, wanted):
    base = base_slug(wanted)
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


def create_copy(peer, kind, item, fields, digest, parent, seen=None):
    """A new local page under ``parent`` for the peer's item, with its provenance."""
    model = page_model(kind)
    page = model(slug=unique_slug(parent, item.slug or item.title), locale_id=parent.locale_id, live=False, owner=None)
    # The original's first publication, so that listings and feeds date the copy as the source does.
    page.first_published_at = item.first_published_at
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
            **(seen or {}),
        )
        _release(page, peer)
    finally:
        applying.reset(token)
    return copy


#: Fields the batch path sets itself (tree, revisions, references it knows to exist): not checked row by row.
BULK_UNCHECKED_FIELDS = [
    *TREE_FIELDS,
    "slug",
    "url_path",
    "locale",
    "owner",
    "image",
    "live_revision",
    "latest_revision",
    "locked_by",
    "alias_of",
]


def prepare_copy(peer, kind, item, fields, parent):
    """A new, validated, unsaved live page for the item, to be written by ``create_copies`` with others.

    Validation is the one ``create_copy`` does, less the checks that cost a query each and that the batch
    makes true by construction: the slug is made unique among the siblings when the batch is written,
    the tree position is allocated then, the locale and the images were just read from the database.
    """
    model = page_model(kind)
    page = model(slug=base_slug(item.slug or item.title), locale_id=parent.locale_id, live=True, owner=None)
    page.first_published_at = item.first_published_at
    _assign(page, fields)
    page._check_slug_is_unique = lambda: None  # checked against the siblings for the whole batch
    try:
        page.full_clean(exclude=BULK_UNCHECKED_FIELDS, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        messages = "; ".join(f"{name}: {' '.join(errors)}" for name, errors in error.message_dict.items())
        raise ItemRejected(messages) from None
    finally:
        del page._check_slug_is_unique
    key = _shared_translation_key(peer, item, parent.locale)
    if key:
        page.translation_key = key
    return page


def _taken_slugs(parent, bases):
    """Slugs of the parent's children that any of these bases could collide with, in one query."""
    wanted = Q()
    for base in set(bases):
        wanted |= Q(slug__startswith=base)
    children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    return set(children.filter(wanted).values_list("slug", flat=True))


def _free_slug(base, taken):
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    taken.add(slug)
    return slug


def _insert_rows(model, objs):
    """Insert the rows of ``model``'s own table (a page type's, below ``wagtailcore_page``) for ``objs``."""
    fields = list(model._meta.local_concrete_fields)
    size = connection.ops.bulk_batch_size(fields, objs) or len(objs)
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields, using=connection.alias)


def create_copies(peer, kind, parent, entries):
    """Write new live copies in bulk: ``entries`` are ``(item, page, digest, seen)`` with pages from
    ``prepare_copy``; returns their ``SyndicatedCopy`` rows, in order.

    What Wagtail does page by page when a page is added and published (tree insert, a revision, its
    publication, log entries, the search and reference indexes) is done here once for the batch, with
    one revision per page created live: a few queries per batch instead of about a hundred per page.
    Listeners of ``page_published`` hear of the batch through ``pages_published_in_bulk``.
    Must run inside a transaction (the pull's, one per page of the feed).
    """
    model = page_model(kind)
    now = timezone.now()
    depth = parent.depth + 1
    # The parent's row is locked so that two pulls adding to the same section do not pick the same paths.
    locked = Page.objects.select_for_update().only("path", "depth", "url_path").get(pk=parent.pk)
    siblings = Page.objects.filter(path__startswith=locked.path, depth=depth)
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last[-Page.steplen :]) if last else 0
    taken = _taken_slugs(locked, [page.slug for _item, page, _digest, _seen in entries])
    pages = []
    for _item, page, _digest, _seen in entries:
        step += 1
        page.path = Page._get_path(locked.path, depth, step)
        page.depth, page.numchild = depth, 0
        page.slug = _free_slug(page.slug, taken)
        page.url_path = f"{locked.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.first_published_at or now
        page.last_published_at = page.latest_revision_created_at = now
        # A new page has no comments or other child rows: serialising it for its revision reads nothing.
        page._cluster_related_objects = {rel.get_accessor_name(): [] for rel in get_all_child_relations(page)}
        for field in get_all_child_m2m_relations(page):
            page._cluster_related_objects[field.name] = []
        pages.append(page)
    token = applying.set(True)
    try:
        Page.objects.bulk_create(pages)
        for page in pages:
            page.page_ptr_id = page.id
            page._state.adding = False
        _insert_rows(model, pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        parent.numchild = (parent.numchild or 0) + len(pages)

        content_type = ContentType.objects.get_for_model(model)
        base_type = ContentType.objects.get_for_model(Page)
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=content_type,
                    base_content_type=base_type,
                    object_id=str(page.pk),
                    created_at=now,
                    user=None,
                    object_str=str(page)[:255],
                    content=page.serializable_data(),
                )
                for page in pages
            ]
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"])
        logs = []
        for page, revision in zip(pages, revisions, strict=True):
            label = page.get_admin_display_title()
            for action, of_revision in (("wagtail.create", None), ("wagtail.publish", revision)):
                logs.append(
                    PageLogEntry(
                        content_type=content_type,
                        label=label,
                        action=action,
                        timestamp=now,
                        data={},
                        user=None,
                        page_id=page.pk,
                        revision=of_revision,
                        content_changed=True,
                    )
                )
        PageLogEntry.objects.bulk_create(logs)
        made = SyndicatedCopy.objects.bulk_create(
            [
                SyndicatedCopy(
                    page=page,
                    peer=peer,
                    kind=kind,
                    original_id=item.id,
                    original_url=item.url or "",
                    content_hash=digest,
                    seen_at=now,
                    **(seen or {}),
                )
                for (item, _page, digest, seen), page in zip(entries, pages, strict=True)
            ]
        )
        _index(model, pages, content_type, base_type)
        pages_published_in_bulk.send(sender=model, pages=pages, parent=parent)
    finally:
        applying.reset(token)
    return made


def _index(model, pages, content_type, base_type):
    """The search index and Wagtail's reference index, for a batch of new pages at once."""
    if ReferenceIndex.is_indexed(model):
        references = [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_type,
                object_id=page.pk,
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for page in pages
            for to_type, to_id, model_path, content_path in set(ReferenceIndex._extract_references_from_object(page))
        ]
        ReferenceIndex.objects.bulk_create(references, ignore_conflicts=connection.features.supports_ignore_conflicts)
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, pages)
        except Exception:
            # As Wagtail does page by page: an external search service that is down does not lose the
            # pages (``update_index`` catches up); a database backend's error is the transaction's.
            logger.exception("Could not index %s new copies in the '%s' search backend", len(pages), name)
            if not backend.catch_indexing_errors:
                raise


def update_copy(copy, item, fields, digest, seen=None):
    """Bring a copy in line with its original; a hidden copy only gets a draft revision, never published."""
    values = {"content_hash": digest, "original_url": item.url or "", "seen_at": timezone.now(), "withdrawn": False}
    values.update(seen or {})
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
