"""What a peer must send: the change feed and each item, validated in full before anything is written.

Unknown fields are ignored (a newer peer may send more); known fields must have the right type,
length and value, or the whole item is refused.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

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


Locale = Literal["ar", "fr", "zgh"]
HttpUrl = Annotated[str, StringConstraints(max_length=2000, pattern=r"^https?://[^\s\x00]+$")]
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


class TranslationRef(Loose):
    locale: _text(8)
    id: PositiveId


class RemotePage(Loose):
    id: PositiveId
    title: _text(255, 1)
    locale: Locale
    url: HttpUrl | None = None
    search_description: _text(5000) = ""
    intro: _text(1000) = ""
    body: list[BodyItem] = Field(default_factory=list, max_length=500)
    translations: list[TranslationRef] = Field(default_factory=list, max_length=10)

    @field_validator("body")
    @classmethod
    def _check_known_blocks(cls, items):
        for item in items:
            if item.type == "heading":
                HeadingValue.model_validate(item.value)
            elif item.type == "quote":
                QuoteValue.model_validate(item.value)
            elif item.type == "paragraph" and not (isinstance(item.value, str) and len(item.value) <= 100_000):
                raise ValueError("a paragraph is HTML text of at most 100,000 characters")
        return items


class RemoteNews(RemotePage):
    type: Literal["news"]
    date: datetime.date
    category: Literal[tuple(NewsCategory.values)]
    source_name: _text(255) = ""
    source_url: _text(2000) = ""


class ProgrammeValue(Loose):
    time: Annotated[str, StringConstraints(pattern=r"^\d{2}:\d{2}(:\d{2})?$")] | None = None
    title: _text(300, 1)
    speaker: _text(200) | None = ""


class ProgrammeItem(Loose):
    type: Literal["item"]
    value: ProgrammeValue


class RemoteEvent(RemotePage):
    type: Literal["events"]
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
