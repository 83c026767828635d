"""The registers in the admin: one menu, a viewset per register, with filters, search and each entry's
publication status (registers have drafts, revisions and the commune's moderation workflow).

People, organisations and facilities are searched through the search index over their indexed fields
(naming fields here would ask the SQLite index for columns it does not have)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from tenancy.scope import CommuneScopedViewSetMixin

from .models import Facility, Membership, MembershipRole, Organization, Person


class MembershipFilterSet(WagtailFilterSet):
    role = django_filters.ChoiceFilter(label=_("role"), choices=MembershipRole.choices)
    current = django_filters.BooleanFilter(label=_("in office"), field_name="end_date", lookup_expr="isnull")

    class Meta:
        model = Membership
        fields = ["organization", "role", "locale"]


class PersonViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = ["name", "party", "commune", "locale", LiveStatusTagColumn()]
    list_filter = ["commune", "locale"]
    ordering = ["name"]


class OrganizationViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = Organization
    icon = "group"
    menu_label = _("Organizations")
    list_display = ["name", "kind", "parent", "commune", "locale", LiveStatusTagColumn()]
    list_filter = ["kind", "commune", "chaired_by_opposition", "locale"]
    ordering = ["kind", "name"]


class MembershipViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = Membership
    commune_field = "organization__commune"
    icon = "link"
    menu_label = _("Memberships")
    list_display = ["person", "role", "organization", "start_date", "end_date", LiveStatusTagColumn()]
    filterset_class = MembershipFilterSet
    search_fields = ["label"]
    ordering = ["organization", "rank"]


class FacilityViewSet(CommuneScopedViewSetMixin, SnippetViewSet):
    model = Facility
    icon = "home"
    menu_label = _("Facilities")
    list_display = ["name", "kind", "address", "phone", "commune", "locale", LiveStatusTagColumn()]
    list_filter = ["kind", "commune", "locale"]
    ordering = ["kind", "name"]


class RegistersGroup(SnippetViewSetGroup):
    items = (PersonViewSet, OrganizationViewSet, MembershipViewSet, FacilityViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Registers")
    menu_name = "registers"


register_snippet(RegistersGroup)
