"""Load what a page shows before its template runs, so that rendering issues no query.

Listings, the home page's features and the page frame read related pages, images and renditions
through these helpers: one query per kind of thing, whatever the number of items shown.
"""

from django.core.paginator import Page as PaginatorPage
from django.db.models import Exists, F, OuterRef, prefetch_related_objects
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction


def public_pages(queryset):
    """``queryset`` without pages under a view restriction, checked inside the same SQL query.

    Wagtail's ``.public()`` first reads every restriction in a query of its own; this does the same
    test as a correlated sub-query (the restricted page's path is a prefix of the page's path).
    """
    restricted = PageViewRestriction.objects.annotate(prefix=Substr(OuterRef("path"), 1, Length("page__path"))).filter(
        prefix=F("page__path")
    )
    return queryset.filter(~Exists(restricted))


def prefetched(items, *lookups):
    """``items`` (a paginator page, a queryset or a list) with their related objects loaded, one query per lookup.

    A paginator page keeps its page: its ``object_list`` becomes the loaded list.
    """
    if isinstance(items, PaginatorPage):
        items.object_list = list(items.object_list)
        prefetch_related_objects(items.object_list, *lookups)
        return items
    items = list(items)
    prefetch_related_objects(items, *lookups)
    return items


def with_images(items, *fields, request=None):
    """Load the images that ``fields`` of ``items`` point to, with their renditions, in two queries.

    Items may be of several page types (news and events on the home page); each image is loaded once.
    With a request, images are kept in the process under the deployment's counter, which a change
    to any image moves (``caching.fragments``): shown again, they cost no query.
    """
    from wagtail.images import get_image_model

    def load(pks):
        return {
            image.pk: image for image in get_image_model().objects.filter(pk__in=pks).prefetch_related("renditions")
        }

    items = [item for item in items if item is not None]
    wanted = {getattr(item, f"{field}_id") for item in items for field in fields if getattr(item, f"{field}_id", None)}
    if not wanted:
        return items
    if request is None:
        images = load(wanted)
    else:
        from caching import fragments

        kept = fragments.remember_many(
            request,
            [("image", pk) for pk in sorted(wanted)],
            lambda keys: {("image", pk): image for pk, image in load([key[1] for key in keys]).items()},
        )
        images = {key[1]: image for key, image in kept.items()}
    for item in items:
        for field in fields:
            image_id = getattr(item, f"{field}_id", None)
            if image_id in images:
                setattr(item, field, images[image_id])
    return items


def localized_pages(pages, locale_id, *, specific=False):
    """Each of ``pages`` in the locale ``locale_id`` when it is translated and live, else itself.

    Pages already in that locale cost no query; with ``specific``, one query per page type.
    """
    pages = [page for page in pages if page is not None]
    elsewhere = {page.translation_key for page in pages if page.locale_id != locale_id}
    found = {}
    if elsewhere:
        translations = Page.objects.live().filter(translation_key__in=elsewhere, locale_id=locale_id)
        found = {page.translation_key: page for page in translations}
    pages = [found.get(page.translation_key, page) for page in pages]
    return specific_pages(pages) if specific else pages


def specific_pages(pages):
    """``pages`` as instances of their own types, in one query per type (none for those already specific)."""
    by_type = {}
    for page in pages:
        if type(page) is Page and page.content_type_id:
            by_type.setdefault(page.specific_class, []).append(page.pk)
    loaded = {}
    for model, ids in by_type.items():
        if model is not None:
            loaded.update({page.pk: page for page in model.objects.filter(pk__in=ids)})
    return [loaded.get(page.pk, page) for page in pages]


LOCALE_CODES_KEY = "bawaba:locale-codes"


def locale_code(locale_id, request=None):
    """The language code of a Wagtail locale, from the shared cache (``caching`` drops it when locales change).

    With a request, the codes are kept in the process under the deployment's counter, which a
    change of locale moves (``caching.fragments``).
    """
    from django.core.cache import cache
    from wagtail.models import Locale

    if request is not None:
        from caching import fragments

        codes = fragments.remember(
            request, ("locale-codes",), lambda: dict(Locale.objects.values_list("pk", "language_code"))
        )
        if locale_id in codes:
            return codes[locale_id]
    codes = cache.get(LOCALE_CODES_KEY)
    if codes is None or locale_id not in codes:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        cache.set(LOCALE_CODES_KEY, codes, None)
    return codes.get(locale_id)


def with_locale(*pages, request=None):
    """Give each page its ``locale`` without a query, so ``page.locale.language_code`` costs nothing."""
    from wagtail.models import Locale

    for page in pages:
        if page is not None and page.locale_id and not page.__class__.locale.is_cached(page):
            page.locale = Locale(pk=page.locale_id, language_code=locale_code(page.locale_id, request))
    return pages
