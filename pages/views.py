"""Machine-facing views of the public portal: ``robots.txt`` and ``sitemap.xml``."""

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
