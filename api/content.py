"""Page types as typed API items: their schemas, derived from each type's ``api_fields``, and their serialisation."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal, Union

from django.apps import apps
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from pydantic import Field, create_model
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page

from pages.enums import SessionStatus

from .blocks import SNIPPET_SCHEMAS, block_schema, convert
from .registry import PAGE_COLLECTIONS, page_model
from .resolve import Resolver
from .schemas import AlertOut, DocumentOut, ImageOut, PageLink, Schema, Translation

#: Types of the computed attributes that page types list in ``api_fields``.
PROPERTY_TYPES = {
    ("pages.CouncilSessionPage", "status"): Literal[tuple(SessionStatus.values)],
    ("pages.TenderPage", "is_open"): bool,
    ("pages.TenderPage", "days_left"): int | None,
    ("pages.ProjectPage", "is_late"): bool,
    ("pages.EventPage", "is_upcoming"): bool,
    ("pages.PartnershipPage", "ends_on"): datetime.date | None,
    ("pages.ServicePage", "online_channel_url"): str,
    ("home.HomePage", "active_alert"): AlertOut | None,
}

#: Computed attributes served beyond ``api_fields``.
EXTRA_FIELDS = {"pages.TenderPage": ["days_left"]}


def _camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def _choices(field):
    values = tuple(str(value) for value, _label in field.choices)
    literal = Literal[values]
    return literal | Literal[""] if field.blank else literal


class FieldSpec:
    """How one API field of a page type is typed and read."""

    def __init__(self, model, name):
        self.name = name
        self.label = model._meta.label
        try:
            self.field = model._meta.get_field(name)
        except Exception:
            self.field = None
        self.kind, self.type = self._classify(model)

    def _classify(self, model):
        field = self.field
        if field is None:
            return "property", PROPERTY_TYPES[self.label, self.name]
        nullable = field.null
        if isinstance(field, StreamField):
            stream = field.stream_block
            base = type(stream).__name__.removesuffix("Block")
            seed = base if base != "Stream" else f"{model.__name__.removesuffix('Page')}{_camel(self.name)}"
            return "stream", block_schema(stream, seed)
        if isinstance(field, RichTextField):
            return "richtext", Annotated[str, Field(description="HTML, internal links resolved")]
        if isinstance(field, ParentalManyToManyField):
            return "m2m", list[SNIPPET_SCHEMAS[field.related_model._meta.label]]
        if isinstance(field, models.ForeignKey):
            target = field.related_model
            if issubclass(target, get_image_model()):
                return "image", ImageOut | None
            if issubclass(target, get_document_model()):
                return "document", DocumentOut | None
            if issubclass(target, Page):
                return "page", PageLink | None
            return "snippet", SNIPPET_SCHEMAS[target._meta.label] | None
        if isinstance(field, models.DecimalField):
            return "decimal", Annotated[str | None, Field(description="Decimal number as a string")]
        if field.choices:
            base = _choices(field)
        elif isinstance(field, models.DateTimeField):
            base = datetime.datetime
        elif isinstance(field, models.DateField):
            base = datetime.date
        elif isinstance(field, models.BooleanField):
            base = bool
        elif isinstance(field, models.IntegerField):
            base = int
        elif isinstance(field, (models.CharField, models.TextField)):
            base = str
        else:
            raise TypeError(f"No API type for {self.label}.{self.name} ({type(field).__name__})")
        return "plain", base | None if nullable else base

    def read(self, page, resolver):
        kind = self.kind
        if kind == "stream":
            return convert(self.field.stream_block, list(getattr(page, self.name).raw_data), resolver)
        if kind == "richtext":
            return resolver.richtext(getattr(page, self.name))
        if kind == "image":
            return resolver.image(getattr(page, self.field.attname))
        if kind == "document":
            return resolver.document(getattr(page, self.field.attname))
        if kind == "page":
            return resolver.page(getattr(page, self.field.attname))
        if kind == "snippet":
            return resolver.snippet(self.field.related_model._meta.label, getattr(page, self.field.attname))
        if kind == "m2m":
            label = self.field.related_model._meta.label
            return [resolver.snippet(label, item.pk) for item in getattr(page, self.name).all()]
        value = getattr(page, self.name)
        if kind == "decimal":
            return None if value is None else str(value)
        if isinstance(value, Decimal):
            return str(value)
        return value


class PageType:
    """One page type as the API serves it."""

    def __init__(self, slug):
        self.slug = slug
        self.model = page_model(slug)
        names = [api_field.name for api_field in self.model.api_fields]
        names += [name for name in EXTRA_FIELDS.get(self.model._meta.label, []) if name not in names]
        self.fields = [FieldSpec(self.model, name) for name in names]

    @cached_property
    def schema(self):
        name = self.model.__name__.removesuffix("Page") or "Page"
        name = {"Home": "CommuneHome"}.get(name, name)
        own = {spec.name: (spec.type, ...) for spec in self.fields}
        return create_model(
            name,
            __base__=PageBase,
            __doc__=(self.model.__doc__ or "").strip(),
            type=(Literal[self.slug], Field(description="API collection")),
            **own,
        )

    @cached_property
    def m2m_names(self):
        return [spec.name for spec in self.fields if spec.kind == "m2m"]

    @cached_property
    def may_be_copy(self):
        return apps.is_installed("network") and self.model._meta.label in _copied_labels()

    def queryset(self):
        """Live, public pages of this type, with what serialisation reads loaded up front."""
        queryset = self.model.objects.live().public().select_related("locale")
        if self.may_be_copy:
            queryset = queryset.select_related("syndicated_copy__peer")
        if self.m2m_names:
            queryset = queryset.prefetch_related(*self.m2m_names)
        return queryset


class Source(Schema):
    """The original of a page copied from a peer portal of the network."""

    name: str = Field(description="Name of the peer portal")
    url: str = Field(description="Address of the original page")


def _copied_labels():
    from network.models import KIND_MODELS

    return {model_label for model_label, _index in KIND_MODELS.values()}


def _sources(pages):
    """Provenance of the pages that are copies, by page id: read from ``select_related`` or in one query."""
    if not apps.is_installed("network"):
        return {}
    labels = _copied_labels()
    found, missing = {}, []
    for page in pages:
        if type(page)._meta.label not in labels:
            continue
        if "syndicated_copy" in page._state.fields_cache:
            copy = page._state.fields_cache["syndicated_copy"]
            if copy is not None:
                found[page.pk] = copy
        else:
            missing.append(page.pk)
    if missing:
        copies = apps.get_model("network", "SyndicatedCopy").objects.filter(page_id__in=missing).select_related("peer")
        found.update({copy.page_id: copy for copy in copies})
    return {page_id: {"name": copy.peer.name, "url": copy.original_url} for page_id, copy in found.items()}


class PageBase(Schema):
    id: int = Field(description="Id of this language version; each language version has its own")
    key: str = Field(
        description="Stable id of the page, the same in every language (its translation key): "
        "one id per thing across ar, fr and zgh"
    )
    title: str
    slug: str
    locale: str = Field(description="Language code: ar, fr or zgh")
    commune: int | None = Field(description="Id of the commune (site) the page belongs to")
    url: str | None = Field(description="Address of the page on the public portal")
    path: str | None = Field(description="Path of the page on its portal")
    api_url: str
    seo_title: str
    search_description: str
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    translations: list[Translation] = Field(description="The same page in the other languages")
    alternates: list[Translation] = Field(
        description="Every language version of the page (this one included), by language: the alternates of `key`"
    )
    source: Source | None = Field(
        description="Where a copy taken from a peer portal comes from; null for the commune's own pages"
    )


PAGE_TYPES = {slug: PageType(slug) for slug in PAGE_COLLECTIONS}


def page_type_for(page):
    for page_type in PAGE_TYPES.values():
        if type(page) is page_type.model:
            return page_type
    return None


def any_page_schema():
    """The union of every page type's schema, told apart by ``type``."""
    schemas = tuple(page_type.schema for page_type in PAGE_TYPES.values())
    return Annotated[Union[schemas], Field(discriminator="type")]  # noqa: UP007


def serialize_pages(request, pages, with_translations=True):
    """Serialise specific page instances (any types) into API dicts, with a bounded number of queries."""
    resolver = Resolver(request)
    translations = _translations(resolver, pages) if with_translations else {}
    sources = _sources(pages)
    items = []
    for page in pages:
        page_type = page_type_for(page)
        site_id, root_url, path = page.get_url_parts(request) or (None, None, None)
        item = {
            "id": page.pk,
            "key": str(page.translation_key),
            "type": page_type.slug,
            "title": page.title,
            "slug": page.slug,
            "locale": page.locale.language_code,
            "commune": site_id,
            "url": (root_url or "") + path if path else None,
            "path": path,
            "api_url": resolver.absolute(f"/api/{page_type.slug}/{page.pk}"),
            "seo_title": page.seo_title,
            "search_description": page.search_description,
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
            "translations": [entry for entry in translations.get(page.translation_key, []) if entry["id"] != page.pk],
            "alternates": translations.get(page.translation_key, []),
            "source": sources.get(page.pk),
        }
        for spec in page_type.fields:
            item[spec.name] = spec.read(page, resolver)
        if page_type.model._meta.label == "home.HomePage" and item.get("active_alert"):
            item["active_alert"] = dict(item["active_alert"])
        items.append(item)
    resolver.resolve()
    return resolver.finalize(items)


def _translations(resolver, pages):
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    found = {}
    others = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "title", "url_path", "translation_key", "content_type_id", "locale__language_code")
        .order_by("locale__language_code", "id")
    )
    for other in others:
        link = resolver.page_link(other)
        found.setdefault(other.translation_key, []).append(
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "title": other.title,
                "url": link["url"],
                "api_url": link["api_url"],
            }
        )
    return found
