"""The portal API's URLs; anything else under /api/ is a problem+json 404."""

from django.urls import re_path
from django.utils.translation import gettext_lazy as _

from .api import api
from .http import problem


def not_found(request, rest=""):
    return problem(404, _("There is no API endpoint at this address."), request=request)


urlpatterns = [
    re_path(r"^", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]
