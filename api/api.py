"""The portal API: one ninja application, one OpenAPI 3.1 document, every router mounted."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

from search.api import router as search_router

from . import changes, feeds, pages, registers, standards, write  # noqa: F401  (write adds to pages.router)
from .http import PROBLEM_CONTENT_TYPE, ApiError, ORJSONRenderer, problem, validation_params

DESCRIPTION = """The public contract of a Bawaba deployment: every content type and register of its communes,
typed, with open-standard exports (Popolo, OCDS 1.1, Open311 GeoReport v2, Atom, JSON Feed) and a change feed
for synchronisation.

Anonymous callers see published, public content only. Responses carry `ETag` and `Last-Modified` and answer
conditional requests with 304. Errors are `application/problem+json`, in the language of `Accept-Language`
(ar, fr, zgh). Write operations need `Authorization: Bearer <token>`."""


class PortalAPI(NinjaAPI):
    """Ninja with problem+json errors documented on every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                responses = operation.setdefault("responses", {})
                for status, response in list(responses.items()):
                    status = str(status)
                    content = response.get("content")
                    if status.startswith(("4", "5")) and content and "application/json" in content:
                        content[PROBLEM_CONTENT_TYPE] = content.pop("application/json")
                    if status == "304":
                        response.pop("content", None)
                        response["description"] = "Not Modified: the caller's copy is current"
                if method == "get" and "422" not in responses and 422 not in responses:
                    responses["422"] = {
                        "description": "Invalid parameters",
                        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
                    }
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
api.add_router("/search", search_router)
