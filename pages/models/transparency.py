"""Public procurement (tenders) and the commune's reports."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from workdays.calendar import is_working_day

from ..blocks import TenderAttachmentsBlock
from ..enums import TENDER_ACCEPTING_STATUSES, ReportKind, TenderCategory, TenderProcedure, TenderStatus
from ..filters import ChoiceFilter, QueryChoiceFilter, YearFilter, listing_filters
from ..mixins import (
    CONTENT_API_FIELDS,
    CONTENT_SEARCH_FIELDS,
    AttachmentsMixin,
    BodyMixin,
    IntroMixin,
    SectionIndexMixin,
    without_streams,
)
from ..prefetch import public_pages

OPENING_MINUTES_DELAY = datetime.timedelta(hours=24)


def commune_site(page):
    """The commune (site) of ``page``, or of its parent while it is being created; ``None`` if unknown."""
    if page.pk:
        return page.get_site()
    parent = page.get_parent() if page.path else None
    return parent.get_site() if parent else None


def tender_open_condition():
    """Tenders taking bids right now, as a query condition (the same rule as ``TenderPage.is_open``)."""
    return Q(status__in=TENDER_ACCEPTING_STATUSES, submission_deadline__gt=timezone.now())


class TenderIndexPage(SectionIndexMixin, Page):
    """Calls for tenders, open ones first."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.TenderPage"]
    listing_ordering = ("-submission_deadline",)
    #: Open calls come first, and a call closes at its deadline.
    listing_is_timeless = False

    class Meta:
        verbose_name = _("tender index")

    def get_listing_queryset(self, request):
        """Open calls first, the nearest deadline on top; then closed ones, the latest first."""
        open_now = tender_open_condition()
        return without_streams(
            public_pages(TenderPage.objects.child_of(self).live())
            .annotate(
                closed_rank=Case(When(open_now, then=Value(0)), default=Value(1), output_field=IntegerField()),
                open_deadline=Case(When(open_now, then=F("submission_deadline")), default=None),
            )
            .order_by("closed_rank", F("open_deadline").asc(nulls_last=True), "-submission_deadline", "pk")
        )

    listing_filterset = listing_filters(
        "TenderFilterSet",
        state=QueryChoiceFilter(
            label=_("Bids"),
            choices=[("open", _("Open to bids")), ("closed", _("Closed to bids"))],
            conditions={"open": tender_open_condition, "closed": lambda: ~tender_open_condition()},
        ),
        status=ChoiceFilter(label=_("Status"), choices=TenderStatus.choices),
        year=YearFilter(label=_("Year of publication"), field_name="published_on"),
    )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = context["items"]
        items.object_list = list(items.object_list)
        context["open_tenders"] = [tender for tender in items.object_list if tender.is_open]
        context["closed_tenders"] = [tender for tender in items.object_list if not tender.is_open]
        return context


class TenderPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A call for tenders, from publication to award, with the deadlines that govern it."""

    reference = models.CharField(_("reference"), max_length=64)
    subject = models.TextField(_("object"), max_length=2000)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=TenderProcedure.choices, default=TenderProcedure.OPEN
    )
    category = models.CharField(_("category"), max_length=20, choices=TenderCategory.choices, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TenderStatus.choices, default=TenderStatus.PUBLISHED)
    estimate = models.DecimalField(
        _("estimate (MAD)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    bid_bond = models.DecimalField(
        _("provisional bond (MAD)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    published_on = models.DateField(_("published on"))
    questions_deadline = models.DateTimeField(_("questions deadline"), null=True, blank=True)
    submission_deadline = models.DateTimeField(_("submission deadline"))
    opening_session = models.DateTimeField(_("opening session"), null=True, blank=True)
    opening_place = models.CharField(_("opening place"), max_length=255, blank=True)
    awardee = models.CharField(_("awarded to"), max_length=255, blank=True)
    award_amount = models.DecimalField(
        _("award amount (MAD)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    lots = models.PositiveSmallIntegerField(
        _("number of lots"), default=1, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    #: The tender's files, each typed as the OCDS documentType codelist has it.
    documents = StreamField(TenderAttachmentsBlock(), verbose_name=_("documents"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("reference"), FieldPanel("procedure"), FieldPanel("category"), FieldPanel("status")]
                ),
                FieldPanel("subject"),
                FieldRowPanel([FieldPanel("estimate"), FieldPanel("bid_bond"), FieldPanel("lots")]),
            ],
            heading=_("Tender"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("questions_deadline")]),
                FieldRowPanel([FieldPanel("submission_deadline"), FieldPanel("opening_session")]),
                FieldPanel("opening_place"),
            ],
            heading=_("Calendar"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("awardee"), FieldPanel("award_amount"), FieldPanel("awarded_on")])],
            heading=_("Award"),
        ),
        FieldPanel("intro"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.SearchField("reference"),
        index.SearchField("subject"),
        index.FilterField("status"),
        index.FilterField("procedure"),
        index.FilterField("category"),
        index.FilterField("submission_deadline"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("reference"),
        APIField("subject"),
        APIField("procedure"),
        APIField("status"),
        APIField("estimate"),
        APIField("bid_bond"),
        APIField("lots"),
        APIField("published_on"),
        APIField("questions_deadline"),
        APIField("submission_deadline"),
        APIField("opening_session"),
        APIField("opening_place"),
        APIField("is_open"),
        APIField("awardee"),
        APIField("award_amount"),
        APIField("awarded_on"),
        APIField("documents"),
    ]
    parent_page_types = ["pages.TenderIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tender")

    def clean(self):
        super().clean()
        errors = {}
        if self.submission_deadline and self.published_on and self.submission_deadline.date() < self.published_on:
            errors["submission_deadline"] = _("Bids cannot be due before the tender is published.")
        if self.questions_deadline and self.submission_deadline and self.questions_deadline > self.submission_deadline:
            errors["questions_deadline"] = _("Questions must close before bids are due.")
        if self.opening_session and self.submission_deadline and self.opening_session < self.submission_deadline:
            errors["opening_session"] = _("Bids are opened after the submission deadline.")
        if self.status == TenderStatus.AWARDED and not self.awardee:
            errors["awardee"] = _("An awarded tender names who won it.")
        if (
            self.opening_session
            and "opening_session" not in errors
            and not is_working_day(timezone.localdate(self.opening_session), site=commune_site(self))
        ):
            errors["opening_session"] = _(
                "Bids are opened in a public sitting on a working day: this day is a weekend or a public holiday."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        """Open for bids: published (or modified, or postponed) and before the submission deadline."""
        return self.status in TENDER_ACCEPTING_STATUSES and timezone.now() < self.submission_deadline

    @property
    def days_left(self):
        """Whole days until bids are due, or ``None`` once closed."""
        if not self.is_open:
            return None
        return (self.submission_deadline - timezone.now()).days

    @property
    def opening_minutes_due_by(self):
        """Minutes of the opening session are published within 24 hours."""
        if not self.opening_session:
            return None
        return self.opening_session + OPENING_MINUTES_DELAY


class ReportIndexPage(SectionIndexMixin, Page):
    """Technical, financial, budget and evaluation reports."""

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro")]
    subpage_types = ["pages.ReportPage"]
    listing_ordering = ("-year", "kind")

    class Meta:
        verbose_name = _("report index")

    listing_filterset = listing_filters(
        "ReportFilterSet", kind=ChoiceFilter(label=_("Kind"), choices=ReportKind.choices)
    )


class ReportPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A report the commune publishes, by kind and year."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(1960), MaxValueValidator(2100)])

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year")]),
        FieldPanel("intro"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS, index.FilterField("kind"), index.FilterField("year")]
    api_fields = [*CONTENT_API_FIELDS, APIField("kind"), APIField("year"), APIField("documents")]
    parent_page_types = ["pages.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("report")
