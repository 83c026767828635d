"""Typed blocks in writes: a StreamField sent as a list of ``{"type", "value"}`` items, checked by its own blocks.

A write may set any StreamField of a page (a body of several blocks, attachments, key figures, agendas, fees…)
in the shape the API reads it back, with ids where the API shows an image, a document, a page or a register
entry. The items become the field's stored form, then the field's own block validation (``StreamBlock.clean``,
the one the admin runs) decides; what it refuses is a 400 naming each block at fault. Every image, document,
page or register entry a block points at must belong to the token's commune (and be one its user may choose).

``stream_json_schema`` declares the same shape in the OpenAPI document, derived from the block definitions.
"""

import uuid
from typing import Annotated, Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from pydantic import Field, WithJsonSchema
from wagtail import blocks
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.blocks import SnippetChooserBlock

from tenancy.scope import PageTree, path_of, scope

from .http import ApiError

CONTROLS = {*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)}
MAX_ITEMS = 500


class BlockInputError(Exception):
    """A block that cannot be read: ``path`` names it (``body[2].value.text``)."""

    def __init__(self, path, message):
        super().__init__(str(message))
        self.path = path
        self.message = message


# --- The declared shape ------------------------------------------------------------------------------------


def _nullable(schema):
    return {**schema, "type": [schema["type"], "null"]}


def block_json_schema(block):
    """The JSON schema (OpenAPI 3.1) of what a write sends for ``block``."""
    if isinstance(block, blocks.StreamBlock):
        return stream_json_schema(block)
    if isinstance(block, blocks.StructBlock):
        children = block.child_blocks
        required = [
            name
            for name, child in children.items()
            if getattr(child, "required", False) and child.get_default() in (None, "", [])
        ]
        schema = {
            "type": "object",
            "properties": {name: block_json_schema(child) for name, child in children.items()},
            "additionalProperties": False,
        }
        if required:
            schema["required"] = required
        return schema
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": block_json_schema(block.child_block), "maxItems": MAX_ITEMS}
    if isinstance(block, ImageChooserBlock):
        return _nullable(
            {"type": "integer", "description": "Id of an image of the commune's library (POST /api/images)"}
        )
    if isinstance(block, DocumentChooserBlock):
        return _nullable(
            {"type": "integer", "description": "Id of a document of the commune's library (POST /api/documents)"}
        )
    if isinstance(block, blocks.PageChooserBlock):
        return _nullable({"type": "integer", "description": "Id of a page of the commune"})
    if isinstance(block, SnippetChooserBlock):
        name = block.target_model._meta.verbose_name
        return _nullable({"type": "integer", "description": f"Id of a {name} of the commune"})
    if isinstance(block, TableBlock):
        return {
            "type": "object",
            "properties": {
                "rows": {"type": "array", "items": {"type": "array", "items": {"type": ["string", "null"]}}},
                "caption": {"type": "string"},
                "first_row_is_header": {"type": "boolean"},
                "first_col_is_header": {"type": "boolean"},
            },
            "required": ["rows"],
            "additionalProperties": False,
        }
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "description": "HTML; reduced to the features editors have"}
    if isinstance(block, blocks.ChoiceBlock):
        values = [str(value) for value, _label in block.field.choices if value != ""]
        return {"type": "string", "enum": values if block.required else [*values, ""]}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": "boolean"}
    if isinstance(block, blocks.IntegerBlock):
        return {"type": ["integer", "null"]}
    if isinstance(block, (blocks.DecimalBlock, blocks.FloatBlock)):
        return {"type": ["string", "number", "null"], "description": "A decimal number"}
    if isinstance(block, blocks.DateTimeBlock):
        return {"type": ["string", "null"], "format": "date-time"}
    if isinstance(block, blocks.DateBlock):
        return {"type": ["string", "null"], "format": "date"}
    if isinstance(block, blocks.TimeBlock):
        return {"type": ["string", "null"], "description": "Time of day, HH:MM[:SS]"}
    schema = {"type": "string"}
    max_length = getattr(getattr(block, "field", None), "max_length", None)
    if max_length:
        schema["maxLength"] = max_length
    return schema


def stream_json_schema(stream_block):
    variants = []
    for name, child in stream_block.child_blocks.items():
        variants.append(
            {
                "type": "object",
                "title": str(name),
                "properties": {"type": {"type": "string", "const": name}, "value": block_json_schema(child)},
                "required": ["type", "value"],
                "additionalProperties": False,
            }
        )
    items = variants[0] if len(variants) == 1 else {"oneOf": variants}
    return {"type": "array", "items": items, "maxItems": MAX_ITEMS}


def blocks_input(stream_block, description):
    """The pydantic type of a StreamField in a write: any JSON list, declared as the field's typed blocks.

    The blocks themselves are read and checked by :func:`stream_value`, so that an unknown block type or a
    refused value is answered with the block's own message (400), not a generic schema error.
    """
    schema = {**stream_json_schema(stream_block), "description": description}
    return Annotated[list[Any], WithJsonSchema(schema)]


# --- From what was sent to the stored form ------------------------------------------------------------------


class References:
    """Every image, document, page and register entry the blocks point at, checked at once afterwards."""

    def __init__(self):
        self.wanted = []

    def add(self, kind, model, pk, path):
        self.wanted.append((kind, model, pk, path))

    def check(self, request):
        """Raise ``BlockInputError`` for the first reference outside the token's commune (or missing)."""
        by_model = {}
        for kind, model, pk, path in self.wanted:
            by_model.setdefault((kind, model), []).append((pk, path))
        for (kind, model), entries in by_model.items():
            allowed = set(_allowed(kind, model, {pk for pk, _path in entries}, request))
            for pk, path in entries:
                if pk not in allowed:
                    raise BlockInputError(path, _missing_message(kind, pk))


def _missing_message(kind, pk):
    messages = {
        "image": _("No image of this commune's library has the id %(id)s."),
        "document": _("No document of this commune's library has the id %(id)s."),
        "page": _("No page of this commune has the id %(id)s."),
    }
    return messages.get(kind, _("No entry of this commune's registers has the id %(id)s.")) % {"id": pk}


def commune_collection_of(token):
    """The media collection of the token's commune, or ``None`` for a token that names no commune."""
    if token.commune_id is None:
        return None
    from home.communes import commune_collection

    return commune_collection(token.commune.site_name)


def media_in_commune(model, request):
    """The images or documents the token's user may choose, limited to the token's commune's collection."""
    policy = policy_registry.get_by_type(model)
    queryset = policy.instances_user_has_any_permission_for(request.user, ["choose", "change"])
    collection = commune_collection_of(request.auth)
    if collection is not None:
        queryset = queryset.filter(collection__path__startswith=collection.path)
    return queryset


def _allowed(kind, model, pks, request):
    from .write import in_token_commune

    if kind in ("image", "document"):
        return media_in_commune(model, request).filter(pk__in=pks).values_list("pk", flat=True)
    if kind == "page":
        pages = Page.objects.filter(pk__in=pks).only("pk", "path")
        return [page.pk for page in pages if in_token_commune(request.auth, page)]
    path = path_of(model)
    queryset = scope(model._default_manager.filter(pk__in=pks), request.user, path or "commune")
    token = request.auth
    if token.commune_id is not None and path and not isinstance(path, PageTree) and path != "pk":
        queryset = queryset.filter(**{path: token.commune_id})
    return queryset.values_list("pk", flat=True)


def _text(value, path):
    if not isinstance(value, str):
        raise BlockInputError(path, _("Give a text."))
    if any(ord(character) in CONTROLS for character in value):
        raise BlockInputError(path, _("This text contains characters that are not allowed."))
    return value


def _reference(value, path):
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BlockInputError(path, _("Give an id (a whole number) or null."))
    return value


def to_raw(block, value, path, references):
    """The stored JSON of ``block`` for ``value`` as a write sends it; references are noted for checking."""
    if isinstance(block, blocks.StreamBlock):
        return stream_to_raw(block, value, path, references)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            raise BlockInputError(path, _("Give an object with the block's fields."))
        unknown = sorted(set(value) - set(block.child_blocks))
        if unknown:
            raise BlockInputError(
                f"{path}.{unknown[0]}",
                _("This block has no field “%(name)s”; its fields are: %(names)s.")
                % {"name": unknown[0], "names": ", ".join(block.child_blocks)},
            )
        return {
            name: to_raw(block.child_blocks[name], item, f"{path}.{name}", references) for name, item in value.items()
        }
    if isinstance(block, blocks.ListBlock):
        if not isinstance(value, list) or len(value) > MAX_ITEMS:
            raise BlockInputError(path, _("Give a list of at most %(count)s items.") % {"count": MAX_ITEMS})
        return [
            {
                "type": "item",
                "value": to_raw(block.child_block, item, f"{path}[{index}]", references),
                "id": str(uuid.uuid4()),
            }
            for index, item in enumerate(value)
        ]
    if isinstance(block, ImageChooserBlock):
        pk = _reference(value, path)
        if pk is not None:
            references.add("image", get_image_model(), pk, path)
        return pk
    if isinstance(block, DocumentChooserBlock):
        pk = _reference(value, path)
        if pk is not None:
            references.add("document", get_document_model(), pk, path)
        return pk
    if isinstance(block, blocks.PageChooserBlock):
        pk = _reference(value, path)
        if pk is not None:
            references.add("page", Page, pk, path)
        return pk
    if isinstance(block, SnippetChooserBlock):
        pk = _reference(value, path)
        if pk is not None:
            references.add("snippet", block.target_model, pk, path)
        return pk
    if isinstance(block, TableBlock):
        return _table_to_raw(value, path)
    if isinstance(block, blocks.RichTextBlock):
        html = _text(value, path)
        return EditorHTMLConverter(features=block.features).to_database_format(html)
    if isinstance(block, blocks.BooleanBlock):
        if not isinstance(value, bool):
            raise BlockInputError(path, _("Give true or false."))
        return value
    if isinstance(block, blocks.IntegerBlock):
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            raise BlockInputError(path, _("Give a whole number."))
        return value
    if isinstance(block, (blocks.DecimalBlock, blocks.FloatBlock)):
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float, str))):
            raise BlockInputError(path, _("Give a decimal number."))
        return value
    if value is None:
        return None
    return _text(value, path)


def _table_to_raw(value, path):
    if not isinstance(value, dict) or not isinstance(value.get("rows"), list):
        raise BlockInputError(path, _("Give a table as an object with its rows."))
    unknown = sorted(set(value) - {"rows", "caption", "first_row_is_header", "first_col_is_header"})
    if unknown:
        raise BlockInputError(f"{path}.{unknown[0]}", _("A table has no field “%(name)s”.") % {"name": unknown[0]})
    rows = []
    for row_index, row in enumerate(value["rows"]):
        if not isinstance(row, list):
            raise BlockInputError(f"{path}.rows[{row_index}]", _("Give each row as a list of cells."))
        rows.append(
            [None if cell is None else _text(cell, f"{path}.rows[{row_index}][{i}]") for i, cell in enumerate(row)]
        )
    return {
        "data": rows,
        "table_caption": _text(value.get("caption", ""), f"{path}.caption"),
        "first_row_is_table_header": bool(value.get("first_row_is_header", False)),
        "first_col_is_header": bool(value.get("first_col_is_header", False)),
    }


def stream_to_raw(stream_block, items, path, references):
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise BlockInputError(path, _("Give a list of at most %(count)s blocks.") % {"count": MAX_ITEMS})
    raw = []
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("type"), str) or "value" not in item:
            raise BlockInputError(here, _("Give each block as an object with its “type” and its “value”."))
        child = stream_block.child_blocks.get(item["type"])
        if child is None:
            raise BlockInputError(
                f"{here}.type",
                _("There is no block type “%(type)s” here; the types are: %(types)s.")
                % {"type": item["type"][:60], "types": ", ".join(stream_block.child_blocks)},
            )
        extra = sorted(set(item) - {"type", "value", "id"})
        if extra:
            raise BlockInputError(f"{here}.{extra[0]}", _("A block has a “type” and a “value” only."))
        raw.append(
            {
                "type": item["type"],
                "value": to_raw(child, item["value"], f"{here}.value", references),
                "id": str(uuid.uuid4()),
            }
        )
    return raw


def _error_params(block, data, path):
    """``(path, message)`` for each message of a block validation error, walking the block's structure."""
    params = [(path, str(message)) for message in data.get("messages", [])]
    for key, error in (data.get("blockErrors") or {}).items():
        if isinstance(block, blocks.StreamBlock):
            child, here = None, f"{path}[{key}].value"
        elif isinstance(block, blocks.StructBlock):
            child, here = block.child_blocks.get(key), f"{path}.{key}"
        elif isinstance(block, blocks.ListBlock):
            child, here = block.child_block, f"{path}[{key}]"
        else:
            child, here = None, path
        if isinstance(block, blocks.StreamBlock):
            child = _stream_child(block, data, key)
        params.extend(_error_params(child, error, here) if child is not None else _messages(error, here))
    return params


def _stream_child(block, data, index):
    types = data.get("_types") or []
    return block.child_blocks.get(types[index]) if isinstance(index, int) and index < len(types) else None


def _messages(data, path):
    found = [(path, str(message)) for message in data.get("messages", [])]
    for key, error in (data.get("blockErrors") or {}).items():
        found.extend(_messages(error, f"{path}.{key}"))
    return found


def writable_rich_fields(model):
    """The StreamFields and the image and document fields of ``model`` that the API shows, by name."""
    image_model, document_model = get_image_model(), get_document_model()
    found = {}
    for api_field in model.api_fields:
        try:
            field = model._meta.get_field(api_field.name)
        except FieldDoesNotExist:
            continue
        if (isinstance(field, StreamField) and field.editable) or (
            isinstance(field, models.ForeignKey) and field.related_model in (image_model, document_model)
        ):
            found[field.name] = field
    return found


def rich_inputs(model, *, patch):
    """``create_model`` arguments for the rich fields of ``model``: typed blocks, and ids for images."""
    inputs = {}
    for name, field in writable_rich_fields(model).items():
        label = str(field.verbose_name)
        if isinstance(field, StreamField):
            help_text = f"The {label} as typed blocks" + ("; replaces the whole field" if patch else "")
            inputs[name] = (
                blocks_input(field.stream_block, help_text) | None,
                Field(None if patch else [], description=help_text),
            )
        else:
            kind = "image" if field.related_model is get_image_model() else "document"
            help_text = f"Id of the {label}: an {kind} of the commune's library (POST /api/{kind}s); null removes it"
            inputs[name] = (int | None, Field(None, description=help_text))
    return inputs


def apply_rich_fields(page, values, request):
    """Set the rich fields in ``values`` (name -> what was sent) on ``page``, checked as the admin would.

    Every reference must be to the token's commune; each StreamField's blocks are cleaned by the field's own
    validation. Raises ``ApiError(400)`` naming the first block or id at fault (every one the validation names).
    """
    fields = writable_rich_fields(type(page))
    references = References()
    raw_streams = {}
    media = {}
    try:
        for name, value in values.items():
            field = fields[name]
            if isinstance(field, StreamField):
                raw_streams[name] = stream_to_raw(field.stream_block, value or [], name, references)
            else:
                pk = _reference(value, name)
                if pk is not None:
                    kind = "image" if field.related_model is get_image_model() else "document"
                    references.add(kind, field.related_model, pk, name)
                media[field.attname] = pk
        references.check(request)
    except BlockInputError as error:
        raise ApiError(400, _("A block cannot be used as it was sent."), param=[(error.path, error.message)]) from None
    for name, raw in raw_streams.items():
        setattr(page, name, _cleaned(fields[name].stream_block, raw, name))
    for attname, pk in media.items():
        setattr(page, attname, pk)


def _cleaned(stream_block, raw, name):
    try:
        return stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
        data["_types"] = [item["type"] for item in raw]
        params = _error_params(stream_block, data, name) or [(name, " ".join(error.messages))]
        raise ApiError(400, _("The blocks were refused: correct the blocks named."), param=params) from None
    except (TypeError, ValueError, KeyError, AttributeError):
        message = _("This value is not in the expected format.")
        raise ApiError(400, _("A block cannot be used as it was sent."), param=[(name, message)]) from None
