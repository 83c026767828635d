"""HTTP done the same way by every endpoint: JSON rendering, validators, conditional requests, problems."""

import hashlib
from decimal import Decimal

import orjson
from django.conf import settings
from django.http import HttpResponse
from django.utils.functional import Promise
from django.utils.http import http_date, parse_http_date_safe
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


def _etag_matches(header, etag):
    if header.strip() == "*":
        return True
    wanted = etag.removeprefix("W/")
    return any(candidate.strip().removeprefix("W/") == wanted for candidate in header.split(","))


def conditional(request, body, *, content_type=JSON_CONTENT_TYPE, last_modified=None, public=True):
    """A 200 carrying ``body`` with its validators, or a 304 when the caller's copy is current.

    ``If-None-Match`` takes precedence over ``If-Modified-Since`` (RFC 9110, 13.2.2).
    """
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    headers = {"ETag": etag}
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified.timestamp())
    headers["Cache-Control"] = f"public, max-age={cache_seconds()}" if public else "private, no-store"
    not_modified = False
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        not_modified = _etag_matches(if_none_match, etag)
    elif last_modified is not None:
        since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
        not_modified = since is not None and int(last_modified.timestamp()) <= since
    response = HttpResponse(status=304) if not_modified else HttpResponse(body, content_type=content_type)
    for name, value in headers.items():
        response[name] = value
    return response


def json_response(request, data, *, last_modified=None, public=True):
    return conditional(request, dumps(data), last_modified=last_modified, public=public)


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
    422: _("Invalid parameters"),
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
