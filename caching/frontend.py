"""Reverse proxies in front of the portal: Wagtail's frontend cache purging, configured from the environment.

``wagtail.contrib.frontend_cache`` (installed when ``BAWABA_FRONTEND_CACHE_URL`` or the Cloudflare
variables are set) purges a page's own addresses when it is published or unpublished. A page also shows
in its section's listing and on its commune's home, so those addresses are purged with it; menus on
other pages follow within the proxy's ``s-maxage`` (``BAWABA_PROXY_MAX_AGE``).
"""

from django.apps import apps


def purge_page(page):
    """Purge the listing and the home page that show ``page``, when a proxy is configured."""
    if not apps.is_installed("wagtail.contrib.frontend_cache") or not page.live:
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_pages(page.get_ancestors().filter(depth__gte=2).specific())
    batch.purge()
