"""The public forms: every one carries a honeypot, an idempotency key and the personal-data notice."""

import datetime
import re
import uuid
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from directory.models import Organization, OrganizationKind
from security.converters import MAX_ID
from security.validators import guard_text_fields

from .abuse import HONEYPOT_FIELD
from .codes import normalise_tracking_code
from .enums import AccessForm, PetitionFiler, SubmissionKind
from .models import InformationRequest, Petition, ServiceRequest
from .models.petitions import normalise_national_id
from .uploads import clean_attachment

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
NATIONAL_ID = re.compile(r"^[A-Z]{1,2}[0-9]{1,7}$")
PHONE = re.compile(r"^\+?[0-9 .-]{6,20}$")
COORDINATE_STEP = Decimal("0.000001")


class CitizenFormMixin(forms.Form):
    """Fields shared by the public forms: a field people never see, and a key that makes retries harmless."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", uuid.uuid4().hex)
        guard_text_fields(self)

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(_("Your submission could not be accepted."), code="honeypot")
        return ""

    def clean_idempotency_key(self):
        value = self.cleaned_data.get("idempotency_key") or ""
        if value and not IDEMPOTENCY_KEY.match(value):
            raise forms.ValidationError(_("The form has expired; please reload the page."), code="bad_key")
        return value or None


def clean_national_id(value, required=True):
    value = normalise_national_id(value)
    if not value and not required:
        return ""
    if not NATIONAL_ID.match(value):
        raise forms.ValidationError(
            _("Enter the national ID card number as written on the card, e.g. AB123456."), code="bad_national_id"
        )
    return value


def clean_phone(value):
    value = (value or "").strip()
    if value and not PHONE.match(value):
        raise forms.ValidationError(_("Enter a phone number made of digits."), code="bad_phone")
    return value


class ServiceRequestForm(CitizenFormMixin, forms.ModelForm):
    """A complaint, observation, proposal or "Allo citizen" request."""

    category = forms.ChoiceField(label=_("Subject"))
    latitude = forms.DecimalField(
        label=_("Latitude"), required=False, min_value=-90, max_value=90, max_digits=9, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Longitude"), required=False, min_value=-180, max_value=180, max_digits=9, decimal_places=6
    )
    attachment = forms.FileField(
        label=_("Photo or PDF document"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )

    class Meta:
        model = ServiceRequest
        fields = ["kind", "description", "address", "latitude", "longitude", "name", "email", "phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}
        labels = {
            "kind": _("What you are sending"),
            "description": _("Describe the problem or your proposal"),
            "address": _("Address or place"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail (optional, to be told of each step)"),
            "phone": _("Your phone (optional)"),
        }

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *((c.code, c.name) for c in categories)]
        self.fields["kind"].choices = SubmissionKind.choices

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if not uploaded:
            return None
        return clean_attachment(uploaded)

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."), code="half_location")
        location_needed = cleaned.get("kind") in (SubmissionKind.COMPLAINT, SubmissionKind.SERVICE_REQUEST)
        if location_needed and latitude is None and not (cleaned.get("address") or "").strip():
            self.add_error("address", _("Give the address or place, or put a pin on the map."))
        return cleaned


class TrackingForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)

    def clean_code(self):
        code = normalise_tracking_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("This is not a valid tracking code."), code="bad_code")
        return code


class PetitionForm(CitizenFormMixin, forms.ModelForm):
    """A petition to the council, by citizens or by an association."""

    class Meta:
        model = Petition
        fields = [
            "title",
            "request_text",
            "grounds",
            "filer_kind",
            "association",
            "filer_name",
            "filer_national_id",
            "filer_email",
        ]
        widgets = {
            "request_text": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "grounds": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
        }

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["filer_kind"].choices = PetitionFiler.choices
        associations = Organization.objects.live().filter(kind=OrganizationKind.ASSOCIATION)
        if commune is not None:
            associations = associations.filter(commune=commune)
        self.fields["association"].queryset = associations.filter(
            pk__in=one_per_translation(associations, get_language())
        ).order_by("name")
        self.fields["filer_national_id"].required = True
        if commune is not None:
            self.instance.commune = commune

    def clean_filer_national_id(self):
        return clean_national_id(self.cleaned_data.get("filer_national_id"))


def one_per_translation(objects, language):
    """The ids of ``objects`` keeping one per translation: the one in ``language``, else the source's.

    Registers exist once per locale; a list shown to a citizen names each association once.
    """
    chosen = {}
    for pk, key, code in objects.values_list("pk", "translation_key", "locale__language_code").order_by("pk"):
        if key not in chosen or code == language:
            chosen[key] = pk
    return list(chosen.values())


class SignatureForm(CitizenFormMixin, forms.Form):
    """Signing a petition: the least the council needs to check a signatory."""

    name = forms.CharField(label=_("Full name"), max_length=200)
    national_id = forms.CharField(label=_("National ID card number"), max_length=20)

    def clean_national_id(self):
        return clean_national_id(self.cleaned_data.get("national_id"))


class InformationRequestForm(CitizenFormMixin, forms.ModelForm):
    """The request form of law 31-13."""

    class Meta:
        model = InformationRequest
        fields = [
            "applicant_name",
            "national_id",
            "email",
            "postal_address",
            "phone",
            "information_sought",
            "access_form",
            "urgent",
            "urgency_reason",
        ]
        widgets = {
            "information_sought": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "urgency_reason": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_form"].choices = AccessForm.choices

    def clean_national_id(self):
        return clean_national_id(self.cleaned_data.get("national_id"))

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("access_form") == AccessForm.ELECTRONIC and not cleaned.get("email"):
            self.add_error("email", _("Give an e-mail address to receive the information by e-mail."))
        if cleaned.get("access_form") == AccessForm.PAPER_COPY and not cleaned.get("postal_address"):
            self.add_error("postal_address", _("Give a postal address to receive a paper copy."))
        if cleaned.get("urgent") and not (cleaned.get("urgency_reason") or "").strip():
            self.add_error("urgency_reason", _("Say how the information protects someone's life, safety or freedom."))
        return cleaned


class RatingForm(CitizenFormMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(i, str(i)) for i in range(1, 6)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment (optional; do not write personal information)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    )


class Open311RequestForm(forms.Form):
    """A service request filed through Open311 GeoReport v2, with the specification's parameter names.

    The same checks as the web form, field by field: numbers are finite and in range, text has no
    control characters and fits its column, the e-mail is one address (nothing that could become
    another header of the receipt).
    """

    service_code = forms.SlugField(max_length=50)
    lat = forms.DecimalField(required=False, min_value=-90, max_value=90)
    long = forms.DecimalField(required=False, min_value=-180, max_value=180)
    address_string = forms.CharField(required=False, max_length=255)
    address_id = forms.CharField(required=False, max_length=255)
    description = forms.CharField(max_length=5000)
    email = forms.EmailField(required=False, max_length=254)
    first_name = forms.CharField(required=False, max_length=100)
    last_name = forms.CharField(required=False, max_length=100)
    phone = forms.CharField(required=False, max_length=32)
    media_url = forms.URLField(required=False, max_length=200, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attribute[kind]"] = forms.ChoiceField(required=False, choices=SubmissionKind.choices)
        guard_text_fields(self)

    def clean_phone(self):
        return clean_phone(self.cleaned_data.get("phone"))

    def clean_media_url(self):
        url = self.cleaned_data.get("media_url") or ""
        if url and not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(_("media_url must be an http or https address."), code="bad_scheme")
        return url

    def clean(self):
        cleaned = super().clean()
        for name in ("lat", "long"):
            if cleaned.get(name) is not None:
                cleaned[name] = cleaned[name].quantize(COORDINATE_STEP)
        latitude, longitude = cleaned.get("lat"), cleaned.get("long")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Give both lat and long, or neither."), code="half_location")
        if latitude is None and not cleaned.get("address_string") and not cleaned.get("address_id"):
            raise forms.ValidationError(
                _("A location is required: lat and long, address_string or address_id."), code="no_location"
            )
        cleaned["kind"] = cleaned.get("attribute[kind]") or SubmissionKind.SERVICE_REQUEST
        cleaned["name"] = " ".join(p for p in (cleaned.get("first_name"), cleaned.get("last_name")) if p)
        return cleaned


MAX_IDS = 200


class Open311QueryForm(forms.Form):
    """The filters of ``GET requests.json``; ids are numbers a database id can be."""

    service_request_id = forms.CharField(required=False, max_length=MAX_IDS * 20)
    service_code = forms.CharField(required=False, max_length=1000)
    status = forms.CharField(required=False, max_length=20)
    start_date = forms.CharField(required=False, max_length=40)
    end_date = forms.CharField(required=False, max_length=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_text_fields(self)

    def clean_service_request_id(self):
        field = forms.IntegerField(min_value=1, max_value=MAX_ID)
        parts = [part.strip() for part in self.cleaned_data["service_request_id"].split(",") if part.strip()]
        if not parts and "service_request_id" in self.data:
            raise forms.ValidationError(_("service_request_id must be a list of numbers."), code="empty")
        if len(parts) > MAX_IDS:
            raise forms.ValidationError(_("Ask for at most %(count)s ids at once.") % {"count": MAX_IDS}, code="many")
        try:
            return [field.clean(part) for part in parts]
        except forms.ValidationError as exc:
            raise forms.ValidationError(_("service_request_id must be a list of numbers."), code="bad_id") from exc

    def clean_service_code(self):
        codes = [code.strip() for code in self.cleaned_data["service_code"].split(",") if code.strip()]
        malformed = not all(re.fullmatch(r"[-\w]{1,50}", code, re.ASCII) for code in codes)
        if (not codes and "service_code" in self.data) or malformed:
            raise forms.ValidationError(_("Unknown service code."), code="bad_code")
        return codes

    def _clean_date(self, name):
        value = self.cleaned_data[name]
        if not value and name not in self.data:
            return None
        parsed = parse_datetime(value) if value else None
        if parsed is None:
            try:
                parsed = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
            except ValueError:
                parsed = None
        if parsed is None:
            raise forms.ValidationError(
                _("The parameter %(name)s is not a valid date.") % {"name": name}, code="bad_date"
            )
        return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed

    def clean_start_date(self):
        return self._clean_date("start_date")

    def clean_end_date(self):
        return self._clean_date("end_date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and start > end:
            raise forms.ValidationError(_("start_date comes after end_date."), code="order")
        return cleaned

    def clean_status(self):
        statuses = [status.strip() for status in self.cleaned_data["status"].split(",") if status.strip()]
        if (not statuses and "status" in self.data) or any(status not in ("open", "closed") for status in statuses):
            raise forms.ValidationError(
                _("status must be open, closed, or both separated by a comma."), code="bad_status"
            )
        return statuses
