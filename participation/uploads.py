"""The attachment of a complaint: a photo or a PDF, recognised by its content, within a size limit."""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from assets.forms import check_pdf

IMAGE_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}


def _signature(head):
    if head.startswith(b"%PDF-"):
        return "PDF"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def clean_attachment(uploaded):
    """Check an uploaded file and return ``(ContentFile, content_type)`` ready to store.

    Photos are decoded and written again, which drops their metadata (camera, GPS position). The
    name the citizen gave is ignored. Raises ``ValidationError`` in the active language.
    """
    limit = settings.PARTICIPATION_MAX_ATTACHMENT_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    uploaded.seek(0)
    kind = _signature(uploaded.read(16))
    uploaded.seek(0)
    if kind is None:
        raise ValidationError(_("Attach a photo (JPEG, PNG or WebP) or a PDF document."), code="bad_type")
    if kind == "PDF":
        try:
            check_pdf(uploaded)
        except ValidationError as exc:
            raise ValidationError(_("This PDF document is damaged and cannot be read."), code="broken_pdf") from exc
        uploaded.seek(0)
        return ContentFile(uploaded.read(), name="attachment.pdf"), "application/pdf"
    try:
        with Image.open(uploaded) as probe:
            if probe.format != kind:
                raise ValidationError(_("Attach a photo (JPEG, PNG or WebP) or a PDF document."), code="bad_type")
            if probe.width * probe.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="too_many_pixels")
            probe.verify()
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            image.load()
            extension, content_type = IMAGE_FORMATS[kind]
            if kind == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            output = io.BytesIO()
            image.save(output, format=kind)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(_("This photo is damaged and cannot be read."), code="broken_image") from exc
    finally:
        uploaded.seek(0)
    return ContentFile(output.getvalue(), name=f"attachment.{extension}"), content_type
