"""Old markup to clean blocks: headings, paragraphs, images with captions, tables and document lists.

The old portals' HTML carries inline styles, ``<font>``, ``dir`` attributes, tables used for layout and
what a word processor pastes. nh3 first keeps only the elements that mean something (and no attribute but
addresses and table spans); BeautifulSoup then walks what is left and cuts it into the blocks of
``pages.blocks.BodyBlock``. Links are rewritten on the way: to the new page of an imported item, to a
downloaded document, or kept as they are when they lead elsewhere.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

import nh3
from bs4 import BeautifulSoup, NavigableString, Tag

KEPT_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "a", "ul", "ol", "li",
    "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
    "blockquote", "div", "section", "article", "center", "span",
}  # fmt: skip
KEPT_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "title", "data-src"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
INLINE = {"a", "b", "strong", "i", "em", "u", "span", "br"}
RICH_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "br"}
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
CAPTION_SHORTCODE = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]")
WHITESPACE = re.compile(r"\s+")
BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure)[\s>]", re.IGNORECASE)


@dataclass
class Resolver:
    """What the cleaner asks about addresses; the importer answers with its maps and downloads.

    ``page_id(url)`` is the new page of an imported item or ``None``; ``image(url, alt)`` a ``CommuneImage``
    or ``None``; ``document(url, title)`` a ``CommuneDocument`` or ``None``; ``is_document(url)`` whether an
    address names a file to download rather than a page.
    """

    base_url: str = ""
    page_id: object = lambda url: None
    image: object = lambda url, alt: None
    document: object = lambda url, title: None
    is_document: object = lambda url: False
    is_internal: object = lambda url: False
    unresolved: set = field(default_factory=set)
    documents: list = field(default_factory=list)
    images: list = field(default_factory=list)


def _caption_to_figure(match):
    inner = match.group(1)
    soup = BeautifulSoup(inner, "html.parser")
    image = soup.find("img")
    if image is None:
        return inner
    if image.parent is not None and image.parent.name == "a":
        image.parent.replace_with(image)
    image.extract()
    caption = soup.get_text(" ", strip=True)
    return f"<figure>{image}<figcaption>{caption}</figcaption></figure>"


def autop(text):
    """Paragraphs from blank lines, as WordPress stores posts without ``<p>``."""
    if BLOCK_TAG.search(text):
        return text
    paragraphs = [part.strip().replace("\n", "<br>") for part in re.split(r"\n\s*\n", text) if part.strip()]
    return "".join(f"<p>{part}</p>" for part in paragraphs)


def sanitise(html):
    """The old markup with only meaningful elements and attributes left: no style, font, class, dir or script."""
    html = CAPTION_SHORTCODE.sub(_caption_to_figure, html or "")
    html = SHORTCODE.sub("", html)
    html = autop(html.replace("\r\n", "\n"))
    return nh3.clean(
        html,
        tags=KEPT_TAGS,
        attributes=KEPT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
        clean_content_tags={"script", "style", "title", "head", "xml"},
    )


def _text(node):
    return " ".join(node.get_text(" ", strip=True).split())


def is_layout_table(table):
    """A table that places things on the page rather than holding data: nested tables, images, headings,
    long text, or a single row or column."""
    rows = table.find_all("tr")
    if table.find("table") or table.find(["img", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote"]):
        return True
    if len(rows) < 2:
        return True
    widths = {len(row.find_all(["td", "th"], recursive=False)) for row in rows}
    if max(widths, default=0) < 2:
        return True
    cells = table.find_all(["td", "th"])
    return any(len(cell.find_all("p")) > 1 or len(_text(cell)) > 400 for cell in cells)


class BlockWriter:
    """Collects blocks in the raw form StreamField stores, merging consecutive rich text into one paragraph."""

    def __init__(self, resolver):
        self.resolver = resolver
        self.blocks = []
        self._rich = []
        self._inline = []

    # Output -----------------------------------------------------------------------------------------

    def _flush_inline(self):
        if self._inline:
            fragment = "".join(str(node) for node in self._inline).strip()
            self._inline = []
            fragment = rich_text(f"<p>{fragment}</p>", self.resolver) if fragment else ""
            if fragment:
                self._rich.append(fragment)

    def flush(self):
        self._flush_inline()
        if self._rich:
            html = "".join(self._rich)
            self._rich = []
            self.blocks.append({"type": "paragraph", "value": html})

    def add(self, block_type, value):
        self.flush()
        self.blocks.append({"type": block_type, "value": value})

    # Walking ------------------------------------------------------------------------------------------

    def walk(self, container):
        for node in list(container.children):
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self._inline.append(NavigableString(str(node)))
                elif self._inline:
                    self._inline.append(NavigableString(" "))
                continue
            if not isinstance(node, Tag):
                continue
            self.element(node)

    def element(self, node):
        name = node.name
        if name in HEADING_LEVELS:
            text = _text(node)
            if text:
                self.add("heading", {"text": text[:200], "level": HEADING_LEVELS[name]})
            for image in node.find_all("img"):
                self.image(image)
        elif name == "img":
            self.image(node)
        elif name == "figure":
            caption = node.find("figcaption")
            caption_text = _text(caption) if caption else ""
            images = node.find_all("img")
            for image in images:
                self.image(image, caption_text)
            if not images and caption_text:
                self.rich(f"<p>{caption_text}</p>")
        elif name == "table":
            if is_layout_table(node):
                for cell in node.find_all(["td", "th"]):
                    self._flush_inline()
                    self.walk(cell)
                    self._flush_inline()
            else:
                self.table(node)
        elif name in ("ul", "ol"):
            self._flush_inline()
            if not self.document_list(node):
                self.rich_element(node)
        elif name == "p":
            self._flush_inline()
            for image in node.find_all("img"):
                image.extract()
                self.image(image)
            if not self.document_list(node):
                self.rich_element(node)
        elif name == "blockquote":
            text = _text(node)
            if text:
                self.add("quote", {"text": text, "attribution": ""})
        elif name in INLINE:
            images = node.find_all("img")
            if images:
                for image in images:
                    image.extract()
                    self.image(image)
            if name == "br" or _text(node) or node.find("br"):
                self._inline.append(node)
        else:  # div, section, article, center, caption, stray cells
            self._flush_inline()
            self.walk(node)
            self._flush_inline()

    def image(self, node, caption=""):
        source = node.get("src") or node.get("data-src") or ""
        if not source:
            return
        url = urljoin(self.resolver.base_url, source)
        alt = (node.get("alt") or node.get("title") or "").strip()
        image = self.resolver.image(url, alt or caption)
        if image is None:
            return
        self.resolver.images.append(image)
        self.add("image", {"image": image.pk, "caption": caption[:255]})

    def table(self, node):
        rows = []
        header = False
        for index, row in enumerate(node.find_all("tr")):
            cells = row.find_all(["td", "th"], recursive=False)
            if index == 0 and cells and all(cell.name == "th" for cell in cells):
                header = True
            rows.append([_text(cell) for cell in cells])
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        caption = node.find("caption")
        self.add(
            "table",
            {
                "data": rows,
                "first_row_is_table_header": header,
                "first_col_is_header": False,
                "table_caption": _text(caption) if caption else "",
                "table_header_choice": "row" if header else "",
            },
        )

    def document_list(self, node):
        """A paragraph or list made only of links to files becomes a document list."""
        anchors = node.find_all("a", href=True)
        if not anchors:
            return False
        rest = node.get_text(" ", strip=True)
        for anchor in anchors:
            rest = rest.replace(anchor.get_text(" ", strip=True), "", 1)
        if rest.strip(" -\u2013\u2014:،,;|·\u200f\u200e"):
            return False
        urls = [urljoin(self.resolver.base_url, anchor["href"]) for anchor in anchors]
        if not all(self.resolver.is_document(url) for url in urls):
            return False
        entries = []
        for anchor, url in zip(anchors, urls, strict=True):
            title = _text(anchor)[:255]
            document = self.resolver.document(url, title)
            if document is not None:
                self.resolver.documents.append((document, title))
                entries.append({"document": document.pk, "title": title, "language": ""})
        if entries:
            self.add("documents", {"title": "", "documents": entries})
        return True

    def rich_element(self, node):
        self.rich(str(node))

    def rich(self, html):
        """A paragraph's HTML in Wagtail's stored form: only the tags the editor offers, links rewritten."""
        self._flush_inline()
        fragment = rich_text(html, self.resolver)
        if fragment:
            self._rich.append(fragment)


def rich_text(html, resolver):
    """``html`` as Wagtail stores rich text: ``<b>``/``<i>``, page and document links by id, nothing else."""
    soup = BeautifulSoup(html, "html.parser")
    for text in soup.find_all(string=True):
        collapsed = WHITESPACE.sub(" ", str(text))
        if collapsed != text:
            text.replace_with(collapsed)
    for node in soup.find_all(["strong"]):
        node.name = "b"
    for node in soup.find_all(["em"]):
        node.name = "i"
    for anchor in soup.find_all("a"):
        href = (anchor.get("href") or "").strip()
        anchor.attrs = {}
        if not href:
            anchor.unwrap()
            continue
        url = urljoin(resolver.base_url, href)
        page_id = resolver.page_id(url)
        if page_id:
            anchor.attrs = {"linktype": "page", "id": str(page_id)}
            continue
        if resolver.is_document(url):
            title = _text(anchor)[:255]
            document = resolver.document(url, title)
            if document is not None:
                resolver.documents.append((document, title))
                anchor.attrs = {"linktype": "document", "id": str(document.pk)}
                continue
        if resolver.is_internal(url):
            resolver.unresolved.add(url)
        anchor.attrs = {"href": url}
    cleaned = nh3.clean(
        str(soup),
        tags=RICH_TAGS,
        attributes={"a": {"href", "linktype", "id"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    text = BeautifulSoup(cleaned, "html.parser").get_text(strip=True)
    return cleaned.strip() if text else ""


def to_blocks(html, resolver):
    """The body blocks (raw StreamField data) of an old item's HTML."""
    soup = BeautifulSoup(sanitise(html), "html.parser")
    writer = BlockWriter(resolver)
    writer.walk(soup)
    writer.flush()
    return writer.blocks


def plain_text(html, limit=None):
    """The text of an HTML fragment, whitespace collapsed, cut at a word before ``limit`` characters."""
    text = " ".join(BeautifulSoup(sanitise(html), "html.parser").get_text(" ", strip=True).split())
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


#: The longest first paragraph that becomes a page's introduction as a whole (the field keeps 1,000).
INTRO_MAX = 600
#: Where an introduction is cut when it is made from more text than that.
INTRO_CUT = 300


def _lead(html):
    """The parsed block and its first element with text, when that element is a paragraph."""
    soup = BeautifulSoup(html, "html.parser")
    for node in soup.contents:
        if isinstance(node, Tag) and node.get_text(strip=True):
            return soup, node if node.name == "p" else None
    return soup, None


def introduction(excerpt, blocks):
    """The introduction of an imported page and its body blocks, the introduction's text said once.

    The source's excerpt when it has one, else the first paragraph of the content. That paragraph leaves
    the body (as does a first paragraph that only repeats the excerpt), unless it is too long for an
    introduction: then the introduction is its beginning and the body keeps it whole. ``blocks`` is not
    changed; the body returned is a new list.
    """
    wanted = plain_text(excerpt, INTRO_CUT) if excerpt and excerpt.strip() else ""
    for index, block in enumerate(blocks):
        if block["type"] != "paragraph":
            continue
        soup, first = _lead(block["value"])
        if first is None:
            break
        text = " ".join(first.get_text(" ", strip=True).split())
        if (wanted and text != wanted) or len(text) > INTRO_MAX:
            return wanted or plain_text(str(first), INTRO_CUT), list(blocks)
        first.decompose()
        rest = [*blocks[:index], *blocks[index + 1 :]]
        remaining = "".join(str(node) for node in soup.contents).strip()
        if soup.get_text(strip=True) or soup.find(["embed", "img"]):
            rest.insert(index, {**block, "value": remaining})
        return text, rest
    return wanted, list(blocks)
