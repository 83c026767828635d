"""A WordPress export of an old portal, imported twice: the right pages, files and redirects, and no doubles."""

from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from assets.models import CommuneDocument, CommuneImage
from importer.models import ImportItem, ImportRecord, ImportRun, Outcome, RunStatus
from pages.models import EventPage, LegalTextPage, NewsPage, ReportPage, StandardPage, TenderPage

from .conftest import wxr_export

pytestmark = pytest.mark.django_db


def import_wxr(tmp_path, old_site, *extra):
    path = tmp_path / "export.xml"
    path.write_bytes(wxr_export(old_site))
    out = StringIO()
    call_command("import_portal", str(path), "--commune", "tanja", "--allow-private-addresses", *extra, stdout=out)
    return ImportRun.objects.latest("pk"), out.getvalue()


def page_of(source_id):
    return ImportRecord.objects.get(source_id=source_id).page.specific


def links(html, linktype):
    """The ids a rich text links to, by kind of link (``page`` or ``document``)."""
    return [int(anchor["id"]) for anchor in BeautifulSoup(html, "html.parser").find_all("a", linktype=linktype)]


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "redirects": Redirect.objects.count(),
        "images": CommuneImage.objects.count(),
        "documents": CommuneDocument.objects.count(),
    }


def test_export_becomes_pages_of_the_right_type_language_and_section(commune, old_site, tmp_path):
    old_site.serve_files()
    run, output = import_wxr(tmp_path, old_site, "--publish")
    assert run.status == RunStatus.FINISHED, output
    assert (run.imported, run.updated, run.failed) == (7, 0, 0), list(run.items.values_list("source_id", "reason"))
    assert run.skipped == 4  # a draft, a menu entry, two attachments

    library = page_of("wp:101")
    assert isinstance(library, NewsPage) and library.locale.language_code == "ar"
    assert library.get_parent().specific_class.__name__ == "NewsIndexPage"
    assert library.category == "culture_sport"
    assert library.date.isoformat() == "2019-05-14"
    assert library.first_published_at.date().isoformat() == "2019-05-14"
    assert library.live and library.image is not None
    assert ImportRecord.objects.get(source_id="wp:101").author == "مكتب التواصل"

    decree = page_of("wp:102")
    assert isinstance(decree, LegalTextPage) and decree.locale.language_code == "fr"
    assert (decree.kind, decree.number, decree.date.isoformat()) == ("arrete", "12/2019", "2019-06-03")
    assert len(decree.documents) == 2

    tender = page_of("wp:103")
    assert isinstance(tender, TenderPage) and tender.locale.language_code == "ar"
    assert tender.reference == "05/2020" and not tender.is_open

    event = page_of("wp:104")
    assert isinstance(event, EventPage) and event.locale.language_code == "fr" and event.kind == "study_day"

    report = page_of("wp:106")
    assert isinstance(report, ReportPage) and (report.kind, report.year) == ("budget", 2022)
    assert [child.value["document"].title for child in report.documents] == ["budget-2021"]

    amazigh = page_of("wp:107")
    assert isinstance(amazigh, NewsPage) and amazigh.locale.language_code == "zgh"

    about = page_of("wp:105")
    assert isinstance(about, StandardPage) and about.locale.language_code == "fr"
    assert about.get_parent().pk == commune.home.get_translation(about.locale).pk

    reasons = dict(ImportItem.objects.filter(outcome=Outcome.SKIPPED).values_list("source_id", "reason"))
    assert "draft" in reasons["wp:108"]
    assert "nav_menu_item" in reasons["wp:109"]


def test_old_markup_becomes_clean_blocks_with_links_to_the_new_pages(commune, old_site, tmp_path):
    old_site.serve_files()
    import_wxr(tmp_path, old_site, "--publish")
    library, decree = page_of("wp:101"), page_of("wp:102")

    types = [block.block_type for block in library.body]
    assert types == ["paragraph", "image", "heading", "paragraph"]
    stored = str(library.body.raw_data)
    for leftover in ("style=", "dir=", "<font", "<span", "MsoNormal", "o:p", "[caption", "<table"):
        assert leftover not in stored
    image_block = library.body[1].value
    assert image_block["caption"] == "واجهة المكتبة الجماعية"
    assert image_block["image"].alt_text == "واجهة المكتبة"
    # The link to post 102 (read later) and the one to a PDF point to the new page and the stored document.
    paragraph = library.body[0].value.source
    assert links(paragraph, "page") == [decree.pk]
    assert len(links(paragraph, "document")) == 1
    # The layout table is gone: its heading is a heading block, its cells' text the paragraph after it.
    assert library.body[2].value["text"] == "أوقات العمل"
    assert library.body[3].value.source == (
        "<p>من الاثنين إلى الجمعة</p><p>من التاسعة صباحا</p><p>إلى السادسة مساء</p><p>مرحبا بالجميع.</p>"
    )

    assert [block.block_type for block in decree.body] == ["paragraph", "heading", "paragraph", "table"]
    # No excerpt: the first paragraph is the introduction, and the body goes on from the next one.
    assert decree.intro == "Le Président du Conseil communal,"
    assert decree.body[0].value.source.startswith("<p>Vu la loi organique")
    assert links(decree.body[0].value.source, "page") == [library.pk]
    table = decree.body[3].value
    assert table["data"] == [["Quartier", "Horaire"], ["Centre", "6 h"], ["Nahda", "7 h"]]
    assert table["first_row_is_table_header"]
    titles = [child.value["title"] for child in decree.documents]
    assert titles == ["Arrêté n° 12/2019 (PDF)", "Annexe"]


def test_every_old_address_redirects_to_a_page_that_renders(client, commune, old_site, tmp_path):
    old_site.serve_files()
    import_wxr(tmp_path, old_site, "--publish")
    paths = [path for record in ImportRecord.objects.all() for path in record.old_paths]
    assert "/?p=101" in paths and "/?page_id=105" in paths
    assert "/2019/05/افتتاح-المكتبة" in paths
    for path in [*paths, "/?p=102&utm_source=x", "/2019/06/arrete-proprete/"]:
        response = client.get(path)
        assert response.status_code == 301, path
        page = client.get(response["Location"])
        assert page.status_code == 200, (path, response["Location"])
    response = client.get("/2019/05/%D8%A7%D9%81%D8%AA%D8%AA%D8%A7%D8%AD-%D8%A7%D9%84%D9%85%D9%83%D8%AA%D8%A8%D8%A9/")
    assert response.status_code == 301 and response["Location"] == page_of("wp:101").url
    # Old file addresses lead to the stored files.
    response = client.get("/wp-content/uploads/2019/06/annexe.pdf")
    annexe = CommuneDocument.objects.get(title="Annexe")
    assert response.status_code == 301 and response["Location"] == annexe.url


def test_second_run_changes_nothing(commune, old_site, tmp_path):
    old_site.serve_files()
    first, _output = import_wxr(tmp_path, old_site, "--publish")
    before = counts()
    downloads = len(old_site.requests)
    second, _output = import_wxr(tmp_path, old_site, "--publish")
    assert second.pk != first.pk
    assert (second.imported, second.updated, second.failed) == (0, 0, 0)
    assert second.skipped == first.imported + first.skipped
    assert counts() == before
    assert len(old_site.requests) == downloads


def test_changed_item_is_updated_in_place(commune, old_site, tmp_path):
    old_site.serve_files()
    import_wxr(tmp_path, old_site, "--publish")
    tender = page_of("wp:103")
    revisions, tenders = tender.revisions.count(), TenderPage.objects.count()
    path = tmp_path / "export.xml"
    path.write_bytes(wxr_export(old_site).replace("لتهيئة الطرق.".encode(), "لتهيئة الطرق والأرصفة.".encode()))
    call_command("import_portal", str(path), "--commune", "tanja", "--allow-private-addresses", "--publish")
    run = ImportRun.objects.latest("pk")
    assert (run.imported, run.updated) == (0, 1)
    tender.refresh_from_db()
    assert "والأرصفة" in tender.intro  # its one paragraph, the introduction (the export has no excerpt)
    assert tender.revisions.count() == revisions + 1
    assert TenderPage.objects.count() == tenders


def test_drafts_are_not_live(commune, old_site, tmp_path):
    old_site.serve_files()
    run, _output = import_wxr(tmp_path, old_site, "--draft")
    assert run.imported == 7
    library = page_of("wp:101")
    assert not library.live and library.has_unpublished_changes


def test_stopped_run_resumes_where_it_stopped(commune, old_site, tmp_path, monkeypatch):
    from importer.engine import Importer

    old_site.serve_files()
    real_process = Importer.process

    def stop_after_three(importer, item):
        real_process(importer, item)
        if importer.run.items.count() == 3:
            ImportRun.objects.filter(pk=importer.run.pk).update(status=RunStatus.STOPPING)

    monkeypatch.setattr(Importer, "process", stop_after_three)
    run, _output = import_wxr(tmp_path, old_site, "--publish")
    assert run.status == RunStatus.STOPPED and run.done == 3
    monkeypatch.setattr(Importer, "process", real_process)
    call_command(
        "import_portal",
        str(tmp_path / "export.xml"),
        "--commune",
        "tanja",
        "--allow-private-addresses",
        "--resume",
        stdout=StringIO(),
    )
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED
    assert (run.imported, run.skipped, run.failed) == (7, 4, 0)
    assert ImportItem.objects.filter(run=run).count() == 11
    assert ImportRecord.objects.exclude(page=None).count() == 7


def test_malformed_export_fails_clearly(commune, tmp_path):
    path = tmp_path / "broken.xml"
    path.write_bytes(b"<?xml version='1.0'?><rss><channel><item><title>x</title></channel></rss>")
    with pytest.raises(CommandError, match="not well-formed XML"):
        call_command("import_portal", str(path), "--commune", "tanja", stdout=StringIO())
    run = ImportRun.objects.get()
    assert run.status == RunStatus.FAILED and "line 1" in run.error


def test_export_with_entities_is_refused(commune, tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<rss><channel><title>&b;</title></channel></rss>"
    )
    with pytest.raises(CommandError, match="entities or a document type"):
        call_command("import_portal", str(path), "--commune", "tanja", stdout=StringIO())


def test_export_over_the_size_limit_is_refused(commune, tmp_path, settings):
    settings.BAWABA_IMPORT_MAX_EXPORT_BYTES = 100
    path = tmp_path / "big.xml"
    path.write_bytes(b"<rss>" + b" " * 200 + b"</rss>")
    with pytest.raises(CommandError, match="larger than 100 bytes"):
        call_command("import_portal", str(path), "--commune", "tanja", stdout=StringIO())


def test_unknown_commune_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="No commune"):
        call_command("import_portal", str(tmp_path / "x.xml"), "--commune", "nowhere", stdout=StringIO())
