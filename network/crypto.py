"""Secrets shared with peers, kept encrypted at rest so that a copied database gives no usable token."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet():
    key_material = getattr(settings, "BAWABA_NETWORK_ENCRYPTION_KEY", None) or settings.SECRET_KEY
    digest = hashlib.sha256(f"bawaba.network:{key_material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(value):
    """The stored form of a secret; empty stays empty."""
    if not value:
        return ""
    return _fernet().encrypt(value.encode()).decode()


def decrypt(stored):
    """The secret behind a stored value, or an empty string when it cannot be read (e.g. after a key change)."""
    if not stored:
        return ""
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except InvalidToken:
        return ""
