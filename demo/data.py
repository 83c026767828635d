"""Reads the demo's data files: one folder per commune under ``data/``, YAML files in it.

Strings may hold ``{year}``, ``{last_year}``, ``{next_year}``, ``{year_before_last}`` and
``{year_after_next}`` (the council year of the demo's calendar and its neighbours) and ``{this_year}``
(the calendar year of the demo's day), in keys and in values; they are filled in when a file is read,
so the same file serves whatever day the demo is first loaded.

Tags point at what the builder creates: ``!page news/market-opening``, ``!image``, ``!doc``,
``!org``, ``!person`` and ``!facility`` give the object, the same with ``-id`` (``!page-id``) its id
as a block value stores it. ``!date "{year}-03-16"`` is a date in a year the calendar sets and
``!year "{last_year}"`` such a year's number,
``!decimal "1240000"`` an amount, ``!model ProjectPage`` a page or
register type, ``!pdf`` a generated document's content.

Body blocks are written short, one key naming the block: ``paragraph: text``, ``heading: text`` (or
``{text, level}``), ``picture: [image key, caption]``, ``quote: [text, attribution]``,
``key_figures: {title, figures: [[value, unit, label], …]}``, ``documents: {title, entries: [[doc key,
title, language], …]}``, ``call_to_action: {title, text, button, target}`` (a page path or an address),
``table: {rows, caption}``, ``contact: {name, role, phone, email, address, desk}``, and, in a page's
attachments, ``attachment: [doc key, title, language]``.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from . import refs
from .pdfs import DocumentContent

DATA_DIR = Path(__file__).resolve().parent / "data"
REF_KINDS = ("page", "image", "doc", "org", "person", "facility")


@dataclass(frozen=True)
class DateTemplate:
    """A ``!date`` whose ISO text holds a placeholder (``{year}-03-16``): a date once filled in."""

    text: str


@dataclass(frozen=True)
class YearTemplate:
    """A ``!year`` (``{last_year}``): a year number once filled in."""

    text: str


class DataLoader(yaml.SafeLoader):
    """YAML with the demo's tags."""


def _ref_constructor(kind, as_pk):
    def construct(loader, node):
        return refs.Ref(kind, loader.construct_scalar(node), as_pk)

    return construct


def _model(loader, node):
    from directory import models as directory_models
    from pages import models as page_models

    name = loader.construct_scalar(node)
    model = getattr(page_models, name, None) or getattr(directory_models, name, None)
    if model is None:
        raise yaml.constructor.ConstructorError(None, None, f"unknown page or register type {name!r}", node.start_mark)
    return model


def _pdf(loader, node):
    values = loader.construct_mapping(node, deep=True)
    return DocumentContent(
        values["language"], values["title"], values.get("subtitle", ""), [tuple(block) for block in values["blocks"]]
    )


for _kind in REF_KINDS:
    DataLoader.add_constructor(f"!{_kind}", _ref_constructor(_kind, False))
    DataLoader.add_constructor(f"!{_kind}-id", _ref_constructor(_kind, True))
DataLoader.add_constructor("!decimal", lambda loader, node: Decimal(loader.construct_scalar(node)))
DataLoader.add_constructor("!model", _model)
DataLoader.add_constructor("!date", lambda loader, node: DateTemplate(loader.construct_scalar(node)))
DataLoader.add_constructor("!year", lambda loader, node: YearTemplate(loader.construct_scalar(node)))
DataLoader.add_constructor("!pdf", _pdf)


def _heading(value):
    return refs.heading(value) if isinstance(value, str) else refs.heading(value["text"], value.get("level", "h2"))


def _attachment(value):
    key, title, language = value
    return {"type": "document", "value": {"document": refs.doc(key, pk=True), "title": title, "language": language}}


BLOCKS = {
    "paragraph": refs.paragraph,
    "heading": _heading,
    "picture": lambda value: refs.picture(*value),
    "quote": lambda value: refs.quote(*value),
    "key_figures": lambda value: refs.key_figures(value["title"], value["figures"]),
    "documents": lambda value: refs.documents(value["title"], value["entries"]),
    "call_to_action": lambda value: refs.call_to_action(
        value["title"], value["text"], value["button"], value["target"]
    ),
    "table": lambda value: refs.table(value["rows"], value.get("caption", "")),
    "contact": lambda value: refs.contact(**value),
    "attachment": _attachment,
}


def year_words(calendar):
    """The placeholders a data file may use, and their values for ``calendar``."""
    return {
        "{year}": str(calendar.year),
        "{last_year}": str(calendar.year - 1),
        "{next_year}": str(calendar.year + 1),
        "{year_before_last}": str(calendar.year - 2),
        "{year_after_next}": str(calendar.year + 2),
        "{this_year}": str(calendar.today.year),
    }


def fill(value, words):
    """``value`` with every placeholder of ``words`` replaced, in nested dicts, lists and refs too."""
    if isinstance(value, str):
        for word, replacement in words.items():
            value = value.replace(word, replacement)
        return value
    if isinstance(value, DateTemplate):
        return datetime.date.fromisoformat(fill(value.text, words))
    if isinstance(value, YearTemplate):
        return int(fill(value.text, words))
    if isinstance(value, refs.Ref):
        return refs.Ref(value.kind, fill(value.key, words), value.as_pk)
    if isinstance(value, list):
        return [fill(item, words) for item in value]
    if isinstance(value, dict):
        return {fill(key, words): fill(item, words) for key, item in value.items()}
    return value


def expand(value):
    """``value`` with every short block (``{paragraph: text}``) written out as StreamField data."""
    if isinstance(value, list):
        return [expand(item) for item in value]
    if isinstance(value, dict):
        if len(value) == 1:
            ((name, content),) = value.items()
            if name in BLOCKS:
                return BLOCKS[name](expand(content))
        return {key: expand(item) for key, item in value.items()}
    return value


def load(commune, name, calendar):
    """The data file ``data/<commune>/<name>.yaml``, its placeholders filled in for ``calendar``."""
    path = DATA_DIR / commune / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return expand(fill(yaml.load(handle, Loader=DataLoader), year_words(calendar)))  # noqa: S506 (a SafeLoader)


def phrase(template, **values):
    """``template`` with each ``{name}`` replaced by its value: ``phrase("Projet : {title}", title=…)``."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", str(value))
    return template
