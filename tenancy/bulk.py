"""Wagtail's bulk actions under the commune rule.

A bulk action acts on the objects it is given, or on "every object in the listing" (``id=all``), which
Wagtail reads from the whole table. Served in place of Wagtail's dispatcher (``tenancy.admin_urls``),
every bulk action acts only on the objects of the user's communes, and its form offers only their
choices (a group to give, a collection to move to).
"""

import functools

from django.apps import apps
from django.http import Http404
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .scope import limit_form, path_of, scope


def within_communes(model, object_ids, user):
    """The ids of ``object_ids`` (a list or a queryset of ids) that ``user`` may act on."""
    objects = model._default_manager.filter(pk__in=object_ids)
    if issubclass(model, Page):
        from .wagtail_hooks import _tree_filter

        return _tree_filter(objects, user).values_list("pk", flat=True)
    path = path_of(model)
    if path is not None:
        return scope(objects, user, path).values_list("pk", flat=True)
    finder = getattr(policy_registry.get_by_type(model), "instances_user_has_any_permission_for", None)
    if finder is not None:
        return objects.filter(pk__in=finder(user, ["change", "delete", "choose"]).values("pk")).values_list(
            "pk", flat=True
        )
    return objects.values_list("pk", flat=True)


class CommuneBulkActionMixin:
    """Mixed into every bulk action: only the objects of the user's communes, and their choices."""

    def get_queryset(self, model, object_ids):
        user = self.request.user
        if not user.is_superuser:
            object_ids = list(within_communes(model, list(object_ids), user))
        return super().get_queryset(model, object_ids)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        return limit_form(form, self.request.user)


@functools.cache
def commune_bulk_action(action_class):
    """``action_class`` acting only within the user's communes."""
    return type(
        f"Commune{action_class.__name__}",
        (CommuneBulkActionMixin, action_class),
        {"__module__": action_class.__module__},
    )


def index(request, app_label, model_name, action):
    """Wagtail's bulk action dispatcher, with each action under the commune rule."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404
    return commune_bulk_action(action_class)(request, model).dispatch(request)
