"""Machine endpoints, without a language prefix: Open311 GeoReport v2 and the public figures as JSON."""

from django.urls import path, re_path, register_converter

import security.converters  # noqa: F401  (registers the "id" converter)

from . import open311, views


class Open311Format:
    """The file extension GeoReport v2 names its formats by; an unknown one is answered 404 by the view."""

    regex = "[^/]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(Open311Format, "open311_format")

urlpatterns = [
    path("open311/v2/discovery.<open311_format:fmt>", open311.discovery, name="open311_discovery"),
    path("open311/v2/services.<open311_format:fmt>", open311.service_list, name="open311_services"),
    path(
        "open311/v2/services/<slug:service_code>.<open311_format:fmt>",
        open311.service_definition,
        name="open311_service",
    ),
    path("open311/v2/requests.<open311_format:fmt>", open311.requests_endpoint, name="open311_requests"),
    path(
        "open311/v2/requests/<id:service_request_id>.<open311_format:fmt>",
        open311.request_detail,
        name="open311_request",
    ),
    re_path(r"^open311/", open311.not_found),
    path("participation/stats.json", views.statistics_json, name="participation_stats_json"),
]
