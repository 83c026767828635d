"""Text of attached PDFs: extracted in a task on upload, indexed with the pages that attach it."""

import io
import logging

from django.core.files.base import ContentFile
from wagtail.models import Locale

from assets.models import CommuneDocument
from search.results import search_commune


def pdf_bytes(*lines, password=None):
    from fpdf import FPDF
    from pypdf import PdfReader, PdfWriter

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in lines:
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    if password is None:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=password)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def upload(title, data, name="file.pdf"):
    return CommuneDocument.objects.create(title=title, file=ContentFile(data, name=name))


def found_in_arabic(commune, query):
    outcome = search_commune(query, root=commune.homes["ar"], locale=Locale.objects.get(language_code="ar"))
    return [result.page.pk for result in outcome.results]


def attachment(document):
    return [{"type": "document", "value": {"document": document.pk, "title": "", "language": ""}}]


def test_pdf_text_is_extracted_when_uploaded(db):
    document = upload("Procès-verbal", pdf_bytes("Proces-verbal de la session", "assainissement liquide"))
    document.refresh_from_db()
    assert "assainissement liquide" in document.extracted_text


def test_attached_pdf_text_is_found_with_the_page(commune, db):
    document = upload("ملحق", pdf_bytes("Cahier des prescriptions speciales", "bennes tasseuses hydrauliques"))
    page = commune.pages["a_bins"]
    page.documents = attachment(document)
    page.save()
    assert found_in_arabic(commune, "bennes tasseuses") == [page.pk]


def test_minutes_text_is_found_with_the_council_session(commune, session_page, db):
    minutes = upload("محضر", pdf_bytes("Deliberation sur le transport scolaire rural"))
    session_page.minutes = minutes
    session_page.save()
    results = found_in_arabic(commune, "transport scolaire")
    assert results == [session_page.pk]
    outcome = search_commune(
        "transport scolaire", root=commune.homes["ar"], locale=Locale.objects.get(language_code="ar")
    )
    assert "<mark>transport</mark>" in outcome.results[0].snippet


def test_new_file_is_read_again_and_its_pages_reindexed(commune, db):
    document = upload("ملحق", pdf_bytes("premiere version"))
    page = commune.pages["a_pests"]
    page.documents = attachment(document)
    page.save()
    document.file = ContentFile(pdf_bytes("deuxieme version", "deratisation des caves"), name="v2.pdf")
    document.save()
    assert found_in_arabic(commune, "deratisation") == [page.pk]


def test_broken_pdf_is_logged_and_skipped(db, caplog):
    with caplog.at_level(logging.WARNING, logger="search"):
        document = upload("معطوب", b"%PDF-1.4\nthis is not a pdf at all\n%%EOF")
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert "Skipping" in caplog.text


def test_encrypted_pdf_is_logged_and_skipped(db, caplog):
    with caplog.at_level(logging.WARNING, logger="search"):
        document = upload("سري", pdf_bytes("secret budget", password="s3cret"))
    document.refresh_from_db()
    assert document.extracted_text == ""
    assert "encrypted" in caplog.text


def test_pdf_protected_only_against_editing_is_read(db):
    document = upload("محمي", pdf_bytes("budget previsionnel", password=""))
    document.refresh_from_db()
    assert "budget previsionnel" in document.extracted_text


def test_other_documents_are_not_read(db):
    document = upload("جدول", b"a,b\n1,2\n", name="table.csv")
    document.refresh_from_db()
    assert document.extracted_text == ""


def test_document_itself_is_searchable_by_its_text(db):
    from wagtail.search.backends import get_search_backend

    document = upload("Document", pdf_bytes("reglement de voirie communale"))
    assert list(get_search_backend().search("voirie", CommuneDocument)) == [document]
