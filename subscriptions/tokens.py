"""Signed links: the confirmation (carrying the choices, expiring) and the lasting change/leave link.

A confirmation link holds what the person asked for, signed with a timestamp; nothing is stored
before they click it. The change/leave link names the subscriber and part of their secret, so it
outlives no erasure and cannot be made up from an id.
"""

from django.conf import settings
from django.core import signing

CONFIRM_SALT = "subscriptions.confirm"
MANAGE_SALT = "subscriptions.manage"


class BadLink(Exception):
    """The link was altered, made up, or belongs to no subscriber any more."""


class ExpiredLink(BadLink):
    """The link is genuine but too old."""


def confirmation_token(commune_id, email, language, frequency, choices):
    payload = {"c": commune_id, "e": email, "l": language, "f": frequency, "k": choices}
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign_object(payload, compress=True)


def read_confirmation(token):
    """The payload of a confirmation link, or :class:`BadLink` / :class:`ExpiredLink`."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        return signer.unsign_object(token, max_age=settings.SUBSCRIPTIONS_CONFIRM_SECONDS)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise BadLink from error


def manage_token(subscriber):
    return signing.Signer(salt=MANAGE_SALT).sign(f"{subscriber.pk}.{subscriber.secret}")


def read_manage(token, queryset):
    """The subscriber a change/leave link belongs to, or :class:`BadLink`."""
    try:
        value = signing.Signer(salt=MANAGE_SALT).unsign(token)
        pk, secret = value.split(".", 1)
        pk = int(pk)
    except (signing.BadSignature, ValueError) as error:
        raise BadLink from error
    subscriber = queryset.filter(pk=pk, secret=secret).first()
    if subscriber is None:
        raise BadLink
    return subscriber
