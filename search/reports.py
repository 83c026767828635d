"""The editors' search report: the most frequent queries and the queries that found nothing, of the
communes the editor works for (every commune for a superuser)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from tenancy.scope import scope

from .models import CommuneQuery, UnansweredQuery

PERIODS = (7, 30, 90)
DEFAULT_PERIOD = 30
ROWS = 50
#: Who may read the report: those who choose promoted results, which is what it is for.
REPORT_PERMISSION = "wagtailsearchpromotions.add_searchpromotion"


def can_view_report(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


class SearchQueriesReportView(WagtailAdminTemplateMixin, TemplateView):
    """What citizens searched for over a period, and what they searched for in vain."""

    template_name = "search/admin/queries_report.html"
    page_title = _("Search queries")
    header_icon = "search"
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")},
        {"url": "", "label": _("Search queries")},
    ]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_period(self):
        try:
            days = int(self.request.GET.get("days", DEFAULT_PERIOD))
        except ValueError:
            days = DEFAULT_PERIOD
        return days if days in PERIODS else DEFAULT_PERIOD

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.get_period()
        since = timezone.localdate() - datetime.timedelta(days=days - 1)
        context["days"] = days
        context["periods"] = PERIODS
        user = self.request.user
        context["frequent"] = list(
            scope(CommuneQuery.objects.filter(date__gte=since), user)
            .values("query_string")
            .annotate(total=Sum("hits"))
            .order_by("-total", "query_string")[:ROWS]
        )
        context["unanswered"] = list(
            scope(UnansweredQuery.objects.filter(date__gte=since), user)
            .values("query_string", "locale")
            .annotate(total=Sum("hits"))
            .order_by("-total", "query_string")[:ROWS]
        )
        return context
