"""Writes for every section editors publish, beyond news and events: one create and one update per page type.

Each payload is derived from the type's simple fields (texts, numbers, dates, choices, decimal amounts,
rich text as HTML), its StreamFields as typed blocks (body, attachments, fees, funders, agendas…, checked by
the field's own block validation, ``api.write_blocks``) and its image fields as ids of the commune's library
(``POST /api/images``). Pages are saved as a revision by the token's user and then drafted, submitted to the
page's workflow or published, exactly as news and events are (``api.write``). Fields that pick registers or
pages outside blocks stay in the admin.
"""

from decimal import Decimal
from typing import Annotated, Literal

from django.db import models, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field
from pydantic import StringConstraints, create_model
from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter
from wagtail.models import Page

from pages.blocks import RICH_TEXT_FEATURES

from .content import PAGE_TYPES
from .http import ApiError
from .schemas import Id, Schema
from .write import (
    ACTION_HELP,
    NO_CONTROLS,
    Action,
    Slug,
    Title,
    _create,
    _editable,
    _save,
    _unique_slug,
    _validate,
    bearer,
    in_token_commune,
    rich_values,
    router,
    write_responses,
)
from .write_blocks import apply_rich_fields, rich_inputs

#: The sections written here, by API collection.
SECTIONS = (
    "standard-pages",
    "council-sessions",
    "projects",
    "legal-texts",
    "partnerships",
    "services",
    "tenders",
    "reports",
)
SIMPLE_KINDS = ("plain", "decimal", "richtext")
DecimalText = Annotated[str, StringConstraints(pattern=r"^-?\d{1,14}(\.\d{1,6})?$")]
Html = Annotated[str, StringConstraints(max_length=100_000, pattern=rf"^{NO_CONTROLS}*$")]


class SectionWriteResult(Schema):
    id: int
    type: Literal[SECTIONS] = Field(description="API collection of the page")
    status: Literal["draft", "in_moderation", "live"] = Field(
        description="live: published; in_moderation: waiting in the workflow; draft: saved only"
    )
    revision: int
    live: bool = Field(description="Whether a version of the page is public")
    has_unpublished_changes: bool
    api_url: str


def _text_type(field):
    pattern = rf"^{NO_CONTROLS}*$" if field.blank else rf"^{NO_CONTROLS}+$"
    limit = field.max_length or 10_000
    return Annotated[str, StringConstraints(min_length=0 if field.blank else 1, max_length=limit, pattern=pattern)]


def _input_type(spec):
    """The type a caller sends for one simple field, and whether a new page needs it."""
    field = spec.field
    required = not field.blank and not field.has_default() and not field.null
    if spec.kind == "richtext":
        return Html, required
    if spec.kind == "decimal":
        return (DecimalText | None if field.null else DecimalText), required
    if field.choices:
        base = spec.type
    elif isinstance(field, (models.CharField, models.TextField)):
        base = _text_type(field)
    elif isinstance(field, models.IntegerField):
        low = (
            0 if isinstance(field, models.PositiveIntegerField | models.PositiveSmallIntegerField) else -2_147_483_648
        )
        base = Annotated[int, Field(ge=low, le=2_147_483_647)]
        base = base | None if field.null else base
    else:
        base = spec.type
    return base, required


def _writable_fields(page_type):
    fields = {}
    for spec in page_type.fields:
        if spec.kind in SIMPLE_KINDS and spec.field is not None and spec.field.editable:
            fields[spec.name] = (spec, *_input_type(spec))
    return fields


def _schemas(slug, page_type, fields):
    name = page_type.schema.__name__
    create, patch = {}, {}
    for field_name, (spec, kind, required) in fields.items():
        help_text = str(spec.field.help_text or spec.field.verbose_name or "")
        default = ... if required else (None if spec.field.null else spec.field.get_default())
        if spec.kind == "richtext" and not required:
            default = ""
        if spec.kind == "decimal" and not required:
            default = None
        create[field_name] = (kind, Field(default, description=help_text))
        patch[field_name] = (kind | None, Field(None, description=help_text))
    create.update(rich_inputs(page_type.model, patch=False))
    patch.update(rich_inputs(page_type.model, patch=True))
    parent_help = "Id of the section page (index) to create the page under"
    create_schema = create_model(
        f"{name}In",
        __base__=Schema,
        parent=(Id, Field(..., description=parent_help)),
        title=(Title, ...),
        slug=(Slug | None, None),
        action=(Action, Field("submit", description=ACTION_HELP)),
        **create,
    )
    patch_schema = create_model(
        f"{name}Patch",
        __base__=Schema,
        title=(Title | None, None),
        action=(Action, Field("submit", description=ACTION_HELP)),
        **patch,
    )
    return create_schema, patch_schema


def _value(spec, value):
    if value is None:
        return None
    if spec.kind == "richtext":
        return EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(value)
    if spec.kind == "decimal":
        return Decimal(value)
    return value


def _section_parent(model, pk, request):
    parent = Page.objects.filter(pk=pk).specific().first()
    if parent is None or not model.can_create_at(parent):
        raise ApiError(422, _("No section page of the right type has this id."), param="parent")
    if not in_token_commune(request.auth, parent):
        raise ApiError(403, _("This token works for another commune."), param="parent")
    if not parent.permissions_for_user(request.user).can_add_subpage():
        raise ApiError(403, _("You may not add pages here."), param="parent")
    return parent


def _add_section(slug):
    page_type = PAGE_TYPES[slug]
    model = page_type.model
    fields = _writable_fields(page_type)
    with translation.override(None):  # the document is in English, whatever the language at start-up
        create_schema, patch_schema = _schemas(slug, page_type, fields)
    label = slug.replace("-", " ")

    def create_page(request, payload: create_schema):
        with transaction.atomic():
            parent = _section_parent(model, payload.parent, request)
            values = {name: _value(fields[name][0], getattr(payload, name)) for name in fields}
            page = model(
                title=payload.title,
                slug=_unique_slug(parent, payload.slug or payload.title),
                live=False,
                owner=request.user,
                locale_id=parent.locale_id,
                **values,
            )
            return _create(request, parent, page, payload.action, slug, payload)

    def update_page(request, id: Id, payload: patch_schema):
        with transaction.atomic():
            page = _editable(model, id, request)
            rich = rich_values(payload, model, patch=True)
            apply_rich_fields(page, rich, request)
            for name in payload.model_fields_set - {"action", *rich}:
                value = getattr(payload, name)
                if name in fields:
                    spec = fields[name][0]
                    if value is None and not spec.field.null:
                        continue
                    value = _value(spec, value)
                elif value is None:
                    continue
                setattr(page, name, value)
            _validate(page)
            return _save(request, page, payload.action, slug)

    create_page.__name__ = f"create_{slug.replace('-', '_')}"
    update_page.__name__ = f"update_{slug.replace('-', '_')}"
    router.add_api_operation(
        f"/{slug}",
        ["POST"],
        create_page,
        auth=bearer,
        response={201: SectionWriteResult, **write_responses},
        summary=f"Create one of the {label}",
        description=f"A new page of the {label} under the section page `parent`, saved as a revision by the "
        "token's user, then kept as a draft, submitted to the page's moderation workflow or published "
        "(`action`), as an editor would in the admin. StreamFields (body, attachments, repeated blocks) are "
        "sent as typed blocks and checked by the field's own block validation (400 naming each block at fault); "
        "images and documents are ids from `POST /api/images` and `POST /api/documents`, of the token's "
        "commune only.",
        tags=["write"],
    )
    router.add_api_operation(
        f"/{slug}/{{id}}",
        ["PATCH"],
        update_page,
        auth=bearer,
        response={200: SectionWriteResult, **write_responses},
        summary=f"Change one of the {label}",
        description=f"A new revision of a page of the {label} with the fields sent changed (the others "
        "kept), then drafted, submitted or published like a new one.",
        tags=["write"],
    )


for _slug in SECTIONS:
    _add_section(_slug)
