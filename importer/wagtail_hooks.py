"""Imports in the admin: a list of runs, a form to start one, and each run's progress and item log."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from tenancy.scope import CommuneScopedViewSetMixin

from .forms import ImportRunForm
from .models import ImportRun
from .views import RunIndexView, RunInspectView, StartImportView, resume_view, stop_view


class RunPermissionPolicy(ModelPermissionPolicy):
    """A run is started and watched, never edited: its log is what happened."""

    def user_has_permission(self, user, action):
        if action in ("change", "copy", "delete"):
            return False
        if action == "view":
            return super().user_has_permission(user, "add")
        return super().user_has_permission(user, action)


register_permission_policy(ImportRun, RunPermissionPolicy(ImportRun))


class ImportRunViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    model = ImportRun
    name = "imports"
    icon = "download"
    menu_label = _("Imports")
    add_to_settings_menu = True
    form_fields = ["commune", "kind", "source", "upload", "publish", "allow_private_address"]
    list_display = [
        "__str__",
        "commune",
        "status",
        Column("imported", label=_("imported")),
        Column("updated", label=_("updated")),
        Column("skipped", label=_("skipped")),
        Column("failed", label=_("failed")),
        "created_at",
    ]
    list_filter = ["status", "kind"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = RunIndexView
    add_view_class = StartImportView
    inspect_view_class = RunInspectView

    def get_form_class(self, for_update=False):
        return ImportRunForm

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(inspect_url_name=self.get_url_name("inspect"), **kwargs)

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            stop_url_name=self.get_url_name("stop"), resume_url_name=self.get_url_name("resume"), **kwargs
        )

    def get_urlpatterns(self):
        inspect = self.get_url_name("inspect")
        return [
            *super().get_urlpatterns(),
            path("stop/<int:pk>/", lambda request, pk: stop_view(request, pk, inspect), name="stop"),
            path("resume/<int:pk>/", lambda request, pk: resume_view(request, pk, inspect), name="resume"),
        ]


@hooks.register("register_admin_viewset")
def register_import_viewset():
    return ImportRunViewSet()
