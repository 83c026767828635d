"""The portal's menus, built from the commune's page tree rather than from editors' ticks.

Every section a commune has (the index pages, the council, the directory, the citizen hub) is in
the main menu, grouped the way a citizen looks for it; free pages join the menu when they are
marked "show in menus" (the default for new ones) and otherwise go to the footer with the legal
notice. The footer also links the accessibility statement, the personal-data notice, the
commune's contacts and the API documentation, which the platform writes for every commune.
"""

from typing import NamedTuple

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from caching import fragments

from .prefetch import public_pages

#: The main menu's groups, in order: (key, label, page types by ``app_label.ModelName``).
#: A page type no group names falls into the first group.
MENU_GROUPS = (
    (
        "commune",
        _("The commune"),
        ("pages.StandardPage", "pages.CouncilPage", "pages.DirectoryPage"),
    ),
    (
        "transparency",
        _("Projects and transparency"),
        (
            "pages.ProjectIndexPage",
            "pages.LegalTextIndexPage",
            "pages.TenderIndexPage",
            "pages.ReportIndexPage",
            "pages.PartnershipIndexPage",
        ),
    ),
    ("services", _("Services and participation"), ("pages.ServiceIndexPage", "pages.ParticipationPage")),
    ("news", _("News and events"), ("pages.NewsIndexPage", "pages.EventIndexPage")),
)

#: Free pages that are in the menu only when an editor leaves "show in menus" ticked.
OPTIONAL_MENU_TYPES = frozenset({"pages.StandardPage"})
HUB_TYPE = "pages.ParticipationPage"


class MenuLink(NamedTuple):
    """One link of a menu; ``current`` when the page shown is that page or below it."""

    title: str
    url: str
    current: bool
    page: object = None


class MenuGroup(NamedTuple):
    """A labelled group of the main menu."""

    key: str
    label: str
    links: list
    current: bool


class CommuneMenus(NamedTuple):
    """What the page frame needs: the main menu's groups, the citizen hub, the footer's links."""

    groups: list
    hub: MenuLink | None
    footer: list


def _type_label(page):
    model = page.specific_class
    return f"{model._meta.app_label}.{model.__name__}" if model else ""


def _group_of(type_label):
    for key, _label, types in MENU_GROUPS:
        if type_label in types:
            return key
    return MENU_GROUPS[0][0]


def _platform_link(name, title, language, current_path):
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    if language and not url.startswith(f"/{language}/"):
        return None
    return MenuLink(str(title), url, current_path == url)


class _Child(NamedTuple):
    """A live, public child of the home as the menus need it."""

    title: str
    url: str
    path: str
    type_label: str
    show_in_menus: bool
    page: object


def _children(home, request):
    """The home's children that menus may show, in one query."""
    children = public_pages(home.get_children().live()).select_related("content_type")
    found = []
    for child in children:
        url = child.get_url(request)
        if url:
            found.append(_Child(child.title, url, child.path, _type_label(child), child.show_in_menus, child))
    return found


def commune_menus(home, page=None, request=None, current_path=""):
    """The menus of ``home``'s commune in ``home``'s language, in one query.

    ``page`` (or ``current_path`` for views that are not pages) marks the current entries.
    """
    if home is None:
        return CommuneMenus([], None, [])
    return _menus(home, _children(home, request), page, current_path)


def shared_commune_menus(home, page=None, request=None, current_path=""):
    """:func:`commune_menus`, the home's children kept per process under the commune's counter."""
    from wagtail.models import Site

    if home is None:
        return CommuneMenus([], None, [])
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return commune_menus(home, page, request, current_path)
    children = fragments.remember(request, ("menus", home.pk), lambda: _children(home, request), site.pk)
    return _menus(home, children, page, current_path)


def _menus(home, children, page, current_path):
    tree_path = getattr(page, "path", "") or ""
    grouped = {key: [] for key, _label, _types in MENU_GROUPS}
    footer = []
    hub = None
    for child in children:
        type_label, url = child.type_label, child.url
        current = bool(tree_path and tree_path.startswith(child.path)) or (bool(current_path) and current_path == url)
        link = MenuLink(child.title, url, current, child.page)
        if type_label == HUB_TYPE and hub is None:
            hub = link
        if type_label in OPTIONAL_MENU_TYPES and not child.show_in_menus:
            footer.append(link)
            continue
        grouped[_group_of(type_label)].append(link)
    groups = [
        MenuGroup(key, str(label), grouped[key], any(link.current for link in grouped[key]))
        for key, label, _types in MENU_GROUPS
        if grouped[key]
    ]
    language = home.locale.language_code if getattr(home, "locale_id", None) else ""
    for name, title in (
        ("portal_accessibility", _("Accessibility")),
        ("portal_personal_data", _("Personal data")),
        ("subscriptions:subscribe", _("Follow the commune by e-mail")),
    ):
        link = _platform_link(name, title, language, current_path)
        if link is not None:
            footer.append(link)
    footer.append(MenuLink(str(_("Contact")), "#footer-contact", False))
    footer.append(MenuLink(str(_("API for developers")), "/api/docs", False))
    return CommuneMenus(groups, hub, footer)
