"""The portal API's URLs; anything else under /api/ is a problem+json 404."""

from django.http import HttpResponsePermanentRedirect
from django.urls import re_path
from django.utils.translation import gettext_lazy as _

from .api import api
from .http import problem


def not_found(request, rest=""):
    return problem(404, _("There is no API endpoint at this address."), request=request)


def open311_moved(request, rest):
    """Open311 has one implementation and one discovery document, at /open311/v2/."""
    name = "discovery.json" if rest == "discovery.json" else rest.removeprefix("v2/")
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"/open311/v2/{name}" + (f"?{query}" if query else ""), status=308)


urlpatterns = [
    re_path(r"^open311/(?P<rest>(?:v2/)?[\w./-]+)$", open311_moved),
    re_path(r"^", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
