"""The editors' synonym sets in the admin: each commune keeps its own; the shipped sets are the superusers'."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from tenancy.scope import CommuneScopedViewSetMixin, communes_of

from .models import Synonym


class SynonymForm(WagtailAdminModelForm):
    """A synonym set; an editor who is not a superuser keeps it for one of their communes."""

    class Meta:
        model = Synonym
        fields = ["language", "terms", "commune"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None and not for_user.is_superuser:
            self.fields["commune"].required = True
            self.fields["commune"].queryset = communes_of(for_user)
            self.fields["commune"].help_text = ""


class SynonymCreateView(CreateView):
    """Opened from the search report with a query that found nothing, as the set's first term."""

    def get_initial(self):
        initial = super().get_initial()
        terms = self.request.GET.get("terms", "")[:255]
        if terms:
            initial["terms"] = terms + "\n"
        language = self.request.GET.get("language", "")
        if language in dict(Synonym._meta.get_field("language").choices):
            initial["language"] = language
        return initial


class SynonymViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = Synonym
    form_fields = ["language", "terms", "commune"]
    icon = "search"
    menu_label = _("Synonyms")
    add_to_settings_menu = True
    list_display = ["__str__", "language", "commune"]
    list_filter = ["language"]
    search_fields = ["terms"]
    add_view_class = SynonymCreateView

    def get_form_class(self, for_update=False):
        return SynonymForm
