"""Anonymous GETs of public pages and API answers from the shared cache, before anything else runs.

A copy is stored only when nothing in it can belong to one visitor: the request carried no session,
message or authorisation, and the answer set no cookie, used no CSRF token, did not touch the session
and is public. Copies are tagged with the version counters of ``caching.versions``; the ``ETag``
is made of those counters, so a conditional GET is answered 304 from one cache read, before the page
or the list is built. Time-dependent content (an alert that starts at eight, a tender that closes at
noon) is rebuilt at the latest every ``BAWABA_PAGE_CACHE_SECONDS``.

Each process also keeps the copies it served for ``BAWABA_PAGE_CACHE_LOCAL_SECONDS`` (half a second by
default), so that a burst of readers costs no shared-cache read at all: a change published in this
process makes them stale at once, a change published by another instance within that time.
"""

import hashlib
import time
from time import monotonic

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request
from wagtail.models import Site

from . import versions

CACHE_HEADER = "X-Cache"
#: Headers a stored copy does not keep: the server and the response of each request set them.
NOT_STORED = {"date", "set-cookie", CACHE_HEADER.lower()}
#: What a shared copy may vary on: each is part of the key (language, CORS origin).
SHAREABLE_VARY = {"accept-language", "origin"}
#: django.contrib.messages keeps a visitor's messages in this cookie (CookieStorage.cookie_name).
MESSAGES_COOKIE = "messages"
MAX_QUERY_STRING = 512
HOSTS_MEMO_SIZE = 256
LOCAL_COPIES = 256


def page_cache_control():
    """``Cache-Control`` of public HTML pages: browsers revalidate, proxies keep them briefly."""
    value = f"public, max-age={settings.BAWABA_PAGE_MAX_AGE}"
    if settings.BAWABA_PROXY_MAX_AGE:
        value += f", s-maxage={settings.BAWABA_PROXY_MAX_AGE}"
    return value


def api_cache_control():
    return f"public, max-age={settings.BAWABA_API_CACHE_SECONDS}"


def answer(request, response, etag):
    """The copy, or a 304 when the caller's validators (ETag or Last-Modified) say it is current."""
    last_modified = parse_http_date_safe(response["Last-Modified"]) if response.has_header("Last-Modified") else None
    return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response) or response


class SharedCacheMiddleware:
    """Serve and store anonymous, public GETs; mark everything else as private to one visitor."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.hosts = {}
        #: entry key -> (good until, local generation, bucket, ETag, copy): what this process served last.
        self.local = {}

    def __call__(self, request):
        if not settings.BAWABA_PAGE_CACHE or not self.eligible(request):
            return self.private(request, self.get_response(request))
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        cache = versions.store()
        path = request.get_full_path()
        api = path.startswith(settings.BAWABA_API_PREFIX)
        language = get_language_from_request(request) if api else path.split("/", 2)[1]
        scheme = "https" if request.is_secure() else "http"
        origin = request.headers.get("Origin", "")
        digest = hashlib.blake2b(f"{scheme}|{host}|{language}|{origin}|{path}".encode(), digest_size=16).hexdigest()
        entry_key = f"bawaba:copy:{digest}"

        conditional = "If-None-Match" in request.headers and not origin
        bucket = int(time.time() // settings.BAWABA_PAGE_CACHE_SECONDS)
        cache_control = api_cache_control() if api else page_cache_control()
        generation = versions.local_generation()
        local = self.local.get(entry_key) if settings.BAWABA_PAGE_CACHE_LOCAL_SECONDS else None
        if local is not None and local[0] > monotonic() and local[1] == generation and local[2] == bucket:
            response = self.serve(request, local[4], local[3], cache_control, conditional)
            if response is not None:
                return response

        if api:
            version_keys = [versions.API]
            values = cache.get_many(version_keys if conditional else [*version_keys, entry_key])
        else:
            version_keys, values = self.page_counters(request, cache, host, entry_key, conditional)
        counters = {}
        for key in version_keys:
            value = values.get(key)
            counters[key] = value if value is not None else versions.ensure(cache, key)
        # A page built below reads the same counters for its shared pieces (caching.fragments).
        request._bawaba_counters = dict(counters)
        tag = ".".join(str(value) for value in counters.values())
        etag = f'"{language}.{tag}.{bucket}"'

        if conditional:
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                self.keep(entry_key, generation, bucket, etag, None)
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = cache_control
                not_modified[CACHE_HEADER] = "revalidated"
                return not_modified
            entry = cache.get(entry_key)
        else:
            entry = values.get(entry_key)

        if entry is not None and entry[0] == tag and entry[1] == bucket:
            self.keep(entry_key, generation, bucket, etag, entry)
            response = HttpResponse(entry[3], status=entry[2], headers=entry[4])
            response[CACHE_HEADER] = "hit"
            return answer(request, response, etag)

        response = self.get_response(request)
        if not self.storable(request, response, api):
            return self.private(request, response)
        response["ETag"] = etag
        if not response.has_header("Cache-Control") or api:
            response["Cache-Control"] = cache_control
        headers = {name: value for name, value in response.items() if name.lower() not in NOT_STORED}
        entry = (tag, bucket, response.status_code, response.content, headers)
        cache.set(entry_key, entry, settings.BAWABA_PAGE_CACHE_SECONDS)
        self.keep(entry_key, generation, bucket, etag, entry)
        response[CACHE_HEADER] = "miss"
        return answer(request, response, etag)

    def serve(self, request, entry, etag, cache_control, conditional):
        """A copy this process kept: a 304 when the caller holds it, the copy otherwise.

        After a revalidation only the ``ETag`` is kept (``entry`` is None): a caller without it is
        answered from the shared cache (None here)."""
        if conditional:
            not_modified = get_conditional_response(request, etag=etag)
            if not_modified is not None:
                not_modified["ETag"] = etag
                not_modified["Cache-Control"] = cache_control
                not_modified[CACHE_HEADER] = "revalidated"
                return not_modified
        if entry is None:
            return None
        response = HttpResponse(entry[3], status=entry[2], headers=entry[4])
        response[CACHE_HEADER] = "hit"
        return answer(request, response, etag)

    def keep(self, entry_key, generation, bucket, etag, entry):
        """Remember a copy in this process for ``BAWABA_PAGE_CACHE_LOCAL_SECONDS``."""
        seconds = settings.BAWABA_PAGE_CACHE_LOCAL_SECONDS
        if not seconds:
            return
        if len(self.local) >= LOCAL_COPIES:
            self.local = {}
        self.local[entry_key] = (monotonic() + seconds, generation, bucket, etag, entry)

    def eligible(self, request):
        """A GET that carries nothing of one visitor and asks for something that may be shared."""
        if request.method not in ("GET", "HEAD"):
            return False
        if "Authorization" in request.headers or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
            return False
        return not request.path.startswith(settings.BAWABA_SHARED_CACHE_SKIP)

    def page_counters(self, request, cache, host, entry_key, conditional):
        """The counters of the commune serving ``host`` (and the stored copy), in one cache read.

        Which commune serves a host is remembered per process, tagged with the global counter it
        was found under: a change to any site moves that counter, and the host is looked up again.
        """
        host_key = (host, request.get_port())
        remembered = self.hosts.get(host_key)
        if remembered is None:
            generation = versions.ensure(cache, versions.GLOBAL)
            remembered = self.remember(request, host_key, generation)
        site_id, generation = remembered
        keys = [versions.GLOBAL, versions.site_key(site_id)]
        values = cache.get_many(keys if conditional else [*keys, entry_key])
        current = values.get(versions.GLOBAL)
        if current is None or current != generation:
            if current is None:
                current = versions.ensure(cache, versions.GLOBAL)
            self.hosts = {}
            site_id, _generation = self.remember(request, host_key, current)
            keys = [versions.GLOBAL, versions.site_key(site_id)]
            values = cache.get_many(keys if conditional else [*keys, entry_key])
        return keys, values

    def remember(self, request, host_key, generation):
        if len(self.hosts) >= HOSTS_MEMO_SIZE:
            self.hosts = {}
        site = Site.find_for_request(request)
        self.hosts[host_key] = (site.pk if site is not None else 0, generation)
        return self.hosts[host_key]

    def storable(self, request, response, api):
        """True when the answer is public and identical for every anonymous visitor of this key."""
        match = getattr(request, "resolver_match", None)
        page = match is not None and match.url_name == "wagtail_serve"
        if not (page or (api and getattr(response, "shared_cache", False))):
            return False
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
        return vary <= SHAREABLE_VARY

    def private(self, request, response):
        """A page built for one visitor (an editor, a form) is never kept by a shared cache."""
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "wagtail_serve" and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_cache=True)
        return response
