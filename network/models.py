"""The commune's partners in a network, and the local copies it keeps of their content."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import crypto


class ContentKind(models.TextChoices):
    """What a commune can take from a peer: the API collections it copies."""

    NEWS = "news", _("News")
    EVENTS = "events", _("Events")
    PROJECTS = "projects", _("Projects")
    TENDERS = "tenders", _("Calls for tenders")


#: Local page model of each kind, and the section index its copies live under.
KIND_MODELS = {
    ContentKind.NEWS: ("pages.NewsPage", "pages.NewsIndexPage"),
    ContentKind.EVENTS: ("pages.EventPage", "pages.EventIndexPage"),
    ContentKind.PROJECTS: ("pages.ProjectPage", "pages.ProjectIndexPage"),
    ContentKind.TENDERS: ("pages.TenderPage", "pages.TenderIndexPage"),
}


class PublicationMode(models.TextChoices):
    PUBLISH = "publish", _("Publish copies at once")
    REVIEW = "review", _("Keep copies as drafts for review")


class Peer(models.Model):
    """Another Bawaba portal whose content this commune copies, and which it may notify when it publishes.

    The peer is untrusted: what it sends is validated and sanitised, and its address must not point into
    the local network unless an administrator allowed it.
    """

    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="network_peers",
        help_text=_("The local commune that takes this peer's content."),
    )
    name = models.CharField(_("name"), max_length=255, help_text=_("Shown on copies as their source."))
    base_url = models.URLField(_("base address"), help_text=_("Address of the peer's portal, e.g. https://commune.ma"))
    remote_commune = models.PositiveIntegerField(
        _("commune at the peer"),
        null=True,
        blank=True,
        help_text=_("Id of the commune to take when the peer serves several; empty takes all."),
    )
    token_encrypted = models.TextField(_("token (encrypted)"), blank=True, editable=False)
    content_kinds = models.JSONField(_("content types"), default=list, blank=True)
    categories = models.JSONField(_("news categories"), default=list, blank=True)
    locales = models.JSONField(_("languages"), default=list, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    publication = models.CharField(
        _("publication"), max_length=10, choices=PublicationMode.choices, default=PublicationMode.REVIEW
    )
    allow_private_address = models.BooleanField(
        _("allow a private or loopback address"),
        default=False,
        help_text=_(
            "Only administrators may set this, for peers inside the same private network. "
            "Changing the address clears it, with the token and the shared secret."
        ),
    )
    push_url = models.URLField(
        _("notification address"),
        max_length=500,
        blank=True,
        help_text=_("The peer's receiving address for our publications; empty: the peer is not notified."),
    )
    push_secret_encrypted = models.TextField(_("shared secret (encrypted)"), blank=True, editable=False)
    inbound_key = models.UUIDField(_("receiving key"), default=uuid.uuid4, unique=True, editable=False)

    cursor = models.PositiveBigIntegerField(_("cursor"), default=0, help_text=_("Last change read from the peer."))
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True, editable=False)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("last error"), blank=True, editable=False)
    items_taken = models.PositiveIntegerField(_("items taken"), default=0, editable=False)

    class Meta:
        verbose_name = _("peer")
        verbose_name_plural = _("peers")
        ordering = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: Secrets given since the peer was loaded: they were entered for the address being saved.
        self._fresh = set()
        #: Set by an administrator's form when they allowed a private address for the address being saved.
        self.private_address_confirmed = False

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        """A new address forgets what was trusted for the old one: token, shared secret, private-address flag.

        Secrets entered with the new address (in the same form) are kept; the private-address flag is kept
        only when an administrator confirmed it for the new address.
        """
        stored = getattr(self, "_stored_base_url", None)
        if self.pk and stored is not None and stored != self.base_url:
            if "token" not in self._fresh:
                self.token_encrypted = ""
            if "push_secret" not in self._fresh:
                self.push_secret_encrypted = ""
            if not self.private_address_confirmed:
                self.allow_private_address = False
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "token_encrypted",
                    "push_secret_encrypted",
                    "allow_private_address",
                }
        super().save(*args, **kwargs)
        self._stored_base_url = self.base_url
        self._fresh = set()
        self.private_address_confirmed = False

    @classmethod
    def from_db(cls, db, field_names, values):
        peer = super().from_db(db, field_names, values)
        peer._stored_base_url = peer.__dict__.get("base_url")
        return peer

    @property
    def token(self):
        return crypto.decrypt(self.token_encrypted)

    @token.setter
    def token(self, value):
        self.token_encrypted = crypto.encrypt(value)
        self._fresh.add("token")

    @property
    def push_secret(self):
        return crypto.decrypt(self.push_secret_encrypted)

    @push_secret.setter
    def push_secret(self, value):
        self.push_secret_encrypted = crypto.encrypt(value)
        self._fresh.add("push_secret")

    @property
    def has_token(self):
        return bool(self.token_encrypted)

    @property
    def kinds(self):
        """The kinds to take, all when none is chosen."""
        return [kind for kind in ContentKind.values if not self.content_kinds or kind in self.content_kinds]

    def inbound_path(self):
        from django.urls import reverse

        return reverse("network_push", args=[self.inbound_key])


class SyndicatedCopy(models.Model):
    """Where a local page came from: the peer, the original's id and address, when it was last seen.

    Pulls upsert on (peer, original id), so that a resumed or repeated pull never makes a second copy.
    A hidden copy stays unpublished whatever its source does later.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="syndicated_copy"
    )
    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.CASCADE, related_name="copies")
    kind = models.CharField(_("type"), max_length=20, choices=ContentKind.choices)
    original_id = models.PositiveBigIntegerField(_("original id"))
    original_url = models.URLField(_("original address"), max_length=2000, blank=True)
    content_hash = models.CharField(_("content hash"), max_length=64, editable=False)
    seen_at = models.DateTimeField(_("last seen"))
    withdrawn = models.BooleanField(
        _("withdrawn at the source"), default=False, help_text=_("Unpublished by the peer.")
    )
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden copies stay unpublished whatever the peer does.")
    )
    source_cursor = models.PositiveBigIntegerField(
        _("cursor at the source"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The peer's change-feed cursor of the last change taken."),
    )
    source_changed_at = models.DateTimeField(
        _("changed at the source"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the peer last changed the original, as its change feed said."),
    )

    class Meta:
        verbose_name = _("syndicated copy")
        verbose_name_plural = _("syndicated copies")
        ordering = ["-seen_at"]
        constraints = [models.UniqueConstraint(fields=["peer", "original_id"], name="network_copy_per_original")]

    def __str__(self):
        return f"{self.page.title} ← {self.peer}"


class MediaKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class SyndicatedMedia(models.Model):
    """A peer's image or document fetched once into the commune's collection, reused by every later pull."""

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.CASCADE, related_name="media")
    kind = models.CharField(_("type"), max_length=10, choices=MediaKind.choices)
    original_id = models.PositiveBigIntegerField(_("original id"))
    source_url = models.URLField(_("fetched from"), max_length=2000)
    image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    fetched_at = models.DateTimeField(_("fetched at"))

    class Meta:
        verbose_name = _("media taken from a peer")
        verbose_name_plural = _("media taken from peers")
        constraints = [
            models.UniqueConstraint(fields=["peer", "kind", "original_id"], name="network_media_per_original")
        ]

    def __str__(self):
        return f"{self.kind} {self.original_id} ← {self.peer_id}"

    @property
    def local_id(self):
        return self.image_id if self.kind == MediaKind.IMAGE else self.document_id


class SkipReason(models.TextChoices):
    INVALID = "invalid", _("Refused: the item is not valid")
    NO_SECTION = "no_section", _("No local section for this type and language")
    BLOCK = "block", _("Block type that copies do not carry")
    MEDIA_TOO_LARGE = "media_too_large", _("File larger than the network limit")
    MEDIA_TYPE = "media_type", _("File type not allowed")
    MEDIA_FAILED = "media_failed", _("File could not be fetched")


class SkippedItem(models.Model):
    """What a pull left out, and why: a whole item, a block of it, or one of its images or documents.

    One row per (peer, item, what was left out); a later pull that takes the item whole removes its rows.
    """

    peer = models.ForeignKey(Peer, verbose_name=_("peer"), on_delete=models.CASCADE, related_name="skipped")
    item_type = models.CharField(_("type"), max_length=20, choices=ContentKind.choices)
    original_id = models.PositiveBigIntegerField(_("original id"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    original_url = models.URLField(_("original address"), max_length=2000, blank=True)
    subject = models.CharField(
        _("what was left out"), max_length=255, blank=True, help_text=_("Empty when the whole item was left out.")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=SkipReason.choices)
    detail = models.TextField(_("detail"), blank=True)
    seen_at = models.DateTimeField(_("last seen"))

    class Meta:
        verbose_name = _("skipped item")
        verbose_name_plural = _("skipped items")
        ordering = ["-seen_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["peer", "item_type", "original_id", "subject"], name="network_skipped_once_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.get_item_type_display()} {self.original_id}: {self.get_reason_display()}"


class PushNonce(models.Model):
    """A notification already received from a peer, kept for a while so that a replay is refused."""

    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    received_at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["peer", "nonce"], name="network_nonce_once")]

    def __str__(self):
        return self.nonce


def network_setting(name):
    """A network setting, with the project's default."""
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    "BAWABA_NETWORK_CONNECT_TIMEOUT": 5.0,
    "BAWABA_NETWORK_READ_TIMEOUT": 15.0,
    "BAWABA_NETWORK_TOTAL_TIMEOUT": 60.0,
    "BAWABA_NETWORK_MAX_RESPONSE_BYTES": 5 * 1024 * 1024,
    "BAWABA_NETWORK_PAGE_SIZE": 100,
    "BAWABA_NETWORK_PULL_TIMEOUT": 600.0,
    "BAWABA_NETWORK_MAX_PAGES_PER_PULL": 200,
    "BAWABA_NETWORK_MAX_ITEMS_PER_PULL": 20_000,
    "BAWABA_NETWORK_PUSH_MAX_AGE": 300,
    "BAWABA_NETWORK_MAX_MEDIA_BYTES": 10 * 1024 * 1024,
}
