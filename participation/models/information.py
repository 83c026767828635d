"""Requests for access to information under law 31-13."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workdays.calendar import add_working_days

from .. import clock
from ..codes import new_tracking_code
from ..enums import (
    CLOSED_INFORMATION_STATUSES,
    INFORMATION_TRANSITIONS,
    AccessForm,
    InformationStatus,
    RefusalGround,
)
from .complaints import InvalidTransition


class InformationRequest(models.Model):
    """A request for information held by the commune, on the form the law sets out."""

    commune = models.ForeignKey(
        "wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE, related_name="+"
    )
    tracking_code = models.CharField(
        _("tracking code"), max_length=14, unique=True, default=new_tracking_code, editable=False
    )
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, editable=False)
    applicant_name = models.CharField(_("full name"), max_length=200)
    national_id = models.CharField(_("national ID card number"), max_length=20)
    email = models.EmailField(_("e-mail"), blank=True)
    postal_address = models.CharField(_("postal address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    information_sought = models.TextField(_("information requested"), max_length=5000)
    access_form = models.CharField(
        _("how to receive it"), max_length=20, choices=AccessForm.choices, default=AccessForm.ELECTRONIC
    )
    urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("The information is needed to protect someone's life, safety or freedom."),
    )
    urgency_reason = models.TextField(_("why it is urgent"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=8, default="ar", editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InformationStatus.choices,
        default=InformationStatus.RECEIVED,
        editable=False,
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now, editable=False)
    due_on = models.DateField(_("answer due on"), editable=False)
    extended_on = models.DateField(_("extended on"), null=True, blank=True, editable=False)
    extension_reason = models.TextField(_("reason for the extension"), blank=True, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    answer = models.TextField(_("answer"), blank=True, editable=False)
    refusal_ground = models.CharField(
        _("legal ground for refusal"), max_length=30, choices=RefusalGround.choices, blank=True, editable=False
    )
    personal_data_erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "idempotency_key"], name="information_request_idempotent"),
        ]

    def __str__(self):
        return self.tracking_code

    def save(self, *args, **kwargs):
        if not self.due_on:
            days = clock.INFORMATION_URGENT_DAYS if self.urgent else clock.INFORMATION_ANSWER_DAYS
            self.due_on = add_working_days(timezone.localdate(self.received_at), days, site=self.commune)
        super().save(*args, **kwargs)

    @property
    def is_closed(self):
        return self.status in CLOSED_INFORMATION_STATUSES

    @property
    def is_late(self):
        return not self.is_closed and timezone.localdate() > self.due_on

    @property
    def answered_on_time(self):
        if not self.answered_at:
            return None
        return timezone.localdate(self.answered_at) <= self.due_on

    def change_status(self, new_status, *, answer="", ground="", reason=""):
        """Extend once, answer, or refuse on a legal ground; raises when the law does not allow it."""
        with transaction.atomic():
            current = type(self).objects.select_for_update().get(pk=self.pk)
            if new_status not in INFORMATION_TRANSITIONS[InformationStatus(current.status)]:
                raise InvalidTransition(
                    _("An information request cannot go from “%(old)s” to “%(new)s”.")
                    % {"old": InformationStatus(current.status).label, "new": InformationStatus(new_status).label},
                    code="invalid_transition",
                )
            if new_status == InformationStatus.EXTENDED:
                if current.urgent:
                    raise ValidationError(_("An urgent request cannot be extended."), code="urgent_no_extension")
                if not reason.strip():
                    raise ValidationError(_("Tell the applicant why more time is needed."), code="reason_required")
                self.extended_on = timezone.localdate()
                self.extension_reason = reason
                self.due_on = add_working_days(current.due_on, clock.INFORMATION_EXTENSION_DAYS, site=self.commune)
            if new_status == InformationStatus.REFUSED:
                if ground not in RefusalGround.values:
                    raise ValidationError(
                        _("A refusal must cite one of the grounds the law lists."), code="ground_required"
                    )
                if not answer.strip():
                    raise ValidationError(_("Explain the refusal to the applicant."), code="reasons_required")
                self.refusal_ground = ground
            if new_status in CLOSED_INFORMATION_STATUSES:
                self.answered_at = timezone.now()
                self.answer = answer
            self.status = new_status
            self.save()
            from ..notifications import notify_information_request

            transaction.on_commit(lambda: notify_information_request(self))
