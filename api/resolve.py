"""Bulk resolution of what serialised content refers to: images, documents, pages, registers, rich text.

Serialisers put ``Ref`` placeholders in their output and register what they need; ``Resolver.resolve``
then loads each kind with one query, whatever the number of items, and ``finalize`` swaps the
placeholders for their values. This is what keeps every endpoint's query count independent of its
page size.
"""

import mimetypes
import uuid
from collections import defaultdict
from html import escape

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from .registry import page_slug_for_model

#: Renditions every image is served in, by name.
IMAGE_RENDITIONS = {"large": "max-1600x1600", "medium": "max-800x800", "thumbnail": "fill-400x300"}

#: What a reference to a register entry shows, by model label.
SNIPPET_FIELDS = {
    "directory.Person": ("id", "name"),
    "directory.Organization": ("id", "name", "kind"),
    "directory.Facility": ("id", "name", "kind", "address", "latitude", "longitude"),
}

_SPLIT = f"<!--{uuid.uuid4().hex}-->"


class Ref:
    """A placeholder for a resolved value, filled in by ``Resolver.finalize``."""

    __slots__ = ("key", "kind")

    def __init__(self, kind, key):
        self.kind = kind
        self.key = key


def _as_id(value):
    if isinstance(value, dict):
        value = value.get("id")
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


class Resolver:
    """Collects references during serialisation and loads them in bulk."""

    def __init__(self, request):
        self.request = request
        self.wanted = defaultdict(set)
        self.fragments = []
        self.values = {}
        self._root_paths = None

    def image(self, value):
        pk = _as_id(value)
        if pk is None:
            return None
        self.wanted["image"].add(pk)
        return Ref("image", pk)

    def document(self, value):
        pk = _as_id(value)
        if pk is None:
            return None
        self.wanted["document"].add(pk)
        return Ref("document", pk)

    def page(self, value):
        pk = _as_id(value)
        if pk is None:
            return None
        self.wanted["page"].add(pk)
        return Ref("page", pk)

    def snippet(self, label, value):
        pk = _as_id(value)
        if pk is None:
            return None
        self.wanted[label].add(pk)
        return Ref(label, pk)

    def richtext(self, html):
        self.fragments.append(html or "")
        return Ref("richtext", len(self.fragments) - 1)

    def absolute(self, url):
        if not url:
            return url
        return self.request.build_absolute_uri(url)

    # Loading

    def resolve(self):
        """Load everything collected so far, one query per kind."""
        if self.fragments:
            self._resolve_richtext()
        if self.wanted["image"]:
            self._resolve_images()
        if self.wanted["document"]:
            self._resolve_documents(self.wanted["document"])
        if self.wanted["page"]:
            self._resolve_pages(self.wanted["page"])
        for label, fields in SNIPPET_FIELDS.items():
            if self.wanted[label]:
                model = apps.get_model(label)
                for row in model.objects.live().filter(pk__in=self.wanted[label]).values(*fields):
                    if "latitude" in row:
                        row["latitude"] = _float(row["latitude"])
                        row["longitude"] = _float(row["longitude"])
                    self.values[label, row["id"]] = row

    def _resolve_images(self):
        model = get_image_model()
        images = model.objects.filter(pk__in=self.wanted["image"]).prefetch_renditions(*IMAGE_RENDITIONS.values())
        for image in images:
            renditions = image.get_renditions(*IMAGE_RENDITIONS.values())
            self.values["image", image.pk] = {
                "id": image.pk,
                "title": image.title,
                "alt": image.default_alt_text,
                "credit": getattr(image, "credit", ""),
                "width": image.width,
                "height": image.height,
                "renditions": {
                    name: {
                        "url": self.absolute(renditions[spec].url),
                        "width": renditions[spec].width,
                        "height": renditions[spec].height,
                    }
                    for name, spec in IMAGE_RENDITIONS.items()
                },
            }

    def _restricted_collection_paths(self):
        return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))

    def _resolve_documents(self, ids):
        restricted = self._restricted_collection_paths()
        model = get_document_model()
        for document in model.objects.filter(pk__in=ids).select_related("collection"):
            if any(document.collection.path.startswith(path) for path in restricted):
                continue
            self.values["document", document.pk] = {
                "id": document.pk,
                "title": document.title,
                "url": self.absolute(document.url),
                "file_type": document.file_extension.lower(),
                "content_type": mimetypes.guess_type(document.filename)[0] or "application/octet-stream",
                "file_size": document.file_size if document.file_size is not None else document.get_file_size(),
                "language": getattr(document, "language", "") or None,
            }

    def _resolve_pages(self, ids):
        pages = (
            Page.objects.live()
            .public()
            .filter(pk__in=ids)
            .only("id", "title", "url_path", "content_type_id", "locale_id", "depth", "path")
        )
        for page in pages:
            self.values["page", page.pk] = self.page_link(page)

    def page_link(self, page):
        """The short form of a page: what a link to it carries."""
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        slug = page_slug_for_model(model) if model else None
        _site_id, root_url, path = page.get_url_parts(self.request) or (None, None, None)
        return {
            "id": page.pk,
            "type": slug,
            "title": page.title,
            "url": (root_url or "") + path if path else None,
            "api_url": self.absolute(f"/api/{slug}/{page.pk}") if slug else None,
        }

    def _resolve_richtext(self):
        joined = _SPLIT.join(self.fragments)
        link_rules = dict(features.get_link_types())
        bulk_links = {kind: handler.expand_db_attributes_many for kind, handler in link_rules.items()}
        bulk_links["page"] = self._page_link_tags
        bulk_links["document"] = self._document_link_tags
        embed_rules = features.get_embed_types()
        rewriter = MultiRuleRewriter(
            [
                LinkRewriter(bulk_rules=bulk_links),
                EmbedRewriter(bulk_rules={k: h.expand_db_attributes_many for k, h in embed_rules.items()}),
            ]
        )
        for index, html in enumerate(rewriter(joined).split(_SPLIT)):
            self.values["richtext", index] = html

    def _page_link_tags(self, attrs_list):
        ids = {_as_id(attrs) for attrs in attrs_list} - {None}
        self._resolve_pages(ids - {key for kind, key in self.values if kind == "page"})
        tags = []
        for attrs in attrs_list:
            link = self.values.get(("page", _as_id(attrs)))
            tags.append(f'<a href="{escape(link["url"])}">' if link and link["url"] else "<a>")
        return tags

    def _document_link_tags(self, attrs_list):
        ids = {_as_id(attrs) for attrs in attrs_list} - {None}
        self._resolve_documents(ids)
        tags = []
        for attrs in attrs_list:
            document = self.values.get(("document", _as_id(attrs)))
            tags.append(f'<a href="{escape(document["url"])}">' if document else "<a>")
        return tags

    # Output

    def finalize(self, tree):
        """``tree`` with every ``Ref`` replaced by its resolved value (``None`` when not visible)."""
        if isinstance(tree, Ref):
            return self.values.get((tree.kind, tree.key))
        if isinstance(tree, dict):
            return {key: self.finalize(value) for key, value in tree.items()}
        if isinstance(tree, list):
            return [self.finalize(value) for value in tree]
        return tree


def _float(value):
    return float(value) if value is not None else None
