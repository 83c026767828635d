"""The small vocabulary the demo texts are written in.

Content modules describe pages and registers as plain data. Where a value points at something that
only exists once the demo is built (a page, a register entry, an image, a document), they write a
``Ref``; the builder resolves it for each language, so a French page points at the French page or
register entry, and falls back to the Arabic one when there is no translation.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Ref:
    """A pointer to something the builder creates: ``kind`` is page, person, org, facility, image or doc."""

    kind: str
    key: str
    as_pk: bool = False


def page(key, pk=False):
    """A page of the same commune, by its path below the home page (``"news/market-opening"``)."""
    return Ref("page", key, pk)


def image(key, pk=False):
    """A generated image, by its key in the commune's ``images``."""
    return Ref("image", key, pk)


def doc(key, pk=False):
    """A generated document, by its key in the commune's ``documents``."""
    return Ref("doc", key, pk)


def org(key, pk=False):
    """An organization of the commune's registers."""
    return Ref("org", key, pk)


def person(key, pk=False):
    """A person of the commune's registers."""
    return Ref("person", key, pk)


def facility(key, pk=False):
    """A facility of the commune's registers."""
    return Ref("facility", key, pk)


def paragraph(html):
    """A rich-text paragraph block; plain text is wrapped in ``<p>``."""
    if not html.lstrip().startswith("<"):
        html = f"<p>{html}</p>"
    return {"type": "paragraph", "value": html}


def heading(text, level="h2"):
    """A heading block."""
    return {"type": "heading", "value": {"text": text, "level": level}}


def picture(key, caption=""):
    """An image block from a generated image."""
    return {"type": "image", "value": {"image": image(key, pk=True), "caption": caption}}


def quote(text, attribution=""):
    """A quotation block."""
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def key_figures(title, figures):
    """``figures`` is a list of ``(value, unit, label)``."""
    return {
        "type": "key_figures",
        "value": {
            "title": title,
            "figures": [{"value": value, "unit": unit, "label": label} for value, unit, label in figures],
        },
    }


def documents(title, entries):
    """A list of downloads; ``entries`` is a list of ``(doc key, title, language)``."""
    return {
        "type": "documents",
        "value": {
            "title": title,
            "documents": [
                {"document": doc(key, pk=True), "title": label, "language": language}
                for key, label, language in entries
            ],
        },
    }


def call_to_action(title, text, button_label, target):
    """``target`` is a page path (``"services"``) or an absolute address."""
    is_url = target.startswith("http")
    return {
        "type": "call_to_action",
        "value": {
            "title": title,
            "text": text,
            "page": None if is_url else page(target, pk=True),
            "url": target if is_url else "",
            "button_label": button_label,
        },
    }


def table(rows, caption=""):
    """A table whose first row is its header."""
    return {
        "type": "table",
        "value": {
            "data": rows,
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        },
    }


def contact(name, role="", phone="", email="", address="", desk=None):
    """A contact card block, optionally tied to a facility (``desk``)."""
    return {
        "type": "contact",
        "value": {
            "name": name,
            "role": role,
            "phone": phone,
            "email": email,
            "address": address,
            "facility": facility(desk, pk=True) if desk else None,
        },
    }


def attachments(entries):
    """The ``documents`` StreamField of a page: ``entries`` is a list of ``(doc key, title, language)``, or of
    ``(doc key, title, language, type of document)`` for a tender's files."""
    stream = []
    for key, label, language, *kind in entries:
        value = {"document": doc(key, pk=True), "title": label, "language": language}
        if kind:
            value["document_type"] = kind[0]
        stream.append({"type": "document", "value": value})
    return stream
