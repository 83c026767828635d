"""Pulling from peers: read each peer's change feed from its cursor and bring the local copies in line.

Each item is validated in full, then written in its own transaction; the cursor is saved after each
page of the feed (and at the last item done when a pull stops half-way), so that a pull that dies
resumes where it stopped, and upserts on (peer, original id) make a repeated item harmless.
A pull that finds nothing new writes nothing. One peer's failure is recorded in its health and the
next peer is pulled all the same.
"""

import dataclasses
import logging

import pydantic
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import copies
from .client import PeerClient, PeerError
from .models import ContentKind, Peer, SyndicatedCopy, network_setting
from .schemas import ITEM_SCHEMAS, ChangeFeed

logger = logging.getLogger(__name__)

MAX_FEED_PAGES = 10_000
LOCK_SECONDS = 15 * 60


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


class Puller:
    """One pull of one peer."""

    def __init__(self, peer, progress=None):
        self.peer = peer
        self.report = PullReport(peer)
        self.progress = progress or (lambda report, note="": None)
        self.sections = Sections(peer.commune)
        self.kinds = peer.kinds

    def run(self):
        peer = self.peer
        lock = f"network:pull:{peer.pk}"
        if not cache.add(lock, 1, LOCK_SECONDS):
            self.report.notices.append(_("Another pull of this peer is running; skipped."))
            return self.report
        start_cursor = peer.cursor
        try:
            with PeerClient(peer.base_url, allow_private=peer.allow_private_address, token=peer.token) as client:
                self.client = client
                self._read_feed()
        except PeerError as error:
            self.report.error = str(error)
        except Exception as error:  # one peer's surprise must not stop the others
            logger.exception("Pull of peer %s failed", peer.pk)
            self.report.error = _("Unexpected failure: %(error)s") % {"error": type(error).__name__}
        finally:
            cache.delete(lock)
        self._record_health(start_cursor)
        return self.report

    def _save_cursor(self, cursor):
        if cursor != self.peer.cursor:
            Peer.objects.filter(pk=self.peer.pk).update(cursor=cursor)
            self.peer.cursor = cursor

    def _read_feed(self):
        params = [("limit", network_setting("BAWABA_NETWORK_PAGE_SIZE"))]
        params += [("types", kind) for kind in self.kinds]
        if self.peer.remote_commune:
            params.append(("commune", self.peer.remote_commune))
        for _page in range(MAX_FEED_PAGES):
            since = self.peer.cursor
            data = self.client.get_json("/api/changes", params=[("since", since), *params])
            if data is None:
                raise PeerError(_("The peer has no change feed at /api/changes."))
            try:
                feed = ChangeFeed.model_validate(data)
            except pydantic.ValidationError as error:
                raise ProtocolError(
                    _("The peer's change feed is not valid: %(error)s") % {"error": _short(error)}
                ) from None
            self._check_order(feed, since)
            latest = {}
            for change in feed.items:
                key = (change.type, change.id)
                if key in latest:
                    self.report.notices.append(
                        _("The peer listed %(type)s %(id)s twice in one page; the last entry was taken.")
                        % {"type": change.type, "id": change.id}
                    )
                latest[key] = change
            done = since
            for change in feed.items:
                if latest[(change.type, change.id)] is change:
                    try:
                        self._apply(change)
                    except PeerError:
                        self._save_cursor(done)
                        raise
                done = change.cursor
                self.report.changes_read += 1
                self.progress(self.report)
            self._save_cursor(feed.next_cursor)
            if not feed.has_more:
                return
        raise ProtocolError(_("The peer's change feed does not end."))

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

    def _copy_of(self, original_id):
        return SyndicatedCopy.objects.filter(peer=self.peer, original_id=original_id).select_related("peer").first()

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
                self.report.deleted += 1
            elif copy.withdrawn:
                self.report.unchanged += 1
            else:
                with transaction.atomic():
                    copies.withdraw_copy(copy)
                self.report.withdrawn += 1
            return
        data = self.client.get_json(f"/api/{kind.value}/{change.id}")
        if data is None:
            self.report.skipped += 1  # unpublished since the feed was read; its tombstone follows
            return
        try:
            item = ITEM_SCHEMAS[kind].model_validate(data)
        except pydantic.ValidationError as error:
            self._reject(change, _short(error))
            return
        if item.id != change.id:
            self._reject(change, _("the item has id %(id)s") % {"id": item.id})
            return
        self._upsert(kind, item)

    def _reject(self, change, reason):
        self.report.rejected += 1
        self.report.notices.append(
            _("%(type)s %(id)s refused: %(reason)s") % {"type": change.type, "id": change.id, "reason": reason}
        )

    def _wanted(self, kind, item):
        peer = self.peer
        if peer.locales and item.locale not in peer.locales:
            return False
        return not (kind == ContentKind.NEWS and peer.categories and item.category not in peer.categories)

    def _upsert(self, kind, item):
        copy = self._copy_of(item.id)
        if not self._wanted(kind, item):
            if copy is not None and not copy.withdrawn:
                with transaction.atomic():
                    copies.withdraw_copy(copy)
                self.report.withdrawn += 1
            else:
                self.report.skipped += 1
            return
        fields = copies.local_fields(self.peer, kind, item)
        digest = copies.content_hash(fields, item.url or "")
        if copy is not None and copy.content_hash == digest and not copy.withdrawn:
            self.report.unchanged += 1
            return
        try:
            with transaction.atomic():
                if copy is not None:
                    copies.update_copy(copy, item, fields, digest)
                    self.report.updated += 1
                    return
                parent = self.sections.parent(kind, item.locale)
                if parent is None:
                    self.report.skipped += 1
                    return
                copies.create_copy(self.peer, kind, item, fields, digest, parent)
                self.report.created += 1
        except copies.ItemRejected as error:
            self._reject_item(kind, item, str(error))

    def _reject_item(self, kind, item, reason):
        self.report.rejected += 1
        self.report.notices.append(
            _("%(type)s %(id)s refused: %(reason)s") % {"type": kind.value, "id": item.id, "reason": reason}
        )

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
