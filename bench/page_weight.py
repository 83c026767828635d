"""Weight and SQL cost of the public portal's pages: the figures issue 3 asks for, printed, not asserted.

For each page the browser tests visit (home, a filtered listing, a project, a tender, a procedure
sheet, the council, the directory with its map), in Arabic, French and Amazigh, it prints:

- the bytes a browser transfers to render it, images excluded: the HTML, the stylesheets and
  scripts it links, and the font files the stylesheet's ``unicode-range`` makes it download for the
  scripts present in the page; raw, and gzip-compressed for text (what whitenoise serves; fonts are
  WOFF2, already compressed); the target is under 300 KB;
- the number of SQL queries the page costs, once its image renditions exist.

It reads the database the settings point at, which must hold the demo (``manage.py load_demo``)::

    DJANGO_SETTINGS_MODULE=cms.settings.test DATABASE_URL=sqlite:////tmp/demo.sqlite3 \\
        .venv/bin/python bench/page_weight.py

Nothing leaves the process: pages are rendered with Django's test client, static files read from
the static folders.
"""

import gzip
import os
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")

TARGET_BYTES = 300 * 1024
SCRIPT_RANGES = {
    "noto-naskh-arabic": re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
    "noto-sans-tifinagh": re.compile("[\u2d30-\u2d7f]"),
    "noto-sans/": re.compile("[A-Za-z0-9]"),
}


class Assets(HTMLParser):
    """The stylesheets and scripts a page links (images are left out on purpose)."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])

    def handle_data(self, data):
        self.text.append(data)


def static_file(url):
    from django.conf import settings
    from django.contrib.staticfiles import finders

    path = url.split("?")[0].removeprefix(settings.STATIC_URL)
    found = finders.find(path)
    return Path(found) if found else None


def fonts_for(css_path, text):
    """The font files a stylesheet's @font-face rules make the browser fetch for ``text``."""
    css = css_path.read_text(encoding="utf-8")
    files = []
    for url in re.findall(r'url\("?(\.\./fonts/[^")]+)"?\)', css):
        script = next((key for key in SCRIPT_RANGES if key in url), None)
        if script and SCRIPT_RANGES[script].search(text):
            files.append((css_path.parent / url).resolve())
    return files


def weigh(client, path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    html = response.content
    parser = Assets()
    parser.feed(html.decode("utf-8"))
    text = "".join(parser.text)
    raw = len(html)
    gzipped = len(gzip.compress(html, 6))
    for url in parser.urls:
        file = static_file(url)
        if file is None:
            continue
        data = file.read_bytes()
        raw += len(data)
        gzipped += len(gzip.compress(data, 6))
        if file.suffix == ".css":
            for font in fonts_for(file, text):
                size = font.stat().st_size
                raw += size
                gzipped += size
    return response.status_code, raw, gzipped, len(captured.captured_queries)


def pages_to_weigh():
    from wagtail.models import Site

    from home.models import HomePage
    from pages.models import CouncilPage, DirectoryPage, ProjectIndexPage, ProjectPage, ServicePage, TenderPage

    site = Site.objects.select_related("root_page").get(is_default_site=True)
    home = site.root_page.specific
    kinds = {
        "home": (HomePage, ""),
        "listing": (ProjectIndexPage, "?status=completed"),
        "project": (ProjectPage, ""),
        "tender": (TenderPage, ""),
        "service": (ServicePage, ""),
        "council": (CouncilPage, ""),
        "directory": (DirectoryPage, ""),
    }
    for kind, (model, query) in kinds.items():
        page = home if model is HomePage else model.objects.live().descendant_of(home).order_by("path").first()
        if page is None:
            continue
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            yield kind, translation.locale.language_code, translation.get_url() + query


def main():
    import django

    django.setup()
    from django.test import Client

    from cms.languages import language_codes

    client = Client()
    order = language_codes()
    rows = sorted(pages_to_weigh(), key=lambda row: (row[0], order.index(row[1])))
    print(f"{'page':<10} {'lang':<4} {'status':>6} {'raw KB':>8} {'gzip KB':>8} {'queries':>8}  path")
    worst = 0
    for kind, language, path in rows:
        status, raw, gzipped, queries = weigh(client, path)
        worst = max(worst, gzipped)
        print(f"{kind:<10} {language:<4} {status:>6} {raw / 1024:>8.1f} {gzipped / 1024:>8.1f} {queries:>8}  {path}")
    verdict = "under" if worst < TARGET_BYTES else "over"
    print(f"heaviest page transferred (gzip, images excluded): {worst / 1024:.1f} KB, {verdict} the 300 KB target")


if __name__ == "__main__":
    main()
