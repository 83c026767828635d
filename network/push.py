"""Signed notifications between peers: when a commune publishes, its subscribers pull it at once.

The sender signs ``<timestamp>.<raw body>`` with HMAC-SHA256 and the secret it shares with that peer,
and sends the timestamp and the signature in headers; the body carries a random nonce. The receiver
refuses a missing or wrong signature, a timestamp more than five minutes away from its clock, and a
nonce it has already seen from that peer.
"""

import hashlib
import hmac
import json
import secrets
import time

from django.utils import timezone

from .client import PeerClient
from .models import Peer, PushNonce, network_setting

SIGNATURE_HEADER = "X-Bawaba-Signature"
TIMESTAMP_HEADER = "X-Bawaba-Timestamp"
MAX_BODY_BYTES = 16 * 1024


class Refused(Exception):
    """A notification that must not be acted upon; ``status`` is the HTTP answer."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status = status
        self.detail = detail


def signature(secret, timestamp, body):
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signed_notification(secret, payload, now=None):
    """The raw body and headers of a notification carrying ``payload``."""
    timestamp = int(now if now is not None else time.time())
    body = json.dumps({**payload, "nonce": secrets.token_hex(16), "sent_at": timestamp}).encode()
    headers = {
        "Content-Type": "application/json",
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }
    return body, headers


def verify(peer, headers, body):
    """Check a notification from ``peer``; record its nonce; raise ``Refused`` when it must be ignored."""
    from django.utils.translation import gettext as _

    secret = peer.push_secret
    if not secret:
        raise Refused(403, _("This peer has no shared secret; its notifications are refused."))
    given = headers.get(SIGNATURE_HEADER, "")
    stamp = headers.get(TIMESTAMP_HEADER, "")
    if not given or not stamp:
        raise Refused(401, _("The notification is not signed."))
    if not stamp.isdigit() or len(stamp) > 12:
        raise Refused(401, _("The notification's timestamp is not valid."))
    if not hmac.compare_digest(given, signature(secret, stamp, body)):
        raise Refused(403, _("The notification's signature is wrong."))
    max_age = network_setting("BAWABA_NETWORK_PUSH_MAX_AGE")
    if abs(time.time() - int(stamp)) > max_age:
        raise Refused(403, _("The notification is too old (or from the future)."))
    try:
        nonce = json.loads(body)["nonce"]
    except (ValueError, KeyError, TypeError):
        raise Refused(403, _("The notification carries no nonce.")) from None
    if not isinstance(nonce, str) or not 16 <= len(nonce) <= 64:
        raise Refused(403, _("The notification carries no nonce."))
    now = timezone.now()
    PushNonce.objects.filter(peer=peer, received_at__lt=now - timezone.timedelta(seconds=2 * max_age)).delete()
    _created = PushNonce.objects.get_or_create(peer=peer, nonce=nonce, defaults={"received_at": now})[1]
    if not _created:
        raise Refused(403, _("This notification was already received."))


def notify(peer, payload):
    """Post a signed notification to ``peer``; return the status it answered, or raise ``PeerError``."""
    body, headers = signed_notification(peer.push_secret, payload)
    with PeerClient(peer.push_url, allow_private=peer.allow_private_address, max_bytes=MAX_BODY_BYTES) as client:
        status, _body = client.request("POST", peer.push_url, content=body, headers=headers)
    return status


def subscribers(site_id):
    """Peers of the commune that want to hear of its publications."""
    return Peer.objects.filter(commune_id=site_id, enabled=True).exclude(push_url="").exclude(push_secret_encrypted="")
