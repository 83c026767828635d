"""Setting up a commune on a shared deployment: its site, its tree, its editors and their workflow.

One deployment serves several communes. Each is a Wagtail ``Site`` whose root is the commune's
Arabic home page; the French and Amazigh home pages are its translations. Editors are grouped per
commune and per section, so that an editor of one commune never sees another's pages and an editor
of one section cannot edit or publish in another. Publication goes through a moderation workflow.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from tenancy.models import attach

from .models import CommuneSettings, HomePage

#: Which section page types each editorial office looks after.
SECTION_OFFICES = {
    "communication": (
        "Communication office",
        [
            "pages.NewsIndexPage",
            "pages.EventIndexPage",
            "pages.StandardPage",
            "pages.DirectoryPage",
            "pages.ParticipationPage",
            "pages.ProjectIndexPage",
            "pages.PartnershipIndexPage",
            "pages.ServiceIndexPage",
        ],
    ),
    "council": ("Council secretariat", ["pages.CouncilPage", "pages.LegalTextIndexPage"]),
    "procurement": ("Procurement office", ["pages.TenderIndexPage", "pages.ReportIndexPage"]),
}
MODERATORS = "moderators"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page")
MODERATOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
#: The registers (``directory``) are council records: the secretariat drafts changes and submits them,
#: the moderators approve and publish them through the commune's workflow.
REGISTER_MODELS = ("person", "organization", "membership", "facility")
SECRETARIAT_REGISTER_ACTIONS = ("view", "add", "change", "lock")
MODERATOR_REGISTER_ACTIONS = ("view", "add", "change", "publish", "lock", "unlock")
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)


def ensure_tree_roots():
    """Create the page tree's and the media collections' roots when the database lacks them.

    Wagtail's migrations create both; a flushed database (``manage.py flush``) has neither.
    """
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default(), live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def commune_collection(name):
    """The commune's own media collection, so that its editors see only its images and files."""
    ensure_tree_roots()
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(name=name)


def ensure_locales():
    """Create the Arabic, French and Amazigh locales if the database lacks them."""
    from django.conf import settings

    return [Locale.objects.get_or_create(language_code=code)[0] for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


@transaction.atomic
def create_commune(*, slug, hostname, name_ar, name_fr, name_zgh="", port=80, is_default_site=False, **settings):
    """Create (or return) a commune: its Arabic home page under the root, its site and settings."""
    ensure_locales()
    ensure_tree_roots()
    arabic = Locale.objects.get(language_code="ar")
    home = HomePage.objects.filter(slug=slug, locale=arabic).first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title=name_ar, slug=slug, locale=arabic))
        home.save_revision().publish()
    site = Site.objects.filter(root_page=home).first()
    if site is None:
        if is_default_site:
            Site.objects.filter(is_default_site=True).update(is_default_site=False)
        site = Site.objects.create(
            hostname=hostname, port=port, root_page=home, site_name=name_fr, is_default_site=is_default_site
        )
    elif (site.hostname, site.port) != (hostname, port):
        # The commune moved to another address (a server started on another host or port).
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    CommuneSettings.objects.update_or_create(
        site=site, defaults={"name_ar": name_ar, "name_fr": name_fr, "name_zgh": name_zgh, **settings}
    )
    # Offices created before the site (or kept from an earlier run) join the commune's staff.
    for group in Group.objects.filter(name__startswith=commune_group_name(site, "")):
        attach(group, site)
    return home


def publish_under(parent, page):
    """Add ``page`` (not yet saved) under ``parent`` and publish it, as an editor would; returns it fresh."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def ensure_page(parent, page):
    """``page`` (not yet saved) published under ``parent``, unless a page of its type and slug is already there.

    Returns the page that stands there and whether it was created now.
    """
    existing = type(page).objects.child_of(parent).filter(slug=page.slug).first()
    if existing is not None:
        return existing, False
    return publish_under(parent, page), True


def ensure_translation(page, locale, fill=None):
    """The translation of ``page`` into ``locale``: copied (with any missing parents) and published when missing.

    ``fill`` is called on a new copy before it is published, to write its translated fields. Returns the
    translation and whether it was created now.
    """
    translation = page.get_translation_or_none(locale)
    if translation is not None:
        return translation, False
    translation = page.copy_for_translation(locale, copy_parents=True)
    if fill is not None:
        fill(translation)
    translation.save_revision().publish()
    return translation, True


@dataclass
class CommuneTree:
    """A commune being set up: its site, Arabic home page, media collection, pages by path and offices.

    The one way a commune and its tree are built, whether for a new commune on a deployment, the demo
    (``demo.builder``) or the tests: :meth:`set_up` creates the site, home and settings, :meth:`add` a page
    under a path (``""`` is the home, ``"news"`` a section, ``"news/market"`` one of its pages),
    :meth:`translate` a page into a language, :meth:`set_up_offices` the editorial groups and workflow.
    Every step finds what an earlier run built, so running the set-up again changes nothing.
    """

    site: Site
    home: HomePage
    collection: Collection
    created: bool = False
    by_path: dict = field(default_factory=dict)
    groups: dict = field(default_factory=dict)

    @classmethod
    def set_up(cls, *, slug, hostname, name_ar, name_fr, **settings):
        """The commune ``slug``: its site, Arabic home page, settings and collection, created when missing.

        Takes :func:`create_commune`'s arguments.
        """
        created = not HomePage.objects.filter(slug=slug, locale__language_code="ar").exists()
        home = create_commune(slug=slug, hostname=hostname, name_ar=name_ar, name_fr=name_fr, **settings).specific
        site = Site.objects.get(root_page=home)
        tree = cls(site=site, home=home, collection=commune_collection(site.site_name), created=created)
        tree.by_path[""] = home
        return tree

    def add(self, page, under=""):
        """``page`` (not yet saved) published under the page at path ``under``, unless its slug is taken there.

        Returns the page at its path (``under/slug``), new or found.
        """
        page, _created = self.ensure(page, under)
        return page

    def ensure(self, page, under=""):
        """:meth:`add`, also saying whether the page was created now."""
        page, created = ensure_page(self.by_path[under], page)
        self.by_path[f"{under}/{page.slug}" if under else page.slug] = page
        return page, created

    def translate(self, path, locale, fill=None):
        """The page at ``path`` in ``locale`` (a ``Locale`` or a language code); see :func:`ensure_translation`."""
        if not isinstance(locale, Locale):
            locale = Locale.objects.get(language_code=locale)
        return ensure_translation(self.by_path[path], locale, fill)

    def translate_all(self, locale, fill=None):
        """Every page of the tree in ``locale``, parents first."""
        if not isinstance(locale, Locale):
            locale = Locale.objects.get(language_code=locale)
        for path in list(self.by_path):
            self.translate(path, locale, fill)

    def set_up_offices(self):
        """The commune's editorial groups and moderation workflow (:func:`setup_editorial_groups`)."""
        self.groups = setup_editorial_groups(self.home)
        return self.groups


def localized_homes(home):
    """The commune's home page in every locale it is translated into, Arabic first."""
    return list(home.get_translations(inclusive=True).order_by("locale__language_code").specific())


def commune_group_name(site, office):
    return f"{site.site_name} — {office}"


@transaction.atomic
def setup_editorial_groups(home):
    """Create a commune's editorial groups, section permissions and moderation workflow.

    ``home`` is the site's Arabic root page.

    Run it again after adding sections or translations: it only adds what is missing.
    Returns a mapping of office key (``communication``, ``council``, ``procurement``, ``moderators``, and the
    participation offices ``relations`` and ``information``) to ``Group``. The council secretariat also
    processes petitions (``participation.offices.grant_petitions``).
    """
    site = Site.objects.get(root_page=home)
    homes = localized_homes(home)
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for key, (label, page_types) in SECTION_OFFICES.items():
        group, _created = Group.objects.get_or_create(name=commune_group_name(site, label))
        group.permissions.add(admin_access)
        models = {_model(page_type) for page_type in page_types}
        for localized_home in homes:
            for section in localized_home.get_children().specific():
                if type(section) in models:
                    _grant(group, section, EDITOR_PAGE_PERMISSIONS)
        groups[key] = group

    moderators, _created = Group.objects.get_or_create(name=commune_group_name(site, "Moderators"))
    moderators.permissions.add(admin_access)
    for localized_home in homes:
        _grant(moderators, localized_home, MODERATOR_PAGE_PERMISSIONS)
    groups[MODERATORS] = moderators

    collection = commune_collection(site.site_name)
    for group in groups.values():
        for app_label, codename in MEDIA_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)

    # The council secretariat and the moderators correct the commune's calendar of public holidays.
    holiday_permissions = Permission.objects.filter(content_type__app_label="workdays")
    for group in (groups["council"], moderators):
        group.permissions.add(*holiday_permissions)

    workflow, _created = Workflow.objects.get_or_create(name=f"{site.site_name} — moderation")
    task = GroupApprovalTask.objects.filter(name=f"{site.site_name} — approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{site.site_name} — approval")
    task.groups.add(moderators)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for localized_home in homes:
        WorkflowPage.objects.update_or_create(page=localized_home, defaults={"workflow": workflow})

    _grant_registers(groups["council"], SECRETARIAT_REGISTER_ACTIONS)
    _grant_registers(moderators, MODERATOR_REGISTER_ACTIONS)
    from participation.offices import grant_petitions, setup_offices

    grant_petitions(groups["council"])
    groups.update(setup_offices(site))
    for group in groups.values():
        attach(group, site)
    return groups


def _model(page_type):
    from django.apps import apps

    return apps.get_model(page_type)


def _grant(group, page, codenames):
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _grant_registers(group, actions):
    """Model permissions on the registers; the registers' workflow is the commune's (``get_workflow``)."""
    codenames = [f"{action}_{model}" for model in REGISTER_MODELS for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="directory", codename__in=codenames))
