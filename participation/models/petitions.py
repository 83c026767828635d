"""Petitions to the council under organic law 113-14."""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import OrganizationKind
from pages.enums import SessionKind

from ..codes import new_tracking_code
from ..enums import CLOSED_PETITION_STATUSES, PETITION_TRANSITIONS, PetitionFiler, PetitionStatus
from .complaints import InvalidTransition

SMALL_COMMUNE_POPULATION = 35_000
THRESHOLD_SMALL = 100
THRESHOLD_OTHER = 200
THRESHOLD_ARRONDISSEMENTS = 400
ASSOCIATION_MIN_AGE_YEARS = 3
REVIEW_MONTHS = 3
ORDINARY_SESSION_MONTHS = (2, 5, 10)


def signature_threshold(commune_settings):
    """Signatures a petition needs: 100 under 35,000 inhabitants, 200 otherwise, 400 with arrondissements.

    A commune whose population is not set gets the general threshold of 200.
    """
    if commune_settings is None:
        return THRESHOLD_OTHER
    if commune_settings.has_arrondissements:
        return THRESHOLD_ARRONDISSEMENTS
    if commune_settings.population is not None and commune_settings.population < SMALL_COMMUNE_POPULATION:
        return THRESHOLD_SMALL
    return THRESHOLD_OTHER


def threshold_for_site(site):
    from home.models import CommuneSettings

    return signature_threshold(CommuneSettings.objects.filter(site=site).first())


def next_ordinary_session_start(after):
    """The first day of the first ordinary-session month (February, May, October) after ``after``."""
    for year in (after.year, after.year + 1):
        for month in ORDINARY_SESSION_MONTHS:
            start = datetime.date(year, month, 1)
            if start > after:
                return start
    raise AssertionError("unreachable")


def next_ordinary_session(site, after):
    """The next ordinary council session page of ``site`` opening after ``after``, if the secretariat created it."""
    from pages.models import CouncilSessionPage

    return (
        CouncilSessionPage.objects.descendant_of(site.root_page)
        .filter(kind=SessionKind.ORDINARY, start_date__gt=after)
        .order_by("start_date")
        .first()
    )


class Petition(models.Model):
    """A petition asking the council to put a question on its agenda."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    tracking_code = models.CharField(
        _("tracking code"), max_length=14, unique=True, default=new_tracking_code, editable=False
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    title = models.CharField(_("title"), max_length=255)
    request_text = models.TextField(_("what the petition asks"), max_length=5000)
    grounds = models.TextField(_("reasons and expected results"), max_length=5000, blank=True)
    filer_kind = models.CharField(
        _("filed by"), max_length=20, choices=PetitionFiler.choices, default=PetitionFiler.CITIZENS
    )
    association = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("association"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganizationKind.ASSOCIATION},
    )
    filer_name = models.CharField(_("name of the representative"), max_length=200)
    filer_national_id = models.CharField(_("national ID card number"), max_length=20, blank=True)
    filer_email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="ar", editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.PROPOSED, editable=False
    )
    signature_threshold = models.PositiveIntegerField(_("signatures needed"), editable=False)
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now, editable=False)
    filed_on = models.DateField(_("filed on"), null=True, blank=True, editable=False)
    review_due_on = models.DateField(_("review due on"), null=True, blank=True, editable=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    outcome_reasons = models.TextField(_("reasons for the outcome"), blank=True, editable=False)
    agenda_session = models.ForeignKey(
        "pages.CouncilSessionPage",
        verbose_name=_("on the agenda of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["commune", "idempotency_key"], name="petition_idempotent")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.signature_threshold is None:
            self.signature_threshold = threshold_for_site(self.commune)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.filer_kind == PetitionFiler.ASSOCIATION:
            if self.association is None:
                raise ValidationError({"association": _("Say which association files the petition.")})
            age = self.association.age_in_years
            if age is None or age < ASSOCIATION_MIN_AGE_YEARS:
                raise ValidationError(
                    {"association": _("Only associations founded more than three years ago may file a petition.")}
                )

    @property
    def signature_count(self):
        return self.signatures.count()

    @property
    def is_public(self):
        return self.status != PetitionStatus.PROPOSED

    @property
    def is_closed(self):
        return self.status in CLOSED_PETITION_STATUSES

    @property
    def is_late(self):
        return self.status == PetitionStatus.FILED and timezone.localdate() > self.review_due_on

    @property
    def expected_session_start(self):
        """The session it goes to: the page if it exists, else the start of the next ordinary-session month."""
        if self.agenda_session_id:
            return self.agenda_session.start_date
        if self.status == PetitionStatus.ACCEPTED and self.decided_on:
            return next_ordinary_session_start(self.decided_on)
        return None

    def change_status(self, new_status, *, reasons="", session=None, today=None):
        """Move the petition on; raises ``InvalidTransition`` or ``ValidationError`` when the law forbids it."""
        today = today or timezone.localdate()
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if new_status not in PETITION_TRANSITIONS[PetitionStatus(current.status)]:
                raise InvalidTransition(
                    _("A petition cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": PetitionStatus(current.status).label, "new": PetitionStatus(new_status).label},
                    code="invalid_transition",
                )
            if new_status == PetitionStatus.FILED and current.signature_count < current.signature_threshold:
                raise ValidationError(
                    _("The petition has %(count)s signatures; it needs %(needed)s.")
                    % {"count": current.signature_count, "needed": current.signature_threshold},
                    code="not_enough_signatures",
                )
            if new_status in (PetitionStatus.ACCEPTED, PetitionStatus.REJECTED) and not reasons.strip():
                raise ValidationError(_("Give the reasons for the council's decision."), code="reasons_required")
            self.status = new_status
            if new_status == PetitionStatus.FILED:
                self.filed_on = today
                self.review_due_on = today + relativedelta(months=REVIEW_MONTHS)
            if new_status in (PetitionStatus.ACCEPTED, PetitionStatus.REJECTED):
                self.decided_on = today
                self.outcome_reasons = reasons
            if new_status == PetitionStatus.ACCEPTED:
                self.agenda_session = session or next_ordinary_session(self.commune, today)
            self.save()


class PetitionSignature(models.Model):
    """One citizen's support: the minimum the law needs to check it, erased after the retention period."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(_("full name"), max_length=200)
    national_id = models.CharField(_("national ID card number"), max_length=20, null=True, blank=True)
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "national_id"], name="petition_signature_once"),
        ]

    def __str__(self):
        return f"{self.petition} — {self.signed_at:%Y-%m-%d}"


def normalise_national_id(value):
    return "".join((value or "").split()).upper()
