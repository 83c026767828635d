"""Tracking codes: random, unguessable, easy to read out on the phone."""

import secrets

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GROUPS = 3
GROUP_LENGTH = 4


def new_tracking_code():
    """A fresh code such as ``K7QX-M2RD-9TWA``: 60 bits drawn from the system's secure source."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def normalise_tracking_code(value):
    """The canonical form of a code typed by a citizen (any case, spaces or dashes), or ``""``."""
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if len(raw) != GROUPS * GROUP_LENGTH or any(ch not in ALPHABET for ch in raw):
        return ""
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))
