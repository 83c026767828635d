"""Wagtail's own reports, limited to the communes of the user who reads them.

Served in place of Wagtail's views (``tenancy.admin_urls`` comes before Wagtail's admin URLs), with
the same names, templates, filters and exports.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils.functional import cached_property
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView
from wagtail.contrib.search_promotions.views.settings import IndexView as SearchPromotionsIndexView
from wagtail.models import Page, PageLogEntry, get_page_models

from .middleware import page_prefixes
from .scope import _REGISTRY, communes_of, scope


def tree_condition(user, field="path"):
    """A ``Q`` matching the pages of ``user``'s communes (and of their page permissions) by ``field``."""
    condition = Q(pk__in=[])
    for prefix in page_prefixes(user):
        condition |= Q(**{f"{field}__startswith": prefix})
    return condition


def _allowed_ids(queryset):
    return queryset.annotate(_tenancy_pk=Cast("pk", CharField())).values("_tenancy_pk")


def scope_by_object(queryset, user, content_type="content_type", object_id="object_id"):
    """``queryset`` of rows pointing at objects (content type and id) without those of other communes."""
    if user.is_superuser:
        return queryset
    for model, path in list(_REGISTRY.items()):
        content_type_id = ContentType.objects.get_for_model(model).pk
        allowed = _allowed_ids(scope(model._default_manager.all(), user, path))
        queryset = queryset.exclude(Q(**{f"{content_type}_id": content_type_id}) & ~Q(**{f"{object_id}__in": allowed}))
    page_types = [ContentType.objects.get_for_model(model).pk for model in [Page, *get_page_models()]]
    allowed_pages = _allowed_ids(Page.objects.filter(tree_condition(user)))
    return queryset.exclude(Q(**{f"{content_type}_id__in": page_types}) & ~Q(**{f"{object_id}__in": allowed_pages}))


class CommunePageTypesUsageReportView(PageTypesUsageReportView):
    """Counts and last edited page of each type, within the user's communes."""

    def get_queryset(self):
        user = self.request.user
        if user.is_superuser:
            return super().get_queryset()
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        queryset = self.filter_queryset(self.queryset)
        cleaned = self.filters.form.cleaned_data if self.filters else {}
        pages = Page.objects.filter(tree_condition(user))
        counted = Q(pages__in=pages)
        if cleaned.get("page_locale"):
            pages = pages.filter(locale__language_code=cleaned["page_locale"])
            counted &= Q(pages__locale__language_code=cleaned["page_locale"])
        if cleaned.get("site"):
            pages = pages.filter(path__startswith=cleaned["site"])
            counted &= Q(pages__path__startswith=cleaned["site"])
        latest = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=counted, distinct=True),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")

    @cached_property
    def filters(self):
        filterset = super().filters
        if filterset is not None and not self.request.user.is_superuser and "site" in filterset.form.fields:
            own = {
                site.root_page.path: str(site) for site in communes_of(self.request.user).select_related("root_page")
            }
            field = filterset.form.fields["site"]
            field.choices = [choice for choice in field.choices if not choice[0] or choice[0] in own]
        return filterset


class CommuneLogEntriesView(LogEntriesView):
    """Site history: the actions on the pages and records of the user's communes."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if user.is_superuser:
            return queryset
        if issubclass(queryset.model, PageLogEntry):
            return queryset.filter(tree_condition(user, "page__path"))
        return scope_by_object(queryset, user)


class CommuneWorkflowView(WorkflowView):
    def get_queryset(self):
        user = self.request.user
        queryset = scope_by_object(super().get_queryset(), user, "base_content_type")
        return scope_by_object(queryset, user)


class CommuneWorkflowTasksView(WorkflowTasksView):
    def get_queryset(self):
        user = self.request.user
        queryset = scope_by_object(
            super().get_queryset(), user, "workflow_state__base_content_type", "workflow_state__object_id"
        )
        return scope_by_object(queryset, user, "workflow_state__content_type", "workflow_state__object_id")


def promotions_allowed(user):
    """Queries whose promoted results all lead to pages of ``user``'s communes (and there is one)."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    outside = SearchPromotion.objects.exclude(page__in=Page.objects.filter(tree_condition(user)))
    return Query.objects.filter(editors_picks__isnull=False).exclude(editors_picks__in=outside).distinct()


class CommuneSearchPromotionsIndexView(SearchPromotionsIndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=promotions_allowed(self.request.user).values("pk"))
