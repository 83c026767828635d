"""A small old site read by its sitemap, and feeds with pages: encodings, hostile pages and old Joomla links."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from importer.models import ImportItem, ImportRecord, ImportRun, Outcome, RunStatus
from pages.models import LegalTextPage, NewsPage

pytestmark = pytest.mark.django_db

AMAZIGH_TITLE = "ⴰⵎⵓⵙⵙⵓ ⵏ ⵜⵎⴰⵣⵉⵖⵜ"  # noqa: RUF001 (Tifinagh letters, not Latin look-alikes)

WINDOWS_1256_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>بلاغ حول انقطاع الماء | جماعة الواحة</title>
<meta name="date" content="2012-07-02">
</head><body><div id="menu"><a href="/">الرئيسية</a></div>
<div id="content"><h1>بلاغ حول انقطاع الماء</h1>
<p><font face="Simplified Arabic" size="4">تخبر الجماعة السكان بانقطاع الماء يوم الثلاثاء
بسبب أشغال الصيانة.</font></p>
</div></body></html>
"""

JOOMLA_ARTICLE = """<!DOCTYPE html>
<html lang="fr-fr"><head><meta charset="utf-8"><title>Commune - Délibération du conseil</title>
<meta name="author" content="Secrétariat du conseil">
<meta property="article:published_time" content="2015-10-07T10:00:00+01:00">
</head><body><div class="item-page">
<h2 itemprop="headline">Délibération n° 33 du conseil communal</h2>
<p style="text-align: justify;"><span style="font-size: 12pt;">Le conseil a adopté la délibération.</span></p>
<p><a href="__BASE__/images/docs/deliberation-33.pdf">Texte de la délibération</a></p>
</div></body></html>
"""

SITEMAP_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>__BASE__/sitemap-pages.xml</loc></sitemap>
<sitemap><loc>__BASE__/sitemap-broken.xml</loc></sitemap>
<sitemap><loc>http://elsewhere.example/sitemap.xml</loc></sitemap>
</sitemapindex>
"""

SITEMAP_PAGES = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>__BASE__/ar/bulletin-eau.html</loc></url>
<url><loc>__BASE__/index.php?option=com_content&amp;view=article&amp;id=33:deliberation&amp;catid=8&amp;Itemid=101</loc></url>
<url><loc>__BASE__/loop</loc></url>
<url><loc>__BASE__/slow</loc></url>
<url><loc>__BASE__/missing.html</loc></url>
<url><loc>http://elsewhere.example/page.html</loc></url>
</urlset>
"""


@pytest.fixture
def old_portal(old_site):
    """The old site: a Windows-1256 page, a Joomla article with a PDF, a redirect loop, a slow page, a bad sitemap."""
    from tests.utils import tiny_pdf_bytes

    old_site.serve("/sitemap.xml", SITEMAP_INDEX, "application/xml")
    old_site.serve("/sitemap-pages.xml", SITEMAP_PAGES, "application/xml")
    old_site.serve("/sitemap-broken.xml", "<urlset><url><loc>oops</url></urlset>", "application/xml")
    old_site.serve("/ar/bulletin-eau.html", WINDOWS_1256_PAGE.encode("cp1256"), "text/html")
    old_site.serve("/index.php", JOOMLA_ARTICLE)
    old_site.serve("/images/docs/deliberation-33.pdf", tiny_pdf_bytes("deliberation"), "application/pdf")
    old_site.redirect("/loop", "/loop-again")
    old_site.redirect("/loop-again", "/loop")
    old_site.routes["/slow"] = lambda handler: handler.drip(b"<html><body><p>" + b"x" * 100 + b"</p></body></html>")
    return old_site


def import_site(url, *extra):
    out = StringIO()
    call_command("import_portal", url, "--commune", "tanja", "--kind", "sitemap", *extra, stdout=out)
    return ImportRun.objects.latest("pk")


def reasons(run):
    return dict(run.items.filter(outcome=Outcome.FAILED).values_list("source_id", "reason"))


def test_sitemap_pages_are_imported_and_hostile_ones_fail_alone(client, commune, old_portal):
    run = import_site(f"{old_portal.url}/sitemap.xml", "--allow-private-addresses", "--publish")
    assert run.status == RunStatus.FINISHED
    assert (run.imported, run.failed) == (2, 4), reasons(run)
    failures = reasons(run)
    assert "redirected too many times" in failures["page:/loop"]
    assert "did not answer in time" in failures["page:/slow"]
    assert "answered 404" in failures["page:/missing.html"]
    assert "not well-formed XML" in failures[f"sitemap:{old_portal.url}/sitemap-broken.xml"]
    assert not any("elsewhere" in request for request in old_portal.requests)

    bulletin = NewsPage.objects.get(title="بلاغ حول انقطاع الماء")
    assert bulletin.locale.language_code == "ar" and bulletin.date.isoformat() == "2012-07-02"
    # Its one paragraph (no description in the page) is the introduction, not repeated in the body.
    assert bulletin.intro == "تخبر الجماعة السكان بانقطاع الماء يوم الثلاثاء بسبب أشغال الصيانة."
    assert "<font" not in str(bulletin.body.raw_data) and "تخبر" not in str(bulletin.body.raw_data)

    deliberation = LegalTextPage.objects.get(title="Délibération n° 33 du conseil communal")
    assert deliberation.locale.language_code == "fr" and deliberation.kind == "decision"
    assert deliberation.number == "33" and deliberation.date.isoformat() == "2015-10-07"
    assert [child.value["title"] for child in deliberation.documents] == ["Texte de la délibération"]
    record = ImportRecord.objects.get(page=deliberation)
    assert record.author == "Secrétariat du conseil"

    for path in (
        "/ar/bulletin-eau.html",
        "/index.php?option=com_content&view=article&id=33:deliberation&catid=8&Itemid=101",
        "/index.php?Itemid=101&catid=8&id=33:deliberation&option=com_content&view=article",
        "/index.php?option=com_content&view=article&id=33",
        "/index.php?option=com_content&id=33",
        # Links in the wild carry a menu item, a category or a campaign the old address did not have.
        "/index.php?option=com_content&view=article&id=33&Itemid=2",
        "/index.php?option=com_content&view=article&id=33:deliberation&catid=8&Itemid=101&utm_source=newsletter",
    ):
        response = client.get(path)
        assert response.status_code == 301, path
        assert client.get(response["Location"]).status_code == 200


def test_second_crawl_changes_nothing(commune, old_portal):
    first = import_site(f"{old_portal.url}/sitemap.xml", "--allow-private-addresses", "--publish")
    revisions = Revision.objects.count()
    second = import_site(f"{old_portal.url}/sitemap.xml", "--allow-private-addresses", "--publish")
    assert (second.imported, second.updated) == (0, 0)
    assert second.skipped == first.imported and second.failed == first.failed
    assert Revision.objects.count() == revisions


def test_windows_1256_declared_only_in_the_headers_reads_correctly(commune, old_site):
    page = WINDOWS_1256_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">', "")
    old_site.serve("/", page.encode("cp1256"), "text/html; charset=windows-1256")
    old_site.serve("/sitemap.xml", f"<urlset><url><loc>{old_site.url}/</loc></url></urlset>", "text/xml")
    run = import_site(f"{old_site.url}/sitemap.xml", "--allow-private-addresses")
    assert run.imported == 1, reasons(run)
    assert NewsPage.objects.filter(title="بلاغ حول انقطاع الماء").exists()


def test_private_address_is_refused_without_permission(commune, old_portal):
    run = import_site(f"{old_portal.url}/sitemap.xml")
    assert run.status == RunStatus.FINISHED and run.imported == 0
    assert "private or local" in next(iter(reasons(run).values()))
    assert old_portal.requests == []


def test_crawl_without_sitemap_stays_on_the_host_and_within_bounds(commune, old_site):
    def endless(handler):
        number = int(handler.path.rsplit("/", 1)[-1] or 0)
        body = (
            f"<html lang='fr'><body><article><h1>Page numéro {number}</h1><p>Texte de la page {number}.</p>"
            f"<a href='/page/{number + 1}'>suivante</a> <a href='http://elsewhere.example/x'>ailleurs</a>"
            "</article></body></html>"
        )
        handler.answer(200, body.encode(), "text/html; charset=utf-8")

    for number in range(0, 30):
        old_site.routes[f"/page/{number}"] = endless
    old_site.routes["/"] = endless
    run = import_site(f"{old_site.url}/", "--allow-private-addresses", "--max-pages", "5")
    assert run.status == RunStatus.FINISHED
    assert run.imported == 5
    assert len(old_site.requests) == 6  # the start page and five pages, no more


def test_feed_pages_are_followed_and_a_malformed_page_fails_alone(commune, old_site):
    def rss(items, generator="https://wordpress.org/?v=6.0"):
        entries = "".join(
            f"<item><title>{title}</title><link>{old_site.url}/?p={number}</link><guid>{old_site.url}/?p={number}</guid>"
            f"<pubDate>Mon, 0{number} Jan 2024 10:00:00 +0000</pubDate><category>Projets</category>"
            f"<description><![CDATA[<p>{title}</p>]]></description></item>"
            for number, title in items
        )
        return (
            f"<rss version='2.0'><channel><title>t</title><generator>{generator}</generator>{entries}</channel></rss>"
        )

    old_site.serve(
        "/feed/", rss([(1, "Travaux de voirie au centre"), (2, "أشغال تهيئة الطرق")]), "application/rss+xml"
    )
    old_site.serve("/feed/?paged=2", rss([(3, "Nouvelle station de pompage")]), "application/rss+xml")
    old_site.serve("/feed/?paged=3", "<rss><channel><item></channel>", "application/rss+xml")
    out = StringIO()
    call_command(
        "import_portal", f"{old_site.url}/feed/", "--commune", "tanja", "--allow-private-addresses", stdout=out
    )
    run = ImportRun.objects.latest("pk")
    assert run.kind == "feed" and run.status == RunStatus.FINISHED
    assert run.imported == 3 and run.failed == 1
    assert "not well-formed XML" in ImportItem.objects.get(run=run, outcome=Outcome.FAILED).reason
    works = NewsPage.objects.get(title="أشغال تهيئة الطرق")
    assert works.locale.language_code == "ar" and works.category == "projects"
    assert NewsPage.objects.get(title="Travaux de voirie au centre").locale.language_code == "fr"


def test_atom_feed_follows_its_next_link(commune, old_site):
    def atom(entries, next_path=""):
        link = f"<link rel='next' href='{old_site.url}{next_path}'/>" if next_path else ""
        body = "".join(
            f"<entry><id>urn:item:{number}</id><title>{title}</title><link href='{old_site.url}/item/{number}'/>"
            f"<published>2024-02-0{number}T10:00:00Z</published><author><name>Bureau</name></author>"
            f"<content type='html'>&lt;p&gt;{title}&lt;/p&gt;</content></entry>"
            for number, title in entries
        )
        return f"<feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>{link}{body}</feed>"

    old_site.serve("/atom.xml", atom([(1, AMAZIGH_TITLE)], "/atom-2.xml"), "application/atom+xml")
    old_site.serve("/atom-2.xml", atom([(2, "Forum des associations")]), "application/atom+xml")
    call_command(
        "import_portal",
        f"{old_site.url}/atom.xml",
        "--commune",
        "tanja",
        "--kind",
        "feed",
        "--allow-private-addresses",
        stdout=StringIO(),
    )
    run = ImportRun.objects.latest("pk")
    assert run.imported == 2, list(run.items.values_list("reason", flat=True))
    assert NewsPage.objects.get(title=AMAZIGH_TITLE).locale.language_code == "zgh"
    forum = ImportRecord.objects.get(source_id="urn:item:2").page.specific
    assert forum.specific_class.__name__ == "EventPage" and forum.kind == "forum"
