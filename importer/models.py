"""What an import did: runs with their counts, one log line per item, and the lasting map from old to new.

``ImportRecord`` is the memory that makes a second run an update: one row per item of a source (the
old portal's host, or the export file's site), keyed by the item's stable id there, pointing at the page
it became and holding a fingerprint of what was read. ``ImportedFile`` does the same for images and
documents, keyed by their old address.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assets.storage import get_private_storage


class SourceKind(models.TextChoices):
    WXR = "wxr", _("WordPress export (WXR)")
    FEED = "feed", _("RSS or Atom feed")
    SITEMAP = "sitemap", _("Sitemap or site crawl")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    STOPPING = "stopping", _("Stopping")
    STOPPED = "stopped", _("Stopped")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class Outcome(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    UPDATED = "updated", _("Updated")
    SKIPPED = "skipped", _("Skipped")
    FAILED = "failed", _("Failed")


class ImportRun(models.Model):
    """One import of an old portal into a commune: where from, how, and how far it got."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="import_runs"
    )
    kind = models.CharField(_("kind of source"), max_length=10, choices=SourceKind.choices)
    source = models.CharField(
        _("source"), max_length=1000, help_text=_("The address of the feed, sitemap or site, or of the export file.")
    )
    upload = models.FileField(_("export file"), upload_to="imports", blank=True, storage=get_private_storage)
    publish = models.BooleanField(
        _("publish"), default=False, help_text=_("Publish the imported pages at once; otherwise they are drafts.")
    )
    allow_private_address = models.BooleanField(
        _("allow a private address"),
        default=False,
        help_text=_("Let the import read a host on the local network (administrators only)."),
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.PENDING)
    error = models.TextField(_("error"), blank=True)
    imported = models.PositiveIntegerField(_("imported"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    skipped = models.PositiveIntegerField(_("skipped"), default=0)
    failed = models.PositiveIntegerField(_("failed"), default=0)
    total = models.PositiveIntegerField(_("items found"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.source[:80]}"

    @property
    def done(self):
        return self.imported + self.updated + self.skipped + self.failed

    @property
    def is_active(self):
        return self.status in (RunStatus.PENDING, RunStatus.RUNNING, RunStatus.STOPPING)

    def counts(self):
        return {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
        }


class ImportItem(models.Model):
    """What became of one item in one run, and why."""

    run = models.ForeignKey(ImportRun, verbose_name=_("import"), on_delete=models.CASCADE, related_name="items")
    source_id = models.CharField(_("source id"), max_length=500)
    url = models.URLField(_("old address"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_type = models.CharField(_("page type"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=3, blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported item")
        verbose_name_plural = _("imported items")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["run", "source_id"], name="importer_item_once_per_run")]

    def __str__(self):
        return self.title or self.source_id


class ImportRecord(models.Model):
    """The lasting link between an item of an old portal and the page it became in the commune."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="import_records"
    )
    source = models.CharField(_("source"), max_length=255, help_text=_("The old portal's host."))
    source_id = models.CharField(_("source id"), max_length=500)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    url = models.URLField(_("old address"), max_length=1000, blank=True)
    old_paths = models.JSONField(_("old paths"), default=list)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    author = models.CharField(_("author"), max_length=255, blank=True)
    categories = models.JSONField(_("categories and tags"), default=list)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        constraints = [
            models.UniqueConstraint(fields=["commune", "source", "source_id"], name="importer_record_once_per_source")
        ]

    def __str__(self):
        return f"{self.source} {self.source_id}"


class ImportedFile(models.Model):
    """An image or document downloaded from an old portal, kept so that it is downloaded only once."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="imported_files"
    )
    url = models.URLField(_("old address"), max_length=1000)
    image = models.ForeignKey(
        "assets.CommuneImage", verbose_name=_("image"), null=True, blank=True, on_delete=models.CASCADE
    )
    document = models.ForeignKey(
        "assets.CommuneDocument", verbose_name=_("document"), null=True, blank=True, on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        constraints = [models.UniqueConstraint(fields=["commune", "url"], name="importer_file_once_per_commune")]

    def __str__(self):
        return self.url
