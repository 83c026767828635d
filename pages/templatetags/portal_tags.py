"""Template tags and filters of the public portal.

Load them with ``{% load portal_tags %}``. Filters write dates, amounts and file sizes the way the
commune writes them in the page's language; tags give the pieces every page's frame needs (the
commune's home, the menu, the breadcrumbs, the page's translations) with a fixed number of queries.
"""

import json
import re
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi, gettext

from cms.languages import language_codes, language_name
from pages import dates, navigation, structured_data
from pages.enums import AlertSeverity, NationalService, Presence, Vote
from pages.models.services import NATIONAL_SERVICE_URLS
from pages.prefetch import locale_code

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
def commune_month(value, language=None):
    """``{{ "2026-08"|commune_month }}`` → ``غشت 2026``: a month and its year, for charts and agendas."""
    return dates.format_month(value, language)


@register.filter
def commune_value(value, language=None):
    """``{{ value|commune_value }}``: dates and datetimes as :func:`commune_date` and :func:`commune_datetime`
    write them, anything else as it is (the admin's listing cells)."""
    return dates.format_value(value, language)


@register.filter
def commune_time(value):
    """``{{ item.time|commune_time }}`` → ``09:30``."""
    return dates.format_time(value)


@register.filter
def mad(value, language=None):
    """``{{ page.budget|mad }}`` → ``1.250.000 درهم`` in Arabic, ``1 250 000 MAD`` in French.

    The figure is isolated left-to-right (``<bdi dir="ltr">``), so its groups keep their order in a
    right-to-left line whatever the separators.
    """
    number = dates.format_number(value, language=language)
    if not number:
        return ""
    currency = dates.CURRENCY[dates.portal_language(language)]
    return format_html('<bdi class="amount" dir="ltr">{}</bdi>{}{}', number, dates.NO_BREAK_SPACE, currency)


#: A run of Latin letters and digits, with the separators a reference, an amount, a time or an
#: address number holds inside it ("14/2026/AO", "2 380 000.00", "10:00", "B.P. 45"). It begins and ends
#: on a letter or digit so the spaces around it stay with the right-to-left text.
_LATIN = r"0-9A-Za-z\u00c0-\u024f"
LTR_RUN = re.compile(rf"[{_LATIN}](?:[{_LATIN}./:,'\u2019\-\u2013+ \u00a0\u202f]*[{_LATIN}])?")


@register.filter(needs_autoescape=True)
def isolate_ltr(value, autoescape=True):
    """Plain text with each Latin or numeric run in ``<bdi dir="ltr">`` on right-to-left pages.

    ``{{ page.title|isolate_ltr }}``: "… — 14/2026/AO" keeps its reference in reading order, and a
    hand-typed "2 380 000.00 درهم" its groups, where the bidirectional algorithm would reorder them.
    Left-to-right pages get the text unchanged (escaped).
    """
    text = "" if value is None else str(value)
    escape = conditional_escape if autoescape else str
    if not get_language_bidi() or not LTR_RUN.search(text):
        return escape(text)
    parts, last = [], 0
    for match in LTR_RUN.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(format_html('<bdi dir="ltr">{}</bdi>', match.group()))
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(str(part) for part in parts))  # every part is escaped above


@register.filter
def number(value, language=None):
    """``{{ count|number }}`` → ``12.500`` in Arabic, ``12 500`` in French: the language's grouping."""
    return dates.format_number(value, language=language)


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
    return language_name(code)


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
        if type(page).locale.is_cached(page):
            # Given by the page frame (``pages.frame``) without a query.
            return page.locale.language_code
        return locale_code(page.locale_id)
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
        if getattr(page, "_portal_home", None) is not None:
            return page._portal_home
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
def commune_menus(context, home, page=None):
    """The main menu's groups, the citizen hub and the footer's links of ``home``'s commune.

    Built from the page tree in one query (see :mod:`pages.navigation`). On views that are not
    pages, the request's path marks the current entry; the citizen's forms mark the hub.
    """
    request = context.get("request")
    current_path = "" if page is not None else getattr(request, "path", "")
    menus = getattr(page, "_portal_menus", None) if page is not None else None
    if menus is None:
        menus = navigation.commune_menus(home, page, request, current_path)
    if menus.hub is not None and current_path and _is_participation_path(current_path):
        menus = menus._replace(hub=menus.hub._replace(current=True))
    return menus


def _is_participation_path(path):
    from django.urls import NoReverseMatch, reverse

    try:
        return path.startswith(reverse("participation:index"))
    except NoReverseMatch:
        return False


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
        translations = {translation.locale.language_code: translation for translation in _live_translations(page)}
    if page is not None:
        translations[current] = page
    homes = {}
    if home is not None and page is not None and home.pk == page.pk:
        homes = dict(translations)
    elif home is not None:
        homes = {translation.locale.language_code: translation for translation in _live_translations(home)}
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


def _live_translations(page):
    """The page in every locale it is live in (itself included), as loaded by ``pages.frame`` when it ran."""
    loaded = getattr(page, "_portal_translations", None)
    if loaded is None:
        loaded = list(page.get_translations(inclusive=True).live().select_related("locale"))
    return loaded


#: ``og:locale`` of each portal language: the language as spoken in Morocco.
OPEN_GRAPH_LOCALES = {code: f"{code}_MA" for code in language_codes()}
OPEN_GRAPH_IMAGE_SPEC = "fill-1200x630"


@register.simple_tag(takes_context=True)
def json_ld(context, page=None, home=None):
    """``<script type="application/ld+json">`` describing the page with schema.org, or nothing."""
    request = context.get("request")

    def build():
        commune = _commune_settings(context)
        ancestors = _ancestors(page) if page is not None and getattr(page, "depth", None) else []
        data = structured_data.describe(page, request, commune, home, ancestors)
        if not data:
            return ""
        # to_json_ld escapes <, > and &, so the JSON cannot close the script element.
        return mark_safe(f'<script type="application/ld+json">{structured_data.to_json_ld(data)}</script>')

    site = getattr(request, "_wagtail_site", None) if request is not None else None
    if site is None or getattr(request, "is_preview", False) or not getattr(page, "pk", None):
        return build()
    from caching import fragments

    # The same for every visitor of the page at this address: kept under the commune's counter, and
    # rebuilt at the latest as often as a cached page (its image's address may be signed).
    bucket = int(time.time() // settings.BAWABA_PAGE_CACHE_SECONDS)
    key = (
        "json-ld",
        page.pk,
        getattr(home, "pk", None),
        get_language(),
        request.get_host(),
        request.is_secure(),
        bucket,
    )
    return fragments.remember(request, key, build, site.pk)


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


def local_basemap():
    """The basemap ``manage.py build_basemap`` drew into the media folder, or ``None``.

    Its ``metadata.json`` gives the zoom levels drawn and the areas covered; the maps ask only for
    tiles inside those areas, so none is missing.
    """
    metadata = Path(settings.MEDIA_ROOT) / "basemap" / "metadata.json"
    try:
        stamp = metadata.stat().st_mtime
    except OSError:
        return None
    cached = _BASEMAP_CACHE.get(str(metadata))
    if cached is None or cached[0] != stamp:
        try:
            data = json.loads(metadata.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        cached = (stamp, data)
        _BASEMAP_CACHE[str(metadata)] = cached
    return cached[1]


_BASEMAP_CACHE = {}


@register.simple_tag
def map_tiles():
    """The tiles the maps draw their background from.

    A configured tile server (``BAWABA_MAP_TILES_*`` settings) comes first; else the basemap drawn by
    ``manage.py build_basemap`` and served with the media; else none (markers on a plain background).
    """
    url = getattr(settings, "BAWABA_MAP_TILES_URL", "") or ""
    if url:
        return {
            "url": url,
            "attribution": getattr(settings, "BAWABA_MAP_TILES_ATTRIBUTION", "") or "",
            "max_zoom": getattr(settings, "BAWABA_MAP_TILES_MAX_ZOOM", 19),
            "native_zoom": "",
            "min_zoom": "",
            "areas": "",
        }
    basemap = local_basemap()
    if basemap is None:
        return {"url": "", "attribution": "", "max_zoom": 19, "native_zoom": "", "min_zoom": "", "areas": ""}
    return {
        "url": "/basemap/{z}/{x}/{y}.png",
        "attribution": gettext("Basemap: Bawaba, demonstration data"),
        "max_zoom": 18,
        "native_zoom": basemap["max_zoom"],
        "min_zoom": basemap["min_zoom"],
        "areas": json.dumps(basemap["areas"]),
    }


@register.simple_tag
def national_eservices(*codes):
    """The national e-services (label and address) a portal sends citizens to.

    ``{% national_eservices "chikaya" "chafafiya" as services %}``; all of them without arguments.
    """
    wanted = [NationalService(code) for code in codes] if codes else list(NationalService)
    return [(service.label, NATIONAL_SERVICE_URLS[service]) for service in wanted]


class SharedFragmentNode(template.Node):
    """What ``{% shared_fragment %}`` encloses, rendered once per process and kept under the commune's counter."""

    def __init__(self, nodelist, name, values):
        self.nodelist = nodelist
        self.name = name
        self.values = values

    def render(self, context):
        from caching import fragments

        request = context.get("request")
        site = None
        if request is not None and not getattr(request, "is_preview", False):
            site = getattr(request, "_wagtail_site", None)
        if site is None:
            return self.nodelist.render(context)
        values = tuple(value.resolve(context) for value in self.values)
        # Rebuilt at the latest as often as a cached page (signed media addresses expire).
        bucket = int(time.time() // settings.BAWABA_PAGE_CACHE_SECONDS)
        key = ("fragment", self.name, values, get_language(), request.is_secure(), bucket)
        return fragments.remember(request, key, lambda: self.nodelist.render(context), site.pk)


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "news-card" news.pk %}…{% endshared_fragment %}``: the same for every visitor.

    The enclosed HTML is rendered once per process for the commune, the language and the values
    given, and kept under the commune's version counter (``caching.fragments``): any publication
    renders it again. Only for what depends on nothing but those values and the published pages
    (a listing's card), never on a visitor, a form or the time of day.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("shared_fragment needs a name")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return SharedFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])


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


def _comparable(text):
    return " ".join(str(text).replace("\u2019", "'").casefold().split())


@register.filter
def kind_unless_named(facility):
    """A facility's kind, or ``""`` when its name already says it ("Bureau d'état civil" is one)."""
    kind = facility.get_kind_display()
    return "" if _comparable(kind) in _comparable(facility.name) else kind
