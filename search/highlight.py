"""Snippets of a result's text around the words of the query, the words marked."""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .normalize import tokenize, variants

# A word as written, diacritics, tatweel and joiners included, so that the text shows as typed.
_WORD = re.compile(r"(?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640\u06d6-\u06ed\u200c\u200d\u2d7f])+")
#: How much text a snippet shows, in words, and how much of a long text is scanned.
SNIPPET_WORDS = 30
WORDS_BEFORE_MATCH = 10
SCAN_CHARS = 20_000


@lru_cache(maxsize=20_000)
def _forms(word):
    return frozenset(form for token in tokenize(word) for form in variants(token))


def query_forms(groups):
    """Every form of every word of a query, as ``search.normalize.query_terms`` gives them."""
    return frozenset(form for forms in groups for form in forms)


def matches(word, forms):
    """Whether a word as written is one of the query's words, in any of its spellings."""
    return bool(_forms(word) & forms)


def highlight(text, forms, *, words=SNIPPET_WORDS, require_match=False):
    """Return an HTML snippet of ``text`` around its first word matching ``forms``, marked.

    Everything is escaped; only the ``<mark>`` elements are markup. Without a match, the start
    of the text is returned, or ``""`` when ``require_match`` is set.
    """
    text = " ".join((text or "")[:SCAN_CHARS].split())
    if not text:
        return ""
    spans = [match.span() for match in _WORD.finditer(text)]
    # Words are compared up to the first match, then only those the snippet shows.
    first_hit = next((index for index, (start, end) in enumerate(spans) if matches(text[start:end], forms)), None)
    if first_hit is None and require_match:
        return ""
    first = max(0, first_hit - WORDS_BEFORE_MATCH) if first_hit is not None else 0
    window = spans[first : first + words]
    if not window:
        return ""
    hit_set = {
        index
        for index, (word_start, word_end) in enumerate(window, start=first)
        if index == first_hit
        or (first_hit is not None and index > first_hit and matches(text[word_start:word_end], forms))
    }
    start = window[0][0] if first else 0
    end = window[-1][1] if first + words < len(spans) else len(text)
    parts = ["… "] if start else []
    cursor = start
    for index, (word_start, word_end) in enumerate(window, start=first):
        parts.append(escape(text[cursor:word_start]))
        word = escape(text[word_start:word_end])
        parts.append(f"<mark>{word}</mark>" if index in hit_set else word)
        cursor = word_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))
