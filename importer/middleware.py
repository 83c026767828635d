"""Old addresses with extra query parameters still find their redirect.

Wagtail's ``RedirectMiddleware`` looks a 404's address up with its whole query string (sorted), then without
any: ``/?p=123&utm_source=x`` or ``index.php?option=com_content&view=article&id=45&Itemid=2`` match neither
``/?p=123`` nor the stored forms of the Joomla article, and the old link breaks. This middleware sits
before Wagtail's in ``MIDDLEWARE``, so it sees the 404s Wagtail's did not answer, and tries the same
address with its query normalised (:func:`candidates`): tracking parameters dropped, then only the
parameters that identify an item on WordPress and Joomla sites, then Joomla's short forms. One query for
all of them; the first stored one wins.
"""

from urllib.parse import urlsplit

from django import http
from django.utils.encoding import uri_to_iri
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

#: Parameters that never identify a page: campaign, click and share tracking, analytics, sessions.
TRACKING_PREFIXES = ("utm_", "_ga", "_gl", "mc_", "pk_", "mtm_", "hsa_")
TRACKING = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid", "ttclid",
    "ref", "ref_src", "share", "amp", "replytocom", "phpsessid", "sessionid", "nocache",
}  # fmt: skip
#: Parameters that name an item: WordPress (post, page, attachment, category, tag, archive, WPML's language)
#: and Joomla.
IDENTIFYING = {
    "p", "page_id", "attachment_id", "cat", "category_name", "tag", "m", "year", "monthnum", "name", "pagename",
    "post_type", "lang", "option", "view", "id", "task", "layout",
}  # fmt: skip
#: Joomla parameters kept when the address names nothing else (a menu item's address is its ``Itemid``).
JOOMLA_MENU = "Itemid"


def _name(component):
    return component.split("=", 1)[0].lower()


def _value(component):
    return component.split("=", 1)[1] if "=" in component else ""


def _is_tracking(component):
    name = _name(component)
    return name in TRACKING or name.startswith(TRACKING_PREFIXES)


def _path(path, components):
    query = "&".join(sorted(components))
    return f"{path}?{query}" if query else path


def candidates(full_path):
    """The normalised forms of ``full_path`` (as Wagtail normalises it) to look up, most specific first."""
    normalised = Redirect.normalise_path(full_path, decode_unicode=False)
    parts = urlsplit(normalised)
    if not parts.query:
        return []
    path = parts.path
    components = [component for component in parts.query.split("&") if component]
    found = []

    def add(kept):
        candidate = _path(path, kept)
        if kept and candidate != normalised and candidate not in found:
            found.append(candidate)

    add([c for c in components if not _is_tracking(c)])
    identifying = [c for c in components if _name(c) in IDENTIFYING]
    add(identifying)
    if not identifying:
        add([c for c in components if c.split("=", 1)[0] == JOOMLA_MENU])
    names = {_name(c): _value(c) for c in identifying}
    if names.get("option") == "com_content" and names.get("id"):
        number = names["id"].split(":", 1)[0].split("%3A", 1)[0].split("%3a", 1)[0]
        for ident in dict.fromkeys([names["id"], number]):
            add(["option=com_content", f"id={ident}"])
            add(["option=com_content", "view=article", f"id={ident}"])
    return [form for candidate in found for form in dict.fromkeys([uri_to_iri(candidate), candidate])]


class OldQueryRedirectMiddleware:
    """Answers a 404 whose address, with its query normalised, is an old address the importer kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or not request.META.get("QUERY_STRING"):
            return response
        full_path = request.get_full_path()
        if "\0" in full_path:
            return response
        forms = candidates(full_path)
        if not forms:
            return response
        site = Site.find_for_request(request)
        site_pk = getattr(site, "pk", None)
        stored = list(Redirect.get_for_site(site).filter(old_path__in=forms).select_related("redirect_page"))
        for form in forms:
            matches = [redirect for redirect in stored if redirect.old_path == form]
            if not matches:
                continue
            # A commune's own redirect before one shared by every site, as Wagtail's middleware prefers.
            redirect = min(matches, key=lambda redirect: redirect.site_id != site_pk)
            link = redirect.link
            if link is None:
                return response
            if redirect.is_permanent:
                return http.HttpResponsePermanentRedirect(link)
            return http.HttpResponseRedirect(link)
        return response
