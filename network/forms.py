"""The peer form: secrets are write-only, the private-address flag is for administrators only."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.languages import language_choices
from pages.enums import NewsCategory
from tenancy.scope import communes_of

from .models import ContentKind

MIN_SECRET_LENGTH = 24


class PeerForm(WagtailAdminModelForm):
    content_kinds = forms.MultipleChoiceField(
        label=_("Content types"),
        choices=ContentKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all of them."),
    )
    categories = forms.MultipleChoiceField(
        label=_("News categories"),
        choices=NewsCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all of them."),
    )
    locales = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=language_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: all of them."),
    )
    new_token = forms.CharField(
        label=_("Token"),
        required=False,
        strip=True,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Given by the peer; stored encrypted and never shown again. Leave empty to keep the current one."),
    )
    new_push_secret = forms.CharField(
        label=_("Shared secret for notifications"),
        required=False,
        strip=True,
        min_length=MIN_SECRET_LENGTH,
        max_length=500,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_(
            "The same secret on both sides, at least 24 characters; stored encrypted and never shown again. "
            "Leave empty to keep the current one."
        ),
    )
    forget_secrets = forms.BooleanField(label=_("Forget the token and the shared secret"), required=False)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "allow_private_address" in self.fields and not (for_user and for_user.is_superuser):
            self.fields["allow_private_address"].disabled = True
        if "commune" in self.fields and for_user is not None:
            self.fields["commune"].queryset = communes_of(for_user)

    def save(self, commit=True):
        peer = super().save(commit=False)
        user = self.for_user
        if (
            user is not None
            and user.is_superuser
            and "allow_private_address" in self.changed_data
            and self.cleaned_data.get("allow_private_address")
        ):
            # Ticked now, with the address of this form: the model keeps it across the address change.
            peer.private_address_confirmed = True
        if self.cleaned_data.get("forget_secrets"):
            peer.token = ""
            peer.push_secret = ""
        if self.cleaned_data.get("new_token"):
            peer.token = self.cleaned_data["new_token"]
        if self.cleaned_data.get("new_push_secret"):
            peer.push_secret = self.cleaned_data["new_push_secret"]
        if commit:
            peer.save()
        return peer
