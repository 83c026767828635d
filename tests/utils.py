"""Builders for tests: file contents that uploads need, and a whole commune with every section."""

import functools
import io
import struct
import zlib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from wagtail.models import Locale

from home.communes import CommuneTree as SharedCommuneTree


@functools.cache
def tiny_pdf_bytes(text="Bawaba"):
    """A small, valid one-page PDF."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def png_bytes(width=32, height=24, color="navy"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


@functools.cache
def decompression_bomb_png(side=20_000):
    """A real 1-bit PNG of ``side`` x ``side`` black pixels: a few dozen kilobytes on disk, 400 megapixels decoded."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    chunks = [compressor.compress(row) for _ in range(side)]
    chunks.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(chunks))
        + _png_chunk(b"IEND", b"")
    )


def path_of(page):
    """The path (with its language prefix) at which a page is served."""
    return urlsplit(page.get_url()).path


@dataclass
class CommuneTree(SharedCommuneTree):
    """A commune built for tests (by the set-up communes use, ``home.communes.CommuneTree``), with its
    sections and one leaf page per kind also by page type."""

    sections: dict = field(default_factory=dict)
    leaves: dict = field(default_factory=dict)

    def pages(self):
        """Every Arabic page of the tree: home, sections, leaves."""
        return [self.home, *self.sections.values(), *self.leaves.values()]

    def page_of_type(self, model):
        for page in self.pages():
            if type(page) is model:
                return page
        raise KeyError(model)


def rich_body(image, document):
    """A body that uses every block a commune writes with."""
    return [
        {"type": "heading", "value": {"text": "لمحة تاريخية", "level": "h2"}},
        {"type": "paragraph", "value": "<p>تقع الجماعة على <b>ساحل</b> البحر.</p>"},
        {"type": "image", "value": {"image": image.pk, "caption": "مقر الجماعة"}},
        {
            "type": "documents",
            "value": {
                "title": "وثائق",
                "documents": [{"document": document.pk, "title": "برنامج عمل الجماعة", "language": "ar"}],
            },
        },
        {
            "type": "table",
            "value": {"data": [["السنة", "السكان"], ["2024", "1275428"]], "first_row_is_table_header": True},
        },
        {"type": "quote", "value": {"text": "المدينة ملك لساكنتها.", "attribution": "رئيس المجلس"}},
        {
            "type": "key_figures",
            "value": {"title": "أرقام", "figures": [{"value": "1275428", "unit": "نسمة", "label": "عدد السكان"}]},
        },
        {
            "type": "contact",
            "value": {
                "name": "مكتب الضبط",
                "role": "استقبال",
                "phone": "0539000000",
                "email": "bo@example.ma",
                "address": "شارع محمد الخامس",
                "facility": None,
            },
        },
        {
            "type": "video",
            "value": {"url": "https://video.example.ma/v/1", "title": "الدورة العادية", "transcript": "نص التسجيل"},
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "شارك",
                "text": "قدم عريضة",
                "page": None,
                "url": "https://www.eparticipation.ma/",
                "button_label": "ابدأ",
            },
        },
    ]


def attachments(document):
    return [{"type": "document", "value": {"document": document.pk, "title": "المحضر", "language": "ar"}}]


def build_commune(
    slug="tanja",
    hostname="tanja.localhost",
    name_ar="جماعة طنجة",
    name_fr="Commune de Tanger",
    name_zgh="ⵜⴰⴳⴻⴷⵓⴷⴰ ⵏ ⵟⴰⵏⵊⴰ",  # noqa: RUF001
    *,
    is_default_site=False,
    translate_to=(),
    with_groups=False,
):
    """Create a commune with every section and one page of every child type, all live.

    ``translate_to`` lists locale codes into which the whole tree is copied and published;
    ``with_groups`` sets up the editorial groups and moderation workflow afterwards.
    """
    from . import factories

    tree = CommuneTree.set_up(
        slug=slug,
        hostname=hostname,
        name_ar=name_ar,
        name_fr=name_fr,
        name_zgh=name_zgh,
        is_default_site=is_default_site,
    )
    image = factories.CommuneImageFactory(collection=tree.collection)
    document = factories.CommuneDocumentFactory(collection=tree.collection)
    for section_model, child_model in factories.SECTIONS.items():
        extra = {"body": rich_body(image, document)} if section_model is factories.StandardPage else {}
        section = tree.add(factories.PAGE_FACTORIES[section_model].build(**extra))
        tree.sections[section_model] = section
        if child_model is not None:
            child_extra = {}
            if child_model is factories.NewsPage:
                child_extra = {"image": image, "documents": attachments(document)}
            child = factories.PAGE_FACTORIES[child_model].build(**child_extra)
            tree.leaves[child_model] = tree.add(child, under=section.slug)
    for code in translate_to:
        translate_tree(tree, code)
    if with_groups:
        tree.set_up_offices()
    return tree


def translate_tree(tree, language_code):
    """Copy every page of the tree into ``language_code`` (its titles marked with the code) and publish the copies."""
    locale, _created = Locale.objects.get_or_create(language_code=language_code)

    def mark(copy):
        copy.title = f"{copy.title} ({language_code})"

    tree.translate_all(locale, mark)


def localized(page, language_code):
    """The published translation of ``page`` in ``language_code``."""
    return page.get_translation(Locale.objects.get(language_code=language_code)).specific


def page_queries(client, path):
    """The SQL queries of the second view of ``path`` (the first fills what a process keeps)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured.captured_queries)
