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

from . import navigation
from .prefetch import localized_pages, with_images, with_locale

HOME_DEPTH = 2
STEP = Page.steplen


def prepare(page, request):
    """Load the frame of ``page`` in a fixed number of queries and remember it on the page."""
    from home.models import CommuneSettings, HomePage

    if not page.depth or page.depth < HOME_DEPTH:
        return
    home = page if page.depth == HOME_DEPTH else None
    if home is None:
        home_path = page.path[: HOME_DEPTH * STEP]
        paths = [page.path[: depth * STEP] for depth in range(HOME_DEPTH + 1, page.depth)]
        home = HomePage.objects.filter(path=home_path).first()
        between = list(Page.objects.filter(path__in=paths).order_by("path")) if paths else []
        page._portal_ancestors = [home, *between] if home is not None else between
    page._portal_home = home
    if home is None:
        return
    with_locale(page, home)
    keys = {page.translation_key, home.translation_key}
    translations = list(Page.objects.live().filter(translation_key__in=keys).select_related("locale"))
    page._portal_translations = [item for item in translations if item.translation_key == page.translation_key]
    home._portal_translations = [item for item in translations if item.translation_key == home.translation_key]
    page._portal_menus = navigation.commune_menus(home, page, request)
    CommuneSettings.for_request(request)
    with_images([page], "image")
    many = [field.name for field in page._meta.get_fields() if isinstance(field, ManyToManyField)]
    if many:
        prefetch_related_objects([page], *many)
    load_streams(page)
    if apps.is_installed("network"):
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
