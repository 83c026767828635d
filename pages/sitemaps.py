"""``sitemap.xml``: every live, public page of the commune in every language, with its alternates.

Wagtail's own sitemap lists the descendants of the site's root page, which is the Arabic home; the
French and Amazigh homes are its translations, beside it in the tree. This sitemap takes the pages
below every translation of the root, and names each page's translations with ``hreflang``.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    """The commune's pages in all its languages, each ``<url>`` listing its translations."""

    def items(self):
        site = self.get_wagtail_site()
        homes = site.root_page.get_translations(inclusive=True).live()
        pages = Page.objects.none()
        for home in homes:
            pages |= Page.objects.descendant_of(home, inclusive=True)
        return pages.live().public().select_related("locale").order_by("path")

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        by_key = defaultdict(list)
        locations = {}
        for item in pages:
            location = item.get_full_url(self.request)
            if location is None:
                continue
            locations[item.pk] = location
            by_key[item.translation_key].append(item)
        urls = []
        for item in pages:
            if item.pk not in locations:
                continue
            translations = by_key[item.translation_key]
            alternates = []
            if len(translations) > 1:
                alternates = [
                    {"lang_code": other.locale.language_code, "location": locations[other.pk]}
                    for other in translations
                ]
            lastmod = item.last_published_at or item.latest_revision_created_at
            urls.append({"item": item, "location": locations[item.pk], "lastmod": lastmod, "alternates": alternates})
        last_mods = [url["lastmod"] for url in urls]
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
