"""The commune's projects, from planning to completion, tied to the action programme."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from directory.models import latitude_field, longitude_field

from ..blocks import FunderBlock
from ..enums import ProgrammeAxis, ProjectStatus
from ..filters import ChoiceFilter, YearFilter, listing_filters
from ..mixins import (
    CONTENT_API_FIELDS,
    CONTENT_SEARCH_FIELDS,
    AttachmentsMixin,
    BodyMixin,
    IntroMixin,
    SectionIndexMixin,
)


class ProjectIndexPage(SectionIndexMixin, Page):
    """The list of the commune's projects."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.ProjectPage"]
    listing_ordering = ("status", "-start_date", "pk")
    listing_prefetch = ("image__renditions",)

    class Meta:
        verbose_name = _("project index")

    listing_filterset = listing_filters(
        "ProjectFilterSet",
        status=ChoiceFilter(label=_("Status"), choices=ProjectStatus.choices),
        axis=ChoiceFilter(label=_("Programme axis"), choices=ProgrammeAxis.choices),
        year=YearFilter(label=_("Start year"), field_name="start_date"),
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["located_projects"] = list(
            context["listing"]
            .queryset.filter(latitude__isnull=False, longitude__isnull=False)
            .only("id", "title", "url_path", "path", "depth", "latitude", "longitude", "location_name", "locale_id")
        )
        return context


class ProjectPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A project of the action programme: what, where, how much, who pays, how far along."""

    status = models.CharField(_("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED)
    axis = models.CharField(_("programme axis"), max_length=30, choices=ProgrammeAxis.choices)
    budget = models.DecimalField(
        _("budget (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    funders = StreamField([("funder", FunderBlock())], verbose_name=_("funders"), blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("planned end date"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    location_name = models.CharField(_("place"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    image = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("axis"), FieldPanel("progress")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("completed_on")]),
                FieldPanel("budget"),
                FieldPanel("funders"),
            ],
            heading=_("Progress and funding"),
        ),
        MultiFieldPanel(
            [FieldPanel("location_name"), FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.SearchField("location_name"),
        index.FilterField("status"),
        index.FilterField("axis"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("status"),
        APIField("axis"),
        APIField("budget"),
        APIField("funders"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("completed_on"),
        APIField("progress"),
        APIField("location_name"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("image", serializer=ImageRenditionField("fill-1200x675")),
        APIField("documents"),
        APIField("is_late"),
    ]
    parent_page_types = ["pages.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("project")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot come before the start date.")
        if self.status == ProjectStatus.COMPLETED and self.progress != 100:
            errors["progress"] = _("A completed project must have its progress at 100 percent.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_late(self):
        """Past its planned end date and not completed."""
        return bool(
            self.end_date
            and self.status in (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS)
            and timezone.localdate() > self.end_date
        )

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None
