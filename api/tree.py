"""What a headless front end needs around a page: the commune's menus, a page's children, parent and ancestors.

The menus are the portal's own (``pages.navigation``): a front end built on the API shows the same
header and footer as the portal. Only live, public pages of the types the API serves appear; a page
under a view restriction, a draft or an unpublished page is answered as if it did not exist.
"""

import datetime
from typing import Annotated, Literal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from pydantic import StringConstraints
from wagtail.models import Page, Site

from cms.languages import language_literal
from pages import navigation
from pages.prefetch import public_pages

from .http import ApiError, json_response, paginated_data
from .pages import last_change
from .registry import PAGE_COLLECTIONS, page_model
from .schemas import Id, Problem, Schema, paginated

router = Router(tags=["navigation"])

Locale = language_literal()
PageTypeSlug = Literal[tuple(PAGE_COLLECTIONS)]
Hostname = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")]
HOME_DEPTH = 2


class PageSummary(Schema):
    """A page as a tree or a menu shows it; its full item is at ``api_url``."""

    id: int = Field(description="Id of this language version")
    key: str = Field(description="Stable id of the page, the same in every language (its translation key)")
    type: str = Field(description="API collection of the page, e.g. news")
    title: str
    slug: str
    locale: str = Field(description="Language code: ar, fr or zgh")
    url: str | None = Field(description="Address of the page on the public portal")
    path: str | None = Field(description="Path of the page on its portal")
    api_url: str = Field(description="The full item, in its typed collection")
    children_url: str = Field(description="The page's public children, in tree order")
    show_in_menus: bool = Field(description="Whether editors list the page in the portal's menus")
    last_published_at: datetime.datetime | None = Field(description="When the page was last published")


PAGE_SUMMARY_EXAMPLE = {
    "id": 42,
    "key": "0c6f1d5e-8a4b-4f57-9a1e-2b3c4d5e6f70",
    "type": "news-index",
    "title": "المستجدات",
    "slug": "news",
    "locale": "ar",
    "url": "https://commune.example.ma/ar/news/",
    "path": "/ar/news/",
    "api_url": "https://commune.example.ma/api/news-index/42",
    "children_url": "https://commune.example.ma/api/pages/42/children",
    "show_in_menus": True,
    "last_published_at": "2026-05-04T10:00:00+00:00",
}


def _api_content_types():
    """Content type ids of the page types the API serves, with their collection slugs."""
    types = {}
    for slug in PAGE_COLLECTIONS:
        content_type = ContentType.objects.get_for_model(page_model(slug))
        types[content_type.pk] = slug
    return types


def served_pages(queryset):
    """Live, public pages of the types the API serves."""
    return public_pages(queryset.live()).filter(content_type_id__in=list(_api_content_types()))


def summarize(request, pages):
    """``PageSummary`` dicts of plain ``Page`` rows (their URLs from the request's cached site roots)."""
    slugs = _api_content_types()
    items = []
    for page in pages:
        slug = slugs.get(page.content_type_id)
        if slug is None:
            continue
        _site_id, root_url, path = page.get_url_parts(request) or (None, None, None)
        items.append(
            {
                "id": page.pk,
                "key": str(page.translation_key),
                "type": slug,
                "title": page.title,
                "slug": page.slug,
                "locale": page.locale.language_code,
                "url": (root_url or "") + path if path else None,
                "path": path,
                "api_url": request.build_absolute_uri(f"/api/{slug}/{page.pk}"),
                "children_url": request.build_absolute_uri(f"/api/pages/{page.pk}/children"),
                "show_in_menus": page.show_in_menus,
                "last_published_at": page.last_published_at,
            }
        )
    return items


def _public_page(id):
    page = served_pages(Page.objects.filter(pk=id, depth__gte=HOME_DEPTH)).select_related("locale").first()
    if page is None:
        raise ApiError(404, _("No published page has this id."), param="id")
    return page


class ChildrenFilters(Schema):
    type: PageTypeSlug | None = Field(None, description="Only children of this API collection, e.g. news")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


PageSummaryList = paginated(PageSummary, "PageSummaryList")
LIST_EXAMPLE = {"count": 1, "next": None, "previous": None, "results": [PAGE_SUMMARY_EXAMPLE]}


def _example(schema_name, example):
    """A documented 200 answer with an example; the schema stays the one ninja derived."""
    media = {"schema": {"$ref": f"#/components/schemas/{schema_name}"}, "example": example}
    return {"responses": {"200": {"description": "OK", "content": {"application/json": media}}}}


@router.get(
    "/pages/{id}/children",
    response={200: PageSummaryList, 304: None, 404: Problem, 422: Problem},
    summary="List the public children of a page",
    description="The live, public pages directly below a page, in the order editors gave them in the tree, "
    "in pages of `limit` items with links to the next and previous pages. Drafts, unpublished and private "
    "pages never appear; a page that is not itself public answers 404. Each child links to its full item "
    "(`api_url`) and to its own children (`children_url`).",
    openapi_extra=_example("PageSummaryList", LIST_EXAMPLE),
)
def page_children(request, id: Id, filters: Query[ChildrenFilters]):
    page = _public_page(id)
    queryset = served_pages(Page.objects.child_of(page))
    if filters.type:
        content_type = ContentType.objects.get_for_model(page_model(filters.type))
        queryset = queryset.filter(content_type_id=content_type.pk)
    queryset = queryset.select_related("locale").order_by("path")
    count = queryset.count()
    children = list(queryset[filters.offset : filters.offset + filters.limit])
    data = paginated_data(request, count, filters.offset, filters.limit, summarize(request, children))
    language = page.locale.language_code
    return json_response(request, data, last_modified=last_change([page, *children]), language=language)


@router.get(
    "/pages/{id}/ancestors",
    response={200: PageSummaryList, 304: None, 404: Problem, 422: Problem},
    summary="List the ancestors of a page, for breadcrumbs",
    description="The pages above a page, from the commune's home page down to its parent: the breadcrumbs of "
    "the page (append the page itself to show the whole trail). The home page has none. Always one page of "
    "results (`next` and `previous` are null), in the list shape of the whole API.",
    openapi_extra=_example("PageSummaryList", LIST_EXAMPLE),
)
def page_ancestors(request, id: Id):
    page = _public_page(id)
    ancestors = list(
        served_pages(Page.objects.ancestor_of(page).filter(depth__gte=HOME_DEPTH))
        .select_related("locale")
        .order_by("depth")
    )
    results = summarize(request, ancestors)
    data = {"count": len(results), "next": None, "previous": None, "results": results}
    language = page.locale.language_code
    return json_response(request, data, last_modified=last_change([page, *ancestors]), language=language)


@router.get(
    "/pages/{id}/parent",
    response={200: PageSummary, 304: None, 404: Problem, 422: Problem},
    summary="Get the parent of a page",
    description="The page directly above a page. A commune's home page has no parent the API serves: it "
    "answers 404, as does a page that is not public.",
    openapi_extra=_example("PageSummary", PAGE_SUMMARY_EXAMPLE),
)
def page_parent(request, id: Id):
    page = _public_page(id)
    parent = None
    if page.depth > HOME_DEPTH:
        parent = served_pages(Page.objects.filter(path=page.path[: -Page.steplen])).select_related("locale").first()
    if parent is None:
        raise ApiError(404, _("This page has no parent page the API serves."), param="id")
    data = summarize(request, [parent])[0]
    return json_response(request, data, last_modified=parent.last_published_at, language=data["locale"])


# Navigation


class MenuItem(Schema):
    """One link of a menu: a page of the commune, or a page every portal has (``page`` is then null)."""

    title: str
    url: str = Field(description="Absolute address on the public portal")
    path: str = Field(description="Path on the portal (pages have their language prefix)")
    page: PageSummary | None = Field(description="The page linked, when the link is to a page of the tree")


class MenuGroup(Schema):
    """A labelled group of the main menu, as the portal's header shows it."""

    key: Literal[tuple(key for key, _label, _types in navigation.MENU_GROUPS)]
    label: str = Field(description="The group's name in the language asked for")
    items: list[MenuItem]


class NavigationOut(Schema):
    """The menus of one commune in one language."""

    commune: int = Field(description="Site id of the commune")
    locale: str
    home: MenuItem
    main: list[MenuGroup] = Field(description="The main menu: every section of the commune, in groups")
    hub: MenuItem | None = Field(description="The citizen's entry point (the participation page), if any")
    footer: list[MenuItem] = Field(
        description="Free pages kept out of the main menu (the legal notice), then the accessibility statement, "
        "the personal-data notice, the e-mail subscription and the API documentation"
    )


def _item(title, url, path, page=None):
    return {"title": title, "url": url, "path": path, "page": page}


NAVIGATION_EXAMPLE = {
    "commune": 2,
    "locale": "fr",
    "home": _item(
        "Commune de Tétouan",
        "https://commune.example.ma/fr/",
        "/fr/",
        {
            **PAGE_SUMMARY_EXAMPLE,
            "id": 3,
            "type": "homes",
            "slug": "home",
            "title": "Commune de Tétouan",
            "locale": "fr",
            "url": "https://commune.example.ma/fr/",
            "path": "/fr/",
            "api_url": "https://commune.example.ma/api/homes/3",
            "children_url": "https://commune.example.ma/api/pages/3/children",
        },
    ),
    "main": [
        {
            "key": "news",
            "label": "Actualités et événements",
            "items": [
                _item(
                    "Actualités",
                    "https://commune.example.ma/fr/news/",
                    "/fr/news/",
                    {
                        **PAGE_SUMMARY_EXAMPLE,
                        "title": "Actualités",
                        "locale": "fr",
                        "path": "/fr/news/",
                        "url": "https://commune.example.ma/fr/news/",
                    },
                )
            ],
        }
    ],
    "hub": None,
    "footer": [_item("Accessibilité", "https://commune.example.ma/fr/accessibility/", "/fr/accessibility/")],
}


class NavigationQuery(Schema):
    commune: Id | None = Field(None, description="Commune (site id, as in /api/communes)")
    host: Hostname | None = Field(
        None,
        description="Commune serving this host name (the `hostname` of /api/communes), instead of `commune`; "
        "given with `commune`, both must name the same commune",
    )
    locale: Locale | None = Field(None, description="Language of the menus; by default the portal's first language")


def commune_site(request, commune=None, host=None):
    """The commune asked for by id or host name, else the one serving the request's host."""
    if commune is not None:
        site = Site.objects.filter(pk=commune).first()
        if site is None:
            raise ApiError(404, _("No commune has this id."), param="commune")
        if host is not None and site.hostname.lower() != host.lower():
            raise ApiError(404, _("No commune is served at this host name."), param="host")
        return site
    if host is not None:
        site = Site.objects.filter(hostname__iexact=host).order_by("pk").first()
        if site is None:
            raise ApiError(404, _("No commune is served at this host name."), param="host")
        return site
    site = Site.find_for_request(request)
    if site is None:
        raise ApiError(404, _("No commune serves this host; give the commune parameter."), param="commune")
    return site


def commune_home(site, language):
    """The live home page of ``site`` in ``language``."""
    from home.models import HomePage

    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            home = public_pages(HomePage.objects.live().filter(url_path=root.root_path)).first()
            if home is not None:
                return home, root.root_url
    raise ApiError(404, _("This commune has no home page in this language."), param="locale")


@router.get(
    "/navigation",
    response={200: NavigationOut, 304: None, 404: Problem, 422: Problem},
    summary="The menus of a commune in one language",
    description="The header and footer menus of a commune's portal, built from its page tree exactly as the "
    "portal builds them: every section in the main menu's groups, free pages there unless editors untick "
    '"show in menus" (they go to the footer), the citizen hub, and the links every portal has. Labels are '
    "in the language asked for. Only live, public pages appear.",
    openapi_extra=_example("NavigationOut", NAVIGATION_EXAMPLE),
)
def commune_navigation(request, query: Query[NavigationQuery]):
    site = commune_site(request, query.commune, query.host)
    language = query.locale or settings.LANGUAGE_CODE
    home, root_url = commune_home(site, language)
    with translation.override(language):
        menus = navigation.commune_menus(home, request=request)
    links = [link for group in menus.groups for link in group.links]
    if menus.hub is not None:
        links.append(menus.hub)
    links += [link for link in menus.footer if link.page is not None]
    pages = {page.pk: page for page in [home, *(link.page for link in links)]}
    for page in pages.values():
        page.locale = home.locale  # every page of the menus is in the home page's language
    summaries = {item["id"]: item for item in summarize(request, pages.values())}

    def item(link):
        if link.page is not None:
            summary = summaries.get(link.page.pk)
            if summary is None:
                return None
            return _item(link.title, summary["url"], summary["path"], summary)
        if not link.url.startswith("/"):
            return None  # an anchor of the portal's own page (the contacts)
        return _item(link.title, root_url + link.url, link.url)

    home_summary = summaries[home.pk]
    data = {
        "commune": site.pk,
        "locale": language,
        "home": _item(home.title, home_summary["url"], home_summary["path"], home_summary),
        "main": [
            {"key": group.key, "label": group.label, "items": [i for i in map(item, group.links) if i]}
            for group in menus.groups
        ],
        "hub": item(menus.hub) if menus.hub is not None else None,
        "footer": [i for i in map(item, menus.footer) if i],
    }
    return json_response(request, data, last_modified=last_change(list(pages.values())), language=language)
