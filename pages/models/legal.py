"""The commune's legal space: council decisions, orders, regulations and conventions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from ..enums import LegalTextKind
from ..filters import ChoiceFilter, TextFilter, YearFilter, listing_filters
from ..mixins import (
    CONTENT_API_FIELDS,
    CONTENT_SEARCH_FIELDS,
    AttachmentsMixin,
    BodyMixin,
    IntroMixin,
    SectionIndexMixin,
)


class LegalTextIndexPage(SectionIndexMixin, Page):
    """The list of legal texts, by kind, year and number."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.LegalTextPage"]
    listing_ordering = ("-date", "number", "pk")

    class Meta:
        verbose_name = _("legal text index")

    listing_filterset = listing_filters(
        "LegalTextFilterSet",
        kind=ChoiceFilter(label=_("Kind"), choices=LegalTextKind.choices),
        year=YearFilter(label=_("Year"), field_name="date"),
        number=TextFilter(label=_("Number"), field_name="number"),
    )


class LegalTextPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A legal text with its number, date, the session that adopted it, and its files per language."""

    kind = models.CharField(_("kind"), max_length=20, choices=LegalTextKind.choices)
    number = models.CharField(_("number"), max_length=64, blank=True)
    date = models.DateField(_("date"))
    session = models.ForeignKey(
        "pages.CouncilSessionPage",
        verbose_name=_("adopted at session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_texts",
    )
    in_force = models.BooleanField(_("in force"), default=True)
    repealed_on = models.DateField(_("repealed on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("number"), FieldPanel("date")]),
                FieldPanel("session"),
                FieldRowPanel([FieldPanel("in_force"), FieldPanel("repealed_on")]),
            ],
            heading=_("Reference"),
        ),
        FieldPanel("intro"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.SearchField("number"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("in_force"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("kind"),
        APIField("number"),
        APIField("date"),
        APIField("session"),
        APIField("in_force"),
        APIField("repealed_on"),
        APIField("documents"),
    ]
    parent_page_types = ["pages.LegalTextIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("legal text")
