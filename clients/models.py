"""The portal's API clients: the one token model for every caller of the API and of Open311.

A token holds scopes (write, preview, Open311) and works for one commune. It lives below the apps that
check it (``api`` for writes and previews, ``participation`` for Open311 requests), so neither reaches
into the other for it.
"""

import hashlib
import secrets

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX_LENGTH = 8


def hash_token(raw):
    """The stored form of a token: its SHA-256, so a leaked database gives no usable token.

    Tokens are long random strings, so a plain digest is enough; it is also the digest the former
    Open311 keys were stored with, which is why their holders kept working when the keys became tokens.
    """
    return hashlib.sha256(raw.encode()).hexdigest()


class Scope(models.TextChoices):
    """What a token may be used for; a token holds one or more."""

    WRITE = "write", _("Write news and events")
    PREVIEW = "preview", _("Preview drafts")
    OPEN311 = "open311", _("File Open311 requests")


#: Scopes that act as the token's user, and so need one.
USER_SCOPES = frozenset({Scope.WRITE, Scope.PREVIEW})
#: What a token issued without naming its scopes may do (the tokens of API writers before scopes existed).
DEFAULT_SCOPES = (Scope.WRITE, Scope.PREVIEW)


class ScopesField(models.JSONField):
    """A list of :class:`Scope` values, edited as checkboxes."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Scope.choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        if not isinstance(value, list) or not set(value) <= set(Scope.values):
            raise ValidationError(_("Unknown scope."), code="invalid_choice")


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(user__isnull=True) | models.Q(user__is_active=True),
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now),
        )


class ApiToken(models.Model):
    """The one token of the portal's API clients, scoped to a commune and to what it may do.

    ``write``: a trusted peer or script creates and updates news and events through the API as
    ``user``, in the moderation workflow. ``preview``: it asks for signed preview links to drafts.
    ``open311``: an application (an "Allo citizen" app) files service requests through Open311's
    ``POST requests`` with the token as its ``api_key``; it acts for no user. A token with a commune
    works for that commune only. Only the hash is stored; the token itself is shown once, when it is issued.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="portal_api_tokens",
        null=True,
        blank=True,
        help_text=_("Whom the token writes and previews as; not needed for Open311 only."),
    )
    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("The commune the token works for; required for Open311."),
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("Who or what uses this token."))
    scopes = ScopesField(_("scopes"), default=list, help_text=_("What the token may be used for."))
    prefix = models.CharField(_("prefix"), max_length=TOKEN_PREFIX_LENGTH, editable=False)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        # The table the tokens were created in when they belonged to ``api``: moving the model kept the rows.
        db_table = "api_apitoken"
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def clean(self):
        super().clean()
        scopes = set(self.scopes or ())
        if not scopes:
            raise ValidationError({"scopes": _("Choose at least one scope.")})
        if scopes & USER_SCOPES and self.user_id is None:
            raise ValidationError({"user": _("Writing and previewing act as a user: choose one.")})
        if Scope.OPEN311 in scopes and self.commune_id is None:
            raise ValidationError({"commune": _("An Open311 token files requests for one commune: choose it.")})

    def has_scope(self, scope):
        return scope in (self.scopes or ())

    def scope_labels(self):
        """The token's scopes in the reader's language, in a stable order."""
        return [label for value, label in Scope.choices if value in (self.scopes or ())]

    def get_scopes_display(self):
        """The scopes as the admin lists and inspects them."""
        return ", ".join(str(label) for label in self.scope_labels())

    def set_new_token(self):
        """Give this record a fresh token and return it; it cannot be read back later."""
        raw = secrets.token_urlsafe(32)
        self.prefix = raw[:TOKEN_PREFIX_LENGTH]
        self.token_hash = hash_token(raw)
        return raw

    @classmethod
    def issue(cls, user, name, expires_at=None, *, commune=None, scopes=DEFAULT_SCOPES):
        """Create a token; return the model and the raw token, which is never stored."""
        token = cls(user=user, name=name, expires_at=expires_at, commune=commune, scopes=[str(s) for s in scopes])
        raw = token.set_new_token()
        token.full_clean()
        token.save()
        return token, raw

    @classmethod
    def authenticate(cls, raw):
        """The usable token matching ``raw``, or ``None``; its last use is recorded."""
        if not raw:
            return None
        usable = cls.objects.usable().select_related("user", "commune__root_page")
        token = usable.filter(token_hash=hash_token(raw)).first()
        if token is not None:
            token.last_used_at = timezone.now()
            cls.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
        return token

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
