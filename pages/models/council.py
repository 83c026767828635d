"""The council: its structure page and its sessions, with the dates the law sets for them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from directory.models import BUREAU_ROLES, OrganizationKind, live_memberships
from workdays.calendar import add_working_days

from ..blocks import AgendaItemBlock, AttendanceBlock, DecisionBlock
from ..enums import SessionKind, SessionStatus
from ..mixins import CONTENT_API_FIELDS, CONTENT_SEARCH_FIELDS, AttachmentsMixin, BodyMixin, IntroMixin
from ..prefetch import prefetched, public_pages

ORDINARY_SESSION_MONTHS = (2, 5, 10)
ORDINARY_SESSION_MAX_DAYS = 15
SESSION_EXTENSION_WORKING_DAYS = 7
CONVOCATION_NOTICE_DAYS = 10
DECISIONS_POSTING_DAYS = 8


class CouncilPage(IntroMixin, BodyMixin, Page):
    """The council's structure: its bureau, members and permanent committees."""

    council = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("council"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": OrganizationKind.COUNCIL},
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("council"), FieldPanel("body")]
    search_fields = [*Page.search_fields, *CONTENT_SEARCH_FIELDS]
    api_fields = [*CONTENT_API_FIELDS, APIField("council")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["pages.CouncilSessionPage"]
    max_count_per_parent = 1
    show_in_menus_default = True

    class Meta:
        verbose_name = _("council page")

    def published_council(self):
        """The council organization once it is published; a draft council shows nothing."""
        council = self.council if self.council_id else None
        return council if council is not None and council.live else None

    def bureau(self):
        council = self.published_council()
        if council is None:
            return []
        return [m for m in council.current_memberships() if m.role in BUREAU_ROLES]

    def members(self):
        council = self.published_council()
        if council is None:
            return []
        return list(council.current_memberships())

    def committees(self):
        council = self.published_council()
        if council is None:
            return []
        return council.children.live().filter(kind=OrganizationKind.COMMITTEE).prefetch_related(live_memberships())

    def sessions(self):
        return CouncilSessionPage.objects.child_of(self).live().public().order_by("-start_date")

    def get_context(self, request, *args, **kwargs):
        """Members, committees and sessions with the people and photos they show, before the template runs."""
        context = super().get_context(request, *args, **kwargs)
        context["memberships"] = prefetched(self.members(), "person__photo__renditions")
        context["committees"] = prefetched(self.committees(), "memberships__person__photo__renditions")
        sessions = public_pages(CouncilSessionPage.objects.child_of(self).live())
        context["sessions"] = list(sessions.order_by("-start_date"))
        return context


class CouncilSessionPage(IntroMixin, BodyMixin, AttachmentsMixin, Page):
    """A council session: ordinary (February, May, October) or extraordinary."""

    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.ORDINARY)
    start_date = models.DateField(_("first sitting"))
    end_date = models.DateField(_("last sitting"), null=True, blank=True)
    extended = models.BooleanField(
        _("extended"), default=False, help_text=_("Ordinary sessions may be extended once by 7 working days.")
    )
    convened_on = models.DateField(_("convocation sent on"), null=True, blank=True)
    location = models.CharField(_("place"), max_length=255, blank=True)
    agenda = StreamField([("item", AgendaItemBlock())], verbose_name=_("agenda"), blank=True)
    minutes = models.ForeignKey(
        "assets.CommuneDocument",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decisions = StreamField([("decision", DecisionBlock())], verbose_name=_("decisions"), blank=True)
    attendance = StreamField([("attendance", AttendanceBlock())], verbose_name=_("attendance"), blank=True)
    decisions_posted_on = models.DateField(_("decisions posted on"), null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("location")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("extended")]),
                FieldRowPanel([FieldPanel("convened_on"), FieldPanel("decisions_posted_on")]),
            ],
            heading=_("Dates"),
        ),
        FieldPanel("intro"),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("decisions"),
        FieldPanel("attendance"),
        FieldPanel("body"),
        FieldPanel("documents"),
    ]
    search_fields = [
        *Page.search_fields,
        *CONTENT_SEARCH_FIELDS,
        index.SearchField("agenda"),
        index.SearchField("decisions"),
        index.FilterField("kind"),
        index.FilterField("start_date"),
    ]
    api_fields = [
        *CONTENT_API_FIELDS,
        APIField("kind"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("extended"),
        APIField("convened_on"),
        APIField("location"),
        APIField("status"),
        APIField("agenda"),
        APIField("minutes"),
        APIField("decisions"),
        APIField("attendance"),
        APIField("documents"),
    ]
    parent_page_types = ["pages.CouncilPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("council session")

    def get_context(self, request, *args, **kwargs):
        """The minutes and the legal texts adopted at the session, before the template runs."""
        context = super().get_context(request, *args, **kwargs)
        if self.minutes_id:
            self.minutes  # noqa: B018  (loads the document with the page, not in the template)
        context["legal_texts"] = list(public_pages(self.legal_texts.live()))
        return context

    def clean(self):
        super().clean()
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last sitting cannot come before the first.")
        if self.kind == SessionKind.ORDINARY and self.start_date:
            if self.start_date.month not in ORDINARY_SESSION_MONTHS:
                errors["start_date"] = _("Ordinary sessions open in February, May or October.")
            elif self.end_date and self.end_date > self.latest_end_date:
                errors["end_date"] = _("An ordinary session lasts at most 15 days, extendable once by 7 working days.")
        if errors:
            raise ValidationError(errors)

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def status(self):
        """Upcoming, in progress or closed, from today's date."""
        today = timezone.localdate()
        if today < self.start_date:
            return SessionStatus.UPCOMING
        if today <= self.last_day:
            return SessionStatus.IN_PROGRESS
        return SessionStatus.CLOSED

    def get_status_display(self):
        return SessionStatus(self.status).label

    @property
    def latest_end_date(self):
        """The last day the law allows for an ordinary session, counting an extension if granted."""
        end = self.start_date + datetime.timedelta(days=ORDINARY_SESSION_MAX_DAYS - 1)
        if self.extended:
            end = add_working_days(end, SESSION_EXTENSION_WORKING_DAYS, site=self.get_site())
        return end

    @property
    def convocation_due_by(self):
        """Members must receive the convocation and agenda at least ten days ahead."""
        return self.start_date - datetime.timedelta(days=CONVOCATION_NOTICE_DAYS)

    @property
    def convocation_late(self):
        return self.convened_on is not None and self.convened_on > self.convocation_due_by

    @property
    def decisions_due_by(self):
        """Decisions are posted within eight days of the session's end."""
        return self.last_day + datetime.timedelta(days=DECISIONS_POSTING_DAYS)

    @property
    def decisions_late(self):
        if self.decisions_posted_on:
            return self.decisions_posted_on > self.decisions_due_by
        return timezone.localdate() > self.decisions_due_by

    def attendance_counts(self):
        counts = {"present": 0, "excused": 0, "absent": 0}
        for child in self.attendance:
            counts[child.value["presence"]] = counts.get(child.value["presence"], 0) + 1
        return counts
