"""Shared schemas of the portal API: media, links, references to registers, errors, pagination."""

import datetime
import re
from typing import Annotated

from ninja import Schema as NinjaSchema
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, StringConstraints, create_model

#: A query-string text: no NUL (databases refuse it), bounded length.
Text = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", max_length=200)]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def _iso(pattern, message):
    def check(value):
        if isinstance(value, str) and not pattern.match(value):
            raise ValueError(message)
        return value

    return BeforeValidator(check)


#: A date in a query string: ISO 8601 only (no Unix timestamps).
IsoDate = Annotated[datetime.date, _iso(_ISO_DATE, "expected YYYY-MM-DD")]


#: A date and time in a query string: ISO 8601 only (no Unix timestamps).
def _in_utc(value):
    # The same instant in UTC: PostgreSQL refuses offsets past ±15:59 that ISO 8601 and pydantic accept.
    return value.astimezone(datetime.UTC) if value.tzinfo is not None else value


IsoDateTime = Annotated[
    datetime.datetime, _iso(_ISO_DATETIME, "expected an ISO 8601 date and time"), AfterValidator(_in_utc)
]
#: A database id as callers may send it.
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Schema(NinjaSchema):
    model_config = ConfigDict(extra="forbid")


class Rendition(Schema):
    url: str
    width: int
    height: int


class Renditions(Schema):
    large: Rendition = Field(description="At most 1600 x 1600, proportions kept")
    medium: Rendition = Field(description="At most 800 x 800, proportions kept")
    thumbnail: Rendition = Field(description="400 x 300, cropped around the focal point")


class ImageOut(Schema):
    """An image with its renditions; the original file is never linked."""

    id: int
    title: str
    alt: str
    credit: str
    width: int = Field(description="Width of the original, in pixels")
    height: int = Field(description="Height of the original, in pixels")
    renditions: Renditions


class DocumentOut(Schema):
    """A downloadable document."""

    id: int
    title: str
    url: str
    file_type: str = Field(description="File extension, e.g. pdf")
    content_type: str = Field(description="Media type, e.g. application/pdf")
    file_size: int | None = Field(description="Size in bytes")
    language: str | None = Field(description="Language of the document (ar, fr, zgh) when known")


class PageLink(Schema):
    """A link to another public page."""

    id: int
    type: str | None = Field(description="API collection of the page, e.g. news")
    title: str
    url: str | None
    api_url: str | None


class PersonRef(Schema):
    id: int
    name: str


class OrganizationRef(Schema):
    id: int
    name: str
    kind: str


class FacilityRef(Schema):
    id: int
    name: str
    kind: str
    address: str
    latitude: float | None
    longitude: float | None


class TableOut(Schema):
    caption: str
    first_row_is_header: bool
    first_col_is_header: bool
    rows: list[list[str | None]]


class Translation(Schema):
    """The same item in another language."""

    locale: str
    id: int
    title: str
    url: str | None
    api_url: str


class AlertOut(Schema):
    message: str
    severity: str
    ends_at: datetime.datetime | None


class ProblemParam(Schema):
    name: str
    message: str


class Problem(Schema):
    """An error, as RFC 9457 problem details (``application/problem+json``)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    invalid_params: list[ProblemParam] = Field(default_factory=list, description="The parameters at fault")


_paginated = {}


def paginated(item, name):
    """A page of results: the total number of matches, links to the next and previous pages, the items."""
    if name not in _paginated:
        _paginated[name] = create_model(
            name,
            __base__=Schema,
            count=(int, Field(description="Number of items matching the filters, all pages together")),
            next=(str | None, Field(description="Address of the next page; null on the last")),
            previous=(str | None, Field(description="Address of the previous page; null on the first")),
            results=(list[item], ...),
        )
    return _paginated[name]
