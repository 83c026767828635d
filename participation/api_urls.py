"""Machine endpoints, without a language prefix: Open311 GeoReport v2 and the public figures as JSON."""

from django.urls import path

from . import open311, views

urlpatterns = [
    path("open311/v2/discovery.json", open311.discovery, name="open311_discovery"),
    path("open311/v2/services.json", open311.service_list, name="open311_services"),
    path("open311/v2/services/<slug:service_code>.json", open311.service_definition, name="open311_service"),
    path("open311/v2/requests.json", open311.requests_endpoint, name="open311_requests"),
    path("open311/v2/requests/<int:service_request_id>.json", open311.request_detail, name="open311_request"),
    path("participation/stats.json", views.statistics_json, name="participation_stats_json"),
]
