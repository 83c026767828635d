"""Wagtail's admin views that the commune rule serves in its own version, matched before Wagtail's.

Each keeps Wagtail's path, so that Wagtail's URL names lead to it.
"""

from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail.contrib.redirects import views as redirects
from wagtail.contrib.search_promotions.views import settings as promoted_queries
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView

from . import bulk, reports
from .scope import scoped_view_class


def superusers_only(view):
    """Views that act or read across communes at once (a file of redirects for any site, every
    commune's search terms)."""

    def wrapped(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


RedirectIndex = scoped_view_class(redirects.IndexView, "site")
RedirectCreate = scoped_view_class(redirects.CreateView, "site")
RedirectEdit = scoped_view_class(redirects.EditView, "site")

urlpatterns = [
    path("bulk/<str:app_label>/<str:model_name>/<str:action>/", bulk.index),
    path("reports/page-types-usage/", reports.CommunePageTypesUsageReportView.as_view()),
    path("reports/page-types-usage/results/", reports.CommunePageTypesUsageReportView.as_view(results_only=True)),
    path("reports/site-history/", reports.CommuneLogEntriesView.as_view()),
    path("reports/site-history/results/", reports.CommuneLogEntriesView.as_view(results_only=True)),
    path("reports/workflow/", reports.CommuneWorkflowView.as_view()),
    path("reports/workflow/results/", reports.CommuneWorkflowView.as_view(results_only=True)),
    path("reports/workflow_tasks/", reports.CommuneWorkflowTasksView.as_view()),
    path("reports/workflow_tasks/results/", reports.CommuneWorkflowTasksView.as_view(results_only=True)),
    path("redirects/", RedirectIndex.as_view()),
    path("redirects/results/", RedirectIndex.as_view(results_only=True)),
    path("redirects/add/", RedirectCreate.as_view()),
    path("redirects/<int:redirect_id>/", RedirectEdit.as_view()),
    path("redirects/import/", superusers_only(redirects.start_import)),
    path("redirects/import/process/", superusers_only(redirects.process_import)),
    # Wagtail counts queries for the whole deployment; a commune's editors read their own in the
    # search queries report (search.reports), and type a promotion's query rather than choose it.
    path("searchpicks/reports/search-terms/", superusers_only(SearchTermsReportView.as_view())),
    path(
        "searchpicks/reports/search-terms/results/",
        superusers_only(SearchTermsReportView.as_view(results_only=True)),
    ),
    path("searchpicks/queries/chooser/", superusers_only(promoted_queries.chooser)),
    path("searchpicks/queries/chooser/results/", superusers_only(promoted_queries.chooserresults)),
    path("searchpicks/", reports.CommuneSearchPromotionsIndexView.as_view()),
    path("searchpicks/results/", reports.CommuneSearchPromotionsIndexView.as_view(results_only=True)),
]
