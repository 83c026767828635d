"""Upload checks that look at what a file is, not what it is called."""

import io
import logging

from django import forms
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from wagtail.documents.forms import BaseDocumentForm

logger = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


def check_pdf(uploaded):
    """Raise ``ValidationError`` unless ``uploaded`` is a PDF that a reader can open."""
    uploaded.seek(0)
    head = uploaded.read(1024)
    if PDF_MAGIC not in head:
        raise forms.ValidationError(
            _("This file is not a PDF document, although its name ends in .pdf."),
            code="not_pdf",
        )
    uploaded.seek(0)
    try:
        reader = PdfReader(io.BytesIO(uploaded.read()), strict=False)
        if not reader.is_encrypted:
            len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        logger.info("Refused unreadable PDF upload: %s", exc)
        raise forms.ValidationError(_("This PDF document is damaged and cannot be read."), code="broken_pdf") from exc
    finally:
        uploaded.seek(0)


class CommuneDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match a PDF name."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        name = getattr(uploaded, "name", "") or ""
        if uploaded and hasattr(uploaded, "content_type") and name.lower().endswith(".pdf"):
            check_pdf(uploaded)
        return uploaded
