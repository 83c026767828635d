"""The project's URLs with the search router mounted on an API of the tests' own."""

from django.urls import path
from ninja import NinjaAPI

from cms.urls import urlpatterns as project_urlpatterns
from search.api import router

api = NinjaAPI(urls_namespace="search-tests", title="Search tests")
api.add_router("/search", router)

urlpatterns = [path("api/", api.urls), *project_urlpatterns]
