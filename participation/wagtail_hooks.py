"""The participation back office: inbox, petitions, information requests, ratings, calendar and keys."""

import django_filters
from django.db.models import Avg, Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import InformationRequestAdminForm, PetitionAdminForm, ServiceRequestAdminForm
from .enums import InformationStatus, PetitionStatus, RequestStatus
from .models import (
    Department,
    InformationRequest,
    Open311ApiKey,
    Petition,
    PublicHoliday,
    ServiceCategory,
    ServiceRating,
    ServiceRequest,
)
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


class ServiceRequestFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=RequestStatus.choices)
    overdue = OverdueFilter(label=_("late"))

    class Meta:
        model = ServiceRequest
        fields = ["status", "kind", "category", "department", "source", "commune"]


class ServiceRequestViewSet(ModelViewSet):
    name = "participation_requests"
    model = ServiceRequest
    icon = "mail"
    menu_label = _("Complaints and requests")
    list_display = [
        "tracking_code",
        "category",
        "kind",
        "status",
        "department",
        "received_at",
        "answer_due_on",
        BooleanColumn("is_late", label=_("late")),
    ]
    list_per_page = 50
    filterset_class = ServiceRequestFilterSet
    search_fields = ["tracking_code", "description", "address"]
    ordering = ["-received_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = [
        "tracking_code",
        "kind",
        "category",
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
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=PetitionStatus.choices)

    class Meta:
        model = Petition
        fields = ["status", "filer_kind", "commune"]


class PetitionViewSet(ModelViewSet):
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
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=InformationStatus.choices)

    class Meta:
        model = InformationRequest
        fields = ["status", "urgent", "commune"]


class InformationRequestViewSet(ModelViewSet):
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


class ServiceRatingViewSet(ModelViewSet):
    name = "participation_ratings"
    model = ServiceRating
    icon = "pick"
    menu_label = _("Service ratings")
    list_display = ["service", "score", "comment", "rated_on"]
    list_filter = ["score", "rated_on"]
    search_fields = ["comment"]
    copy_view_enabled = False
    form_fields = ["comment"]
    list_export = ["service", "score", "comment", "rated_on"]
    export_filename = "service-ratings"


class ServiceCategoryViewSet(SnippetViewSet):
    model = ServiceCategory
    icon = "tag"
    menu_label = _("Request categories")
    list_display = ["name", "code", "group", "confidential", "active", "commune", "locale"]
    list_filter = ["commune", "locale", "active", "confidential"]
    search_fields = ["name", "code"]


class DepartmentViewSet(ModelViewSet):
    name = "participation_departments"
    model = Department
    icon = "group"
    menu_label = _("Departments")
    list_display = ["name", "email", "commune"]
    list_filter = ["commune"]
    form_fields = ["commune", "name", "email"]


class PublicHolidayViewSet(ModelViewSet):
    name = "participation_holidays"
    model = PublicHoliday
    icon = "date"
    menu_label = _("Public holidays")
    list_display = ["name", "date", "recurs_yearly", "commune"]
    list_filter = ["recurs_yearly", "commune"]
    form_fields = ["name", "date", "recurs_yearly", "commune"]
    ordering = ["date"]


class ApiKeyCreateView(CreateView):
    """Shows the new key once, in the success message; only its hash is kept."""

    def save_instance(self):
        instance = self.form.save(commit=False)
        self.raw_key = instance.set_new_key()
        instance.save()
        return instance

    def get_success_message(self, instance):
        return _("Key created for %(name)s. Copy it now, it will not be shown again: %(key)s") % {
            "name": instance.name,
            "key": self.raw_key,
        }


class Open311ApiKeyViewSet(ModelViewSet):
    name = "participation_keys"
    model = Open311ApiKey
    icon = "key"
    menu_label = _("Open311 API keys")
    list_display = ["name", "prefix", "commune", "active", "created_at", "last_used_at"]
    form_fields = ["commune", "name", "active"]
    add_view_class = ApiKeyCreateView
    copy_view_enabled = False


class RatingSummaryView(WagtailAdminTemplateMixin, TemplateView):
    """Average score, count and latest comments for each rated service."""

    template_name = "participation/admin/rating_summary.html"
    page_title = _("Ratings of services")
    header_icon = "pick"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary = (
            ServiceRating.objects.values("service__translation_key")
            .annotate(count=Count("pk"), average=Avg("score"))
            .order_by("-count")
        )
        rows = []
        for entry in summary:
            ratings = ServiceRating.objects.filter(service__translation_key=entry["service__translation_key"])
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
        PublicHolidayViewSet,
        Open311ApiKeyViewSet,
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
    return [path("participation/ratings-summary/", RatingSummaryView.as_view(), name="participation_rating_summary")]


class LateItemsPanel(Component):
    """The dashboard's count of items past their legal deadline."""

    name = "participation_late_items"
    order = 90
    template_name = "participation/admin/late_items_panel.html"

    def get_context_data(self, parent_context=None):
        today = timezone.localdate()
        return {
            "late_requests": ServiceRequest.objects.overdue(today).count(),
            "late_information": InformationRequest.objects.exclude(
                status__in=[InformationStatus.GRANTED, InformationStatus.PARTIALLY_GRANTED, InformationStatus.REFUSED]
            )
            .filter(due_on__lt=today)
            .count(),
            "late_petitions": Petition.objects.filter(status=PetitionStatus.FILED, review_due_on__lt=today).count(),
            "requests_url": reverse("participation_requests:index") + "?overdue=true",
            "information_url": reverse("participation_information:index"),
            "petitions_url": reverse("participation_petitions:index") + f"?status={PetitionStatus.FILED}",
        }


@hooks.register("construct_homepage_panels")
def add_late_items_panel(request, panels):
    if request.user.has_perm("participation.view_servicerequest") or request.user.has_perm(
        "participation.change_servicerequest"
    ):
        panels.append(LateItemsPanel())
