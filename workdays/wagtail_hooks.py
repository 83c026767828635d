"""The admin of holiday corrections, each editor seeing only the corrections of their communes (the
commune rule of ``tenancy``: national corrections, without a commune, are the superusers')."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.viewsets.model import ModelViewSet

from tenancy.scope import CommuneScopedViewSetMixin

from .models import HolidayOverride


class HolidayOverrideViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    name = "holiday_corrections"
    model = HolidayOverride
    icon = "date"
    menu_label = _("Public holidays")
    add_to_settings_menu = True
    list_display = [
        "name",
        "date",
        "kind",
        BooleanColumn("recurs_yearly", label=HolidayOverride._meta.get_field("recurs_yearly").verbose_name),
        "commune",
    ]
    # No filter by commune: its choices would name every commune to every editor.
    list_filter = ["kind", "recurs_yearly"]
    ordering = ["date"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_holiday_corrections():
    return HolidayOverrideViewSet()
