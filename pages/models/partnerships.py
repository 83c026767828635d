"""Partnership and cooperation agreements, local, national and international."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from ..enums import PartnershipScope
from ..filters import ChoiceFilter, YearFilter, listing_filters
from ..mixins import (
    CONTENT_API_FIELDS,
    CONTENT_SEARCH_FIELDS,
    AttachmentsMixin,
    BodyMixin,
    IntroMixin,
    SectionIndexMixin,
)


class PartnershipIndexPage(SectionIndexMixin, Page):
    """The list of partnerships."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.PartnershipPage"]
    listing_ordering = ("-signed_on", "pk")
    listing_prefetch = ("partners",)

    class Meta:
        verbose_name = _("partnership index")

    listing_filterset = listing_filters(
        "PartnershipFilterSet",
        scope=ChoiceFilter(label=_("Scope"), choices=PartnershipScope.choices),
        year=YearFilter(label=_("Year signed"), field_name="signed_on"),
    )


class PartnershipPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """An agreement the commune signed: with whom, its scope, its duration and amount."""

    partners = ParentalManyToManyField("directory.Organization", verbose_name=_("partners"), blank=True)
    scope = models.CharField(_("scope"), max_length=20, choices=PartnershipScope.choices)
    signed_on = models.DateField(_("signed on"))
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), null=True, blank=True)
    amount = models.DecimalField(
        _("amount (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    commune_contribution = models.DecimalField(
        _("commune's contribution (MAD)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("partners"),
                FieldRowPanel([FieldPanel("scope"), FieldPanel("signed_on"), FieldPanel("duration_months")]),
                FieldRowPanel([FieldPanel("amount"), FieldPanel("commune_contribution")]),
            ],
            heading=_("Agreement"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.FilterField("scope"),
        index.FilterField("signed_on"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("partners"),
        APIField("scope"),
        APIField("signed_on"),
        APIField("duration_months"),
        APIField("ends_on"),
        APIField("amount"),
        APIField("commune_contribution"),
        APIField("documents"),
    ]
    parent_page_types = ["pages.PartnershipIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partnership")

    @property
    def ends_on(self) -> datetime.date | None:
        if not self.duration_months:
            return None
        return self.signed_on + relativedelta(months=self.duration_months)

    @property
    def is_active(self):
        ends_on = self.ends_on
        return ends_on is None or ends_on >= timezone.localdate()
