"""URL map: admin and machine endpoints unprefixed, public pages under /ar/, /fr/ and /zgh/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.views.serve import ServeView

from assets.views import serve_document
from pages import routing
from pages.views import accessibility, basemap_tile, personal_data, robots_txt, sitemap

from .api_v2 import api_router

urlpatterns = [
    # The commune rule's versions of some of Wagtail's admin views come first (see tenancy.admin_urls).
    path("admin/", include("tenancy.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document download with the caching headers its answers need (see assets.views).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("images/<str:signature>/<int:image_id>/<str:filter_spec>/", ServeView.as_view(), name="wagtailimages_serve"),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("basemap/<int:z>/<int:x>/<int:y>.png", basemap_tile, name="basemap_tile"),
    path("network/", include("network.urls")),
    path("api/", include("api.urls")),
    path("", include("participation.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("participate/", include("participation.urls")),
    path("search/", include("search.urls")),
    path("subscribe/", include("subscriptions.urls")),
    path("accessibility/", accessibility, name="portal_accessibility"),
    path("personal-data/", personal_data, name="portal_personal_data"),
    path("", include(routing.urlpatterns)),
    prefix_default_language=True,
)
