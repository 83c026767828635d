"""What every page of a commune shares, kept in each process under the version counters.

The site that serves a host, a commune's settings, its menus, the months a listing can be filtered by:
every page built from scratch needs them, and they change only when something is published or
saved. Each process keeps them keyed on the counters of ``caching.versions`` (the deployment's,
and the commune's for what belongs to one commune), which a request reads once from the shared
cache: whatever moves a counter (publishing, unpublishing, moving a page, saving settings, a site,
a locale, an image) makes the kept copies unreachable at once, in every process.

Only what is the same for every visitor is kept here: never anything of a session, a user or a
form. Kept values are shared by the requests of a process; callers hand out copies of model
instances (``instance_copy``) so that what one request sets on them stays its own.
"""

import copy

from . import versions

#: How many values a process keeps before it starts again from empty.
MEMO_SIZE = 1024

_memo = {}
_MISSING = object()


def forget():
    """Drop every value this process keeps (tests start from an empty memo)."""
    _memo.clear()


def read_counters(request, site_ids):
    """Read the deployment's counter and these communes' in one go, for the lookups this request will make."""
    _read(request, [versions.GLOBAL, *(versions.site_key(site_id) for site_id in site_ids)])


def _read(request, keys):
    known = getattr(request, "_bawaba_counters", None)
    if known is None:
        known = {}
        request._bawaba_counters = known
    missing = [key for key in keys if key not in known]
    if missing:
        cache = versions.store()
        values = cache.get_many(missing)
        for key in missing:
            value = values.get(key)
            known[key] = value if value is not None else versions.ensure(cache, key)
    return known


def _counters(request, site_id):
    """The counters this request is built under, read from the shared cache once per request.

    ``site_id`` None: the deployment's counter only. The page cache middleware leaves the values it
    read on the request, so a page it builds reads none again.
    """
    keys = [versions.GLOBAL] if site_id is None else [versions.GLOBAL, versions.site_key(site_id)]
    known = _read(request, keys)
    return tuple(known[key] for key in keys)


def remember(request, key, build, site_id=None, keep_none=True):
    """The value ``build()`` returns, kept under ``key`` and the current counters.

    ``site_id`` names the commune whose counter the value depends on as well as the deployment's;
    without a request (a shell, a task) the value is built each time. With ``keep_none`` False, a
    None is built again next time (an address that matches no page is not worth a place).
    """
    if request is None:
        return build()
    full_key = (key, site_id, _counters(request, site_id))
    value = _memo.get(full_key, _MISSING)
    if value is _MISSING:
        value = build()
        if value is None and not keep_none:
            return None
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        _memo[full_key] = value
    return value


def remember_many(request, keys, build, site_id=None):
    """``{key: value}`` for ``keys``, those not kept built together by ``build(missing_keys)`` (a dict).

    A key ``build`` leaves out is not kept and is missing from the answer.
    """
    if request is None:
        return build(list(keys))
    counters = _counters(request, site_id)
    found, missing = {}, []
    for key in keys:
        value = _memo.get((key, site_id, counters), _MISSING)
        if value is _MISSING:
            missing.append(key)
        else:
            found[key] = value
    if missing:
        built = build(missing)
        if len(_memo) + len(built) >= MEMO_SIZE:
            _memo.clear()
        for key, value in built.items():
            _memo[(key, site_id, counters)] = value
        found.update(built)
    return found


def instance_copy(instance):
    """A copy of a kept model instance for one request: its fields and loaded relations, its own state."""
    return copy.copy(instance) if instance is not None else None
