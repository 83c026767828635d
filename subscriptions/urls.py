"""Citizens' pages, under each language prefix: ``/<lang>/subscribe/…``."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("leave/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
