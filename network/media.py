"""Files of copies: fetched from the peer once, within the network limits, into the commune's collection.

A file is fetched through the pull's own client (same deadline, private addresses refused unless the peer is
allowed them, a size limit), checked for what it is (an image Wagtail can read in an allowed format and size,
a document with an allowed extension, a PDF that is one), and stored in the commune's collection. A
``SyndicatedMedia`` row remembers it, so that later pulls, and other copies that show the same file, reuse it
without fetching again. A file that cannot be taken is reported as skipped and its block is left out.
"""

import io
import posixpath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .client import PeerError, PullTimeLimit, TooLarge
from .models import MediaKind, SkipReason, SyndicatedMedia, network_setting

#: Image formats a copy may carry (what Willow reads and the portal serves).
IMAGE_FORMATS = {"jpeg": "jpg", "png": "png", "gif": "gif", "webp": "webp", "avif": "avif"}
PDF_MAGIC = b"%PDF-"


class MediaRefused(Exception):
    def __init__(self, reason, detail):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _limit(kind):
    own = network_setting("BAWABA_NETWORK_MAX_MEDIA_BYTES")
    upload = (
        getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
        if kind == MediaKind.IMAGE
        else getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    )
    return min(own, upload) if upload else own


def _file_name(title, fallback, peer, original_id, extension):
    stem = slugify(title, allow_unicode=False)[:60] or fallback
    return f"{stem}-p{peer.pk}-{original_id}.{extension}"


class MediaFetcher:
    """Local copies of the peer's images and documents for one pull; ``skips`` records what was refused."""

    def __init__(self, peer, client, skips):
        self.peer = peer
        self.client = client
        self.skips = skips
        self.known = {}
        self._collection = None

    @property
    def collection(self):
        if self._collection is None:
            from home.communes import commune_collection

            self._collection = commune_collection(self.peer.commune.site_name)
        return self._collection

    def load(self, items):
        """Remember, in one query, which of the files these items refer to were fetched before."""
        wanted = {}
        for item in items:
            for image in item.images():
                wanted.setdefault(MediaKind.IMAGE, set()).add(image.id)
            for document in item.documents_referred():
                wanted.setdefault(MediaKind.DOCUMENT, set()).add(document.id)
        wanted = {kind: ids - {key[1] for key in self.known if key[0] == kind} for kind, ids in wanted.items()}
        ids = set().union(*wanted.values()) if wanted else set()
        if not ids:
            return
        rows = SyndicatedMedia.objects.filter(peer=self.peer, original_id__in=ids).values_list(
            "kind", "original_id", "image_id", "document_id"
        )
        for kind, original_id, image_id, document_id in rows:
            self.known[kind, original_id] = image_id if kind == MediaKind.IMAGE else document_id

    def resolve(self, kind, item):
        """Local ids of every file the item refers to: ``{(media kind, original id): local id or None}``."""
        found = {}
        for image in item.images():
            found[MediaKind.IMAGE, image.id] = self._take(kind, item, MediaKind.IMAGE, image)
        for document in item.documents_referred():
            found[MediaKind.DOCUMENT, document.id] = self._take(kind, item, MediaKind.DOCUMENT, document)
        return found

    def _take(self, kind, item, media_kind, remote):
        key = (media_kind, remote.id)
        if key in self.known:
            return self.known[key]
        label = _("image %(id)s") if media_kind == MediaKind.IMAGE else _("document %(id)s")
        subject = label % {"id": remote.id}
        try:
            local = self._fetch(media_kind, remote)
        except PullTimeLimit:
            raise
        except MediaRefused as refused:
            self.skips.record(kind, item, refused.reason, refused.detail, subject=subject)
            self.known[key] = None
            return None
        self.known[key] = local.pk
        return local.pk

    def _fetch(self, media_kind, remote):
        limit = _limit(media_kind)
        url = remote.source_url if media_kind == MediaKind.IMAGE else remote.url
        if not url:
            raise MediaRefused(SkipReason.MEDIA_FAILED, _("The peer gives no address for this file."))
        declared = getattr(remote, "file_size", None)
        if declared and declared > limit:
            raise MediaRefused(
                SkipReason.MEDIA_TOO_LARGE,
                _("%(size)s bytes; the limit is %(limit)s bytes.") % {"size": declared, "limit": limit},
            )
        if media_kind == MediaKind.DOCUMENT:
            extension = self._document_extension(remote)
        try:
            body = self.client.get_file(url, limit)
        except TooLarge:
            raise MediaRefused(
                SkipReason.MEDIA_TOO_LARGE, _("Larger than the limit of %(limit)s bytes.") % {"limit": limit}
            ) from None
        except PullTimeLimit:
            raise
        except PeerError as error:
            raise MediaRefused(SkipReason.MEDIA_FAILED, str(error)) from None
        if media_kind == MediaKind.IMAGE:
            local = self._store_image(remote, body)
        else:
            local = self._store_document(remote, body, extension)
        SyndicatedMedia.objects.update_or_create(
            peer=self.peer,
            kind=media_kind,
            original_id=remote.id,
            defaults={
                "source_url": url[:2000],
                "image": local if media_kind == MediaKind.IMAGE else None,
                "document": local if media_kind == MediaKind.DOCUMENT else None,
                "fetched_at": timezone.now(),
            },
        )
        return local

    def _store_image(self, remote, body):
        from willow.image import Image as WillowImage

        try:
            willow = WillowImage.open(io.BytesIO(body))
            format_name = willow.format_name
            width, height = willow.get_size()
        except Exception:
            raise MediaRefused(SkipReason.MEDIA_TYPE, _("The file is not an image the portal can read.")) from None
        if format_name not in IMAGE_FORMATS:
            raise MediaRefused(
                SkipReason.MEDIA_TYPE, _("Image format %(format)s is not allowed.") % {"format": format_name}
            )
        max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
        if max_pixels and width * height > max_pixels:
            raise MediaRefused(
                SkipReason.MEDIA_TOO_LARGE,
                _("%(width)s by %(height)s pixels is more than the portal accepts.")
                % {"width": width, "height": height},
            )
        name = _file_name(remote.title, "image", self.peer, remote.id, IMAGE_FORMATS[format_name])
        model = get_image_model()
        image = model(
            title=(remote.title or name)[:255],
            collection=self.collection,
            file=ImageFile(io.BytesIO(body), name=name),
        )
        if hasattr(image, "alt_text"):
            image.alt_text = (remote.alt or remote.title)[:255]
        if hasattr(image, "credit"):
            image.credit = (remote.credit or self.peer.name)[:255]
        image._set_image_file_metadata()
        image.save()
        return image

    def _document_extension(self, remote):
        allowed = [extension.lower() for extension in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []]
        path_extension = posixpath.splitext(urlsplit(remote.url).path)[1].lstrip(".").lower()
        extension = (remote.file_type or path_extension).lower()
        if not extension or (allowed and extension not in allowed):
            raise MediaRefused(
                SkipReason.MEDIA_TYPE, _("Documents of type %(type)s are not allowed.") % {"type": extension or "?"}
            )
        return extension

    def _store_document(self, remote, body, extension):
        if extension == "pdf" and PDF_MAGIC not in body[:1024]:
            raise MediaRefused(SkipReason.MEDIA_TYPE, _("The file is not a PDF document, although it is called one."))
        name = _file_name(remote.title, "document", self.peer, remote.id, extension)
        model = get_document_model()
        document = model(
            title=(remote.title or name)[:255], collection=self.collection, file=ContentFile(body, name=name)
        )
        languages = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
        if hasattr(document, "language") and remote.language in languages:
            document.language = remote.language
        document._set_document_file_metadata()
        document.save()
        return document
