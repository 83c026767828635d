"""Background work of search: reading the text of uploaded PDF documents."""

import logging

from django.contrib.contenttypes.models import ContentType
from django_tasks import task
from modelsearch.index import insert_or_update_object
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from .documents import MAX_PDF_BYTES, extract_pdf_text, is_pdf

logger = logging.getLogger(__name__)


@task()
def extract_document_text(document_id):
    """Read a PDF document's text into ``extracted_text`` and re-index the pages that attach it.

    A missing, oversized, broken or encrypted file is logged and leaves the text empty.
    """
    document_model = get_document_model()
    document = document_model.objects.filter(pk=document_id).first()
    if document is None or not is_pdf(document):
        return
    text = ""
    try:
        if document.file.size > MAX_PDF_BYTES:
            logger.warning("Skipping PDF document %s: larger than %s bytes", document_id, MAX_PDF_BYTES)
        else:
            with document.open_file() as fileobj:
                text = extract_pdf_text(fileobj) or ""
    except OSError as error:
        logger.warning("Skipping PDF document %s: cannot open its file: %s", document_id, error)
    document_model.objects.filter(pk=document_id).update(extracted_text=text)
    document.extracted_text = text
    reindex_referring_objects(document)


@task()
def reindex_documents(document_ids):
    """Index again documents and the objects that attach them, after they became private or public."""
    for document in get_document_model().objects.filter(pk__in=document_ids):
        reindex_referring_objects(document)


def reindex_referring_objects(document):
    """Index again the document and every object (page, snippet) that refers to it."""
    insert_or_update_object(document)
    references = ReferenceIndex.get_references_to(document).values_list("content_type_id", "object_id").distinct()
    for content_type_id, object_id in references:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        obj = model._default_manager.filter(pk=object_id).first()
        if obj is not None:
            insert_or_update_object(obj)
