"""Registers that pages refer to: people, organizations, their memberships, and facilities.

The shape follows Popolo (persons, organizations, memberships with a role, a start and an end) so
that the council can be exported as-is. Every register is translatable: a person's name is written
differently in Arabic and in French.

Registers are council records: a change is saved as a draft with its revision, goes through the
commune's moderation workflow like a page, and reaches the public site and the API only once it is
published (``live``). A published entry's row holds its published version; drafts live in revisions.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index


class OrganizationKind(models.TextChoices):
    """What an organization is to the commune."""

    COMMUNE = "commune", _("Commune")
    COUNCIL = "council", _("Council body")
    COMMITTEE = "committee", _("Committee")
    ASSOCIATION = "association", _("Association")
    PARTNER = "partner", _("Partner")
    PUBLIC_BODY = "public_body", _("Public body")
    PEER_COMMUNE = "peer_commune", _("Peer commune")


class MembershipRole(models.TextChoices):
    """Roles in the council, its committees and associations' boards."""

    PRESIDENT = "president", _("President")
    VICE_PRESIDENT = "vice_president", _("Vice-president")
    SECRETARY = "secretary", _("Secretary")
    DEPUTY_SECRETARY = "deputy_secretary", _("Deputy secretary")
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    RAPPORTEUR = "rapporteur", _("Rapporteur")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Member")


BUREAU_ROLES = (
    MembershipRole.PRESIDENT,
    MembershipRole.VICE_PRESIDENT,
    MembershipRole.SECRETARY,
    MembershipRole.DEPUTY_SECRETARY,
)


class FacilityKind(models.TextChoices):
    """Places where citizens meet the commune."""

    TOWN_HALL = "town_hall", _("Town hall")
    ANNEX = "annex", _("Administrative annex")
    CIVIL_STATUS = "civil_status", _("Civil status office")
    ONE_STOP_SHOP = "one_stop_shop", _("Urban planning one-stop shop")
    HEALTH_OFFICE = "health_office", _("Municipal health office")
    PROXIMITY_CENTRE = "proximity_centre", _("Proximity centre")
    SPORTS = "sports", _("Sports ground")
    YOUTH_CENTRE = "youth_centre", _("Youth centre")
    LIBRARY = "library", _("Library")
    MARKET = "market", _("Market")
    OTHER = "other", _("Other")


def latitude_field():
    """An optional latitude in decimal degrees (WGS 84), to the tenth of a metre."""
    return models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )


def longitude_field():
    """An optional longitude in decimal degrees (WGS 84), to the tenth of a metre."""
    return models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )


class CommuneScopedMixin(models.Model):
    """Ties a register entry to the commune (Wagtail site) that keeps it."""

    commune = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        abstract = True


class RecordQuerySet(models.QuerySet):
    def live(self):
        """Published entries only: what citizens, the portal and the API may see."""
        return self.filter(live=True)


class CouncilRecordMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, models.Model):
    """A register entry with a lifecycle: drafts, revisions with history, locking, preview, and the
    commune's moderation workflow, so that a change to who sits on the council is reviewed like a page.
    """

    objects = RecordQuerySet.as_manager()

    #: A translation starts its own history: it shares no revision, lock or publication date with its source.
    exclude_fields_in_copy = [
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "go_live_at",
        "expire_at",
        "expired",
        "locked",
        "locked_at",
        "locked_by",
    ]

    class Meta:
        abstract = True

    def record_commune(self):
        """The commune (Wagtail site) that keeps this entry, or ``None`` before it has one."""
        return self.commune if self.commune_id else None

    def get_workflow(self):
        """The moderation workflow of the entry's commune: the one that applies to its home page."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        commune = self.record_commune()
        if commune is not None:
            workflow = commune.root_page.get_workflow()
            if workflow is not None:
                return workflow
        return super().get_workflow()

    def get_preview_template(self, request, mode_name):
        return f"directory/previews/{self._meta.model_name}.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), self._meta.model_name: self}


class Person(CouncilRecordMixin, TranslatableMixin, CommuneScopedMixin, index.Indexed, models.Model):
    """A public person of the commune's life: an elected member, an association's officer."""

    name = models.CharField(_("name"), max_length=200)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    photo = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party = models.CharField(_("political party"), max_length=200, blank=True)
    biography = RichTextField(_("biography"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    email = models.EmailField(_("public e-mail"), blank=True)

    panels = [
        FieldPanel("commune"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("given_name"), FieldPanel("family_name")]),
        FieldPanel("photo"),
        FieldPanel("party"),
        FieldPanel("biography"),
        FieldPanel("email"),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("party"),
        index.FilterField("commune"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organization(CouncilRecordMixin, TranslatableMixin, CommuneScopedMixin, index.Indexed, models.Model):
    """A body: the council itself, a committee, an association, a partner, a peer commune."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    description = RichTextField(_("description"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    logo = models.ForeignKey(
        "assets.CommuneImage",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    chaired_by_opposition = models.BooleanField(
        _("chaired by the opposition"),
        default=False,
        help_text=_("The law reserves the chair of one permanent committee to the opposition."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    panels = [
        FieldPanel("commune"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("parent")]),
        FieldPanel("description"),
        FieldPanel("logo"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("founded_on"), FieldPanel("registration_number")]),
                FieldPanel("chaired_by_opposition"),
            ],
            heading=_("Status"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldRowPanel([FieldPanel("email"), FieldPanel("phone")])],
            heading=_("Contact"),
        ),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("commune"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    @property
    def age_in_years(self):
        """Whole years since foundation; petitions need associations over three years old."""
        if not self.founded_on:
            return None
        today = timezone.localdate()
        years = today.year - self.founded_on.year
        if (today.month, today.day) < (self.founded_on.month, self.founded_on.day):
            years -= 1
        return years

    def current_memberships(self):
        """Memberships in force today, bureau roles first."""
        today = timezone.localdate()
        return (
            self.memberships.live()
            .filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=today))
            .select_related("person", "person__photo")
            .order_by("rank", "person__name")
        )


class MembershipQuerySet(RecordQuerySet):
    def live(self):
        """Published memberships of published people in published organizations."""
        return self.filter(live=True, person__live=True, organization__live=True)


def live_memberships(*related):
    """``Prefetch`` of an organization's published memberships, with ``related`` loaded alongside."""
    return models.Prefetch("memberships", queryset=Membership.objects.live().select_related("person", *related))


class Membership(CouncilRecordMixin, TranslatableMixin, models.Model):
    """A person's role in an organization over a period (Popolo membership)."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MembershipRole.choices)
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("How the role is written, e.g. 'First vice-president, in charge of urban planning'."),
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=100, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("person"), FieldPanel("organization")]),
        FieldRowPanel([FieldPanel("role"), FieldPanel("rank")]),
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        PublishingPanel(),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization", "rank", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()} — {self.organization}"

    @property
    def is_bureau(self):
        return self.role in BUREAU_ROLES

    def record_commune(self):
        """A membership belongs to the commune of its organization."""
        return self.organization.commune if self.organization_id else None


class Facility(CouncilRecordMixin, TranslatableMixin, CommuneScopedMixin, index.Indexed, models.Model):
    """A place where citizens are received: a desk, an annex, a proximity centre."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("commune"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("opening_hours"),
        FieldPanel("description"),
        PublishingPanel(),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("address"),
        index.FilterField("kind"),
        index.FilterField("commune"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None
