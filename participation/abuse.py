"""Defences of the public forms and the write API: rate limit per address, honeypot, write serialisation."""

import contextlib
import functools
import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import connection

HONEYPOT_FIELD = "website"
_sqlite_write_lock = threading.RLock()


def client_address(request):
    """The caller's address: ``REMOTE_ADDR``, or the first hop of the header a trusted proxy sets."""
    header = getattr(settings, "PARTICIPATION_CLIENT_IP_HEADER", None)
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def over_rate_limit(request, scope):
    """Count one submission from this address and say whether it exceeds the allowance.

    The allowance is ``PARTICIPATION_RATE_LIMIT`` submissions per ``PARTICIPATION_RATE_WINDOW``
    seconds, per address and per channel, counted in the shared cache.
    """
    limit = settings.PARTICIPATION_RATE_LIMIT
    if limit <= 0:
        return False
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"participation:rate:{scope}:{address}"
    cache.add(key, 0, timeout=settings.PARTICIPATION_RATE_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.PARTICIPATION_RATE_WINDOW)
        count = 1
    return count > limit


def honeypot_filled(data):
    return bool((data.get(HONEYPOT_FIELD) or "").strip())


@contextlib.contextmanager
def database_turn():
    """Hold the process-wide database turn when the database is SQLite.

    SQLite allows one writer at a time; in a threaded server, concurrent submissions would fail
    with "database is locked". Queuing them in the process costs little at a commune's scale.
    PostgreSQL handles concurrency itself, so nothing is held there.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with _sqlite_write_lock:
        yield


def serialised_on_sqlite(view):
    """Run ``view`` (rendering included) while holding the database turn on SQLite."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with database_turn():
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            return response

    return wrapper
