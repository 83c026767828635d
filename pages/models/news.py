"""News and events: what the commune tells, and the meetings and study days it holds."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import ProgrammeItemBlock
from ..enums import EventKind, NewsCategory
from ..filters import ChoiceFilter, MonthFilter, listing_filters
from ..mixins import (
    CONTENT_API_FIELDS,
    CONTENT_SEARCH_FIELDS,
    AttachmentsMixin,
    BodyMixin,
    IntroMixin,
    SectionIndexMixin,
)
from ..prefetch import prefetched


class NewsIndexPage(SectionIndexMixin, Page):
    """The commune's news, newest first."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.NewsPage"]
    listing_ordering = ("-date", "-pk")
    listing_prefetch = ("image__renditions",)

    class Meta:
        verbose_name = _("news index")

    listing_filterset = listing_filters(
        "NewsFilterSet",
        category=ChoiceFilter(label=_("Category"), choices=NewsCategory.choices),
        month=MonthFilter(label=_("Month"), field_name="date"),
    )


class NewsPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A news item; when it came from a peer commune, it names and links its source."""

    date = models.DateField(_("date"), default=timezone.localdate)
    category = models.CharField(_("category"), max_length=20, choices=NewsCategory.choices)
    image = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_name = models.CharField(_("source"), max_length=255, blank=True)
    source_url = models.URLField(_("source address"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("category")]),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("source_name"), FieldPanel("source_url")])],
            heading=_("Source"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.FilterField("category"),
        index.FilterField("date"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("date"),
        APIField("category"),
        APIField("image", serializer=ImageRenditionField("fill-1200x675")),
        APIField("documents"),
        APIField("source_name"),
        APIField("source_url"),
    ]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")


class EventIndexPage(SectionIndexMixin, Page):
    """Events, upcoming and past."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.EventPage"]
    listing_ordering = ("-start",)
    listing_prefetch = ("image__renditions",)

    class Meta:
        verbose_name = _("event index")

    listing_filterset = listing_filters(
        "EventFilterSet", kind=ChoiceFilter(label=_("Kind"), choices=EventKind.choices)
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        events = context["listing"].queryset
        upcoming = events.filter(end__gte=now).order_by("start", "pk")
        past = self.paginate(request, events.filter(end__lt=now).order_by("-start", "-pk"))
        context["upcoming"] = context["upcoming_events"] = prefetched(upcoming, "image__renditions")
        context["past"] = context["past_events"] = prefetched(past, "image__renditions")
        return context


class EventPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A meeting, study day or forum: when, where, the programme and the presentations."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=255)
    facility = models.ForeignKey(
        "directory.Facility",
        verbose_name=_("facility"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    programme = StreamField([("item", ProgrammeItemBlock())], verbose_name=_("programme"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("place"), FieldPanel("facility")]),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("programme"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.SearchField("place"),
        index.SearchField("programme"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("kind"),
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("facility"),
        APIField("image", serializer=ImageRenditionField("fill-1200x675")),
        APIField("programme"),
        APIField("documents"),
        APIField("is_upcoming"),
    ]
    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    @property
    def is_upcoming(self):
        return self.end >= timezone.now()
