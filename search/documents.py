"""Text of the PDF documents pages attach: extracted once, indexed with every page that attaches it.

A document's text is read with pypdf in a background task when the document is saved (see
``search.tasks``) and kept in ``CommuneDocument.extracted_text``. When a page is indexed, the text
of every document it refers to (in a StreamField such as the attachments, or through a foreign key
such as a council session's minutes) is indexed with it.

Only documents any visitor may open lend their text: a document in a collection with a view restriction
(login, groups or password, on the collection or one of its ancestors) keeps its text out of the index, so
it never shows in a page's hits, snippets, suggestions or the search API, nor in the words that search
offers as corrections. Moving a document into or out of such a collection, or restricting a collection,
indexes the pages that attach it again (``search.signals``).
"""

import logging

from django.db.models import ForeignKey, Q
from wagtail.documents import get_document_model
from wagtail.fields import StreamField

logger = logging.getLogger(__name__)

#: Limits that keep one huge or hostile file from filling the index or the worker's memory.
MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 500
MAX_TEXT_CHARS = 500_000


def attached_document_ids(obj):
    """The ids of the documents an object refers to, in the order it refers to them."""
    document_model = get_document_model()
    ids = []
    for field in obj._meta.concrete_fields:
        if isinstance(field, StreamField):
            for model, object_id, _model_path, _content_path in field.extract_references(getattr(obj, field.name)):
                if issubclass(model, document_model):
                    ids.append(int(object_id))
        elif isinstance(field, ForeignKey) and issubclass(field.related_model, document_model):
            object_id = getattr(obj, field.attname)
            if object_id is not None:
                ids.append(object_id)
    return list(dict.fromkeys(ids))


def restricted_collections():
    """A filter on collections: those with a view restriction of their own or of an ancestor."""
    from wagtail.models import CollectionViewRestriction

    paths = set(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def public_documents(queryset):
    """The documents of ``queryset`` any visitor may open: none of their collections is restricted."""
    from wagtail.models import Collection

    return queryset.exclude(collection__in=Collection.objects.filter(restricted_collections()))


def is_public_document(document):
    return public_documents(type(document).objects.filter(pk=document.pk)).exists()


def attached_document_text(obj):
    """The extracted text to index with ``obj``: its own for a document, else its documents'.

    Text of a document a visitor may not open is left out, whichever it is.
    """
    document_model = get_document_model()
    if not hasattr(document_model, "extracted_text"):
        return ""
    if isinstance(obj, document_model):
        text = getattr(obj, "extracted_text", "")
        return text if text and is_public_document(obj) else ""
    ids = attached_document_ids(obj)
    if not ids:
        return ""
    public = public_documents(document_model.objects.filter(pk__in=ids))
    texts = dict(public.values_list("pk", "extracted_text"))
    return "\n".join(texts[pk] for pk in ids if texts.get(pk))


def is_pdf(document):
    return document.file and document.file.name.lower().endswith(".pdf")


def extract_pdf_text(fileobj):
    """Return the text of a PDF file object, or ``None`` when it cannot be read.

    Encrypted files are opened with the empty password (owner-only protection is common on
    administrative PDFs); anything pypdf cannot read is logged and skipped.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(fileobj, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            logger.warning("Skipping encrypted PDF %s", getattr(fileobj, "name", fileobj))
            return None
        parts = []
        length = 0
        for page in reader.pages[:MAX_PDF_PAGES]:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text)
            if length >= MAX_TEXT_CHARS:
                break
    except (
        PdfReadError,
        ValueError,
        TypeError,
        KeyError,
        IndexError,
        AttributeError,
        OSError,
        RecursionError,
    ) as error:
        logger.warning("Skipping unreadable PDF %s: %s", getattr(fileobj, "name", fileobj), error)
        return None
    except Exception:
        # pypdf raises many kinds of errors on damaged files; none of them may stop the worker.
        logger.exception("Skipping PDF %s after an unexpected error", getattr(fileobj, "name", fileobj))
        return None
    return "\n".join(parts)[:MAX_TEXT_CHARS].replace("\x00", "")
