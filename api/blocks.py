"""Typed StreamField output: a schema and a converter for every block the page types use.

Each stream is a list of ``{"type", "id", "value"}`` items, typed as a union discriminated by
``type``; struct blocks become objects whose every child is named and typed. Schemas are derived
from the block definitions themselves, so a new block is typed in the document the day it is added
(and an unknown kind of block fails loudly at start-up rather than leaking an untyped blob).
Conversion reads the stored JSON directly, without instantiating chooser values one page at a time.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Literal, Union

from pydantic import Field, create_model
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .schemas import DocumentOut, FacilityRef, ImageOut, OrganizationRef, PageLink, PersonRef, Schema, TableOut

SNIPPET_SCHEMAS = {
    "directory.Person": PersonRef,
    "directory.Organization": OrganizationRef,
    "directory.Facility": FacilityRef,
}

_models = {}


def _camel(name):
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_"))


def _choice_values(block):
    values = [str(value) for value, _label in block.field.choices if value != ""]
    return values


def block_schema(block, name):
    """The pydantic type of a block's value; ``name`` seeds the names of generated models."""
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block, name)
    if isinstance(block, blocks.StructBlock):
        model_name = type(block).__name__ if type(block) is not blocks.StructBlock else f"{name}Value"
        model_name = model_name.removesuffix("Block") + "Value" if model_name.endswith("Block") else model_name
        if model_name in _models:
            return _models[model_name]
        fields = {
            child_name: (block_schema(child, f"{model_name}{_camel(child_name)}"), ...)
            for child_name, child in block.child_blocks.items()
        }
        model = create_model(model_name, __base__=Schema, **fields)
        _models[model_name] = model
        return model
    if isinstance(block, blocks.ListBlock):
        return list[block_schema(block.child_block, name)]
    if isinstance(block, ImageChooserBlock):
        return ImageOut | None
    if isinstance(block, DocumentChooserBlock):
        return DocumentOut | None
    if isinstance(block, blocks.PageChooserBlock):
        return PageLink | None
    if isinstance(block, SnippetChooserBlock):
        return SNIPPET_SCHEMAS[block.target_model._meta.label] | None
    if isinstance(block, TableBlock):
        return TableOut
    if isinstance(block, blocks.RichTextBlock):
        return Annotated[str, Field(description="HTML, internal links resolved")]
    if isinstance(block, blocks.ChoiceBlock):
        values = _choice_values(block)
        literal = Literal[tuple(values)] if values else str
        return literal if block.required else literal | Literal[""]
    if isinstance(block, blocks.BooleanBlock):
        return bool
    if isinstance(block, blocks.IntegerBlock):
        return int | None
    if isinstance(block, (blocks.DecimalBlock, blocks.FloatBlock)):
        return Annotated[str | None, Field(description="Decimal number as a string")]
    if isinstance(block, blocks.DateTimeBlock):
        return datetime.datetime | None
    if isinstance(block, blocks.DateBlock):
        return datetime.date | None
    if isinstance(block, blocks.TimeBlock):
        return Annotated[str | None, Field(description="Time of day, HH:MM[:SS]")]
    if isinstance(block, blocks.FieldBlock):
        return str
    raise TypeError(f"No API schema for block {type(block).__name__} ({name})")


def stream_schema(stream_block, name):
    """A list of items discriminated by ``type``, one model per block type of the stream."""
    key = f"{name}Stream"
    if key in _models:
        return _models[key]
    variants = []
    for child_name, child in stream_block.child_blocks.items():
        variant = create_model(
            f"{name}{_camel(child_name)}",
            __base__=Schema,
            type=(Literal[child_name], ...),
            id=(str, ...),
            value=(block_schema(child, f"{name}{_camel(child_name)}"), ...),
        )
        variants.append(variant)
    item = variants[0] if len(variants) == 1 else Annotated[Union[tuple(variants)], Field(discriminator="type")]  # noqa: UP007
    _models[key] = list[item]
    return _models[key]


def convert(block, raw, resolver):
    """Turn a block's stored JSON value into its API value, registering references with ``resolver``."""
    if isinstance(block, blocks.StreamBlock):
        return convert_stream(block, raw, resolver)
    if isinstance(block, blocks.StructBlock):
        raw = raw if isinstance(raw, dict) else {}
        return {
            name: convert(child, raw.get(name, child.get_prep_value(child.get_default())), resolver)
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        items = raw or []
        return [convert(block.child_block, item["value"] if _is_list_item(item) else item, resolver) for item in items]
    if isinstance(block, ImageChooserBlock):
        return resolver.image(raw)
    if isinstance(block, DocumentChooserBlock):
        return resolver.document(raw)
    if isinstance(block, blocks.PageChooserBlock):
        return resolver.page(raw)
    if isinstance(block, SnippetChooserBlock):
        return resolver.snippet(block.target_model._meta.label, raw)
    if isinstance(block, TableBlock):
        return _table(raw)
    if isinstance(block, blocks.RichTextBlock):
        return resolver.richtext(raw)
    if isinstance(block, blocks.ChoiceBlock):
        return "" if raw is None else str(raw)
    if isinstance(block, blocks.BooleanBlock):
        return bool(raw)
    if isinstance(block, blocks.IntegerBlock):
        return int(raw) if raw not in (None, "") else None
    if isinstance(block, (blocks.DecimalBlock, blocks.FloatBlock)):
        return str(Decimal(str(raw))) if raw not in (None, "") else None
    if isinstance(block, (blocks.DateBlock, blocks.DateTimeBlock, blocks.TimeBlock)):
        return raw or None
    return "" if raw is None else raw


def convert_stream(stream_block, raw, resolver):
    items = []
    for item in raw or []:
        child = stream_block.child_blocks.get(item.get("type"))
        if child is None:
            continue
        items.append(
            {
                "type": item["type"],
                "id": str(item.get("id") or ""),
                "value": convert(child, item.get("value"), resolver),
            }
        )
    return items


def _is_list_item(item):
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item


def _table(raw):
    raw = raw if isinstance(raw, dict) else {}
    rows = raw.get("data") or []
    return {
        "caption": raw.get("table_caption") or "",
        "first_row_is_header": bool(raw.get("first_row_is_table_header")),
        "first_col_is_header": bool(raw.get("first_col_is_header")),
        "rows": [[None if cell is None else str(cell) for cell in row] for row in rows],
    }
