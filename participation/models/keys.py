"""API keys that let trusted applications file requests through Open311."""

import hashlib
import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

KEY_PREFIX_LENGTH = 8


def hash_key(raw_key):
    """Keys are long random strings, so a plain SHA-256 is enough to store them safely."""
    return hashlib.sha256(raw_key.encode()).hexdigest()


class Open311ApiKey(models.Model):
    """A key an application sends with ``POST requests.json``; only its hash is stored."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("application"), max_length=200)
    prefix = models.CharField(_("key starts with"), max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    panels = [FieldPanel("commune"), FieldPanel("name"), FieldPanel("active")]

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def set_new_key(self):
        """Give this record a fresh key and return it; it cannot be read back later."""
        raw_key = secrets.token_urlsafe(32)
        self.prefix = raw_key[:KEY_PREFIX_LENGTH]
        self.key_hash = hash_key(raw_key)
        return raw_key

    @classmethod
    def issue(cls, commune, name):
        """Create a key for ``commune`` and return ``(record, raw_key)``."""
        record = cls(commune=commune, name=name)
        raw_key = record.set_new_key()
        record.save()
        return record, raw_key

    @classmethod
    def authenticate(cls, raw_key):
        """The active key record matching ``raw_key``, or ``None``."""
        if not raw_key:
            return None
        record = cls.objects.filter(key_hash=hash_key(raw_key), active=True).select_related("commune").first()
        if record is not None:
            cls.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        return record
