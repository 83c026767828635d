"""The registers in the admin: one menu, a viewset per register, with filters and search."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Facility, Membership, MembershipRole, Organization, Person


class MembershipFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("role"), choices=MembershipRole.choices)
    current = django_filters.BooleanFilter(label=_("in office"), field_name="end_date", lookup_expr="isnull")

    class Meta:
        model = Membership
        fields = ["organization", "role", "locale"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "party", "commune", "locale"]
    list_filter = ["commune", "locale"]
    search_fields = ["name", "party"]
    ordering = ["name"]


class OrganizationViewSet(SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "kind", "parent", "commune", "locale"]
    list_filter = ["kind", "commune", "chaired_by_opposition", "locale"]
    search_fields = ["name"]
    ordering = ["kind", "name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "link"
    menu_label = _("Memberships")
    list_display = ["person", "role", "organization", "start_date", "end_date"]
    filterset_class = MembershipFilterSet
    search_fields = ["label"]
    ordering = ["organization", "rank"]


class FacilityViewSet(SnippetViewSet):
    model = Facility
    icon = "home"
    menu_label = _("Facilities")
    list_display = ["name", "kind", "address", "phone", "commune", "locale"]
    list_filter = ["kind", "commune", "locale"]
    search_fields = ["name", "address"]
    ordering = ["kind", "name"]


class RegistersGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganizationViewSet, MembershipViewSet, FacilityViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Registers")
    menu_name = "registers"


register_snippet(RegistersGroup)
