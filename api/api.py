"""The portal API: one ninja application, one OpenAPI 3.1 document, every router mounted."""

from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from search.api import router as search_router

from . import (  # noqa: F401  (write, write_sections and uploads add to pages.router)
    changes,
    feeds,
    images,
    open311_doc,
    pages,
    registers,
    standards,
    subscription_feeds,
    tree,
    uploads,
    write,
    write_sections,
)
from .http import PROBLEM_CONTENT_TYPE, ApiError, ORJSONRenderer, problem, validation_params

DESCRIPTION = """The public contract of a Bawaba deployment: every content type and register of its communes,
typed, with open-standard exports (Popolo, OCDS 1.1, Open311 GeoReport v2, Atom, JSON Feed) and a change feed
for synchronisation.

Anonymous callers see published, public content only. Responses carry `ETag` and `Last-Modified` and answer
conditional requests with 304. Errors are `application/problem+json`, in the language of `Accept-Language`
(ar, fr, zgh). Write operations need `Authorization: Bearer <token>`."""


#: Headers every successful read carries, declared once and referred to by each GET.
RESPONSE_HEADERS = {
    "ETag": {
        "description": "Validator of this representation; send it back in If-None-Match to get a 304",
        "schema": {"type": "string"},
        "example": '"3f1c2a9b0d6e4f7a8b9c0d1e2f3a4b5c"',
    },
    "Last-Modified": {
        "description": "When the content last changed (HTTP date); send it back in If-Modified-Since",
        "schema": {"type": "string"},
        "example": "Mon, 04 May 2026 10:00:00 GMT",
    },
    "Content-Language": {
        "description": "Language of the content: an item's own locale; for a list, the locale asked for or "
        "the languages of the items it holds (e.g. `ar, fr`)",
        "schema": {"type": "string"},
        "example": "ar",
    },
}

#: Errors any operation can answer, with what they mean.
STANDARD_ERRORS = {
    "400": (
        "Bad request: an unknown query parameter, a body that cannot be read, a refused block or file",
        "bad_request",
    ),
    "404": ("Not found: no such item, commune or path", "not_found"),
    "405": ("Method not allowed: the Allow header lists the methods this address answers", "not_allowed"),
    "422": ("Invalid parameters: each one at fault is named in invalid_params", "invalid"),
    "429": ("Too many requests: wait before trying again (see Retry-After)", "throttled"),
}

PROBLEM_EXAMPLES = {
    "bad_request": {
        "type": "about:blank",
        "title": "Bad request",
        "status": 400,
        "detail": "This parameter is not known here.",
        "invalid_params": [{"name": "colour", "message": "This parameter is not known here."}],
    },
    "not_found": {
        "type": "about:blank",
        "title": "Not found",
        "status": 404,
        "detail": "No published page of this type has this id.",
        "invalid_params": [{"name": "id", "message": "No published page of this type has this id."}],
    },
    "not_allowed": {
        "type": "about:blank",
        "title": "Method not allowed",
        "status": 405,
        "detail": "This address does not answer this method.",
        "invalid_params": [],
    },
    "invalid": {
        "type": "about:blank",
        "title": "Invalid parameters",
        "status": 422,
        "detail": "Some parameters are not valid.",
        "invalid_params": [{"name": "limit", "message": "This number is too small."}],
    },
    "throttled": {
        "type": "about:blank",
        "title": "Too many requests",
        "status": 429,
        "detail": "Too many requests; try again later.",
        "invalid_params": [],
    },
}

PAGE_EXAMPLE = {"count": 0, "next": None, "previous": None, "results": []}


def _problem_response(description, example):
    return {
        "description": description,
        "content": {
            PROBLEM_CONTENT_TYPE: {
                "schema": {"$ref": "#/components/schemas/Problem"},
                "example": PROBLEM_EXAMPLES[example],
            }
        },
    }


def _merge_responses(responses):
    """Response keys as strings, merging the entries ninja and ``openapi_extra`` give under 200 and "200"."""
    merged = {}
    for status, response in responses.items():
        status = str(status)
        if status in merged:
            # The declared response (``openapi_extra``) replaces what ninja derived: one media type per answer.
            merged[status].update(response)
        else:
            merged[status] = dict(response)
    return merged


class PortalAPI(NinjaAPI):
    """Ninja with problem+json errors, validators and standard errors documented on every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # The document is language-agnostic: built in the default language, whatever the caller's.
        with translation.override(None):
            schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        components = schema.setdefault("components", {})
        components.setdefault("headers", {}).update(RESPONSE_HEADERS)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = _merge_responses(operation.get("responses", {}))
                for status, response in responses.items():
                    content = response.get("content")
                    if status.startswith(("4", "5")) and content and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
                    if status == "304":
                        response.pop("content", None)
                        response["description"] = "Not Modified: the caller's copy is current"
                for status, (description, example) in STANDARD_ERRORS.items():
                    if status not in responses:
                        responses[status] = _problem_response(description, example)
                    else:
                        media = (
                            responses[status]
                            .setdefault("content", {})
                            .setdefault(PROBLEM_CONTENT_TYPE, {"schema": {"$ref": "#/components/schemas/Problem"}})
                        )
                        media.setdefault("example", PROBLEM_EXAMPLES[example])
                        responses[status]["description"] = description
                if method == "get" and "200" in responses:
                    ok = responses["200"]
                    ok["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in RESPONSE_HEADERS}
                    json_media = ok.get("content", {}).get("application/json")
                    schema_ref = str((json_media or {}).get("schema", {}))
                    if json_media is not None and schema_ref.endswith("List'}") and "example" not in json_media:
                        json_media["example"] = PAGE_EXAMPLE
                operation["responses"] = responses
        # Open311 answers in the specification's own error format, not problem+json.
        open311_doc.add_to(schema)
        return schema


api = PortalAPI(
    title="Bawaba portal API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="portal-api",
    renderer=ORJSONRenderer(),
    docs=Swagger(settings={"validatorUrl": None, "persistAuthorization": False}),
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return problem(422, _("Some parameters are not valid."), validation_params(exc.errors))


@api.exception_handler(ApiError)
def on_api_error(request, exc):
    single = [(exc.param, exc.detail)] if exc.param else []
    params = exc.param if isinstance(exc.param, list) else single
    return problem(exc.status, exc.detail, params, title=exc.title, request=request)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return problem(
        401, _("Send a valid token as Authorization: Bearer <token>."), headers={"WWW-Authenticate": "Bearer"}
    )


@api.exception_handler(AuthorizationError)
def on_authorization_error(request, exc):
    return problem(403, _("You may not do this."))


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return problem(exc.status_code, _("The request could not be handled."), request=request)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return problem(404, _("Nothing here."), request=request)


api.add_router("", pages.router)
api.add_router("", registers.router)
api.add_router("", changes.router)
api.add_router("", standards.router)
api.add_router("", feeds.router)
api.add_router("", subscription_feeds.router)
api.add_router("", tree.router)
api.add_router("", images.router)
api.add_router("/search", search_router)


def _query_names(operation):
    """The query parameters an operation declares, by the names callers send."""
    names = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            names.update(getattr(model, "__ninja_flatten_map__", {}) or model.model_fields)
    return names


def _strict_view(path_view):
    """The path's dispatcher with HTTP done right for every operation.

    ``HEAD`` is answered wherever ``GET`` is (same headers, no body), another method is a 405
    problem naming the allowed ones, and a query parameter the operation does not declare is a 400
    problem rather than silently ignored.
    """
    allowed = sorted({method for op in path_view.operations for method in op.methods})
    if "GET" in allowed:
        allowed = sorted({*allowed, "HEAD"})
    known = {id(op): _query_names(op) for op in path_view.operations}

    def dispatch(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        operation = path_view._find_operation(request)
        if head:
            request.method = "HEAD"
        if operation is None:
            return problem(405, _("This address does not answer this method."), headers={"Allow": ", ".join(allowed)})
        unknown = sorted(set(request.GET) - known[id(operation)])
        if unknown:
            message = _("This parameter is not known here.")
            return problem(400, message, [(name, message) for name in unknown])
        response = operation.run(request, *args, **kwargs)
        if head and not getattr(response, "streaming", False):
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response

    return dispatch


for _bound in api._get_bound_routers():
    for _path_view in _bound.path_operations.values():
        _path_view._sync_view = _strict_view(_path_view)
