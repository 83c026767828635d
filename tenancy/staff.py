"""Wagtail's users and groups admin under the commune rule: a member of staff sees and edits only the
groups of their communes and the users in them, and can give only those groups; otherwise holding the
user permissions would let them join another commune's offices."""

from wagtail.users.views.groups import GroupViewSet
from wagtail.users.views.users import UserViewSet

from .scope import CommuneScopedViewSetMixin


class ScopedUserViewSet(CommuneScopedViewSetMixin, UserViewSet):
    commune_field = "groups__commune_links__site"


class ScopedGroupViewSet(CommuneScopedViewSetMixin, GroupViewSet):
    commune_field = "commune_links__site"
