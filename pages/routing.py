"""Public pages found from their address in a fixed number of queries, whatever their depth.

Wagtail finds a page by walking down from the site's root one level at a time: the site, the active
locale, the root and its translation, then two queries per level (the child, then its own type), and
the page frame reads the same ancestors again (``pages.frame``). Here the site of the host, the
active locale and the commune's home in that language come from ``caching.fragments`` (kept under
the version counters), and the page is read with its ancestors in three queries: the home, the
chain of pages whose slugs the address names, the page in its own type. The route is left on the
request where Wagtail's ``serve`` looks for it, with the ancestors on the page for its frame.

Anything out of the ordinary (no site, a page type that routes its own sub-addresses such as a
routable page, a path that matches no page) is left to Wagtail, which routes it its own way.
"""

from django.http import Http404
from django.http.request import split_domain_port
from django.urls import re_path
from django.utils.translation import get_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from caching import fragments

from .mixins import without_streams

STEP = Page.steplen
HOSTS_MEMO_SIZE = 256

#: (host, port) -> id of the site that served it last in this process: only a guess of which
#: commune's counter to read with the deployment's, never trusted for anything else.
_sites_of_hosts = {}


def site_for_request(request):
    """The site serving the request's host (``Site.find_for_request``), kept per process under the counters."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    guessed = _sites_of_hosts.get((hostname, port))
    if guessed is not None:
        # The commune this host was served by last: its counter comes in the same cache read.
        fragments.read_counters(request, [guessed])

    def find():
        site = Site._find_for_request(request)
        if site is None:
            return None
        # Only the site's own fields: a root page loaded with it would be shared by every request.
        return Site(**{field.attname: getattr(site, field.attname) for field in Site._meta.concrete_fields})

    site = fragments.instance_copy(fragments.remember(request, ("site", hostname, port), find))
    request._wagtail_site = site
    if site is not None and guessed != site.pk:
        if len(_sites_of_hosts) >= HOSTS_MEMO_SIZE:
            _sites_of_hosts.clear()
        _sites_of_hosts[(hostname, port)] = site.pk
    return site


def _home_of(request, site):
    """(id, type, path, depth) of the site's root page in the active language, as ``root_page.localized`` finds it."""
    language = get_language()

    def find():
        home = Page.objects.get(pk=site.root_page_id).localized
        return home.pk, home.content_type_id, home.path, home.depth

    return fragments.remember(request, ("home", site.root_page_id, language), find, site_id=site.pk)


def route(request, path):
    """Wagtail's route for ``path`` (a ``RouteResult``), or None to let Wagtail route the request itself.

    Raises ``Http404`` where Wagtail would: the page found is not live.
    """
    site = site_for_request(request)
    if site is None:
        return None
    home_id, home_type, home_path, home_depth = _home_of(request, site)
    home_model = _model_of(home_type)
    if home_model is None:
        return None
    components = [component for component in path.split("/") if component]
    if components and home_model.route is not Page.route:
        return None
    if not components:
        return home_model.objects.get(pk=home_id).route(request, [])
    chain = fragments.remember(
        request,
        ("chain", home_path, tuple(components)),
        lambda: _chain(home_path, home_depth, components),
        site.pk,
        keep_none=False,
    )
    if chain is None:
        return None
    # The pages kept are shared by the process's requests: this one gets copies of its own.
    chain = [fragments.instance_copy(row) for row in chain]
    # Below the home, its blocks (features, links) are not shown: they are not read, and the rest of
    # it is kept with the chain (each request gets its own copy).
    home = fragments.instance_copy(
        fragments.remember(
            request,
            ("home-page", home_id),
            lambda: without_streams(home_model.objects.filter(pk=home_id)).get(),
            site.pk,
        )
    )
    page = chain[-1].specific
    parents = [home, *chain[:-1]]
    page._cached_parent_obj = parents[-1]
    page._portal_home = home
    page._portal_ancestors = parents
    return page.route(request, [])


def _model_of(content_type_id):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_id(content_type_id).model_class()


def _chain(home_path, home_depth, components):
    """The pages under the home whose slugs ``components`` name, one per level, in one query; None when
    the chain breaks or passes through a page type that routes its own sub-addresses."""
    rows = Page.objects.filter(
        path__startswith=home_path,
        depth__gt=home_depth,
        depth__lte=home_depth + len(components),
        slug__in=set(components),
    )
    by_place = {(row.depth, row.slug, row.path[:-STEP]): row for row in rows}
    chain = []
    parent_path = home_path
    for level, slug in enumerate(components, start=1):
        row = by_place.get((home_depth + level, slug, parent_path))
        if row is None:
            return None
        model = row.specific_class
        if model is None or (level < len(components) and model.route is not Page.route):
            return None
        chain.append(row)
        parent_path = row.path
    return chain


def serve(request, path):
    """Wagtail's ``serve``, with the page found by :func:`route` when it could find it."""
    if not hasattr(request, "_wagtail_route_for_request"):
        try:
            found = route(request, path)
        except Http404:
            request._wagtail_route_for_request = None
        else:
            if found is not None:
                request._wagtail_route_for_request = found
    return wagtail_views.serve(request, path)


#: Wagtail's front-end addresses, its ``serve`` replaced by this module's.
urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
