"""The one rule: a member of staff sees and changes only what belongs to the communes they work for.

A commune is a Wagtail ``Site``. A user works for the communes of their groups (``CommuneGroup``);
a superuser works for every commune; an anonymous or inactive user for none. Every admin surface
filters its objects with :func:`scope`, and every viewset of a commune's records mixes in
:class:`CommuneScopedViewSetMixin`, which applies the rule to every view the viewset builds.

Public API: :func:`communes_of`, :func:`scope`, :func:`path_for_pages`, :func:`in_scope`,
:func:`pk_in_scope`, :func:`register`, :func:`limit_form`, :class:`CommuneScopedViewSetMixin`.
"""

import functools
import operator

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.functional import cached_property
from wagtail.models import Page, Site

__all__ = [
    "CommuneScopedViewSetMixin",
    "PageTree",
    "commune_page_prefixes",
    "communes_of",
    "in_scope",
    "limit_form",
    "path_for_pages",
    "path_of",
    "pk_in_scope",
    "register",
    "scope",
]


class PageTree:
    """A path to a page (``""`` for the page itself, else the name of a page foreign key): objects are
    scoped by where that page sits in the tree, below the home pages of the user's communes."""

    def __init__(self, field=""):
        self.field = field

    def lookup(self):
        return f"{self.field}__path__startswith" if self.field else "path__startswith"

    def __repr__(self):
        return f"path_for_pages({self.field!r})"


def path_for_pages(field=""):
    """The scope path of pages (``field=""``) or of objects tied to a page by ``field``."""
    return PageTree(field)


#: model -> scope path: filled by the viewsets that mix in the rule and by ``tenancy.apps``.
_REGISTRY = {}


def register(model, path="commune"):
    """Declare how ``model`` reaches its commune, so that forms and bulk actions scope it too."""
    _REGISTRY[model] = path
    return model


def path_of(model):
    """The scope path of ``model``, or ``None`` if it does not belong to a commune."""
    if model is Site:
        return "pk"
    for candidate in model.__mro__:
        if candidate in _REGISTRY:
            return _REGISTRY[candidate]
    if isinstance(model, type) and issubclass(model, Page):
        return PageTree()
    return None


def _is_staff(user):
    return user is not None and user.is_authenticated and user.is_active


def communes_of(user):
    """The communes (``Site`` queryset) ``user`` works for: every site for a superuser, none for an
    anonymous or inactive user, else the sites of the user's groups."""
    if not _is_staff(user):
        return Site.objects.none()
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(staff_groups__group__user=user).distinct()


def commune_page_prefixes(user):
    """Tree paths of the home pages (in every language) of the communes ``user`` works for."""
    if not _is_staff(user):
        return []
    cached = getattr(user, "_tenancy_page_prefixes", None)
    if cached is not None:
        return cached
    keys = communes_of(user).values_list("root_page__translation_key", flat=True)
    prefixes = sorted(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))
    user._tenancy_page_prefixes = prefixes
    return prefixes


def scope(queryset, user, path="commune"):
    """``queryset`` limited to the objects of the communes ``user`` works for.

    ``path`` leads from the model to its commune (``"commune"``, ``"petition__commune"``, ``"site"``,
    ``"pk"`` for sites themselves) or is a :func:`path_for_pages` for pages and objects tied to pages.
    Objects without a commune (shared by all) are left to superusers.
    """
    if isinstance(queryset, type) and issubclass(queryset, Model):
        queryset = queryset._default_manager.all()
    if not _is_staff(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    if isinstance(path, PageTree):
        prefixes = commune_page_prefixes(user)
        if not prefixes:
            return queryset.none()
        lookup = path.lookup()
        return queryset.filter(functools.reduce(operator.or_, (Q(**{lookup: prefix}) for prefix in prefixes)))
    if path in ("pk", "", None):
        return queryset.filter(pk__in=communes_of(user).values("pk"))
    matching = {f"{path}__in": communes_of(user).values("pk")}
    if _crosses_many(queryset.model, path):
        # One row per object, even when it reaches several of the user's communes (a user in two groups).
        return queryset.filter(pk__in=queryset.model._default_manager.filter(**matching).values("pk"))
    return queryset.filter(**matching)


def _crosses_many(model, path):
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if field.many_to_many or field.one_to_many:
            return True
        model = field.related_model
        if model is None:
            return False
    return False


def in_scope(obj, user, path=None):
    """Whether the saved object ``obj`` belongs to one of the communes ``user`` works for."""
    return pk_in_scope(type(obj), obj.pk, user, path)


def pk_in_scope(model, pk, user, path=None):
    """Whether the object ``pk`` of ``model`` belongs to one of the communes ``user`` works for.

    ``pk`` is as it came in a URL (quoted by the admin). The answer is kept on the user object, so that
    the admin's door (``tenancy.middleware``) and the view behind it ask the database once.
    """
    if path is None:
        path = path_of(model)
    if path is None:
        return True
    if user is not None and user.is_superuser and user.is_active:
        return True
    key = (model, path.lookup() if isinstance(path, PageTree) else path, str(pk))
    answers = getattr(user, "_tenancy_answers", None)
    if answers is None:
        answers = {}
        if user is not None:
            user._tenancy_answers = answers
    if key not in answers:
        try:
            answers[key] = scope(model._default_manager.filter(pk=unquote(str(pk))), user, path).exists()
        except (ValueError, TypeError, ValidationError):
            answers[key] = False
    return answers[key]


def _scoped_choices(queryset, user):
    model = queryset.model
    path = path_of(model)
    if path is None:
        return None
    if model is Site:
        return queryset.filter(pk__in=communes_of(user).values("pk"))
    return scope(queryset, user, path)


def limit_form(form, user, commune_field=None):
    """Offer in ``form`` only the communes of ``user`` and the objects of those communes.

    Every model choice (commune, department, category, organisation, page...) is limited, so that a
    posted id of another commune's object is refused by the field's own validation. When the user
    works for one commune only, the commune field is preset to it.
    """
    if user is None or user.is_superuser:
        return form
    for name, field in form.fields.items():
        if not isinstance(field, forms.ModelChoiceField) or not isinstance(field.queryset, QuerySet):
            continue
        limited = _scoped_choices(field.queryset, user)
        if limited is None:
            continue
        field.queryset = limited
        if field.queryset.model is Site:
            if name == commune_field:
                # Records without a commune (shared by all) are the superusers'.
                field.required = True
                field.empty_label = None
                field.help_text = ""
            communes = list(limited[:2])
            if len(communes) == 1 and name == commune_field and not form.initial.get(name):
                form.initial[name] = communes[0].pk
    return form


class _ScopedViewMixin:
    """Mixed into every view a commune-scoped viewset builds (see :meth:`scoped_view_class`)."""

    commune_field = "commune"

    def _scope(self, queryset):
        return scope(queryset, self.request.user, self.commune_scope_path())

    def commune_scope_path(self):
        return self.commune_field

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        model = getattr(self, "model", None) or getattr(self, "model_class", None)
        if (
            pk is not None
            and model is not None
            and not request.user.is_superuser
            and not pk_in_scope(model, pk, request.user, self.commune_scope_path())
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _scope_if_own(self, queryset):
        model = getattr(self, "model", None) or getattr(self, "model_class", None)
        if isinstance(queryset, QuerySet) and model is not None and issubclass(queryset.model, model):
            return self._scope(queryset)
        return queryset


def _get_base_queryset(self):
    return self._scope_if_own(super(self._scoped_base, self).get_base_queryset())


def _get_object_list(self, *args, **kwargs):
    return self._scope_if_own(super(self._scoped_base, self).get_object_list(*args, **kwargs))


def _get_form(self, *args, **kwargs):
    form = super(self._scoped_base, self).get_form(*args, **kwargs)
    return limit_form(form, self.request.user, self.commune_field)


def _filters(self):
    filterset = super(self._scoped_base, self).filters
    if filterset is not None:
        limit_form(filterset.form, self.request.user)
    return filterset


#: The hooks a scoped view overrides when the view has them.
_VIEW_HOOKS = {
    "get_base_queryset": _get_base_queryset,
    "get_object_list": _get_object_list,
    "get_form": _get_form,
    "filters": _filters,
}


@functools.cache
def scoped_view_class(view_class, commune_field):
    """A subclass of ``view_class`` that applies the rule, through the hooks the view has."""
    attrs = {"commune_field": commune_field, "__module__": view_class.__module__}
    for name, function in _VIEW_HOOKS.items():
        if hasattr(view_class, name):
            attrs[name] = cached_property(function) if name == "filters" else function
    scoped = type(f"Scoped{view_class.__name__}", (_ScopedViewMixin, view_class), attrs)
    scoped._scoped_base = scoped
    return scoped


class CommuneScopedViewSetMixin:
    """For ``ModelViewSet`` and ``SnippetViewSet`` of a commune's records.

    Every view the viewset builds (index and its exports, inspect, edit, delete, history, usage,
    revisions, locking, workflow, preview, the chooser) reads the scoped queryset; an object of
    another commune is a 404. Create and edit forms offer only the user's communes (preset when
    there is one) and their objects; filter choices too. ``commune_field`` is the scope path.
    """

    commune_field = "commune"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        register(self.model, self.commune_field)

    def construct_view(self, view_class, **kwargs):
        return super().construct_view(scoped_view_class(view_class, self.commune_field), **kwargs)

    @property
    def chooser_viewset(self):
        viewset = super().chooser_viewset
        viewset.construct_view = functools.partial(_construct_scoped, viewset, self.commune_field)
        return viewset


def _construct_scoped(viewset, commune_field, view_class, **kwargs):
    return type(viewset).construct_view(viewset, scoped_view_class(view_class, commune_field), **kwargs)
