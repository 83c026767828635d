"""What a peer must send: the change feed and each item, validated in full before anything is written.

Unknown fields are ignored (a newer peer may send more); known fields must have the right type,
length and value, or the whole item is refused.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from cms.languages import language_literal
from pages.enums import (
    EventKind,
    NewsCategory,
    ProgrammeAxis,
    ProjectStatus,
    TenderProcedure,
    TenderStatus,
)

from .models import ContentKind


def _text(max_length, min_length=0):
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length, pattern=r"^[^\x00]*$")]


def _optional_text(max_length):
    """Text that a peer may also send as null (an empty optional field)."""
    return Annotated[_text(max_length), BeforeValidator(lambda value: "" if value is None else value)]


Locale = language_literal()
HttpUrl = Annotated[str, StringConstraints(max_length=2000, pattern=r"^https?://[^\s\x00]+$")]
#: An address a peer may leave empty (``""`` or null).
OptionalUrl = Annotated[HttpUrl | None, BeforeValidator(lambda value: value or None)]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
PositiveId = Annotated[int, Field(ge=1, le=2**62)]


class Loose(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class Change(Loose):
    cursor: PositiveId
    action: Literal["created", "changed", "unpublished", "deleted"]
    type: _text(40, 1)
    id: PositiveId
    locale: _text(8) = ""
    occurred_at: datetime.datetime | None = None


class ChangeFeed(Loose):
    items: list[Change] = Field(max_length=1000)
    next_cursor: Annotated[int, Field(ge=0, le=2**62)]
    has_more: bool


class BodyItem(Loose):
    type: _text(40, 1)
    value: Any = None


class HeadingValue(Loose):
    text: _text(200, 1)
    level: Literal["h2", "h3", "h4"] = "h2"


class QuoteValue(Loose):
    text: _text(5000, 1)
    attribution: _text(200) = ""


class RemoteRendition(Loose):
    url: HttpUrl
    width: Annotated[int, Field(ge=0, le=100_000)] | None = None
    height: Annotated[int, Field(ge=0, le=100_000)] | None = None


class RemoteImage(Loose):
    """An image as the peer's API describes it: the largest rendition is what is fetched."""

    id: PositiveId
    title: _optional_text(255) = ""
    alt: _optional_text(255) = ""
    credit: _optional_text(255) = ""
    width: Annotated[int, Field(ge=0, le=100_000)] | None = None
    height: Annotated[int, Field(ge=0, le=100_000)] | None = None
    renditions: dict[_text(40, 1), RemoteRendition] = Field(default_factory=dict, max_length=20)
    url: OptionalUrl = None

    @property
    def source_url(self):
        for name in ("large", "medium"):
            if name in self.renditions:
                return self.renditions[name].url
        return self.url or next((rendition.url for rendition in self.renditions.values()), None)


class RemoteDocument(Loose):
    id: PositiveId
    title: _optional_text(255) = ""
    url: HttpUrl
    file_type: _optional_text(16) = ""
    content_type: _optional_text(200) = ""
    file_size: Annotated[int, Field(ge=0)] | None = None
    language: _optional_text(8) = ""


class ImageValue(Loose):
    image: RemoteImage | None = None
    caption: _optional_text(255) = ""


class DocumentEntry(Loose):
    document: RemoteDocument | None = None
    title: _optional_text(255) = ""
    language: _optional_text(8) = ""


class DocumentListValue(Loose):
    title: _optional_text(200) = ""
    documents: list[DocumentEntry] = Field(default_factory=list, max_length=100)


class TableValue(Loose):
    caption: _optional_text(255) = ""
    first_row_is_header: bool = False
    first_col_is_header: bool = False
    rows: list[Annotated[list[_text(5000) | None], Field(max_length=50)]] = Field(default_factory=list, max_length=500)


class KeyFigureValue(Loose):
    value: _text(40, 1)
    unit: _optional_text(40) = ""
    label: _text(120, 1)


class KeyFiguresValue(Loose):
    title: _optional_text(200) = ""
    figures: list[KeyFigureValue] = Field(min_length=1, max_length=50)


class ContactValue(Loose):
    name: _text(200, 1)
    role: _optional_text(200) = ""
    phone: _optional_text(32) = ""
    email: _optional_text(254) = ""
    address: _optional_text(255) = ""


class VideoValue(Loose):
    url: HttpUrl
    title: _text(200, 1)
    transcript: _optional_text(50_000) = ""


class PageLinkValue(Loose):
    id: PositiveId
    type: _optional_text(40) = ""
    title: _optional_text(255) = ""
    url: OptionalUrl = None


class CallToActionValue(Loose):
    title: _text(200, 1)
    text: _optional_text(5000) = ""
    button_label: _text(60, 1)
    page: PageLinkValue | None = None
    url: OptionalUrl = None


#: The value schema of every body block a copy carries; other block types are left out and reported.
BLOCK_VALUES = {
    "heading": HeadingValue,
    "quote": QuoteValue,
    "image": ImageValue,
    "documents": DocumentListValue,
    "table": TableValue,
    "key_figures": KeyFiguresValue,
    "contact": ContactValue,
    "video": VideoValue,
    "call_to_action": CallToActionValue,
}


class TranslationRef(Loose):
    locale: _text(8)
    id: PositiveId


class AttachmentItem(Loose):
    type: Literal["document"]
    value: DocumentEntry


class RemotePage(Loose):
    id: PositiveId
    title: _text(255, 1)
    slug: _optional_text(255) = ""
    locale: Locale
    url: HttpUrl | None = None
    search_description: _optional_text(5000) = ""
    intro: _optional_text(1000) = ""
    first_published_at: datetime.datetime | None = None
    body: list[BodyItem] = Field(default_factory=list, max_length=500)
    documents: list[AttachmentItem] = Field(default_factory=list, max_length=100)
    translations: list[TranslationRef] = Field(default_factory=list, max_length=10)

    @field_validator("body")
    @classmethod
    def _check_known_blocks(cls, items):
        checked = []
        for item in items:
            schema = BLOCK_VALUES.get(item.type)
            if schema is not None:
                try:
                    item = BodyItem(type=item.type, value=schema.model_validate(item.value))
                except ValidationError as error:
                    raise ValueError(f"{item.type} block: {error.errors()[0]['msg']}") from None
            elif item.type == "paragraph" and not (isinstance(item.value, str) and len(item.value) <= 100_000):
                raise ValueError("a paragraph is HTML text of at most 100,000 characters")
            checked.append(item)
        return checked

    def images(self):
        """Every image the item refers to, the page's own first."""
        found = [self.image] if getattr(self, "image", None) else []
        found += [item.value.image for item in self.body if item.type == "image" and item.value.image]
        return found

    def documents_referred(self):
        found = [entry.value.document for entry in self.documents if entry.value.document]
        for item in self.body:
            if item.type == "documents":
                found += [entry.document for entry in item.value.documents if entry.document]
        return found


class RemoteNews(RemotePage):
    type: Literal["news"]
    image: RemoteImage | None = None
    date: datetime.date
    category: Literal[tuple(NewsCategory.values)]
    source_name: _optional_text(255) = ""
    source_url: _optional_text(2000) = ""


class ProgrammeValue(Loose):
    time: Annotated[str, StringConstraints(pattern=r"^\d{2}:\d{2}(:\d{2})?$")] | None = None
    title: _text(300, 1)
    speaker: _text(200) | None = ""


class ProgrammeItem(Loose):
    type: Literal["item"]
    value: ProgrammeValue


class RemoteEvent(RemotePage):
    type: Literal["events"]
    image: RemoteImage | None = None
    kind: Literal[tuple(EventKind.values)]
    start: datetime.datetime
    end: datetime.datetime
    place: _text(255, 1)
    programme: list[ProgrammeItem] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _ends_after_start(self):
        if self.end < self.start:
            raise ValueError("an event cannot end before it starts")
        return self


class FunderValue(Loose):
    name: _text(200, 1)
    amount: Money | None = None


class FunderItem(Loose):
    type: Literal["funder"]
    value: FunderValue


class RemoteProject(RemotePage):
    type: Literal["projects"]
    image: RemoteImage | None = None
    status: Literal[tuple(ProjectStatus.values)]
    axis: Literal[tuple(ProgrammeAxis.values)]
    budget: Money | None = None
    funders: list[FunderItem] = Field(default_factory=list, max_length=100)
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None
    completed_on: datetime.date | None = None
    progress: Annotated[int, Field(ge=0, le=100)] | None = None
    location_name: _text(255) = ""
    latitude: Annotated[Decimal, Field(ge=-90, le=90, max_digits=9, decimal_places=6)] | None = None
    longitude: Annotated[Decimal, Field(ge=-180, le=180, max_digits=9, decimal_places=6)] | None = None


class RemoteTender(RemotePage):
    type: Literal["tenders"]
    reference: _text(64, 1)
    subject: _text(2000, 1)
    procedure: Literal[tuple(TenderProcedure.values)]
    status: Literal[tuple(TenderStatus.values)]
    estimate: Money | None = None
    bid_bond: Money | None = None
    published_on: datetime.date
    questions_deadline: datetime.datetime | None = None
    submission_deadline: datetime.datetime
    opening_session: datetime.datetime | None = None
    opening_place: _text(255) = ""
    awardee: _text(255) = ""
    award_amount: Money | None = None
    awarded_on: datetime.date | None = None
    lots: Annotated[int, Field(ge=1, le=200)] = 1


ITEM_SCHEMAS = {
    ContentKind.NEWS: RemoteNews,
    ContentKind.EVENTS: RemoteEvent,
    ContentKind.PROJECTS: RemoteProject,
    ContentKind.TENDERS: RemoteTender,
}
