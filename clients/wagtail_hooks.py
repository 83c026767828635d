"""Portal API tokens in the admin: a commune's staff list, issue and revoke the tokens of their commune.

A token works for one commune and holds scopes: ``write`` and ``preview`` act as its user, ``open311``
files citizens' requests for the commune and acts for no user. A member of staff issues write and preview
tokens for themselves, so that a token never does more than its holder may; a superuser issues them for
anyone. The token is shown once, when it is issued; only its hash is kept.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from tenancy.scope import CommuneScopedViewSetMixin

from .models import DEFAULT_SCOPES, USER_SCOPES, ApiToken


class ApiTokenForm(WagtailAdminModelForm):
    """Issue a token: its commune, name, scopes and end; the holder of a write or preview token is the
    user issuing it unless a superuser chooses; an Open311 token has none."""

    class Meta:
        model = ApiToken
        fields = ["commune", "user", "name", "scopes", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].initial = list(DEFAULT_SCOPES)
        if self.for_user is None or not self.for_user.is_superuser:
            del self.fields["user"]

    def clean(self):
        cleaned = super().clean()
        if set(cleaned.get("scopes") or ()) & USER_SCOPES:
            if not cleaned.get("user"):
                cleaned["user"] = self.for_user
                self.instance.user = self.for_user
        else:
            cleaned["user"] = None
            self.instance.user = None
        return cleaned


class ApiTokenRevokeForm(WagtailAdminModelForm):
    """Rename a token or revoke it; a revoked token stays revoked."""

    revoke = forms.BooleanField(label=_("Revoke this token"), required=False)

    class Meta:
        model = ApiToken
        fields = ["name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.revoked_at:
            del self.fields["revoke"]

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and not self.instance.revoked_at:
            self.instance.revoked_at = timezone.now()
        return super().save(commit=commit)


class ApiTokenCreateView(CreateView):
    """Shows the new token once, in the success message."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        self.raw_token = instance.set_new_token()
        instance.save()
        return instance

    def get_success_message(self, instance):
        return _("Key created for %(name)s. Copy it now, it will not be shown again: %(key)s") % {
            "name": instance.name,
            "key": self.raw_token,
        }


class ApiTokenViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = ApiToken
    name = "portal_api_tokens"
    url_prefix = "portal-api-tokens"
    icon = "key"
    menu_label = _("API tokens")
    add_to_settings_menu = True
    list_display = [
        "name",
        "prefix",
        "commune",
        Column("scopes", label=_("scopes"), accessor="get_scopes_display"),
        "user",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["commune"]
    search_fields = ["name", "prefix"]
    ordering = ["-created_at"]
    add_view_class = ApiTokenCreateView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "prefix",
        "commune",
        "scopes",
        "user",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]

    def get_form_class(self, for_update=False):
        return ApiTokenRevokeForm if for_update else ApiTokenForm


@hooks.register("register_admin_viewset")
def register_api_tokens():
    return ApiTokenViewSet()
