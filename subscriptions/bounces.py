"""Bounces: a delivery status notification (RFC 3464) marks its delivery bounced in the send log.

Every message carries a Message-ID naming its delivery row. Hand each bounce the mail server
receives to ``manage.py record_bounce`` (for instance from the bounce mailbox's delivery rule); an
address that bounces ``SUBSCRIPTIONS_MAX_BOUNCES`` times is erased as if it had left.
"""

import email
import email.policy
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ConsentAction, ConsentRecord, Delivery, DeliveryStatus, address_digest

DELIVERY_ID = re.compile(r"<delivery-\d+\.\d+@[^<>\s]+>")


def original_message_ids(raw):
    """The Message-IDs of the original message quoted in a bounce, or found anywhere in it."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    found = []
    for part in message.walk():
        if part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            payload = part.get_payload()
            inner = payload[0] if isinstance(payload, list) and payload else None
            if inner is not None and inner.get("Message-ID"):
                found.append(str(inner["Message-ID"]).strip())
            elif isinstance(payload, str):
                found.extend(DELIVERY_ID.findall(payload))
    if not found:
        found = DELIVERY_ID.findall(raw.decode("utf-8", "replace"))
    return list(dict.fromkeys(found))


@transaction.atomic
def record_bounce(raw):
    """Mark the deliveries a bounce names; return how many were marked."""
    marked = 0
    for message_id in original_message_ids(raw):
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("subscriber", "dispatch")
            .filter(message_id=message_id)
            .exclude(status=DeliveryStatus.BOUNCED)
            .first()
        )
        if delivery is None:
            continue
        delivery.status = DeliveryStatus.BOUNCED
        delivery.bounced_at = timezone.now()
        delivery.save(update_fields=["status", "bounced_at"])
        marked += 1
        subscriber = delivery.subscriber
        if subscriber is None:
            continue
        subscriber.bounces += 1
        if subscriber.bounces >= settings.SUBSCRIPTIONS_MAX_BOUNCES:
            ConsentRecord.objects.create(
                commune=subscriber.commune,
                address_digest=address_digest(subscriber.email),
                action=ConsentAction.LEFT,
                source="bounces",
            )
            subscriber.delete()
        else:
            subscriber.save(update_fields=["bounces"])
    return marked
