"""Images and documents of an old portal, downloaded into the commune's collection once, checked as uploads are.

An image must be a JPEG, PNG, GIF or WebP that decodes, within the upload size and pixel limits; a
document must have an extension the document library accepts, fit its size limit, and, for a PDF, open.
A file that fails is not stored; the item says why and goes on without it.
"""

import io
import posixpath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from wagtail.contrib.redirects.models import Redirect

from assets.forms import check_pdf
from assets.models import CommuneDocument, CommuneImage

from .fetch import FetchError
from .models import ImportedFile

IMAGE_SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}


class MediaError(Exception):
    """A file of the old portal that cannot be kept: unreachable, too large, of a refused type, or damaged."""


def extension_of(url):
    name = posixpath.basename(unquote(urlsplit(url).path)).lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def is_document_url(url):
    return extension_of(url) in settings.WAGTAILDOCS_EXTENSIONS


def is_image_url(url):
    return extension_of(url) in IMAGE_EXTENSIONS


def file_name(url, default):
    name = posixpath.basename(unquote(urlsplit(url).path)).strip() or default
    return name[-100:]


def _image_kind(head):
    for signature, kind in IMAGE_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def check_image(data):
    """The image's ``(width, height)`` if ``data`` is an image within the limits; ``MediaError`` otherwise."""
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if len(data) > limit:
        raise MediaError(_("The image is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    kind = _image_kind(data[:16])
    if kind is None:
        raise MediaError(_("The file is not a JPEG, PNG, GIF or WebP image."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format != kind:
                raise MediaError(_("The file is not a JPEG, PNG, GIF or WebP image."))
            if probe.width * probe.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
                raise MediaError(_("The image has too many pixels."))
            size = probe.size
            probe.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise MediaError(_("The image is damaged and cannot be read.")) from exc
    return size


def check_document(data, url):
    """``MediaError`` unless ``data`` is a document the library accepts (a PDF that opens, for a PDF)."""
    limit = settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    if len(data) > limit:
        raise MediaError(_("The document is larger than %(limit)s.") % {"limit": filesizeformat(limit)})
    if extension_of(url) not in settings.WAGTAILDOCS_EXTENSIONS:
        raise MediaError(_("This kind of file is not accepted in the document library."))
    if extension_of(url) == "pdf":
        try:
            check_pdf(ContentFile(data))
        except ValidationError as exc:
            raise MediaError(" ".join(exc.messages)) from exc


class MediaStore:
    """Downloads the files of one run into the commune's collection, each old address once per commune."""

    def __init__(self, commune, collection, client, source=""):
        self.commune = commune
        self.collection = collection
        self.client = client
        self.source = source.removeprefix("www.")
        self.problems = []

    def _redirect(self, url, target):
        """The file's old address, when on the old portal, redirects to where the file is now."""
        from .engine import redirect_path

        if (urlsplit(url).hostname or "").lower().removeprefix("www.") != self.source:
            return
        path = redirect_path(url)
        if path:
            Redirect.objects.update_or_create(
                site=self.commune,
                old_path=path,
                defaults={"redirect_page": None, "redirect_link": target, "is_permanent": True},
            )

    def _known(self, url):
        return (
            ImportedFile.objects.filter(commune=self.commune, url=url[:1000])
            .select_related("image", "document")
            .first()
        )

    def _download(self, url, limit):
        try:
            fetched = self.client.get(url, max_bytes=limit)
        except FetchError as exc:
            raise MediaError(str(exc)) from None
        if fetched.status != 200:
            raise MediaError(_("The site answered %(status)s.") % {"status": fetched.status})
        return fetched.body

    def image(self, url, alt=""):
        """The ``CommuneImage`` of ``url``, downloaded the first time; ``None`` (and a noted problem) if refused."""
        known = self._known(url)
        if known is not None and known.image is not None:
            return known.image
        try:
            data = self._download(url, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
            width, height = check_image(data)
        except MediaError as exc:
            self.problems.append(f"{url[:200]}: {exc}")
            return None
        name = file_name(url, "image")
        title = (alt or name.rsplit(".", 1)[0])[:255]
        image = CommuneImage(title=title, alt_text=alt[:255], collection=self.collection)
        image.file.save(name, ContentFile(data), save=False)
        image.width, image.height = width, height
        image._set_image_file_metadata()
        image.save()
        ImportedFile.objects.update_or_create(commune=self.commune, url=url[:1000], defaults={"image": image})
        self._redirect(url, image.file.url)
        return image

    def document(self, url, title=""):
        """The ``CommuneDocument`` of ``url``, downloaded the first time; ``None`` (and a noted problem) if refused."""
        known = self._known(url)
        if known is not None and known.document is not None:
            return known.document
        try:
            data = self._download(url, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
            check_document(data, url)
        except MediaError as exc:
            self.problems.append(f"{url[:200]}: {exc}")
            return None
        name = file_name(url, "document")
        document = CommuneDocument(title=(title or name.rsplit(".", 1)[0])[:255], collection=self.collection)
        document.file.save(name, ContentFile(data), save=False)
        document.save()
        ImportedFile.objects.update_or_create(commune=self.commune, url=url[:1000], defaults={"document": document})
        self._redirect(url, document.url)
        return document
