"""The participation back office: inbox, petitions, information requests, ratings and calendar."""

import django_filters
from django.db.models import Avg, Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

import security.converters  # noqa: F401  (registers the "id" converter)
from tenancy.scope import CommuneScopedViewSetMixin, path_for_pages, scope

from .admin_forms import InformationRequestAdminForm, PetitionAdminForm, ServiceRequestAdminForm
from .attachments import request_attachment
from .categories import category_choices
from .enums import InformationStatus, PetitionStatus, RequestStatus
from .models import (
    Department,
    InformationRequest,
    Petition,
    ServiceCategory,
    ServiceRating,
    ServiceRequest,
)
from .models.complaints import SOURCE_LABELS
from .panels import RecordPanel


class NoCreatePermissionPolicy(ModelPermissionPolicy):
    """Citizens create these records; staff only handle them."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


for _model in (ServiceRequest, Petition, InformationRequest, ServiceRating):
    register_permission_policy(_model, NoCreatePermissionPolicy(_model))


class OverdueFilter(django_filters.BooleanFilter):
    def filter(self, queryset, value):
        if value is True:
            return queryset.overdue()
        if value is False:
            return queryset.exclude(pk__in=queryset.overdue().values("pk"))
        return queryset


class CategoryFilter(django_filters.ChoiceFilter):
    """A category chosen by its code: the items filed under that category in any of the editor's communes."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(category__code=value)


class ServiceRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=capfirst(_("status")), choices=RequestStatus.choices)
    category = CategoryFilter(label=capfirst(_("category")), choices=())
    source = django_filters.ChoiceFilter(label=capfirst(_("channel")), choices=list(SOURCE_LABELS.items()))
    overdue = OverdueFilter(label=capfirst(_("late")))

    class Meta:
        model = ServiceRequest
        fields = ["status", "kind", "category", "department", "source", "commune"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = ServiceCategory.objects.all()
        if self.request is not None:
            categories = scope(categories, self.request.user)
        self.form.fields["category"].choices = category_choices(categories, (get_language() or "ar").split("-")[0])


class ServiceRequestIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().with_category_label((get_language() or "ar").split("-")[0])


class ServiceRequestViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    index_view_class = ServiceRequestIndexView
    name = "participation_requests"
    model = ServiceRequest
    icon = "mail"
    menu_label = _("Complaints and requests")
    list_display = [
        "tracking_code",
        Column("category_label", label=capfirst(_("category")), sort_key="category__name"),
        "kind",
        "status",
        "department",
        "received_at",
        "answer_due_on",
        BooleanColumn("is_late", label=capfirst(_("late"))),
    ]
    list_per_page = 50
    filterset_class = ServiceRequestFilterSet
    search_fields = ["tracking_code", "description", "address"]
    ordering = ["-received_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_template_name = "participation/admin/inspect.html"
    inspect_view_fields_exclude = ["idempotency_key", "language"]
    list_export = [
        "tracking_code",
        "kind",
        "category_label",
        "status",
        "department",
        "source",
        "received_at",
        "incomplete_notice_due_on",
        "answer_due_on",
        "closed_at",
        "answered_on_time",
        "address",
        "latitude",
        "longitude",
    ]
    export_filename = "complaints-and-requests"
    edit_handler = ObjectList(
        [
            RecordPanel("participation/admin/request_record.html", heading=_("The request")),
            FieldPanel("department"),
            FieldPanel("new_status"),
            FieldPanel("public_note"),
            FieldPanel("internal_note"),
            RecordPanel("participation/admin/request_history.html", heading=_("History")),
        ],
        base_form_class=ServiceRequestAdminForm,
    )


class PetitionFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=capfirst(_("status")), choices=PetitionStatus.choices)

    class Meta:
        model = Petition
        fields = ["status", "filer_kind", "commune"]


class PetitionViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    name = "participation_petitions"
    model = Petition
    icon = "list-ul"
    menu_label = _("Petitions")
    list_display = [
        "title",
        "status",
        "filer_kind",
        "signature_count",
        "signature_threshold",
        "filed_on",
        "review_due_on",
    ]
    filterset_class = PetitionFilterSet
    search_fields = ["title", "tracking_code"]
    copy_view_enabled = False
    list_export = [
        "tracking_code",
        "title",
        "status",
        "filer_kind",
        "signature_count",
        "signature_threshold",
        "filed_on",
        "review_due_on",
        "decided_on",
        "outcome_reasons",
    ]
    export_filename = "petitions"
    edit_handler = ObjectList(
        [
            RecordPanel("participation/admin/petition_record.html", heading=_("The petition")),
            FieldPanel("new_status"),
            FieldPanel("reasons"),
            FieldPanel("agenda_session"),
        ],
        base_form_class=PetitionAdminForm,
    )


class InformationRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=capfirst(_("status")), choices=InformationStatus.choices)

    class Meta:
        model = InformationRequest
        fields = ["status", "urgent", "commune"]


class InformationRequestViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    name = "participation_information"
    model = InformationRequest
    icon = "help"
    menu_label = _("Information requests")
    list_display = ["tracking_code", "status", "urgent", "received_at", "due_on", "answered_at"]
    filterset_class = InformationRequestFilterSet
    search_fields = ["tracking_code", "information_sought"]
    copy_view_enabled = False
    list_export = [
        "tracking_code",
        "status",
        "urgent",
        "access_form",
        "received_at",
        "due_on",
        "extended_on",
        "answered_at",
        "refusal_ground",
    ]
    export_filename = "information-requests"
    edit_handler = ObjectList(
        [
            RecordPanel("participation/admin/information_record.html", heading=_("The request")),
            FieldPanel("new_status"),
            FieldPanel("answer_text"),
            FieldPanel("refusal_ground_choice"),
            FieldPanel("extension_reason_text"),
        ],
        base_form_class=InformationRequestAdminForm,
    )


class ServiceRatingViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    name = "participation_ratings"
    model = ServiceRating
    commune_field = path_for_pages("service")
    icon = "pick"
    menu_label = _("Service ratings")
    list_display = ["service", "score", "comment", "rated_on"]
    list_filter = ["score", "rated_on"]
    search_fields = ["comment"]
    copy_view_enabled = False
    form_fields = ["comment"]
    list_export = ["service", "score", "comment", "rated_on"]
    export_filename = "service-ratings"


class ServiceCategoryViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Request categories")
    list_display = ["name", "code", "group", "confidential", "active", "commune", "locale"]
    list_filter = ["commune", "locale", "active", "confidential"]
    search_fields = ["name", "code"]


class DepartmentViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    name = "participation_departments"
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "email", "commune"]
    list_filter = ["commune"]
    form_fields = ["commune", "name", "email"]


class RatingSummaryView(WagtailAdminTemplateMixin, TemplateView):
    """Average score, count and latest comments for each rated service."""

    template_name = "participation/admin/rating_summary.html"
    page_title = _("Ratings of services")
    header_icon = "pick"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = scope(ServiceRating.objects.all(), self.request.user, path_for_pages("service"))
        summary = (
            visible.values("service__translation_key")
            .annotate(count=Count("pk"), average=Avg("score"))
            .order_by("-count")
        )
        rows = []
        for entry in summary:
            ratings = visible.filter(service__translation_key=entry["service__translation_key"])
            latest = ratings.select_related("service").first()
            rows.append(
                {
                    "service": latest.service if latest else None,
                    "count": entry["count"],
                    "average": round(entry["average"], 2),
                    "comments": list(ratings.exclude(comment="").values_list("rated_on", "comment")[:5]),
                }
            )
        context["rows"] = rows
        return context


class ParticipationGroup(ModelViewSetGroup):
    items = (
        ServiceRequestViewSet,
        PetitionViewSet,
        InformationRequestViewSet,
        ServiceRatingViewSet,
        DepartmentViewSet,
    )
    menu_icon = "mail"
    menu_label = _("Participation")
    menu_name = "participation"

    def get_submenu_items(self):
        summary = MenuItem(
            _("Ratings summary"), reverse("participation_rating_summary"), icon_name="pick", order=10_000
        )
        return [*super().get_submenu_items(), summary]


@hooks.register("register_admin_viewset")
def register_participation_viewsets():
    return [ParticipationGroup(), ServiceCategoryViewSet()]


@hooks.register("register_admin_urls")
def register_rating_summary():
    return [
        path("participation/ratings-summary/", RatingSummaryView.as_view(), name="participation_rating_summary"),
        path(
            "participation/requests/<id:pk>/attachment/",
            request_attachment,
            name="participation_request_attachment",
        ),
    ]


class LateItemsPanel(Component):
    """The dashboard's count of items past their legal deadline."""

    name = "participation_late_items"
    order = 90
    template_name = "participation/admin/late_items_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {
            "late_requests": scope(ServiceRequest.objects.overdue(today), self.user).count(),
            "late_information": scope(InformationRequest.objects.all(), self.user)
            .exclude(
                status__in=[InformationStatus.GRANTED, InformationStatus.PARTIALLY_GRANTED, InformationStatus.REFUSED]
            )
            .filter(due_on__lt=today)
            .count(),
            "late_petitions": scope(Petition.objects.all(), self.user)
            .filter(status=PetitionStatus.FILED, review_due_on__lt=today)
            .count(),
            "requests_url": reverse("participation_requests:index") + "?overdue=true",
            "information_url": reverse("participation_information:index"),
            "petitions_url": reverse("participation_petitions:index") + f"?status={PetitionStatus.FILED}",
        }


@hooks.register("construct_homepage_panels")
def add_late_items_panel(request, panels):
    if request.user.has_perm("participation.view_servicerequest") or request.user.has_perm(
        "participation.change_servicerequest"
    ):
        panels.append(LateItemsPanel(request.user))
