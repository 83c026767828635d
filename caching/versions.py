"""Version counters in the shared cache: what a cached page or API answer was built from.

A commune's pages are tagged with two counters, the deployment's (``global``) and the commune's
(``site:<id>``); API answers, which may span communes, with one counter (``api``) that every change
moves. Publishing bumps the counters it touches, so every copy built before is stale at once and
a conditional GET is answered from one cache read. A counter that the cache lost starts again from
the clock in microseconds, a value no copy was ever tagged with.
"""

import time

from django.conf import settings
from django.core.cache import caches

GLOBAL = "bawaba:v:global"
API = "bawaba:v:api"


def site_key(site_id):
    return f"bawaba:v:site:{site_id}"


def store():
    """The shared cache that holds counters and copies (``BAWABA_PAGE_CACHE_ALIAS``)."""
    return caches[settings.BAWABA_PAGE_CACHE_ALIAS]


def fresh_value():
    return time.time_ns() // 1000


def ensure(cache, key):
    """The counter's value, starting it from the clock when the cache does not hold it."""
    cache.add(key, fresh_value(), timeout=None)
    value = cache.get(key)
    return value if value is not None else fresh_value()


#: Moved by every bump made in this process: the middleware's per-process copies made before are stale.
_local_generation = 0


def local_generation():
    return _local_generation


def bump(*keys):
    """Move each counter on, so every copy tagged with its old value is stale."""
    global _local_generation
    _local_generation += 1
    cache = store()
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, fresh_value(), timeout=None)


def bump_sites(site_ids):
    """A change to these communes' pages or settings: their pages and the API are stale."""
    bump(*(site_key(site_id) for site_id in set(site_ids)), API)


def bump_everything():
    """A change that may show on any commune (a register, an image, a site's host)."""
    bump(GLOBAL, API)


def api_version():
    return ensure(store(), API)


def page_version(site_id):
    cache = store()
    return f"{ensure(cache, GLOBAL)}.{ensure(cache, site_key(site_id))}"
