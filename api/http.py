"""HTTP done the same way by every endpoint: JSON rendering, validators, conditional requests, problems."""

import hashlib
from decimal import Decimal

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.functional import Promise
from django.utils.http import http_date
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja.renderers import BaseRenderer

PROBLEM_CONTENT_TYPE = "application/problem+json"
JSON_CONTENT_TYPE = "application/json"


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Promise):
        return str(value)
    raise TypeError(f"Cannot serialise {type(value).__name__}")


def dumps(data):
    return orjson.dumps(data, default=_default, option=orjson.OPT_NON_STR_KEYS)


class ORJSONRenderer(BaseRenderer):
    media_type = JSON_CONTENT_TYPE

    def render(self, request, data, *, response_status):
        return dumps(data)


def cache_seconds():
    return getattr(settings, "BAWABA_API_CACHE_SECONDS", 60)


def conditional(request, body, *, content_type=JSON_CONTENT_TYPE, last_modified=None, public=True, language=None):
    """A 200 carrying ``body`` with its validators, or a 304 when the caller's copy is current.

    Django's ``get_conditional_response`` compares the validators (``If-None-Match`` first, RFC 9110
    13.2.2). A public answer is marked for the shared cache (``caching.middleware``), which tags it
    with the version counters and answers the next conditional GET before this view runs at all.
    """
    response = HttpResponse(body, content_type=content_type)
    response["ETag"] = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    timestamp = None
    if last_modified is not None:
        timestamp = int(last_modified.timestamp())
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = f"public, max-age={cache_seconds()}" if public else "private, no-store"
    if language:
        # The content's own language, not the one the caller asked for (RFC 9110 8.5).
        response["Content-Language"] = language
    response.shared_cache = public
    etag = response["ETag"]
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response) or response


def json_response(request, data, *, last_modified=None, public=True, language=None):
    return conditional(request, dumps(data), last_modified=last_modified, public=public, language=language)


class ApiError(Exception):
    """An error the caller can fix, reported as a problem naming the offending parameter."""

    def __init__(self, status, detail, param=None, title=None):
        super().__init__(str(detail))
        self.status = status
        self.detail = detail
        self.param = param
        self.title = title


TITLES = {
    400: _("Bad request"),
    401: _("Authentication required"),
    403: _("Not allowed"),
    404: _("Not found"),
    405: _("Method not allowed"),
    409: _("Conflict"),
    413: _("Content too large"),
    422: _("Invalid parameters"),
    429: _("Too many requests"),
}

#: Messages for pydantic error types, in the caller's language.
VALIDATION_MESSAGES = {
    "missing": _("This parameter is required."),
    "int_parsing": _("Give a whole number."),
    "int_type": _("Give a whole number."),
    "greater_than_equal": _("This number is too small."),
    "greater_than": _("This number is too small."),
    "less_than_equal": _("This number is too large."),
    "less_than": _("This number is too large."),
    "literal_error": _("Choose one of the allowed values."),
    "enum": _("Choose one of the allowed values."),
    "string_too_long": _("This text is too long."),
    "string_too_short": _("This text is too short."),
    "string_pattern_mismatch": _("This text contains characters that are not allowed."),
    "value_error": _("This value is not in the expected format."),
    "date_parsing": _("Give a date as YYYY-MM-DD."),
    "date_from_datetime_parsing": _("Give a date as YYYY-MM-DD."),
    "datetime_parsing": _("Give a date and time as ISO 8601, e.g. 2026-05-04T10:00:00+01:00."),
    "datetime_from_date_parsing": _("Give a date and time as ISO 8601, e.g. 2026-05-04T10:00:00+01:00."),
    "bool_parsing": _("Give true or false."),
    "json_invalid": _("The request body is not valid JSON."),
}


def problem(status, detail, params=(), title=None, headers=None, request=None):
    """An ``application/problem+json`` response; texts are translated into the active language."""
    if request is not None and status == 404:
        request.urlconf = "api.no_urls"
    data = {
        "type": "about:blank",
        "title": str(title or TITLES.get(status, _("Error"))),
        "status": status,
        "detail": str(detail),
        "invalid_params": [{"name": name, "message": str(message)} for name, message in params],
    }
    response = HttpResponse(dumps(data), content_type=PROBLEM_CONTENT_TYPE, status=status)
    response["Content-Language"] = get_language() or settings.LANGUAGE_CODE
    response["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def page_links(request, count, offset, limit):
    """``next`` and ``previous`` addresses of a page of ``limit`` items starting at ``offset``."""

    def at(position):
        query = request.GET.copy()
        query["offset"] = str(position)
        query["limit"] = str(limit)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    following = at(offset + limit) if offset + limit < count else None
    preceding = at(max(offset - limit, 0)) if offset > 0 and count else None
    return following, preceding


def paginated_data(request, count, offset, limit, results):
    """The one list shape of the API: ``count``, ``next``, ``previous`` and ``results``."""
    following, preceding = page_links(request, count, offset, limit)
    return {"count": count, "next": following, "previous": preceding, "results": results}


def validation_params(errors):
    """``(name, message)`` for each pydantic error, naming the parameter or body field at fault."""
    params = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        if location and location[0] in ("query", "path", "body", "header", "form"):
            location = location[1:]
        # Query schemas nest their fields one level down; the parameter is the last named part.
        names = [part for part in location if not part.isdigit()]
        last = names[-1] if names else "request"
        name = (".".join(names[1:]) or "body") if names and names[0] == "payload" else last
        message = VALIDATION_MESSAGES.get(error.get("type"), _("This value is not valid."))
        params.append((name, message))
    return params
