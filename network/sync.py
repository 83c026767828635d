"""Pulling from peers: read each peer's change feed from its cursor and bring the local copies in line.

Each item is validated in full, then written in its own savepoint of the feed page's transaction; new
copies of a peer that publishes at once are validated one by one and written together, one batch per
section and page of the feed (``copies.create_copies``: a few queries per batch, search and reference
indexing and the change feed done once for the batch), before the cursor moves past them. The
cursor is saved with each page of the feed (and at the last item done when a pull stops half-way), so
that a pull that dies resumes where it stopped, and upserts on (peer, original id) make a repeated item
harmless. Before a page is applied, the copies and skip reports of its items are read in one query each,
and a change that the copy already reflects (same cursor and date as the change last taken) is passed
over without fetching the item: reading the whole feed again costs a few queries per page of it.

The items a page of the feed needs are read together, one request per kind and up to ``BULK_SIZE``
items, from the peer's typed list filtered by id (``/api/news?id=1&id=2…``, the same published items and
fields as each item's own address). A peer that does not know that filter (an older portal answers 400)
is read item by item, each at its ``/api/<type>/<id>``, for the rest of the pull: ``PARALLEL_FETCHES``
at a time, each on a client of its own with the same limits, address checks and deadline.
A pull that finds nothing new writes nothing. One peer's failure is recorded in its health and the
next peer is pulled all the same.

A pull is bounded: by a total time (``BAWABA_NETWORK_PULL_TIMEOUT``), a number of feed pages
(``BAWABA_NETWORK_MAX_PAGES_PER_PULL``) and a number of changes (``BAWABA_NETWORK_MAX_ITEMS_PER_PULL``).
Reaching a bound stops the pull with the cursor saved at the last change done, and the next pull goes on
from there; a feed that never ends is thereby read in bounded slices instead of for ever.
"""

import dataclasses
import json
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pydantic
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import copies
from .client import PeerClient, PeerError, PeerTimeout, PullTimeLimit, TooLarge
from .media import MediaFetcher
from .models import ContentKind, Peer, PublicationMode, SkippedItem, SkipReason, SyndicatedCopy, network_setting
from .schemas import ITEM_SCHEMAS, ChangeFeed

logger = logging.getLogger(__name__)

#: New copies written together at most (one feed page's worth by default).
BATCH_SIZE = 100

#: The most changes a page of the feed holds (what ``/api/changes`` accepts as ``limit``).
MAX_FEED_PAGE = 500

#: Items read from the peer in one request at most (the page size its typed lists accept).
BULK_SIZE = 100

#: An item not read ahead (distinct from ``None``, an item the peer no longer serves).
MISSING = object()

TOMBSTONES = ("unpublished", "deleted")

#: Statuses with which a peer says it cannot filter its lists by id (an older portal): read item by item.
NO_BULK_STATUSES = {400, 404, 405, 422}

#: Items of an older peer read at once, item by item (a bounded pool, each with its own connection).
PARALLEL_FETCHES = 4

#: Seconds the pull lock outlives the pull's own time limit (so two pulls of one peer never overlap).
LOCK_MARGIN_SECONDS = 60


@dataclasses.dataclass
class PullReport:
    """What one pull of one peer did."""

    peer: Peer
    created: int = 0
    updated: int = 0
    withdrawn: int = 0
    deleted: int = 0
    unchanged: int = 0
    skipped: int = 0
    rejected: int = 0
    changes_read: int = 0
    pages_read: int = 0
    stopped_early: bool = False
    error: str = ""
    notices: list = dataclasses.field(default_factory=list)

    @property
    def taken(self):
        return self.created + self.updated + self.withdrawn + self.deleted

    @property
    def ok(self):
        return not self.error

    def summary(self):
        text = _(
            "%(peer)s: %(read)s changes read, %(created)s created, %(updated)s updated, %(withdrawn)s withdrawn, "
            "%(deleted)s deleted, %(unchanged)s unchanged, %(skipped)s skipped, %(rejected)s rejected"
        ) % {
            "peer": self.peer.name,
            "read": self.changes_read,
            "created": self.created,
            "updated": self.updated,
            "withdrawn": self.withdrawn,
            "deleted": self.deleted,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "rejected": self.rejected,
        }
        if self.error:
            text += " — " + _("error: %(error)s") % {"error": self.error}
        return text


class ProtocolError(PeerError):
    """The peer's feed contradicts itself (e.g. its cursor goes backwards)."""


class Sections:
    """The local commune's section index pages, found once per pull, by kind and language."""

    def __init__(self, site):
        self.site = site
        self._found = {}

    def parent(self, kind, language_code):
        key = (kind, language_code)
        if key not in self._found:
            home = self.site.root_page
            local_home = home.get_translations(inclusive=True).filter(locale__language_code=language_code).first()
            model = copies.index_model(kind)
            self._found[key] = model.objects.child_of(local_home).first() if local_home else None
        return self._found[key]


class Skips:
    """The report of what a pull left out, kept as ``SkippedItem`` rows (one per item and subject)."""

    def __init__(self, peer):
        self.peer = peer
        self.with_rows = set()

    def load(self, original_ids):
        """Remember, in one query, which of these items have rows from earlier pulls."""
        if original_ids:
            found = SkippedItem.objects.filter(peer=self.peer, original_id__in=original_ids)
            self.with_rows |= set(found.values_list("item_type", "original_id"))

    def record(self, kind, item, reason, detail="", subject="", title=""):
        """``item`` is a validated item or a feed change (both have ``id``)."""
        kind = ContentKind(kind)
        SkippedItem.objects.update_or_create(
            peer=self.peer,
            item_type=kind,
            original_id=item.id,
            subject=str(subject)[:255],
            defaults={
                "reason": reason,
                "detail": str(detail)[:5000],
                "title": (getattr(item, "title", "") or title)[:255],
                "original_url": (getattr(item, "url", "") or "")[:2000],
                "seen_at": timezone.now(),
            },
        )
        self.with_rows.add((kind.value, item.id))

    def clear(self, kind, original_id):
        """Forget what earlier pulls left out of an item that is being taken again."""
        key = (ContentKind(kind).value, original_id)
        if key in self.with_rows:
            SkippedItem.objects.filter(peer=self.peer, item_type=key[0], original_id=original_id).delete()
            self.with_rows.discard(key)


class Puller:
    """One pull of one peer."""

    def __init__(self, peer, progress=None):
        self.peer = peer
        self.report = PullReport(peer)
        self.progress = progress or (lambda report, note="": None)
        self.sections = Sections(peer.commune)
        self.kinds = peer.kinds
        self.skips = Skips(peer)
        self.copies = {}
        #: What the page's copies say of the changes they reflect: ``{original id: (withdrawn, cursor, date)}``.
        self.states = {}
        #: New copies validated and waiting to be written together: ``(kind, parent, entry)``.
        self.pending = []
        #: Items read ahead for the page of the feed being applied: ``{(type, id): data or None}``.
        self.fetched = {}
        #: Whether the peer's typed lists can be filtered by id (``None``: not asked yet in this pull).
        self.bulk = None
        #: The pool reading an older peer item by item, and its threads' clients (made when first needed).
        self.pool = None
        self.local = threading.local()
        self.lock = threading.Lock()
        self.clients = []
        self.page_was_quiet = False

    def run(self):
        peer = self.peer
        lock = f"network:pull:{peer.pk}"
        time_limit = network_setting("BAWABA_NETWORK_PULL_TIMEOUT")
        if not cache.add(lock, 1, int(time_limit) + LOCK_MARGIN_SECONDS):
            self.report.notices.append(_("Another pull of this peer is running; skipped."))
            return self.report
        start_cursor = self.stored_cursor = peer.cursor
        deadline = time.monotonic() + time_limit
        try:
            with PeerClient(
                peer.base_url, allow_private=peer.allow_private_address, token=peer.token, deadline=deadline
            ) as client:
                self.client = client
                self.media = MediaFetcher(peer, client, self.skips)
                try:
                    self._read_feed()
                finally:
                    self._store_cursor()  # past the pages read that changed nothing here
        except PeerError as error:
            self.report.error = str(error)
        except Exception as error:  # one peer's surprise must not stop the others
            logger.exception("Pull of peer %s failed", peer.pk)
            self.report.error = _("Unexpected failure: %(error)s") % {"error": type(error).__name__}
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            for client in self.clients:
                client.close()
            cache.delete(lock)
        self._record_health(start_cursor)
        return self.report

    def _save_cursor(self, cursor):
        self._write_pending()  # the cursor never moves past an item that is not written
        self.peer.cursor = cursor
        self._store_cursor()

    def _store_cursor(self):
        if self.peer.cursor != self.stored_cursor:
            Peer.objects.filter(pk=self.peer.pk).update(cursor=self.peer.cursor)
            self.stored_cursor = self.peer.cursor

    def _quiet(self, change):
        """Whether applying this change writes nothing here (the copy reflects it, or there is nothing to do)."""
        if change.type not in self.kinds:
            return True
        if change.action in ("unpublished", "deleted"):
            return self._copy_of(change.id) is None
        return self._seen_already(change)

    def _stop(self, message):
        self.report.stopped_early = True
        self.report.notices.append(message)

    def _read_feed(self):
        page_size = page_limit = network_setting("BAWABA_NETWORK_PAGE_SIZE")
        params = [("types", kind) for kind in self.kinds]
        if self.peer.remote_commune:
            params.append(("commune", self.peer.remote_commune))
        max_pages = network_setting("BAWABA_NETWORK_MAX_PAGES_PER_PULL")
        max_items = network_setting("BAWABA_NETWORK_MAX_ITEMS_PER_PULL")
        go_on = _("the next pull goes on from where this one stopped")
        while True:
            if self.report.pages_read >= max_pages:
                message = _("The pull read its limit of %(count)s feed pages; %(next)s.")
                self._stop(message % {"count": max_pages, "next": go_on})
                return
            since = self.peer.cursor
            try:
                data = self.client.get_json("/api/changes", params=[("since", since), ("limit", page_limit), *params])
            except PullTimeLimit as limit:
                self._stop(str(limit))
                return
            self.report.pages_read += 1
            if data is None:
                raise PeerError(_("The peer has no change feed at /api/changes."))
            try:
                feed = ChangeFeed.model_validate(data)
            except pydantic.ValidationError as error:
                raise ProtocolError(
                    _("The peer's change feed is not valid: %(error)s") % {"error": _short(error)}
                ) from None
            self._check_order(feed, since)
            self._load_page_of_changes(feed.items)
            latest = {}
            for change in feed.items:
                key = (change.type, change.id)
                if key in latest:
                    self.report.notices.append(
                        _("The peer listed %(type)s %(id)s twice in one page; the last entry was taken.")
                        % {"type": change.type, "id": change.id}
                    )
                latest[key] = change
            # One transaction per page of the feed (each item in its own savepoint), committed with the
            # cursor: far fewer commits than one per item, and a page is taken whole or not at all.
            with transaction.atomic():
                stopped, failure = self._apply_page(feed, latest, since, max_items, go_on)
            if failure is not None:
                raise failure
            if stopped or not feed.has_more:
                return
            # Pages that change nothing here (a feed read again) are asked for larger and larger, up to the
            # feed's largest: fewer round trips; the first page that changes something brings the size back.
            page_limit = max(page_size, min(2 * page_limit, MAX_FEED_PAGE)) if self.page_was_quiet else page_size

    def _apply_page(self, feed, latest, since, max_items, go_on):
        """Apply one page of changes; ``(stopped, error to raise once the page is committed)``."""
        done = since
        quiet = self.page_was_quiet = all(self._quiet(change) for change in latest.values())
        room = max(max_items - self.report.changes_read, 0)
        try:
            self._fetch_items([change for change in feed.items[:room] if latest[(change.type, change.id)] is change])
        except PullTimeLimit as limit:
            self._stop(str(limit))
            return True, None
        for change in feed.items:
            if self.report.changes_read >= max_items:
                self._save_cursor(done)
                message = _("The pull read its limit of %(count)s changes; %(next)s.")
                self._stop(message % {"count": max_items, "next": go_on})
                return True, None
            if self.client.time_left() <= 0:
                self._save_cursor(done)
                self._stop(_("The pull reached its time limit; the next pull goes on from where it stopped."))
                return True, None
            if latest[(change.type, change.id)] is change:
                try:
                    self._apply(change)
                except PullTimeLimit as limit:
                    self._save_cursor(done)
                    self._stop(str(limit))
                    return True, None
                except PeerError as error:
                    self._save_cursor(done)
                    return True, error
            done = change.cursor
            self.report.changes_read += 1
            self.progress(self.report)
        if quiet:
            # Nothing written: the cursor is stored with the next page that writes, or when the pull ends
            # (reading an unchanged feed again costs no write per page; a pull that dies reads it again).
            self.peer.cursor = feed.next_cursor
        else:
            self._save_cursor(feed.next_cursor)
        return False, None

    def _check_order(self, feed, since):
        previous = since
        for change in feed.items:
            if change.cursor <= previous:
                raise ProtocolError(
                    _("The peer's cursor went backwards (%(cursor)s after %(previous)s); nothing was taken.")
                    % {"cursor": change.cursor, "previous": previous}
                )
            previous = change.cursor
        if feed.next_cursor < previous:
            raise ProtocolError(
                _("The peer's cursor went backwards (%(cursor)s after %(previous)s); nothing was taken.")
                % {"cursor": feed.next_cursor, "previous": previous}
            )
        if feed.has_more and feed.next_cursor == since:
            raise ProtocolError(_("The peer says there is more but its cursor does not move."))

    def _load_page_of_changes(self, changes):
        """What the pull needs to know of a page of changes, in a constant number of queries.

        Whether a change is already reflected is told from three columns of its copy; only the copies of
        the other changes are loaded whole (none when the page changes nothing here).
        """
        ids = {change.id for change in changes}
        rows = SyndicatedCopy.objects.filter(peer=self.peer, original_id__in=ids).values_list(
            "original_id", "withdrawn", "source_cursor", "source_changed_at"
        )
        self.states = {original_id: tuple(state) for original_id, *state in rows}
        self.copies = {original_id: None for original_id in ids if original_id not in self.states}
        needed = {
            change.id
            for change in changes
            if change.id in self.states and (change.action in TOMBSTONES or not self._seen_already(change))
        }
        if needed:
            found = SyndicatedCopy.objects.filter(peer=self.peer, original_id__in=needed).select_related("peer")
            self.copies.update({copy.original_id: copy for copy in found})
        self.skips.load(ids)

    def _copy_of(self, original_id):
        if original_id in self.copies:
            return self.copies[original_id]
        return SyndicatedCopy.objects.filter(peer=self.peer, original_id=original_id).select_related("peer").first()

    def _state_of(self, original_id):
        """``(withdrawn, source cursor, source date)`` of the copy of an original, or ``None`` without one."""
        if original_id not in self.copies and original_id in self.states:
            return self.states[original_id]
        copy = self._copy_of(original_id)
        return None if copy is None else (copy.withdrawn, copy.source_cursor, copy.source_changed_at)

    def _seen_already(self, change):
        """The copy already reflects this change: it is the change last taken (or an older one).

        Both the peer's cursor and its date must agree, so that a peer whose feed was rebuilt (cursors
        starting again) or whose clock went back is read again rather than trusted.
        """
        state = self._state_of(change.id)
        if state is None:
            return False
        withdrawn, source_cursor, source_changed_at = state
        return (
            not withdrawn
            and source_cursor is not None
            and change.cursor <= source_cursor
            and change.occurred_at is not None
            and source_changed_at is not None
            and change.occurred_at <= source_changed_at
        )

    def _apply(self, change):
        if change.type not in self.kinds:
            self.report.skipped += 1
            return
        kind = ContentKind(change.type)
        if change.action in ("unpublished", "deleted"):
            copy = self._copy_of(change.id)
            if copy is None:
                self.report.skipped += 1
            elif change.action == "deleted":
                with transaction.atomic():
                    copies.delete_copy(copy)
                self.copies[change.id] = None
                self.skips.clear(kind, change.id)
                self.report.deleted += 1
            elif copy.withdrawn:
                self.report.unchanged += 1
            else:
                with transaction.atomic():
                    copies.withdraw_copy(copy)
                self.report.withdrawn += 1
            return
        if self._seen_already(change):
            self.report.unchanged += 1
            return
        data = self.fetched.pop((change.type, change.id), MISSING)
        if data is MISSING:
            data = self.client.get_json(f"/api/{kind.value}/{change.id}")
        elif isinstance(data, PeerError):
            raise data  # met when its item is reached, as if it had been read then
        if data is None:
            self.report.skipped += 1  # unpublished since the feed was read; its tombstone follows
            return
        try:
            item = ITEM_SCHEMAS[kind].model_validate(data)
        except pydantic.ValidationError as error:
            self._reject(change, _short(error), data)
            return
        if item.id != change.id:
            self._reject(change, _("the item has id %(id)s") % {"id": item.id}, data)
            return
        self._upsert(kind, item, change)

    def _fetch_items(self, changes):
        """Read ahead, a few requests in all, the items these changes need (those not already reflected)."""
        self.fetched = {}
        wanted = {}
        for change in changes:
            if (
                change.type in self.kinds
                and change.action in ("created", "changed")
                and not self._seen_already(change)
            ):
                wanted.setdefault(change.type, []).append(change.id)
        for kind, ids in wanted.items():
            for start in range(0, len(ids), BULK_SIZE):
                chunk = ids[start : start + BULK_SIZE]
                if self.bulk is not False:
                    self._fetch_many(kind, chunk)
                if self.bulk is False:
                    self._fetch_one_by_one(
                        kind, [original_id for original_id in chunk if (kind, original_id) not in self.fetched]
                    )

    def _fetch_one_by_one(self, kind, ids):
        """Read the items ``ids`` each at its own address, ``PARALLEL_FETCHES`` at a time, into ``self.fetched``.

        A failure is kept in place of the item and raised when the pull reaches it, so that what comes
        before it in the feed is taken as before.
        """
        if not ids:
            return
        if self.pool is None:
            self.pool = ThreadPoolExecutor(PARALLEL_FETCHES, thread_name_prefix=f"pull-{self.peer.pk}")
        language = translation.get_language()
        futures = [
            (original_id, self.pool.submit(self._fetch_alone, kind, original_id, language)) for original_id in ids
        ]
        for original_id, future in futures:
            try:
                self.fetched[(kind, original_id)] = future.result()
            except PeerError as error:
                self.fetched[(kind, original_id)] = error

    def _fetch_alone(self, kind, original_id, language):
        """One item at its own address, on this thread's own client (run in the pool)."""
        client = getattr(self.local, "client", None)
        if client is None:
            peer = self.peer
            client = PeerClient(
                peer.base_url,
                allow_private=peer.allow_private_address,
                token=peer.token,
                deadline=self.client.deadline,
            )
            self.local.client = client
            with self.lock:
                self.clients.append(client)
        with translation.override(language):
            return client.get_json(f"/api/{kind}/{original_id}")

    def _fetch_many(self, kind, ids):
        """Read the items ``ids`` of one kind in one request, into ``self.fetched``.

        Left to the item-by-item path: everything, when the peer cannot filter by id, lists an item it was
        not asked for (it ignored the filter) or cannot answer for the items in time (for the rest of the
        pull); the items of an answer too large for the limit are asked again in two halves. An item
        missing from the answer is no longer published there, as its own address would have said (404).
        """
        params = [("id", original_id) for original_id in ids] + [("limit", len(ids))]
        try:
            status, body = self.client.request("GET", self.client.url(f"/api/{kind}"), params=params)
        except TooLarge:
            if len(ids) > 1:
                half = len(ids) // 2
                self._fetch_many(kind, ids[:half])
                self._fetch_many(kind, ids[half:])
            return
        except PeerTimeout:
            self.bulk = False
            return
        if status in NO_BULK_STATUSES:
            self.bulk = False
            return
        if status != 200:
            raise PeerError(
                _("The peer answered %(status)s to %(path)s.") % {"status": status, "path": f"/api/{kind}"}
            )
        try:
            results = json.loads(body)["results"]
            found = {entry["id"]: entry for entry in results}
        except (ValueError, UnicodeDecodeError, KeyError, TypeError):
            raise PeerError(_("The peer's answer to %(path)s is not valid JSON.") % {"path": f"/api/{kind}"}) from None
        if not set(found) <= set(ids) or len(found) != len(results):
            self.bulk = False
            return
        self.bulk = True
        for original_id in ids:
            self.fetched[(kind, original_id)] = found.get(original_id)

    def _reject(self, change, reason, data=None):
        self.report.rejected += 1
        self.report.notices.append(
            _("%(type)s %(id)s refused: %(reason)s") % {"type": change.type, "id": change.id, "reason": reason}
        )
        title = data.get("title") if isinstance(data, dict) and isinstance(data.get("title"), str) else ""
        self.skips.record(change.type, change, SkipReason.INVALID, reason, title=title)

    def _wanted(self, kind, item):
        peer = self.peer
        if peer.locales and item.locale not in peer.locales:
            return False
        return not (kind == ContentKind.NEWS and peer.categories and item.category not in peer.categories)

    def _upsert(self, kind, item, change=None):
        copy = self._copy_of(item.id)
        seen = {"source_cursor": change.cursor, "source_changed_at": change.occurred_at} if change else {}
        if not self._wanted(kind, item):
            if copy is not None and not copy.withdrawn:
                with transaction.atomic():
                    copies.withdraw_copy(copy)
                self.report.withdrawn += 1
            else:
                self.report.skipped += 1
            return
        digest = copies.content_hash(self.peer, item)
        if copy is not None and copy.content_hash == digest and not copy.withdrawn:
            self.report.unchanged += 1
            if seen and (copy.source_cursor, copy.source_changed_at) != tuple(seen.values()):
                SyndicatedCopy.objects.filter(pk=copy.pk).update(**seen)
            return
        parent = None
        if copy is None:
            parent = self.sections.parent(kind, item.locale)
            if parent is None:
                self.report.skipped += 1
                self.skips.record(
                    kind,
                    item,
                    SkipReason.NO_SECTION,
                    _("This commune has no %(type)s section in language %(language)s.")
                    % {"type": kind.label, "language": item.locale},
                )
                return
        self.skips.clear(kind, item.id)
        if copies.pages_linked(item) or any(ref.id != item.id for ref in item.translations):
            self._write_pending()  # the item refers to copies that may be waiting to be written
        self.media.load([item])
        conversion = copies.Conversion(self.media.resolve(kind, item), self._local_pages(item))
        fields = copies.local_fields(self.peer, kind, item, conversion)
        if copy is None and self.peer.publication == PublicationMode.PUBLISH:
            try:
                page = copies.prepare_copy(self.peer, kind, item, fields, parent)
            except copies.ItemRejected as error:
                self._reject_item(kind, item, str(error))
                return
            self.pending.append((kind, parent, (item, page, digest, seen)))
            self.report.created += 1
            for subject, reason, detail in conversion.dropped:
                self.skips.record(kind, item, reason, detail, subject=subject)
            return
        try:
            with transaction.atomic():
                if copy is not None:
                    copies.update_copy(copy, item, fields, digest, seen)
                    self.report.updated += 1
                else:
                    self.copies[item.id] = copies.create_copy(self.peer, kind, item, fields, digest, parent, seen)
                    self.report.created += 1
        except copies.ItemRejected as error:
            self._reject_item(kind, item, str(error))
            return
        for subject, reason, detail in conversion.dropped:
            self.skips.record(kind, item, reason, detail, subject=subject)

    def _write_pending(self):
        """Write the new copies waiting, in one batch per section (a few queries per batch)."""
        groups = {}
        for kind, parent, entry in self.pending:
            groups.setdefault((kind, parent.pk), (kind, parent, []))[2].append(entry)
        self.pending = []
        for kind, parent, entries in groups.values():
            for start in range(0, len(entries), BATCH_SIZE):
                batch = entries[start : start + BATCH_SIZE]
                for copy in copies.create_copies(self.peer, kind, parent, batch):
                    self.copies[copy.original_id] = copy

    def _local_pages(self, item):
        """Local copies of the peer's pages the item links to, by the original's id."""
        ids = copies.pages_linked(item)
        if not ids:
            return {}
        rows = SyndicatedCopy.objects.filter(peer=self.peer, original_id__in=ids).values_list("original_id", "page_id")
        return dict(rows)

    def _reject_item(self, kind, item, reason):
        self.report.rejected += 1
        self.report.notices.append(
            _("%(type)s %(id)s refused: %(reason)s") % {"type": kind.value, "id": item.id, "reason": reason}
        )
        self.skips.record(kind, item, SkipReason.INVALID, reason)

    def _record_health(self, start_cursor):
        report, now = self.report, timezone.now()
        cache.set(f"network:checked:{self.peer.pk}", now, None)
        values = {}
        problems = [report.error] if report.error else []
        problems += report.notices
        if problems:
            values["last_error"] = "\n".join(problems)[:5000]
            values["last_error_at"] = now
        if not report.error:
            recovering = self.peer.last_error_at and (
                not self.peer.last_success_at or self.peer.last_success_at < self.peer.last_error_at
            )
            if report.taken or self.peer.cursor != start_cursor or recovering or not self.peer.last_success_at:
                values["last_success_at"] = now
        if report.taken:
            values["items_taken"] = F("items_taken") + report.taken
        if values:
            Peer.objects.filter(pk=self.peer.pk).update(**values)
            self.peer.refresh_from_db(fields=["last_error", "last_error_at", "last_success_at", "items_taken"])


def _short(error):
    first = error.errors()[:3]
    return "; ".join(f"{'.'.join(str(part) for part in entry['loc'])}: {entry['msg']}" for entry in first)


def pull_peer(peer, progress=None):
    """Pull one peer; never raises for what the peer does."""
    return Puller(peer, progress).run()


def pull_network(peers=None, progress=None):
    """Pull every enabled peer (or those given), one after the other; return their reports."""
    if peers is None:
        peers = Peer.objects.filter(enabled=True).select_related("commune", "commune__root_page")
    return [pull_peer(peer, progress) for peer in peers]
