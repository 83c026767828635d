"""Back-office forms: each status change goes through the model's workflow, never a raw field edit."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .enums import (
    INFORMATION_TRANSITIONS,
    PETITION_TRANSITIONS,
    InformationStatus,
    PetitionStatus,
    RefusalGround,
    RequestStatus,
)
from .models import Department, InternalNote
from .models.petitions import next_ordinary_session

KEEP = ("", _("— keep the current status —"))


class ServiceRequestAdminForm(WagtailAdminModelForm):
    """Assign a department, change the status with a note to the citizen, add an internal note."""

    new_status = forms.ChoiceField(label=_("New status"), required=False)
    public_note = forms.CharField(
        label=_("Note to the citizen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown on the public status page and sent by e-mail. Write no personal data."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen only by the commune's staff."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = self.instance.allowed_statuses() if self.instance.pk else []
        self.fields["new_status"].choices = [KEEP, *((s, RequestStatus(s).label) for s in allowed)]
        if "department" in self.fields and self.instance.pk:
            self.fields["department"].queryset = Department.objects.filter(commune_id=self.instance.commune_id)
        self._previous_department_id = self.instance.department_id

    def save(self, commit=True):
        instance = super().save(commit=commit)
        user = getattr(self, "for_user", None)
        if commit:
            if instance.department_id != self._previous_department_id and instance.department_id:
                InternalNote.objects.create(
                    request=instance, author=user, text=str(_("Assigned to %(name)s")) % {"name": instance.department}
                )
            new_status = self.cleaned_data.get("new_status")
            internal = self.cleaned_data.get("internal_note", "")
            if new_status:
                instance.change_status(
                    new_status, user=user, public_note=self.cleaned_data.get("public_note", ""), internal_note=internal
                )
            elif internal:
                InternalNote.objects.create(request=instance, author=user, text=internal)
        return instance

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("public_note") and not cleaned.get("new_status"):
            self.add_error("public_note", _("A note to the citizen goes with a change of status."))
        return cleaned


class PetitionAdminForm(WagtailAdminModelForm):
    """Open a petition for signatures, file it, record the council's decision and its reasons."""

    new_status = forms.ChoiceField(label=_("New status"), required=False)
    reasons = forms.CharField(
        label=_("Reasons for the decision"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = PetitionStatus(self.instance.status) if self.instance.pk else PetitionStatus.PROPOSED
        self.fields["new_status"].choices = [
            KEEP,
            *((s, PetitionStatus(s).label) for s in sorted(PETITION_TRANSITIONS[current])),
        ]
        if "agenda_session" in self.fields:
            self.fields["agenda_session"].help_text = _(
                "Accepted petitions go on the agenda of the next ordinary session; left empty, it is found for you."
            )

    def clean(self):
        cleaned = super().clean()
        new_status = cleaned.get("new_status")
        if new_status:
            try:
                self.instance.change_status(
                    new_status, reasons=cleaned.get("reasons", ""), session=cleaned.get("agenda_session")
                )
            except ValidationError as exc:
                self.add_error("new_status", exc)
            else:
                self._changed = True
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=commit)
        if (
            commit
            and instance.status == PetitionStatus.ACCEPTED
            and not instance.agenda_session_id
            and instance.decided_on
        ):
            instance.agenda_session = next_ordinary_session(instance.commune, instance.decided_on)
            instance.save(update_fields=["agenda_session"])
        return instance


class InformationRequestAdminForm(WagtailAdminModelForm):
    """Extend once, answer, or refuse on a legal ground."""

    new_status = forms.ChoiceField(label=_("New status"), required=False)
    answer_text = forms.CharField(
        label=_("Answer or reasons for refusal"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the applicant on the status page of the request."),
    )
    refusal_ground_choice = forms.ChoiceField(
        label=_("Legal ground for refusal"), required=False, choices=[("", "—"), *RefusalGround.choices]
    )
    extension_reason_text = forms.CharField(label=_("Reason for the extension"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = InformationStatus(self.instance.status) if self.instance.pk else InformationStatus.RECEIVED
        self.fields["new_status"].choices = [
            KEEP,
            *((s, InformationStatus(s).label) for s in sorted(INFORMATION_TRANSITIONS[current])),
        ]

    def clean(self):
        cleaned = super().clean()
        new_status = cleaned.get("new_status")
        if new_status:
            try:
                self.instance.change_status(
                    new_status,
                    answer=cleaned.get("answer_text", ""),
                    ground=cleaned.get("refusal_ground_choice", ""),
                    reason=cleaned.get("extension_reason_text", ""),
                )
            except ValidationError as exc:
                self.add_error("new_status", exc)
        return cleaned
