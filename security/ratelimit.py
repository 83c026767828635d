"""Fixed-window rate limits per client address, counted in a cache that every worker shares.

The counters live in the ``RATE_LIMIT_CACHE`` alias: Redis when ``REDIS_URL`` is set (its ``INCR`` is
atomic and keeps the window's expiry), otherwise a database table (each count is a read and a write in
one transaction holding the database's write lock on SQLite, or an advisory lock on PostgreSQL). That
cache holds nothing else, so a flood of cached pages or search suggestions cannot evict a counter.
"""

import hashlib
import time
import zlib

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.shortcuts import render
from django.utils.translation import gettext as _

from .proxies import client_address


def rate_cache():
    return caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]


def _key(scope, request):
    address = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"rate:{scope}:{address}"


def _count_in_database(cache, key, window):
    alias = router.db_for_write(cache.cache_model_class)
    connection = connections[alias]
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(key.encode())])
        now = time.time()
        count, ends_at = cache.get(key) or (0, 0)
        if ends_at <= now:
            count, ends_at = 0, now + window
        count += 1
        cache.set(key, (count, ends_at), timeout=max(1, int(ends_at - now) + 1))
    return count


def _count_atomically(cache, key, window):
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=window)
        return 1


def count_hit(request, scope, window):
    """Count one request of ``scope`` from this client in the current window; return the count so far."""
    cache = rate_cache()
    key = _key(scope, request)
    if isinstance(cache, DatabaseCache):
        return _count_in_database(cache, key, window)
    return _count_atomically(cache, key, window)


def over_limit(request, scope, limit, window):
    """Count one request and say whether this client has gone past ``limit`` requests per ``window`` seconds."""
    if limit <= 0:
        return False
    return count_hit(request, scope, window) > limit


SEARCH_VIEWS = {"search:search", "portal-api:search", "portal-api:search_suggest"}


def too_many_requests(request, window):
    """429 in the caller's language: problem+json for the API, a page for people."""
    message = _("Too many requests from your address; please wait a moment and try again.")
    if request.path_info.startswith("/api/"):
        from api.http import problem

        response = problem(429, message)
    else:
        response = render(request, "security/message.html", {"message": message}, status=429)
    response["Retry-After"] = str(window)
    return response


class SearchRateLimitMiddleware:
    """``BAWABA_SEARCH_RATE_LIMIT`` searches and suggestions per address per window, all channels together."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in SEARCH_VIEWS:
            return None
        window = settings.BAWABA_SEARCH_RATE_WINDOW
        if over_limit(request, "search", settings.BAWABA_SEARCH_RATE_LIMIT, window):
            return too_many_requests(request, window)
        return None
