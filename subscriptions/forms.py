"""The subscription form: the address, what to follow, how often, and consent."""

from django import forms
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from cms.languages import language_choices
from pages.enums import NewsCategory, TenderCategory, TenderProcedure
from participation.forms import CitizenFormMixin

from .models import Frequency, Kind


def choices_from(cleaned):
    """The choices as stored in a confirmation link and a consent record: ``{kind: {filters}}``."""
    chosen = {}
    for kind in cleaned["kinds"]:
        filters = {}
        if kind == Kind.TENDERS:
            filters = {
                "procedures": cleaned.get("procedures") or [],
                "categories": cleaned.get("tender_categories") or [],
            }
        elif kind == Kind.NEWS:
            filters = {"categories": cleaned.get("news_categories") or []}
        chosen[kind] = filters
    return chosen


def optional_filter(label, choices, help_text):
    """A narrowing of one kind to some of its values; left empty, the kind comes whole."""
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )


class PreferencesForm(CitizenFormMixin, forms.Form):
    """What to follow and how often; the subscription form adds the address and consent."""

    kinds = forms.MultipleChoiceField(
        label=_("What do you want to follow?"), choices=Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    procedures = optional_filter(
        _("Calls for tenders: only these procedures"), TenderProcedure, _("Leave empty to receive every procedure.")
    )
    tender_categories = optional_filter(
        _("Calls for tenders: only these categories"), TenderCategory, _("Leave empty to receive every category.")
    )
    news_categories = optional_filter(
        _("News: only these categories"), NewsCategory, _("Leave empty to receive all the news.")
    )
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        help_text=_("Alerts and the bulletin always go at once."),
    )
    language = forms.ChoiceField(label=_("Language of the messages"), choices=language_choices())

    @classmethod
    def initial_for(cls, subscriber):
        initial = {"frequency": subscriber.frequency, "language": subscriber.language, "kinds": []}
        for subscription in subscriber.subscriptions.all():
            initial["kinds"].append(subscription.kind)
            if subscription.kind == Kind.TENDERS:
                initial["procedures"] = subscription.procedures
                initial["tender_categories"] = subscription.categories
            elif subscription.kind == Kind.NEWS:
                initial["news_categories"] = subscription.categories
        return initial


class SubscribeForm(PreferencesForm):
    email = forms.CharField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that the commune keeps my address to send me what I chose, until I leave."),
        error_messages={"required": _("Your agreement is needed to send you messages.")},
    )

    field_order = ["email", "kinds", "procedures", "tender_categories", "news_categories", "frequency", "language"]

    def clean_email(self):
        value = self.cleaned_data["email"].strip()
        if any(character in value for character in "\r\n,;<>\"'") or len(value.split("@")) != 2:
            raise forms.ValidationError(_("Enter one valid e-mail address."), code="invalid_email")
        try:
            validate_email(value)
        except forms.ValidationError as error:
            raise forms.ValidationError(_("Enter one valid e-mail address."), code="invalid_email") from error
        local, domain = value.rsplit("@", 1)
        return f"{local}@{domain.lower()}"
