from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .reports import SearchQueriesReportView, can_view_report


class SearchQueriesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-queries/", SearchQueriesReportView.as_view(), name="search_queries_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchQueriesMenuItem(
        _("Search queries"), reverse("search_queries_report"), name="search-queries", icon_name="search", order=1310
    )


@hooks.register("register_admin_viewset")
def register_synonym_viewset():
    from .views_admin import SynonymViewSet

    return SynonymViewSet("search_synonyms")
