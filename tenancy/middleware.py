"""The commune rule at the admin's door: an admin URL naming another commune's page, site, settings,
redirect or record answers 404 before the view runs, whatever view serves it (Wagtail's own, a
viewset's, a third-party app's)."""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import GroupPagePermission, Page, Site
from wagtail.permissions import policy_registry

from .scope import commune_page_prefixes, communes_of, path_of, pk_in_scope, scope

#: URL keyword arguments that name a page, in Wagtail's page views, choosers, workflows and translations.
PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk", "destination_id")
#: Admin routes whose ``pk`` is a page, or a site (site settings are addressed by their site).
PAGE_ROUTES = ("admin/pages/", "admin/api/main/^pages/")
SITE_ROUTES = ("admin/sites/", "admin/settings/")


def page_prefixes(user):
    """Tree paths ``user`` may see: their communes' trees and the subtrees of their page permissions.

    Read once per user object (once per admin request), like the user's communes."""
    granted = getattr(user, "_tenancy_granted_prefixes", None)
    if granted is None:
        granted = list(GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True))
        user._tenancy_granted_prefixes = granted
    return [*commune_page_prefixes(user), *granted]


def pages_allowed(user, page_ids):
    """Whether every page of ``page_ids`` that exists is in ``user``'s trees (the tree's root is above them)."""
    try:
        ids = {int(page_id) for page_id in page_ids}
    except (TypeError, ValueError):
        return False
    if not ids:
        return True
    prefixes = page_prefixes(user)
    for path, depth in Page.objects.filter(pk__in=ids).values_list("path", "depth"):
        if depth > 1 and not any(path.startswith(prefix) for prefix in prefixes):
            return False
    return True


def page_allowed(user, page_id):
    return pages_allowed(user, [page_id])


def view_model(view_func):
    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    model = initkwargs.get("model")
    if model is None:
        model = getattr(getattr(view_func, "view_class", None), "model", None)
    return model if isinstance(model, type) else None


def record_allowed(user, model, pk):
    return pk_in_scope(model, pk, user)


class CommuneAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The route first: reading ``request.user`` touches the session, and a public page whose
        # session was touched can no longer be shared from the page cache.
        match = request.resolver_match
        route = match.route if match else ""
        if not route.startswith("admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        named_pages = [view_kwargs[name] for name in PAGE_KWARGS if name in view_kwargs]
        if named_pages and not pages_allowed(user, named_pages):
            raise PermissionDenied
        named = named_model(view_kwargs)
        if route.startswith("admin/bulk/") and named is not None:
            self.check_bulk(request, user, named)
        pk = view_kwargs.get("pk")
        if pk is None:
            pk = view_kwargs.get("object_id")
        if "redirect_id" in view_kwargs and not record_allowed(user, Redirect, view_kwargs["redirect_id"]):
            raise PermissionDenied
        if "query_id" in view_kwargs and route.startswith("admin/searchpicks/"):
            from .reports import promotions_allowed

            if not promotions_allowed(user).filter(pk=_int(view_kwargs["query_id"])).exists():
                raise PermissionDenied
        if pk is None:
            if route.startswith("admin/settings/") and named is not None and issubclass(named, BaseSiteSetting):
                # Wagtail opens the settings of the site the admin is served on: open the user's own.
                own = communes_of(user).order_by("pk").first()
                if own is not None:
                    return redirect("wagtailsettings:edit", named._meta.app_label, named._meta.model_name, own.pk)
            return None
        if route.startswith(PAGE_ROUTES):
            if not page_allowed(user, pk):
                raise PermissionDenied
        elif route.startswith(SITE_ROUTES):
            if not pk_in_scope(Site, _int(pk), user, "pk"):
                raise PermissionDenied
        else:
            model = view_model(view_func) or named
            if model is not None and issubclass(model, Page):
                if not page_allowed(user, pk):
                    raise PermissionDenied
            elif model is not None and not record_allowed(user, model, pk):
                raise PermissionDenied
        return None

    def check_bulk(self, request, user, model):
        """A bulk action names its objects in the query: each must be of the user's communes.

        "Every object in the listing" (``id=all``) is let through: the bulk action views
        (``tenancy.bulk``) act only on the objects of the user's communes."""
        ids = [pk for pk in request.GET.getlist("id") if pk != "all"]
        parent = request.GET.get("childOf")
        if parent and not page_allowed(user, parent):
            raise PermissionDenied
        if not ids:
            return
        if issubclass(model, Page):
            if not pages_allowed(user, ids):
                raise PermissionDenied
            return
        path = path_of(model)
        if path is None:
            policy = policy_registry.get_by_type(model)
            finder = getattr(policy, "instances_user_has_any_permission_for", None)
            if finder is not None:
                allowed = finder(user, ["change", "delete", "choose"])
                if allowed.filter(pk__in=[_int(pk) for pk in ids]).count() != len(set(ids)):
                    raise PermissionDenied
            return
        try:
            found = scope(model._default_manager.filter(pk__in=[unquote(pk) for pk in ids]), user, path).count()
        except (TypeError, ValueError, ValidationError):
            found = -1
        if found != len(set(ids)):
            raise PermissionDenied


def named_model(view_kwargs):
    """The model an admin URL names by ``app_label``/``model_name`` (bulk actions, editing sessions)."""
    app_label = view_kwargs.get("app_label") or view_kwargs.get("app_name")
    model_name = view_kwargs.get("model_name")
    if not (app_label and model_name):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
