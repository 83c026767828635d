"""Who follows what in a commune, what was sent to them, and the proof of their consent (law 09-08).

A subscriber exists only once they confirmed their address: until then their choices travel inside
the signed confirmation link and nothing about them is stored but the consent record of the request.
Leaving erases the subscriber; the consent records keep a keyed digest of the address, never the address.
"""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.languages import language_choices


class Kind(models.TextChoices):
    """What a citizen can follow."""

    TENDERS = "tenders", _("Calls for tenders")
    SESSIONS = "sessions", _("Council sessions and agendas")
    NEWS = "news", _("News")
    PROJECTS = "projects", _("Projects")
    LEGAL = "legal", _("Legal texts")
    ALERTS = "alerts", _("Alerts")
    BULLETIN = "bulletin", _("The periodic bulletin")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one message per publication")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")


def new_secret():
    return secrets.token_urlsafe(12)


def address_digest(email):
    """A keyed digest of an address: consent records and throttles name a person without keeping the address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


class Subscriber(models.Model):
    """A confirmed address of one commune, in one language; one row per address and commune."""

    commune = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE)
    email = models.EmailField(_("e-mail"), max_length=254)
    language = models.CharField(_("language"), max_length=8, choices=language_choices())
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    #: Part of every link's signature: erasing the subscriber makes its old links worthless.
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_digest_at = models.DateTimeField(_("last digest at"), null=True, blank=True)
    bounces = models.PositiveSmallIntegerField(_("bounces"), default=0)

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [models.UniqueConstraint(fields=["commune", "email"], name="one_subscriber_per_address")]
        permissions = [("view_subscriber_addresses", _("Can see subscribers' e-mail addresses"))]

    def __str__(self):
        return self.email

    def follows(self, kind, facets=None):
        """Whether one of this subscriber's subscriptions covers an item of ``kind`` with ``facets``."""
        return any(subscription.covers(kind, facets or {}) for subscription in self.subscriptions.all())


class Subscription(models.Model):
    """One kind a subscriber follows, optionally narrowed (tender procedures or categories, news categories)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    procedures = models.JSONField(_("procedures"), default=list, blank=True)
    categories = models.JSONField(_("categories"), default=list, blank=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [models.UniqueConstraint(fields=["subscriber", "kind"], name="one_subscription_per_kind")]

    def __str__(self):
        return self.get_kind_display()

    def covers(self, kind, facets):
        if kind != self.kind:
            return False
        if self.procedures and facets.get("procedure") not in self.procedures:
            return False
        return not (self.categories and facets.get("category") not in self.categories)


class MailingList(models.Model):
    """A commune's list of one kind, which its office can pause: nothing of that kind goes out meanwhile."""

    commune = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    paused = models.BooleanField(_("paused"), default=False)
    paused_at = models.DateTimeField(_("paused at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mailing list")
        verbose_name_plural = _("mailing lists")
        constraints = [models.UniqueConstraint(fields=["commune", "kind"], name="one_list_per_kind")]

    def __str__(self):
        return f"{self.commune} — {self.get_kind_display()}"

    @classmethod
    def paused_kinds(cls, commune):
        return set(cls.objects.filter(commune=commune, paused=True).values_list("kind", flat=True))


class ConsentAction(models.TextChoices):
    REQUESTED = "requested", _("Asked to subscribe")
    CONFIRMED = "confirmed", _("Confirmed")
    CHANGED = "changed", _("Changed their choices")
    LEFT = "left", _("Left (data erased)")


class ConsentRecord(models.Model):
    """When, what and from where a person agreed (or stopped agreeing) to receive the commune's messages."""

    commune = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE)
    address_digest = models.CharField(_("address digest"), max_length=64, db_index=True)
    action = models.CharField(_("action"), max_length=16, choices=ConsentAction.choices)
    choices = models.JSONField(_("what"), default=dict, blank=True)
    source = models.CharField(_("from where"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_action_display()} — {self.at:%Y-%m-%d %H:%M}"


class Dispatch(models.Model):
    """One thing to tell subscribers: a publication, an alert, a digest or a bulletin issue.

    ``key`` names the item once per commune (a page's translation key, an alert's text and schedule,
    a digest's period), so publishing a page again or re-running a task never makes a second dispatch.
    ``content`` holds, per language, the title, summary and address subscribers of that language read.
    """

    commune = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=16, choices=[*Kind.choices, ("digest", _("Digest"))])
    key = models.CharField(_("key"), max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    facets = models.JSONField(_("facets"), default=dict, blank=True)
    content = models.JSONField(_("content"), default=dict, blank=True)
    emergency = models.BooleanField(_("emergency"), default=False)
    digest = models.CharField(_("digest"), max_length=10, blank=True, choices=Frequency.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    fanned_out_at = models.DateTimeField(_("recipients listed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["commune", "key"], name="one_dispatch_per_item")]

    def __str__(self):
        return self.title()

    def title(self, language=None):
        content = self.content or {}
        entry = content.get(language or "") or next(iter(content.values()), {})
        return entry.get("title", self.key)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    BOUNCED = "bounced", _("Bounced")
    SKIPPED = "skipped", _("Not sent (subscriber left or list paused)")


class Delivery(models.Model):
    """The send log: one row per message and subscriber, written before the message goes out.

    The row is claimed and marked sent in the same transaction as the hand-over to the mail server,
    so a worker that dies midway leaves it waiting, and the next run sends it once.
    """

    #: A send-log row is not content that refers to anything an editor would look up the usage of; kept out
    #: of Wagtail's reference index, a send does not queue one index update per message.
    wagtail_reference_index_ignore = True

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    message_id = models.CharField(_("message id"), max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("send log")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["dispatch", "subscriber"], name="one_delivery_per_subscriber")]

    def __str__(self):
        return f"{self.dispatch} — {self.get_status_display()}"


from .bulletins import BulletinIndexPage, BulletinPage  # noqa: E402, F401  (page types of this app)
