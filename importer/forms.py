"""The form that starts an import from the admin."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from tenancy.scope import communes_of

from .models import ImportRun, SourceKind


class ImportRunForm(WagtailAdminModelForm):
    """Where to import from, into which commune, and whether the pages are published at once."""

    class Meta:
        model = ImportRun
        fields = ["commune", "kind", "source", "upload", "publish", "allow_private_address"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.for_user = for_user
        self.fields["source"].required = False
        self.fields["upload"].help_text = _("A WordPress export (WXR), instead of an address.")
        if for_user is not None:
            self.fields["commune"].queryset = communes_of(for_user).order_by("site_name")
            if not for_user.is_superuser:
                del self.fields["allow_private_address"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        limit = settings.BAWABA_IMPORT_MAX_EXPORT_BYTES
        if upload and getattr(upload, "size", 0) > limit:
            raise forms.ValidationError(
                _("The export file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        source, upload, kind = cleaned.get("source", ""), cleaned.get("upload"), cleaned.get("kind")
        if upload and kind != SourceKind.WXR:
            self.add_error("upload", _("Only a WordPress export can be uploaded; give feeds and sites by address."))
        if not upload and not source.startswith(("http://", "https://")):
            self.add_error("source", _("Give the address (http or https) of the source, or upload an export file."))
        if upload and not source:
            cleaned["source"] = upload.name[:1000]
        return cleaned
