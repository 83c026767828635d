"""Procedure sheets (law 55-19): documents, fees and the maximum delay of each administrative act."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import FeeBlock
from ..enums import NationalService, ServiceTheme
from ..mixins import CONTENT_API_FIELDS, CONTENT_SEARCH_FIELDS, BodyMixin, IntroMixin, SectionIndexMixin

NATIONAL_SERVICE_URLS = {
    NationalService.WATIQA: "https://www.watiqa.ma/",
    NationalService.ROKHAS: "https://www.rokhas.ma/",
    NationalService.CHIKAYA: "https://www.chikaya.ma/",
    NationalService.CHAFAFIYA: "https://www.chafafiya.ma/",
    NationalService.EPARTICIPATION: "https://www.eparticipation.ma/",
    NationalService.IDARATI: "https://www.idarati.ma/",
}


class ServiceIndexPage(SectionIndexMixin, Page):
    """The commune's services, grouped by theme."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.ServicePage"]
    listing_ordering = ("theme", "title")
    paginate_by = 100

    class Meta:
        verbose_name = _("service index")


class ServicePage(IntroMixin, BodyMixin, Page):
    """A procedure sheet: what to bring, what it costs, how long it may take, where to go."""

    theme = models.CharField(_("theme"), max_length=20, choices=ServiceTheme.choices)
    required_documents = StreamField(
        [("document", blocks.CharBlock(label=_("document"), max_length=300))],
        verbose_name=_("required documents"),
        blank=True,
    )
    steps = StreamField(
        [("step", blocks.CharBlock(label=_("step"), max_length=500))], verbose_name=_("steps"), blank=True
    )
    fees = StreamField([("fee", FeeBlock())], verbose_name=_("fees"), blank=True)
    free_of_charge = models.BooleanField(_("free of charge"), default=False)
    max_delay_days = models.PositiveSmallIntegerField(
        _("maximum delay (days)"),
        null=True,
        blank=True,
        help_text=_("The longest the commune may take to deliver, as the law or the sheet sets it."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    desk = models.ForeignKey(
        "directory.Facility",
        verbose_name=_("desk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    online_service = models.CharField(
        _("national e-service"), max_length=20, choices=NationalService.choices, blank=True
    )
    online_url = models.URLField(_("online channel"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("theme"), FieldPanel("max_delay_days")]),
        FieldPanel("intro"),
        FieldPanel("required_documents"),
        FieldPanel("steps"),
        MultiFieldPanel([FieldPanel("free_of_charge"), FieldPanel("fees")], heading=_("Fees")),
        FieldPanel("legal_basis"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("desk"), FieldPanel("hours")]),
                FieldRowPanel([FieldPanel("online_service"), FieldPanel("online_url")]),
            ],
            heading=_("Where and how"),
        ),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.SearchField("required_documents"),
        index.SearchField("legal_basis"),
        index.FilterField("theme"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("theme"),
        APIField("required_documents"),
        APIField("steps"),
        APIField("fees"),
        APIField("free_of_charge"),
        APIField("max_delay_days"),
        APIField("legal_basis"),
        APIField("desk"),
        APIField("hours"),
        APIField("online_service"),
        APIField("online_channel_url"),
    ]
    parent_page_types = ["pages.ServiceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service")

    @property
    def online_channel_url(self):
        """The sheet's own link, else the national e-service's address."""
        if self.online_url:
            return self.online_url
        return NATIONAL_SERVICE_URLS.get(self.online_service, "")
