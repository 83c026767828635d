"""``wagtail.users`` with the commune rule on its users and groups viewsets (``tenancy.staff``)."""

from wagtail.users.apps import WagtailUsersAppConfig


class CommuneUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "tenancy.staff.ScopedUserViewSet"
    group_viewset = "tenancy.staff.ScopedGroupViewSet"
