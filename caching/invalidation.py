"""What moves the version counters: publishing, moving and deleting pages, settings, registers, media.

A page's change makes its commune stale (every page of it: listings, home features and menus show
other pages); a change that any commune may show (a register, an image, a site's host) makes all of
them stale. Counters move at once and again when the transaction commits, so that a copy rebuilt from
the old rows in between is not kept under the new counters.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from pages.prefetch import LOCALE_CODES_KEY
from pages.signals import pages_published_in_bulk

from . import frontend, versions

#: Fields a draft, a lock or a workflow step writes on the page row; the published page is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
#: Apps whose every model is shown on the portal's pages (the registers).
SHOWN_EVERYWHERE_APPS = ("directory",)


def sites_of(*url_paths):
    """The communes whose tree holds any of these page paths."""
    found = set()
    for root in Site.get_site_root_paths():
        if any(path and path.startswith(root.root_path) for path in url_paths):
            found.add(root.site_id)
    return found


def _now_and_on_commit(action):
    action()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(action)


def pages_changed(*url_paths):
    """Pages at these paths were published, unpublished, moved or deleted."""
    sites = sites_of(*url_paths)
    if sites:
        _now_and_on_commit(lambda: versions.bump_sites(sites))
    else:
        _now_and_on_commit(versions.bump_everything)


def commune_changed(site_id):
    _now_and_on_commit(lambda: versions.bump_sites([site_id]))


def everything_changed():
    _now_and_on_commit(versions.bump_everything)


def _scope(model):
    """What a saved or deleted instance of ``model`` makes stale: ``page``, ``restriction``, ``site`` or ``all``."""
    if issubclass(model, Page):
        return "page"
    if issubclass(model, PageViewRestriction):
        return "restriction"
    if issubclass(model, BaseSiteSetting):
        return "site"
    if issubclass(
        model,
        (BaseGenericSetting, Site, Locale, Collection, CollectionViewRestriction, AbstractImage, AbstractDocument),
    ):
        return "all"
    if model._meta.app_label in SHOWN_EVERYWHERE_APPS:
        return "all"
    return None


_scopes = {}


def scope_of(model):
    if model not in _scopes:
        _scopes[model] = _scope(model)
    return _scopes[model]


def on_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    scope = scope_of(sender)
    if scope is None or raw:
        return
    if scope == "page":
        if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
            return
        pages_changed(instance.url_path)
        frontend.purge_page(instance)
    elif scope == "restriction":
        pages_changed(instance.page.url_path)
    elif scope == "site":
        commune_changed(instance.site_id)
    else:
        if issubclass(sender, Locale):
            cache.delete(LOCALE_CODES_KEY)
        everything_changed()


def on_deleted(sender, instance, **kwargs):
    scope = scope_of(sender)
    if scope == "page":
        pages_changed(instance.url_path)
    elif scope == "restriction":
        page = Page.objects.filter(pk=instance.page_id).only("url_path").first()
        pages_changed(page.url_path if page else "")
    elif scope == "site":
        commune_changed(instance.site_id)
    elif scope == "all":
        if issubclass(sender, Locale):
            cache.delete(LOCALE_CODES_KEY)
        everything_changed()


def on_published_in_bulk(sender, pages, parent, **kwargs):
    """New pages written together without a save signal each: their commune is stale once."""
    if pages:
        pages_changed(*{page.url_path for page in pages})
        frontend.purge_page(pages[0])


def on_moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs):
    pages_changed(url_path_before, url_path_after)


def connect():
    post_save.connect(on_saved, dispatch_uid="caching.saved")
    post_delete.connect(on_deleted, dispatch_uid="caching.deleted")
    post_page_move.connect(on_moved, dispatch_uid="caching.moved")
    pages_published_in_bulk.connect(on_published_in_bulk, dispatch_uid="caching.published_in_bulk")
