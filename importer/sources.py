"""Readers of old portals: a WordPress export (WXR), an RSS or Atom feed with its pages, a sitemap or a crawl.

Each reader yields :class:`SourceItem`\\ s: one per post or page, with a stable id in its source. A part
of the source that cannot be read (a malformed feed page, a page behind a redirect loop, a host that
does not answer) becomes an item carrying its error, so that the run logs it and goes on.
"""

import hashlib
import json
import re
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, unquote, urldefrag, urlencode, urljoin, urlsplit, urlunsplit
from xml.etree.ElementTree import ParseError

from bs4 import BeautifulSoup
from dateutil import parser as date_parser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.conf import settings
from django.utils.translation import gettext as _

from .fetch import FetchError, decode_html

FILE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "svg", "bmp", "tif", "tiff", "mp3", "mp4", "avi", "mov"}


class SourceError(Exception):
    """The source as a whole cannot be read (the export file is not XML, the feed address is refused…)."""


@dataclass
class SourceItem:
    """One post or page of the old portal, as read, before it becomes a page."""

    source_id: str
    url: str = ""
    title: str = ""
    html: str = ""
    excerpt: str = ""
    date: datetime | None = None
    author: str = ""
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    post_type: str = ""
    language: str = ""
    default_language: str = ""
    old_urls: list = field(default_factory=list)
    image_url: str = ""
    attachments: list = field(default_factory=list)
    error: str = ""
    skip_reason: str = ""

    def fingerprint(self):
        """A digest of everything read, so that an unchanged item is recognised on the next run."""
        data = asdict(self)
        data["date"] = self.date.isoformat() if self.date else ""
        return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def localname(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def child(element, name):
    for node in element:
        if localname(node.tag) == name:
            return node
    return None


def children(element, name):
    return [node for node in element if localname(node.tag) == name]


def text_of(element, name, default=""):
    node = child(element, name)
    return (node.text or "").strip() if node is not None and node.text else default


def parse_date(value):
    """A timezone-aware datetime from an RFC 822, ISO 8601 or WordPress date, or ``None``."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            parsed = date_parser.parse(value)
        except (ValueError, OverflowError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def parse_xml(data, what):
    """The root element of ``data``, refusing entities and DTD tricks; a clear error when it is not XML."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise SourceError(_("%(what)s declares entities or a document type; refused.") % {"what": what}) from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise SourceError(
            _("%(what)s is not well-formed XML (line %(line)s, column %(column)s).")
            % {"what": what, "line": line, "column": column}
        ) from None


def normalise_url(url):
    """The address without its fragment, ready to compare: host lower case, no default port."""
    url, _fragment = urldefrag(url.strip())
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def old_path(url):
    """The path and query an old address is asked for with, as redirects store them."""
    parts = urlsplit(url)
    path = unquote(parts.path) or "/"
    return f"{path}?{parts.query}" if parts.query else path


def joomla_variants(url):
    """The shorter forms of a Joomla article address that links in the wild use (``?option=com_content&id=12``)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    if query.get("option") != "com_content" or "id" not in query:
        return []
    number = query["id"].split(":", 1)[0]
    path = parts.path or "/index.php"
    variants = []
    for ident in dict.fromkeys([number, query["id"]]):
        for extra in ("", "&view=article"):
            variants.append(f"{path}?option=com_content{extra}&id={ident}")
    return variants


# --- WordPress export ---------------------------------------------------------------------------------


def read_wxr(data):
    """``(source host, items)`` of a WordPress export (WXR), its attachments reachable through the posts."""
    if len(data) > settings.BAWABA_IMPORT_MAX_EXPORT_BYTES:
        raise SourceError(
            _("The export file is larger than %(limit)s bytes.") % {"limit": settings.BAWABA_IMPORT_MAX_EXPORT_BYTES}
        )
    root = parse_xml(data, _("The export file"))
    channel = child(root, "channel")
    if localname(root.tag) != "rss" or channel is None:
        raise SourceError(_("The export file is not a WordPress export (no RSS channel)."))
    base = text_of(channel, "base_site_url") or text_of(channel, "link")
    host = urlsplit(base).hostname or ""
    if not host:
        raise SourceError(_("The export file does not say which site it comes from."))
    site_language = text_of(channel, "language").split("-")[0].lower()
    raw_items = children(channel, "item")
    attachments = {}
    for element in raw_items:
        if text_of(element, "post_type") == "attachment":
            url = text_of(element, "attachment_url") or text_of(element, "guid")
            attachments[text_of(element, "post_id")] = {"url": url, "parent": text_of(element, "post_parent")}
    items = []
    for element in raw_items:
        items.append(_wxr_item(element, base, site_language, attachments))
    return host, items


def _wxr_item(element, base, site_language, attachments):
    post_id = text_of(element, "post_id")
    post_type = text_of(element, "post_type") or "post"
    link = text_of(element, "link")
    title = text_of(element, "title")
    item = SourceItem(source_id=f"wp:{post_id}", url=link, title=title, post_type=post_type)
    if post_type == "attachment":
        item.skip_reason = _("An attachment: imported with the post that uses it.")
        return item
    status = text_of(element, "status")
    if status not in ("publish", "future", ""):
        item.skip_reason = _("Not published on the old site (status %(status)s).") % {"status": status}
        return item
    from .classify import IGNORED_POST_TYPES

    if post_type in IGNORED_POST_TYPES:
        item.skip_reason = _("Not content (WordPress type %(type)s).") % {"type": post_type}
        return item
    for node in children(element, "encoded"):
        if "excerpt" in node.tag:
            item.excerpt = (node.text or "").strip()
        elif "content" in node.tag:
            item.html = node.text or ""
    item.date = parse_date(text_of(element, "post_date_gmt")) or parse_date(text_of(element, "pubDate"))
    if item.date is None:
        item.date = parse_date(text_of(element, "post_date"))
    item.author = text_of(element, "creator")
    for node in children(element, "category"):
        domain, name = node.get("domain", ""), (node.text or "").strip()
        if domain == "category":
            item.categories.append(name)
        elif domain == "post_tag":
            item.tags.append(name)
        elif domain == "language":
            item.language = (node.get("nicename") or name).split("-")[0].lower()
    old = [link] if link else []
    guid = text_of(element, "guid")
    if guid and urlsplit(guid).hostname == urlsplit(base).hostname and guid not in old:
        old.append(guid)
    query = "page_id" if post_type == "page" else "p"
    old.append(urljoin(base.rstrip("/") + "/", f"?{query}={post_id}"))
    item.old_urls = old
    for meta in children(element, "postmeta"):
        if text_of(meta, "meta_key") == "_thumbnail_id":
            attachment = attachments.get(text_of(meta, "meta_value"))
            if attachment:
                item.image_url = attachment["url"]
    item.attachments = [
        attachment["url"]
        for attachment in attachments.values()
        if attachment["parent"] == post_id and attachment["url"] and attachment["url"] != item.image_url
    ]
    item.default_language = site_language
    return item


# --- Feeds ------------------------------------------------------------------------------------------------


def read_feed(client, url, max_pages):
    """``(source host, items)`` of an RSS or Atom feed and its further pages (``rel="next"``, or ``paged``)."""
    host = client.check_url(url).hostname
    items, seen_ids, seen_pages = [], set(), set()
    page_url, number, wordpress = url, 1, False
    while page_url and len(seen_pages) < max_pages:
        seen_pages.add(page_url)
        try:
            fetched = client.get(page_url)
        except FetchError as exc:
            items.append(SourceItem(source_id=f"feed:{page_url}", url=page_url, error=str(exc)))
            break
        if fetched.status == 404 and number > 1:
            break
        if fetched.status != 200:
            items.append(
                SourceItem(
                    source_id=f"feed:{page_url}",
                    url=page_url,
                    error=_("The site answered %(status)s.") % {"status": fetched.status},
                )
            )
            break
        try:
            root = parse_xml(fetched.body, _("The feed page %(url)s") % {"url": page_url[:200]})
        except SourceError as exc:
            items.append(SourceItem(source_id=f"feed:{page_url}", url=page_url, error=str(exc)))
            break
        entries, next_url, generator = _feed_entries(root, fetched.url)
        wordpress = wordpress or "wordpress" in generator.lower()
        fresh = [entry for entry in entries if entry.source_id not in seen_ids]
        seen_ids.update(entry.source_id for entry in fresh)
        items.extend(fresh)
        if not fresh:
            break
        number += 1
        if next_url:
            next_url = urljoin(fetched.url, next_url)
        elif wordpress:
            parts = urlsplit(url)
            query = [(key, value) for key, value in parse_qsl(parts.query) if key != "paged"]
            next_url = urlunsplit(parts._replace(query=urlencode([*query, ("paged", str(number))])))
        if next_url and urlsplit(next_url).hostname != host:
            break
        page_url = next_url if next_url not in seen_pages else None
    return host, items


def _feed_entries(root, base):
    kind = localname(root.tag)
    if kind == "rss" or kind == "RDF":
        channel = child(root, "channel")
        if channel is None:
            return [], "", ""
        entries = children(channel, "item") or children(root, "item")
        next_url = ""
        for node in children(channel, "link"):
            if node.get("rel") == "next":
                next_url = node.get("href", "")
        return [_rss_item(entry) for entry in entries], next_url, text_of(channel, "generator")
    if kind == "feed":
        next_url = ""
        for node in children(root, "link"):
            if node.get("rel") == "next":
                next_url = node.get("href", "")
        generator = text_of(root, "generator")
        return [_atom_entry(entry, base) for entry in children(root, "entry")], next_url, generator
    return [], "", ""


def _rss_item(element):
    link = text_of(element, "link")
    guid = text_of(element, "guid") or link
    item = SourceItem(source_id=guid or link, url=link, title=text_of(element, "title"))
    item.html = ""
    for node in children(element, "encoded"):
        item.html = node.text or ""
    if not item.html:
        item.html = text_of(element, "description")
    else:
        item.excerpt = text_of(element, "description")
    item.date = parse_date(text_of(element, "pubDate") or text_of(element, "date"))
    item.author = text_of(element, "creator") or text_of(element, "author")
    item.categories = [(node.text or "").strip() for node in children(element, "category") if node.text]
    item.old_urls = [url for url in (link, guid) if url.startswith("http")]
    item.attachments = [node.get("url") for node in children(element, "enclosure") if node.get("url")]
    return item


def _atom_entry(element, base):
    link = ""
    enclosures = []
    for node in children(element, "link"):
        rel = node.get("rel", "alternate")
        if rel == "alternate" and not link:
            link = urljoin(base, node.get("href", ""))
        elif rel == "enclosure" and node.get("href"):
            enclosures.append(urljoin(base, node.get("href")))
    ident = text_of(element, "id") or link
    item = SourceItem(source_id=ident, url=link, title=text_of(element, "title"))
    content = child(element, "content")
    summary = child(element, "summary")
    item.html = (content.text or "") if content is not None else ""
    item.excerpt = (summary.text or "").strip() if summary is not None else ""
    if not item.html:
        item.html = item.excerpt
    item.date = parse_date(text_of(element, "published") or text_of(element, "updated"))
    author = child(element, "author")
    item.author = text_of(author, "name") if author is not None else ""
    item.categories = [node.get("term", "") for node in children(element, "category") if node.get("term")]
    item.old_urls = [link] if link else []
    item.attachments = enclosures
    return item


# --- Sitemaps and crawls ------------------------------------------------------------------------------------


def _same_host(url, host):
    return (urlsplit(url).hostname or "").lower().removeprefix("www.") == host.removeprefix("www.")


def _is_file(url):
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    return extension in FILE_EXTENSIONS or extension in settings.WAGTAILDOCS_EXTENSIONS


def read_site(client, url, max_pages):
    """``(source host, items)`` of a site: the pages its sitemap lists, or else those a crawl from ``url`` finds.

    Only pages of the same host are read, at most ``max_pages``, with the client's pause between requests.
    """
    host = (client.check_url(url).hostname or "").lower()
    try:
        first = client.get(url)
    except FetchError as exc:
        return host, [SourceItem(source_id=f"page:{old_path(url)}", url=url, error=str(exc))]
    if first.status != 200:
        error = _("The site answered %(status)s.") % {"status": first.status}
        return host, [SourceItem(source_id=f"page:{old_path(url)}", url=url, error=error)]
    if first.content_type in ("application/xml", "text/xml") or first.body.lstrip()[:5] == b"<?xml":
        items = []
        page_urls = _sitemap_urls(client, first, host, max_pages, items)
        for page_url in page_urls:
            items.append(read_page(client, page_url, host))
        return host, items
    return host, _crawl(client, url, first, host, max_pages)


def _sitemap_urls(client, fetched, host, max_pages, items):
    queue, urls, seen = deque([fetched]), [], set()
    while queue and len(urls) < max_pages:
        current = queue.popleft()
        try:
            root = parse_xml(current.body, _("The sitemap %(url)s") % {"url": current.url[:200]})
        except SourceError as exc:
            items.append(SourceItem(source_id=f"sitemap:{current.url}", url=current.url, error=str(exc)))
            continue
        kind = localname(root.tag)
        for entry in root:
            location = text_of(entry, "loc")
            if not location or not _same_host(location, host) or location in seen:
                continue
            seen.add(location)
            if kind == "sitemapindex":
                if len(seen) > max_pages:
                    break
                try:
                    queue.append(client.get(location))
                except FetchError as exc:
                    items.append(SourceItem(source_id=f"sitemap:{location}", url=location, error=str(exc)))
            elif len(urls) < max_pages and not _is_file(location):
                urls.append(location)
    return urls


def _crawl(client, start, first, host, max_pages):
    items, queue, seen = [], deque(), {normalise_url(start)}
    item, links = page_item(first, start, host)
    for link in links:
        if normalise_url(link) not in seen:
            seen.add(normalise_url(link))
            queue.append(link)
    while queue and len(items) < max_pages:
        url = queue.popleft()
        item, links = read_page(client, url, host, with_links=True)
        items.append(item)
        for link in links:
            key = normalise_url(link)
            if key not in seen and len(seen) < max_pages * 4:
                seen.add(key)
                queue.append(link)
    return items


def read_page(client, url, host, with_links=False):
    """One HTML page as an item (with its error if it cannot be read); with its same-host links if asked."""
    try:
        fetched = client.get(url)
    except FetchError as exc:
        item = SourceItem(source_id=f"page:{old_path(url)}", url=url, error=str(exc))
        return (item, []) if with_links else item
    if fetched.status != 200:
        error = _("The site answered %(status)s.") % {"status": fetched.status}
        item = SourceItem(source_id=f"page:{old_path(url)}", url=url, error=error)
        return (item, []) if with_links else item
    if "html" not in fetched.content_type and fetched.content_type:
        item = SourceItem(source_id=f"page:{old_path(url)}", url=url)
        item.skip_reason = _("Not an HTML page (%(type)s).") % {"type": fetched.content_type}
        return (item, []) if with_links else item
    item, links = page_item(fetched, url, host)
    return (item, links) if with_links else item


CONTENT_SELECTORS = (
    "[itemprop=articleBody]",
    ".entry-content",
    ".post-content",
    ".item-page",
    ".article-content",
    "article",
    "#content",
    "main",
    "[role=main]",
)
DATE_META = ("article:published_time", "datePublished", "date", "DC.date", "dcterms.created", "pubdate")
DROPPED = ("script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe")


def page_item(fetched, url, host):
    """An item from an HTML page: its title, main content, date, author, language, categories and old addresses."""
    text = decode_html(fetched.body, fetched.charset)
    soup = BeautifulSoup(text, "html.parser")
    links = []
    for anchor in soup.find_all("a", href=True):
        target = urljoin(fetched.url, anchor["href"].strip())
        if target.startswith("http") and _same_host(target, host) and not _is_file(target):
            links.append(urldefrag(target)[0])
    item = SourceItem(source_id=f"page:{old_path(url)}", url=url)
    item.old_urls = [url] + ([fetched.url] if fetched.url != url else [])
    for rel in ("shortlink", "canonical"):
        node = soup.find("link", rel=rel, href=True)
        if node and _same_host(urljoin(fetched.url, node["href"]), host):
            address = urljoin(fetched.url, node["href"])
            if address not in item.old_urls:
                item.old_urls.append(address)
    for address in list(item.old_urls):
        item.old_urls.extend(variant for variant in joomla_variants(address) if variant not in item.old_urls)

    def meta(*names):
        for name in names:
            node = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
            if node is None:
                node = soup.find(attrs={"itemprop": name})
            if node is not None:
                value = node.get("content") or node.get("datetime") or node.get_text(" ", strip=True)
                if value:
                    return value.strip()
        return ""

    html_tag = soup.find("html")
    declared = (html_tag.get("lang", "") if html_tag else "").split("-")[0].lower()
    item.language = {"ber": "zgh", "tzm": "zgh", "zgh": "zgh", "ar": "ar", "fr": "fr"}.get(declared, "")
    item.date = parse_date(meta(*DATE_META))
    if item.date is None:
        time_node = soup.find("time", datetime=True)
        item.date = parse_date(time_node["datetime"]) if time_node else None
    item.author = meta("author", "article:author")
    item.categories = [value for value in [meta("article:section")] if value]
    item.tags = [node.get("content", "") for node in soup.find_all("meta", attrs={"property": "article:tag"})]
    for anchor in soup.select("a[rel~=tag], a[rel~=category]"):
        name = anchor.get_text(" ", strip=True)
        if name and name not in item.categories:
            item.categories.append(name)
    image = meta("og:image")
    item.image_url = urljoin(fetched.url, image) if image else ""
    content = None
    for selector in CONTENT_SELECTORS:
        content = soup.select_one(selector)
        if content is not None:
            break
    if content is None:
        content = soup.body or soup
    for node in content.find_all(DROPPED):
        node.decompose()
    heading = (
        content.find("h1") or content.find(attrs={"itemprop": "headline"}) or soup.find("h1") or content.find("h2")
    )
    title = meta("og:title") or (heading.get_text(" ", strip=True) if heading else "")
    if not title and soup.title:
        title = re.split("\\s[|\u2013\u2014-]\\s", soup.title.get_text(" ", strip=True))[0]
    item.title = " ".join(title.split())
    if heading is not None and heading in content.find_all(True):
        heading.decompose()
    for anchor in content.find_all(["a", "img"]):
        attribute = "href" if anchor.name == "a" else "src"
        if anchor.get(attribute):
            anchor[attribute] = urljoin(fetched.url, anchor[attribute].strip())
    item.html = content.decode_contents() if hasattr(content, "decode_contents") else str(content)
    item.excerpt = meta("description", "og:description")
    return item, links
