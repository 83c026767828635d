"""Views of the public portal that are not pages: ``robots.txt``, ``sitemap.xml``, and the
accessibility statement and personal-data notice every commune publishes."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemaps import PortalSitemap

ONE_HOUR = 60 * 60


@require_GET
@cache_page(ONE_HOUR)
def sitemap(request):
    """The commune's sitemap, pages in every language with their ``hreflang`` alternates."""
    return wagtail_sitemap(request, sitemaps={"pages": PortalSitemap})


class RobotsView(TemplateView):
    """``robots.txt``: crawlers may read the portal, not the admin, and find the sitemap."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context


robots_txt = require_GET(RobotsView.as_view())


@require_GET
def accessibility(request):
    """The accessibility statement: what the portal does for every reader, and whom to tell."""
    return render(request, "pages/accessibility.html")


@require_GET
def personal_data(request):
    """The personal-data notice (law 09-08): what is collected, why, for how long, and the reader's rights."""
    return render(request, "pages/personal_data.html", {"retention_days": settings.PARTICIPATION_RETENTION_DAYS})


@require_GET
def basemap_tile(request, z, x, y):
    """A tile of the basemap ``manage.py build_basemap`` drew, served with the media in any deployment.

    The path holds only integers, so no other file can be reached; a tile that was not drawn is a 404.
    """
    path = Path(settings.MEDIA_ROOT) / "basemap" / str(z) / str(x) / f"{y}.png"
    if not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response
