"""The offices' view of subscriptions: counts per kind, the send log with bounces, pausing a list.

Everything is narrowed to the communes of the member of staff (``tenancy.scope``). Addresses
are shown only to those holding ``subscriptions.view_subscriber_addresses``; everyone else with
access sees counts and the log without any address.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from tenancy.scope import CommuneScopedViewSetMixin, communes_of

from .models import Delivery, DeliveryStatus, Dispatch, Kind, MailingList, Subscriber, Subscription

ADDRESSES_PERMISSION = "subscriptions.view_subscriber_addresses"


class ReadOnlyPolicy(ModelPermissionPolicy):
    """What the sending machinery writes: staff read it, nobody edits it by hand."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete", "copy"):
            return False
        return super().user_has_permission(user, action)


class AddressesPolicy(ReadOnlyPolicy):
    """Subscribers' addresses: only for the roles that hold the dedicated permission."""

    def user_has_permission(self, user, action):
        if not user.has_perm(ADDRESSES_PERMISSION):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


for _model in (Dispatch, Delivery):
    register_permission_policy(_model, ReadOnlyPolicy(_model))
register_permission_policy(Subscriber, AddressesPolicy(Subscriber))


class DispatchFilterSet(WagtailFilterSet):
    class Meta:
        model = Dispatch
        fields = ["kind", "commune", "emergency"]


class DispatchIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("commune")
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.SENT)),
                pending_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.PENDING)),
                failed_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.FAILED)),
                bounced_count=Count("deliveries", filter=Q(deliveries__status=DeliveryStatus.BOUNCED)),
            )
        )


class DeliveryIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("dispatch")


class DispatchViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    """Each message: what it was about, and how many were sent, waiting, failed or bounced."""

    name = "subscriptions_messages"
    model = Dispatch
    icon = "mail"
    menu_label = _("Messages")
    list_display = [
        "__str__",
        "kind",
        "commune",
        "created_at",
        Column("sent", label=_("Sent"), accessor="sent_count"),
        Column("pending", label=_("Waiting"), accessor="pending_count"),
        Column("failed", label=_("Failed"), accessor="failed_count"),
        Column("bounced", label=_("Bounced"), accessor="bounced_count"),
    ]
    filterset_class = DispatchFilterSet
    form_fields = ["kind"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["kind", "key", "commune", "page", "emergency", "digest", "created_at", "fanned_out_at"]
    copy_view_enabled = False
    index_view_class = DispatchIndexView


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=DeliveryStatus.choices)

    class Meta:
        model = Delivery
        fields = ["status", "dispatch__kind", "dispatch__commune"]


class DeliveryViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    """The send log: one row per message and subscriber, with attempts, errors and bounces; no address."""

    name = "subscriptions_log"
    model = Delivery
    commune_field = "dispatch__commune"
    icon = "list-ul"
    menu_label = _("Send log")
    list_display = ["dispatch", "language", "status", "attempts", "last_error", "sent_at", "bounced_at"]
    filterset_class = DeliveryFilterSet
    form_fields = ["status"]
    ordering = ["-created_at"]
    list_per_page = 100
    copy_view_enabled = False
    index_view_class = DeliveryIndexView


class SubscriberViewSet(CommuneScopedViewSetMixin, ModelViewSet):
    """Addresses, for the roles allowed to see them."""

    name = "subscriptions_subscribers"
    model = Subscriber
    icon = "user"
    menu_label = _("Addresses")
    list_display = ["email", "commune", "language", "frequency", "confirmed_at", "bounces"]
    list_filter = ["commune", "language", "frequency"]
    search_fields = ["email"]
    form_fields = ["language", "frequency"]
    ordering = ["-confirmed_at"]
    copy_view_enabled = False


def list_counts(user):
    """Per commune of ``user``, per kind: subscribers, how many by frequency, and whether the list is paused."""
    communes = list(communes_of(user).order_by("site_name"))
    counts = {}
    for row in (
        Subscription.objects.filter(subscriber__commune__in=communes)
        .values("subscriber__commune", "kind", "subscriber__frequency")
        .annotate(total=Count("pk"))
    ):
        key = (row["subscriber__commune"], row["kind"])
        counts.setdefault(key, {})[row["subscriber__frequency"]] = row["total"]
    paused = set(MailingList.objects.filter(commune__in=communes, paused=True).values_list("commune", "kind"))
    tables = []
    for site in communes:
        rows = []
        for kind, label in Kind.choices:
            by_frequency = counts.get((site.pk, kind), {})
            rows.append(
                {
                    "kind": kind,
                    "label": label,
                    "total": sum(by_frequency.values()),
                    "immediate": by_frequency.get("immediate", 0),
                    "daily": by_frequency.get("daily", 0),
                    "weekly": by_frequency.get("weekly", 0),
                    "paused": (site.pk, kind) in paused,
                }
            )
        tables.append({"commune": site, "rows": rows})
    return tables


class ListsView(WagtailAdminTemplateMixin, TemplateView):
    """Subscribers per kind and commune, without addresses; a button pauses or resumes each list."""

    template_name = "subscriptions/admin/lists.html"
    page_title = _("Subscription lists")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("subscriptions.view_mailinglist"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["tables"] = list_counts(self.request.user)
        context["can_pause"] = self.request.user.has_perm("subscriptions.change_mailinglist")
        context["can_see_addresses"] = self.request.user.has_perm(ADDRESSES_PERMISSION)
        return context


@require_POST
def toggle_pause(request, commune_id, kind):
    """Pause or resume the list of ``kind`` in a commune of the user."""
    if not request.user.has_perm("subscriptions.change_mailinglist") or kind not in Kind.values:
        raise PermissionDenied
    site = communes_of(request.user).filter(pk=commune_id).first()
    if site is None:
        raise PermissionDenied
    mailing_list, _created = MailingList.objects.get_or_create(commune=site, kind=kind)
    mailing_list.paused = not mailing_list.paused
    mailing_list.paused_at = timezone.now() if mailing_list.paused else None
    mailing_list.save()
    if mailing_list.paused:
        messages.success(request, _("The list is paused: nothing of this kind is sent until you resume it."))
    else:
        messages.success(request, _("The list is resumed."))
    return redirect("subscriptions_lists")


class SubscriptionsGroup(ModelViewSetGroup):
    items = (DispatchViewSet, DeliveryViewSet, SubscriberViewSet)
    menu_icon = "mail"
    menu_label = _("Subscriptions")
    menu_name = "subscriptions"

    def get_submenu_items(self):
        lists = MenuItem(_("Subscription lists"), reverse("subscriptions_lists"), icon_name="group", order=0)
        return [lists, *super().get_submenu_items()]


@hooks.register("register_admin_viewset")
def register_subscriptions_viewsets():
    return SubscriptionsGroup()


@hooks.register("register_admin_urls")
def register_subscriptions_urls():
    return [
        path("subscriptions/lists/", ListsView.as_view(), name="subscriptions_lists"),
        path("subscriptions/lists/<int:commune_id>/<str:kind>/pause/", toggle_pause, name="subscriptions_pause"),
    ]
