"""Citizens' pages, mounted under each language prefix: ``/<lang>/participate/…``."""

from django.urls import path

import security.converters  # noqa: F401  (registers the "id" converter)

from . import views

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("track/", views.track, name="track"),
    path("requests/new/", views.request_new, name="request_new"),
    path("requests/<str:code>/", views.request_status, name="request_status"),
    path("petitions/", views.petition_list, name="petition_list"),
    path("petitions/new/", views.petition_new, name="petition_new"),
    path("petitions/<id:pk>/", views.petition_detail, name="petition_detail"),
    path("petitions/track/<str:code>/", views.petition_status, name="petition_status"),
    path("information/new/", views.information_new, name="information_new"),
    path("information/<str:code>/", views.information_status, name="information_status"),
    path("rate/", views.rate_choose, name="rate_choose"),
    path("rate/<id:page_id>/", views.rate_service, name="rate_service"),
    path("statistics/", views.statistics_page, name="statistics"),
]
