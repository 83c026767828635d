"""The commune rule in Wagtail's own admin: the communes' staff groups, pages, reports and dashboard."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import policy_registry, register_permission_policy

from .models import CommuneGroup
from .scope import communes_of


class SuperusersOnlyPolicy(ModelPermissionPolicy):
    """Who works for which commune is decided by superusers alone, whatever model permissions others hold."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser


register_permission_policy(CommuneGroup, SuperusersOnlyPolicy(CommuneGroup))


class CommuneGroupViewSet(ModelViewSet):
    model = CommuneGroup
    name = "commune_groups"
    icon = "group"
    menu_label = _("Communes' staff groups")
    add_to_settings_menu = True
    form_fields = ["group", "site"]
    list_display = ["group", "site"]
    list_filter = ["site"]
    search_fields = ["group__name"]
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return SuperusersOnlyPolicy(CommuneGroup)


@hooks.register("register_admin_viewset")
def register_commune_groups():
    return CommuneGroupViewSet()


def _tree_filter(pages, user):
    """``pages`` limited to the trees of ``user``'s communes and of their page permissions."""
    from .middleware import page_prefixes

    if user.is_superuser:
        return pages
    prefixes = page_prefixes(user)
    if not prefixes:
        return pages.none()
    condition = Q(depth=1)
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    return pages.filter(condition)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_own_communes(parent_page, pages, request):
    return _tree_filter(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def chooser_offers_own_communes(pages, request):
    return _tree_filter(pages, request.user)


class CommunePagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count: the pages of the user's communes, not of the whole deployment."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        user = self.request.user
        if not user.is_superuser:
            context["total_pages"] = _tree_filter(Page.objects.exclude(depth=1), user).count()
            communes = list(communes_of(user)[:2])
            if len(communes) == 1:
                context["root_page"] = communes[0].root_page
                context["site_name"] = communes[0].site_name
        return context


@hooks.register("construct_homepage_summary_items", order=1000)
def count_own_communes(request, summary_items):
    for index, item in enumerate(summary_items):
        if type(item) is PagesSummaryItem:
            summary_items[index] = CommunePagesSummaryItem(request)


class _ScopedMediaEndpoint:
    """The admin API's images and documents: only those of the collections the user works in."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        policy = policy_registry.get_by_type(queryset.model)
        allowed = policy.instances_user_has_any_permission_for(user, ["choose", "change"])
        return queryset.filter(pk__in=allowed.values("pk"))


@hooks.register("construct_admin_api", order=100)
def scope_admin_api_media(router):
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint(
        "images", type("CommuneImagesAdminAPIViewSet", (_ScopedMediaEndpoint, ImagesAdminAPIViewSet), {})
    )
    router.register_endpoint(
        "documents", type("CommuneDocumentsAdminAPIViewSet", (_ScopedMediaEndpoint, DocumentsAdminAPIViewSet), {})
    )
