"""Dates and datetimes in the admin's inspect views, written as the portal writes them (Babel), in the
editor's language; the listings' cells do the same through ``templates/wagtailadmin/tables/cell.html``."""

from django.db import models
from django.utils.html import conditional_escape
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class

from . import dates


class BabelDateDisplay(BaseFieldDisplay):
    """A date or a datetime field's value, through :func:`pages.dates.format_value`."""

    def render_html(self, parent_context=None):
        return conditional_escape(dates.format_value(self.value) or "")


def register():
    register_display_class(models.DateField, display_class=BabelDateDisplay)
    register_display_class(models.DateTimeField, display_class=BabelDateDisplay)
