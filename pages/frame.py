"""What every page's frame shows (home, breadcrumbs, translations, menu, settings, images), loaded before rendering.

``prepare`` runs before a page is served (``pages/wagtail_hooks.py``) and leaves its results on the
page and the request, where the template tags of ``portal_tags`` find them; the template then runs
no query. A page rendered another way (a preview) still works: the tags load what they miss.
"""

from django.apps import apps
from django.db.models import ManyToManyField, prefetch_related_objects
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.models import Page

from caching import fragments

from . import navigation
from .prefetch import localized_pages, with_images, with_locale

HOME_DEPTH = 2
STEP = Page.steplen


def prepare(page, request):
    """Load the frame of ``page`` in a fixed number of queries and remember it on the page."""
    from home.models import CommuneSettings, HomePage

    if not page.depth or page.depth < HOME_DEPTH:
        return
    home = page if page.depth == HOME_DEPTH else getattr(page, "_portal_home", None)
    if home is None:
        # Not routed by ``pages.routing`` (a preview, a test): read the home and the pages between.
        home_path = page.path[: HOME_DEPTH * STEP]
        paths = [page.path[: depth * STEP] for depth in range(HOME_DEPTH + 1, page.depth)]
        home = HomePage.objects.filter(path=home_path).first()
        between = list(Page.objects.filter(path__in=paths).order_by("path")) if paths else []
        page._portal_ancestors = [home, *between] if home is not None else between
    page._portal_home = home
    if home is None:
        return
    with_locale(page, home, request=request)
    keys = tuple(sorted({page.translation_key, home.translation_key}, key=str))
    translations = _remember(
        request,
        ("translations", keys),
        lambda: list(Page.objects.live().filter(translation_key__in=keys).select_related("locale")),
    )
    page._portal_translations = [item for item in translations if item.translation_key == page.translation_key]
    home._portal_translations = [item for item in translations if item.translation_key == home.translation_key]
    page._portal_menus = navigation.shared_commune_menus(home, page, request)
    commune_settings(request, CommuneSettings)
    with_images([page], "image", request=request)
    many = [field.name for field in page._meta.get_fields() if isinstance(field, ManyToManyField)]
    if many:
        prefetch_related_objects([page], *many)
    load_streams(page)
    restrictions = view_restrictions(request, page)
    if restrictions is not None:
        # Wagtail's check before serving asks the page for them: the kept ones, no query.
        page.get_view_restrictions = lambda: restrictions
    if apps.is_installed("network") and _may_be_a_copy(page):
        # A copy taken from a peer says where it was read ("network/source_notice.html").
        copy = (
            apps.get_model("network", "SyndicatedCopy")
            .objects.filter(page_id=page.pk)
            .exclude(original_url="")
            .select_related("peer")
            .only("original_url", "peer__name")
            .first()
        )
        page._network_source = {"url": copy.original_url, "name": copy.peer.name} if copy else None


def _remember(request, key, build):
    """``build()``, kept under the counter of the commune serving the request (the pages it reads are
    the commune's: a change to one of them moves that counter). What is kept is only read."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return build()
    return fragments.remember(request, key, build, site.pk)


def _may_be_a_copy(page):
    """Only the page types the network copies from peers can be a copy (``network_tags.syndication_source``)."""
    from network.templatetags.network_tags import COPIED_MODELS

    return type(page)._meta.label in COPIED_MODELS


def view_restrictions(request, page):
    """The view restrictions on ``page`` and its ancestors (``Page.get_view_restrictions``), or None.

    The restrictions of the commune's tree are kept under its counter (a restriction's change moves
    it); None when the page's ancestors are not loaded or one of them is an alias, whose source's
    restrictions apply instead: Wagtail then asks the database as it always does.
    """
    from django.db.models import F, Q
    from wagtail.models import PageViewRestriction, Site

    ancestors = [page] if page.depth == HOME_DEPTH else [*getattr(page, "_portal_ancestors", []), page]
    if len(ancestors) != page.depth - 1 or any(item.alias_of_id for item in ancestors):
        return None
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    home_path = ancestors[0].path

    def load():
        under_home = Q(page__path__startswith=home_path) | Q(page__path=home_path[:STEP])
        return list(PageViewRestriction.objects.filter(under_home).annotate(page_path=F("page__path")))

    kept = fragments.remember(request, ("view-restrictions", home_path), load, site.pk)
    return [restriction for restriction in kept if page.path.startswith(restriction.page_path)]


def commune_settings(request, model):
    """The commune's settings for the request (``for_request``), kept under the commune's counter.

    Each request gets its own copy, with the emblem and its renditions loaded once per version.
    """
    from wagtail.models import Site

    name = model.get_cache_attr_name()
    if hasattr(request, name):
        return getattr(request, name)
    site = Site.find_for_request(request)
    if site is None:
        return model.for_request(request)

    def load():
        found = model.for_site(site)
        if found.emblem is not None:
            prefetch_related_objects([found.emblem], "renditions")
        return found

    found = fragments.instance_copy(fragments.remember(request, ("settings", model._meta.label), load, site.pk))
    found._request = request
    setattr(request, name, found)
    return found


def load_streams(page):
    """Convert every block of the page's StreamFields now (one query per kind of chosen object).

    Pages that blocks link to, at any depth, are replaced by their translation in the page's own
    language, as ``.localized`` would do in the template, in one query for all of them.
    """
    links = []
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for block in getattr(page, field.name):
                _collect_page_links(block.value, links)
    if links:
        pages = localized_pages([value[key] for value, key in links], page.locale_id)
        for (value, key), target in zip(links, pages, strict=True):
            value[key] = target


def _collect_page_links(value, links):
    """(struct, key) of every chosen page inside a block value, nested structs, lists and streams included."""
    if isinstance(value, StructValue):
        for key, child in value.items():
            if isinstance(child, Page):
                links.append((value, key))
            else:
                _collect_page_links(child, links)
    elif isinstance(value, (ListValue, StreamValue)):
        for child in value:
            _collect_page_links(getattr(child, "value", child), links)
