"""Template tags and filters of the public portal.

Load them with ``{% load portal_tags %}``. Filters write dates, amounts and file sizes the way the
commune writes them in the page's language; tags give the pieces every page's frame needs (the
commune's home, the menu, the breadcrumbs, the page's translations) with a fixed number of queries.
"""

import re
from typing import NamedTuple
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from assets.models import DocumentLanguage
from pages import dates, structured_data
from pages.enums import AlertSeverity, NationalService, Presence, Vote
from pages.models import EventPage, NewsPage
from pages.models.services import NATIONAL_SERVICE_URLS

register = template.Library()

HOME_DEPTH = 2
TEL_DISALLOWED = re.compile(r"[^\d+]")
FILE_SIZE_UNITS = (
    (1024**3, "%(size)s GB"),
    (1024**2, "%(size)s MB"),
    (1024, "%(size)s KB"),
)


class LanguageOption(NamedTuple):
    """One language of the switcher and of the ``hreflang`` alternates of a page."""

    code: str
    name: str
    url: str
    full_url: str
    translated: bool
    current: bool


class MenuItem(NamedTuple):
    """A section of the commune's main menu; ``current`` when the page shown is in that section."""

    page: object
    url: str
    current: bool


# Filters ---------------------------------------------------------------------------------------


@register.filter
def commune_date(value, language=None):
    """``{{ page.date|commune_date }}`` → ``12 مارس 2026`` (Moroccan months, Western digits)."""
    return dates.format_date(value, language)


@register.filter
def commune_datetime(value, language=None):
    """``{{ page.start|commune_datetime }}`` → ``12 mars 2026 à 09:30``, in the commune's time zone."""
    return dates.format_datetime(value, language)


@register.filter
def commune_time(value):
    """``{{ item.time|commune_time }}`` → ``09:30``."""
    return dates.format_time(value)


@register.filter
def mad(value, language=None):
    """``{{ page.budget|mad }}`` → ``1 250 000 درهم`` in Arabic, ``1 250 000 MAD`` in French."""
    return dates.format_amount(value, language)


@register.filter
def number(value):
    """``{{ count|number }}`` → ``12 500``: thousands grouped the way amounts are."""
    return dates.format_number(value)


@register.filter
def filesize(value):
    """``{{ document.file_size|filesize }}`` → ``1,2 MB``; empty when the size is unknown."""
    if value in (None, ""):
        return ""
    size = int(value)
    for factor, pattern in FILE_SIZE_UNITS:
        if size >= factor:
            return gettext(pattern) % {"size": dates.format_number(size / factor, 1 if size < 10 * factor else 0)}
    return gettext("%(size)s bytes") % {"size": size}


@register.filter
def language_label(code):
    """``{{ value.language|language_label }}`` → the translated name of a document's language."""
    if not code:
        return ""
    try:
        return DocumentLanguage(code).label
    except ValueError:
        return code


#: Choices whose stored values appear in StreamField blocks, where no ``get_FOO_display`` exists.
BLOCK_CHOICES = {"vote": Vote, "presence": Presence, "national_service": NationalService}


@register.filter
def choice_label(value, kind):
    """``{{ decision.vote|choice_label:"vote" }}`` → the translated label of a block's choice."""
    choices = BLOCK_CHOICES.get(kind)
    if choices is None or not value:
        return value or ""
    try:
        return choices(value).label
    except ValueError:
        return value


@register.filter
def tel_href(phone):
    """``href="tel:{{ phone|tel_href }}"``: a phone number with only digits and a leading ``+``."""
    return TEL_DISALLOWED.sub("", str(phone or ""))


@register.filter
def hostname(url):
    """``{{ value.url|hostname }}`` → ``www.example.org``: where a link leads, said before following it."""
    try:
        return urlsplit(str(url)).hostname or ""
    except ValueError:
        return ""


@register.filter
def percent_width(value):
    """A progress value clamped between 0 and 100, for a bar's inline size."""
    try:
        return max(0, min(100, int(value)))
    except (TypeError, ValueError):
        return 0


# Tags ------------------------------------------------------------------------------------------


@register.simple_tag
def page_language(page=None):
    """The language code of ``page``'s locale, or the active language when there is no page.

    The page frame renders in this language (``<html lang>``, ``dir`` and interface strings), so
    that a French page previewed from an Arabic admin still reads as a French page.
    """
    if page is not None and getattr(page, "locale_id", None):
        return page.locale.language_code
    return dates.portal_language(get_language())


def _ancestors(page):
    """The page's ancestors from the commune's home down to its parent, loaded once per page."""
    cached = getattr(page, "_portal_ancestors", None)
    if cached is None:
        cached = []
        if page.depth and page.depth > HOME_DEPTH:
            cached = list(page.get_ancestors().filter(depth__gte=HOME_DEPTH))
        page._portal_ancestors = cached
    return cached


@register.simple_tag(takes_context=True)
def commune_home(context, page=None):
    """The commune's home page in the language of ``page``.

    Without a page (an error page), the home of the request's site in the active language.
    Returns ``None`` when neither can be found.
    """
    if page is not None and getattr(page, "depth", None):
        if page.depth <= HOME_DEPTH:
            return page
        ancestors = _ancestors(page)
        return ancestors[0].specific if ancestors else None
    request = context.get("request")
    if request is None:
        return None
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.root_page.localized.specific if site else None


@register.simple_tag
def active_alert(home):
    """The alert banner the commune's home has scheduled for now, or ``None``.

    Shown on every page of the commune while it is active: the frame looks it up on the home of
    the page's language.
    """
    alert = getattr(home, "active_alert", None)
    if not alert:
        return None
    try:
        label = AlertSeverity(alert["severity"]).label
    except ValueError:
        label = AlertSeverity.INFO.label
    return {**alert, "label": label}


@register.simple_tag
def breadcrumbs(page):
    """The pages above ``page``, home first, for a breadcrumb trail; empty on the home page."""
    if page is None or not getattr(page, "depth", None):
        return []
    return _ancestors(page)


@register.simple_tag(takes_context=True)
def main_menu(context, home, page=None):
    """The live children of ``home`` marked "show in menus", in one query.

    Each item says whether ``page`` is that section or inside it, for ``aria-current``.
    """
    if home is None:
        return []
    request = context.get("request")
    current_path = getattr(page, "path", "") or ""
    return [
        MenuItem(child, child.get_url(request), bool(current_path) and current_path.startswith(child.path))
        for child in home.get_children().live().in_menu()
    ]


@register.simple_tag(takes_context=True)
def page_alternates(context, page=None, home=None):
    """The page in every portal language: its live translation, else that language's home.

    Returns a list of :class:`LanguageOption` in the order of ``settings.LANGUAGES``; languages
    with neither a translation nor a home are left out. ``translated`` options are the page's own
    translations, the ones to announce with ``<link rel="alternate" hreflang>``. Two queries.
    """
    page = page or None
    request = context.get("request")
    current = page_language(page)
    translations = {}
    if page is not None and getattr(page, "pk", None):
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    if page is not None:
        translations[current] = page
    homes = {}
    if home is not None:
        homes = {
            translation.locale.language_code: translation
            for translation in home.get_translations(inclusive=True).live().select_related("locale")
        }
    options = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        url = target.get_url(request)
        if url is None:
            continue
        full_url = target.get_full_url(request) or url
        options.append(LanguageOption(code, name, url, full_url, code in translations, code == current))
    return options


#: ``og:locale`` of each portal language: the language as spoken in Morocco.
OPEN_GRAPH_LOCALES = {"ar": "ar_MA", "fr": "fr_MA", "zgh": "zgh_MA"}
OPEN_GRAPH_IMAGE_SPEC = "fill-1200x630"


@register.simple_tag(takes_context=True)
def json_ld(context, page=None, home=None):
    """``<script type="application/ld+json">`` describing the page with schema.org, or nothing."""
    request = context.get("request")
    commune = _commune_settings(context)
    data = structured_data.describe(page, request, commune, home)
    if not data:
        return ""
    # to_json_ld escapes <, > and &, so the JSON cannot close the script element.
    return mark_safe(f'<script type="application/ld+json">{structured_data.to_json_ld(data)}</script>')


def _commune_settings(context):
    holder = context.get("settings")
    try:
        return holder["home"]["CommuneSettings"] if holder is not None else None
    except (KeyError, TypeError, AttributeError):
        return None


@register.simple_tag(takes_context=True)
def open_graph(context, page=None, alternates=()):
    """What the Open Graph tags say of the page: type, locale and its alternates, image."""
    request = context.get("request")
    language = page_language(page)
    image = None
    for name in ("image", "president_photo"):
        image = getattr(page, name, None) if page is not None else None
        if image is not None:
            break
    if image is None:
        commune = _commune_settings(context)
        image = getattr(commune, "emblem", None) if commune is not None else None
    image_url = image_alt = None
    if image is not None:
        rendition = image.get_rendition(OPEN_GRAPH_IMAGE_SPEC)
        image_url = request.build_absolute_uri(rendition.url) if request is not None else rendition.url
        image_alt = getattr(image, "alt_text", "") or image.title
    kind = type(page).__name__ if page is not None else ""
    return {
        "type": "article" if kind in {"NewsPage", "EventPage", "LegalTextPage"} else "website",
        "locale": OPEN_GRAPH_LOCALES.get(language, language),
        "alternate_locales": [
            OPEN_GRAPH_LOCALES.get(option.code, option.code)
            for option in alternates
            if option.translated and option.code != language
        ],
        "description": (getattr(page, "search_description", "") or getattr(page, "intro", "") or "")[:300],
        "image": image_url,
        "image_alt": image_alt,
    }


class MapPoint(NamedTuple):
    """A place to show on a map and in the list that stands in for it."""

    name: str
    latitude: float
    longitude: float
    url: str
    detail: str


@register.simple_tag(takes_context=True)
def map_points(context, items):
    """The located items (facilities or projects, or one of them) as points for a map, in order."""
    request = context.get("request")
    if hasattr(items, "latitude"):
        items = [items]
    points = []
    for item in items:
        latitude, longitude = getattr(item, "latitude", None), getattr(item, "longitude", None)
        if latitude is None or longitude is None:
            continue
        url = item.get_url(request) if hasattr(item, "get_url") else ""
        detail = getattr(item, "address", "") or getattr(item, "location_name", "") or ""
        name = getattr(item, "title", None) or getattr(item, "name", "")
        points.append(MapPoint(name, float(latitude), float(longitude), url or "", detail)._asdict())
    return points


@register.simple_tag
def map_tiles():
    """The tile server the maps draw their background from (``BAWABA_MAP_TILES_*`` settings)."""
    return {
        "url": getattr(settings, "BAWABA_MAP_TILES_URL", "") or "",
        "attribution": getattr(settings, "BAWABA_MAP_TILES_ATTRIBUTION", "") or "",
        "max_zoom": getattr(settings, "BAWABA_MAP_TILES_MAX_ZOOM", 19),
    }


@register.simple_tag
def latest_news(home, count=3):
    """The ``count`` latest live news items of a commune's home, images and renditions loaded."""
    if home is None:
        return []
    news = NewsPage.objects.live().public().descendant_of(home).order_by("-date", "-pk")[:count]
    return prefetch(news, "image__renditions")


@register.simple_tag
def upcoming_events(home, count=3):
    """The next ``count`` live events of a commune's home that have not ended yet."""
    if home is None:
        return []
    events = EventPage.objects.live().public().descendant_of(home).filter(end__gte=timezone.now()).order_by("start")
    return prefetch(events[:count], "image__renditions")


@register.simple_tag
def national_eservices(*codes):
    """The national e-services (label and address) a portal sends citizens to.

    ``{% national_eservices "chikaya" "chafafiya" as services %}``; all of them without arguments.
    """
    wanted = [NationalService(code) for code in codes] if codes else list(NationalService)
    return [(service.label, NATIONAL_SERVICE_URLS[service]) for service in wanted]


@register.simple_tag
def prefetch(items, *lookups):
    """Load the related objects of listed items in one query per lookup, and return the items.

    ``{% prefetch items "image__renditions" as items %}`` before a loop that shows each item's
    image keeps a listing's query count fixed whatever its length. ``items`` may be a paginator
    page, a queryset or a list.
    """
    if isinstance(items, PaginatorPage):
        items.object_list = list(items.object_list)
        prefetch_related_objects(items.object_list, *lookups)
        return items
    instances = list(items)
    prefetch_related_objects(instances, *lookups)
    return instances


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, items):
    """Previous / next and numbered links for a paginator page, keeping the other query parameters."""
    request = context.get("request")
    query = request.GET.copy() if request is not None else None

    def url_for(number):
        if query is None:
            return f"?page={number}"
        params = query.copy()
        params["page"] = number
        return "?" + params.urlencode()

    pages = []
    if items is not None and items.paginator.num_pages > 1:
        for number in items.paginator.get_elided_page_range(items.number, on_each_side=2, on_ends=1):
            pages.append({"number": number, "url": url_for(number) if isinstance(number, int) else None})
    return {
        "items": items,
        "pages": pages,
        "previous_url": url_for(items.previous_page_number()) if items is not None and items.has_previous() else None,
        "next_url": url_for(items.next_page_number()) if items is not None and items.has_next() else None,
    }
