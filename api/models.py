"""What the portal API keeps of its own: access tokens for trusted callers, and the change log peers sync from."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX_LENGTH = 8


def hash_token(raw):
    """The stored form of a token: its SHA-256, so a leaked database gives no usable token."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A bearer token with which a trusted peer or script writes through the API as one editor.

    Only the hash is stored; the token itself is shown once, when it is issued.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="portal_api_tokens"
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("Who or what uses this token."))
    prefix = models.CharField(_("prefix"), max_length=TOKEN_PREFIX_LENGTH, editable=False)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, user, name, expires_at=None):
        """Create a token for ``user``; return the model and the raw token, which is never stored."""
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=raw[:TOKEN_PREFIX_LENGTH], token_hash=hash_token(raw), expires_at=expires_at
        )
        return token, raw

    @classmethod
    def authenticate(cls, raw):
        """The usable token matching ``raw``, or ``None``."""
        if not raw:
            return None
        return cls.objects.usable().select_related("user").filter(token_hash=hash_token(raw)).first()


class ChangeAction(models.TextChoices):
    CREATED = "created", _("Created")
    CHANGED = "changed", _("Changed")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")


TOMBSTONE_ACTIONS = (ChangeAction.UNPUBLISHED, ChangeAction.DELETED)


class ChangeEvent(models.Model):
    """One publication, change, unpublication or deletion, in the order it happened.

    The auto-increment id is the change feed's cursor. Tombstones (unpublished, deleted) outlive
    what they describe, so that a peer learns to remove its copy.
    """

    occurred_at = models.DateTimeField(_("occurred at"), default=timezone.now, db_index=True)
    action = models.CharField(_("action"), max_length=12, choices=ChangeAction.choices)
    kind = models.CharField(_("kind"), max_length=40, help_text=_("The API collection, e.g. news or persons."))
    object_id = models.PositiveBigIntegerField(_("object id"))
    locale = models.CharField(_("locale"), max_length=8, blank=True)
    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    was_public = models.BooleanField(
        _("was public"),
        default=True,
        help_text=_("Whether anonymous callers could see the object when this happened."),
    )

    class Meta:
        verbose_name = _("change event")
        verbose_name_plural = _("change events")
        ordering = ["id"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind}/{self.object_id} {self.action}"
