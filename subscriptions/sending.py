"""Sending: from a dispatch to one delivery row per subscriber, then the rows out in batches.

Exactly-once, as far as a mail server allows: every delivery row exists (unique per dispatch and
subscriber) before anything is sent, and each row is claimed, handed to the mail server and marked
sent inside one transaction. A worker that dies midway rolls back the row it was on; every row it
had finished stays sent; the next run (``resume_pending``, or the retry the batch enqueued) sends
only what is still waiting. A message that fails is tried again up to ``SUBSCRIPTIONS_MAX_ATTEMPTS``
times, its error recorded on the row.
"""

import datetime
import logging
import smtplib

from django.conf import settings
from django.core.mail import BadHeaderError, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .mail import build_message, commune_settings, subscriber_links
from .models import Delivery, DeliveryStatus, Dispatch, Frequency, Kind, MailingList, Subscriber

logger = logging.getLogger(__name__)

#: What a send may raise that says "try again later" rather than "the code is wrong".
SEND_ERRORS = (smtplib.SMTPException, OSError, BadHeaderError, ValueError)

#: Kinds that go at once whatever the subscriber's frequency: they are already a selection, or urgent.
ALWAYS_AT_ONCE = {Kind.ALERTS, Kind.BULLETIN}


def recipients(dispatch):
    """The confirmed subscribers a dispatch goes to: those following its kind (and facets), in its
    commune, at once or in their digest; nobody while the commune's list of that kind is paused."""
    if dispatch.digest:
        from .digests import digest_recipients

        return digest_recipients(dispatch)
    if dispatch.kind in MailingList.paused_kinds(dispatch.commune):
        return []
    subscribers = Subscriber.objects.filter(commune=dispatch.commune, subscriptions__kind=dispatch.kind)
    if not dispatch.emergency and dispatch.kind not in ALWAYS_AT_ONCE:
        subscribers = subscribers.filter(frequency=Frequency.IMMEDIATE)
    if dispatch.kind == Kind.ALERTS and dispatch.facets.get("language"):
        subscribers = subscribers.filter(alert_language_filter(dispatch))
    chosen = []
    for subscriber in subscribers.distinct().prefetch_related("subscriptions").order_by("pk"):
        if subscriber.follows(dispatch.kind, dispatch.facets):
            chosen.append(subscriber)
    return chosen


def alert_language_filter(dispatch):
    """An alert written in one language goes to its readers, and to those of languages whose home
    page carries no alert at all: an emergency reaches everyone, in their language where it exists."""
    from home.models import HomePage

    language = dispatch.facets["language"]
    homes = HomePage.objects.live().filter(translation_key=dispatch.page.translation_key) if dispatch.page else []
    with_alert = {home.locale.language_code for home in homes if home.alert_message}
    return Q(language=language) | ~Q(language__in=with_alert)


def fan_out(dispatch):
    """Write the delivery rows of ``dispatch`` (idempotent) and return the ids still waiting."""
    subscribers = recipients(dispatch)
    Delivery.objects.bulk_create(
        [
            Delivery(dispatch=dispatch, subscriber=subscriber, language=subscriber.language)
            for subscriber in subscribers
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    if dispatch.fanned_out_at is None:
        Dispatch.objects.filter(pk=dispatch.pk).update(fanned_out_at=timezone.now())
    return list(
        Delivery.objects.filter(dispatch=dispatch, status=DeliveryStatus.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def batches(ids, size=None):
    size = size or settings.SUBSCRIPTIONS_BATCH_SIZE
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def enqueue_batches(ids, delay=None):
    """Queue one task per batch of delivery ids (after ``delay`` seconds where the backend defers)."""
    from django_tasks import default_task_backend

    from .tasks import send_batch_task

    task = send_batch_task
    if delay and default_task_backend.supports_defer:
        task = task.using(run_after=timezone.now() + datetime.timedelta(seconds=delay))
    for batch in batches(ids):
        task.enqueue(batch)


def dispatch_now(dispatch_id):
    """Fan a dispatch out and queue its batches; what the publication task runs."""
    dispatch = Dispatch.objects.select_related("commune", "page").filter(pk=dispatch_id).first()
    if dispatch is None:
        return 0
    ids = fan_out(dispatch)
    enqueue_batches(ids)
    return len(ids)


def render_delivery(delivery):
    """The message of one delivery, in the subscriber's language."""
    dispatch, subscriber = delivery.dispatch, delivery.subscriber
    language = subscriber.language
    links = subscriber_links(subscriber)
    if dispatch.digest:
        from .digests import digest_context

        context = digest_context(dispatch, subscriber)
        template = "subscriptions/email/digest"
        with translation.override(language):
            subject = _("Your daily digest") if dispatch.digest == Frequency.DAILY else _("Your weekly digest")
    elif dispatch.kind == Kind.BULLETIN:
        from .bulletins import bulletin_email_context

        context = bulletin_email_context(dispatch, language)
        template = "subscriptions/email/bulletin"
        subject = context["title"]
    else:
        entry = dispatch.content.get(language) or next(iter(dispatch.content.values()), {})
        context = {"item": entry, "kind": dispatch.kind, "emergency": dispatch.emergency}
        template = "subscriptions/email/item"
        with translation.override(language):
            label = _("Alert") if dispatch.emergency else Kind(dispatch.kind).label
            subject = f"{label}: {entry.get('title', '')}"
    message_id = f"<delivery-{delivery.pk}.{dispatch.pk}@{dispatch.commune.hostname or 'bawaba'}>"
    return build_message(
        site=dispatch.commune,
        language=language,
        to=subscriber.email,
        subject=subject,
        template=template,
        context=context,
        links=links,
        message_id=message_id,
    )


class BatchState:
    """What the messages of one batch share, read once for the batch: their dispatches (with the commune)
    and the commune's paused lists. A list paused while a batch is being sent stops at the next batch."""

    def __init__(self):
        self.dispatches = {}
        self.paused = {}

    def dispatch(self, dispatch_id):
        if dispatch_id not in self.dispatches:
            dispatch = Dispatch.objects.select_related("commune").get(pk=dispatch_id)
            dispatch.commune._commune_settings = commune_settings(dispatch.commune)
            self.dispatches[dispatch_id] = dispatch
        return self.dispatches[dispatch_id]

    def paused_kinds(self, commune):
        if commune.pk not in self.paused:
            self.paused[commune.pk] = MailingList.paused_kinds(commune)
        return self.paused[commune.pk]


def send_one(delivery_id, connection, state=None):
    """Claim, send and mark one delivery in one transaction; return its status afterwards."""
    state = state or BatchState()
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscriber")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return None
        delivery.dispatch = state.dispatch(delivery.dispatch_id)
        if delivery.subscriber is not None and delivery.subscriber.commune_id == delivery.dispatch.commune_id:
            delivery.subscriber.commune = delivery.dispatch.commune
        if delivery.subscriber is None or delivery.dispatch.kind in state.paused_kinds(delivery.dispatch.commune):
            delivery.status = DeliveryStatus.SKIPPED
            delivery.save(update_fields=["status"])
            return delivery.status
        delivery.attempts += 1
        try:
            message = render_delivery(delivery)
            message.connection = connection
            message.send()
        except SEND_ERRORS as error:
            delivery.last_error = f"{type(error).__name__}: {error}"[:300]
            if delivery.attempts >= settings.SUBSCRIPTIONS_MAX_ATTEMPTS:
                delivery.status = DeliveryStatus.FAILED
            delivery.save(update_fields=["attempts", "last_error", "status"])
            return delivery.status
        delivery.status = DeliveryStatus.SENT
        delivery.sent_at = timezone.now()
        delivery.message_id = message.extra_headers["Message-ID"]
        delivery.last_error = ""
        delivery.save(update_fields=["status", "sent_at", "attempts", "message_id", "last_error"])
        return delivery.status


def send_batch(ids):
    """Send a batch over one connection; queue the ones to try again. Returns ``{status: count}``."""
    counts = {}
    retry = []
    connection = get_connection()
    try:
        connection.open()
    except SEND_ERRORS:
        logger.warning("Mail server unreachable; the batch stays waiting")
    state = BatchState()
    try:
        for delivery_id in ids:
            status = send_one(delivery_id, connection, state)
            counts[status] = counts.get(status, 0) + 1
            if status == DeliveryStatus.PENDING:
                retry.append(delivery_id)
    finally:
        try:
            connection.close()
        except SEND_ERRORS:
            logger.warning("Could not close the mail connection")
    if retry:
        enqueue_batches(retry, delay=60)
    return counts


def resume_pending():
    """Queue every delivery still waiting: what a worker runs after a restart (``manage.py send_pending``).

    A dispatch whose recipients were never listed (its task was lost) is listed and sent if it is
    younger than ``SUBSCRIPTIONS_RESUME_DAYS``; older news is not worth a message any more.
    """
    recent = timezone.now() - datetime.timedelta(days=settings.SUBSCRIPTIONS_RESUME_DAYS)
    for dispatch in Dispatch.objects.filter(fanned_out_at__isnull=True, created_at__gte=recent).only("pk"):
        dispatch_now(dispatch.pk)
    ids = list(Delivery.objects.filter(status=DeliveryStatus.PENDING).order_by("pk").values_list("pk", flat=True))
    enqueue_batches(ids)
    return len(ids)
