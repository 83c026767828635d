"""Keep each commune's editors inside their own commune in the admin's choosers."""

from django.db.models import Q
from wagtail import hooks
from wagtail.models import GroupPagePermission, Page

HOME_DEPTH = 2


def commune_path_prefixes(user):
    """Tree paths of the communes (in every locale) where ``user`` holds a page permission."""
    paths = GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    prefix_length = Page.steplen * HOME_DEPTH
    return {path[:prefix_length] for path in paths if len(path) >= prefix_length}


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_own_commune(pages, request):
    user = request.user
    if user.is_superuser:
        return pages
    prefixes = commune_path_prefixes(user)
    if not prefixes:
        return pages.none()
    condition = Q()
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    return pages.filter(condition)
