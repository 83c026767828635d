"""The commune's image and document libraries.

Custom models from the first migration so that later needs (alt text, extracted PDF text for
search, a language per document) never require swapping Wagtail's defaults on a live database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage, AbstractRendition, Filter, Image

from cms.languages import language_choices

from .storage import get_private_storage


class CommuneImage(AbstractImage):
    """A photograph or illustration, with the alternative text that screen readers announce."""

    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("Describe the image for people who cannot see it."),
    )
    credit = models.CharField(_("credit"), max_length=255, blank=True)

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title

    def get_rendition(self, filter):
        """Wagtail's rendition, without writing one that was loaded with the image back to the cache.

        Wagtail stores every rendition it hands out in the cache, even one it found among the image's
        prefetched renditions: a listing of twelve pictures made twelve cache writes on every view.
        """
        if self._get_prefetched_renditions() is not None:
            wanted = self.clean_filter_for_svg(Filter(spec=filter) if isinstance(filter, str) else filter)
            found = self.find_existing_renditions(wanted).get(wanted)
            if found is not None:
                return found
        return super().get_rendition(filter)

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")


class CommuneRendition(AbstractRendition):
    """A resized copy of a ``CommuneImage``."""

    image = models.ForeignKey(CommuneImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)


class CommuneDocument(AbstractDocument):
    """A downloadable file: minutes, legal text, tender file, report, presentation.

    The file is private storage: it is downloaded only through Wagtail's serve view, which applies the
    collection's view restrictions (login, group or password) before sending it.
    """

    file = models.FileField(upload_to="documents", storage=get_private_storage, verbose_name=_("file"))
    #: The language a document is written in; a legal text may have one file per language.
    language = models.CharField(_("language"), max_length=3, choices=language_choices(), blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)

    admin_form_fields = ("title", "file", "collection", "language", "tags")

    def clean(self):
        # A refused upload leaves no file: the form has said why, so the extension check stays quiet.
        if not self.file:
            return
        super().clean()

    def save(self, *args, **kwargs):
        # Size and hash are recorded once here so that listings never ask the storage (maybe S3).
        if self.file and self.file_size is None:
            self._set_document_file_metadata()
        super().save(*args, **kwargs)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
