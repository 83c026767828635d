"""Snippets of a result's text around the words of the query, the words marked."""

import re
from collections import deque
from functools import lru_cache
from itertools import islice

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
    first_hit, window, more = _window(text, forms, words)
    if (first_hit is None and require_match) or not window:
        return ""
    hit_set = {
        index
        for index, (word_start, word_end) in window
        if index == first_hit
        or (first_hit is not None and index > first_hit and matches(text[word_start:word_end], forms))
    }
    start = window[0][1][0] if window[0][0] else 0
    end = window[-1][1][1] if more else len(text)
    parts = ["… "] if start else []
    cursor = start
    for index, (word_start, word_end) in window:
        parts.append(escape(text[cursor:word_start]))
        word = escape(text[word_start:word_end])
        parts.append(f"<mark>{word}</mark>" if index in hit_set else word)
        cursor = word_end
    parts.append(escape(text[cursor:end]))
    if end < len(text):
        parts.append(" …")
    return mark_safe("".join(parts))


def _window(text, forms, words):
    """``(index of the first matching word or None, [(index, span)] shown, whether words follow)``.

    The words are read only as far as the snippet needs: up to the first match, then the window.
    """
    found = _WORD.finditer(text)
    before = deque(maxlen=min(WORDS_BEFORE_MATCH, max(words - 1, 0)))
    for index, match in enumerate(found):
        if matches(match.group(), forms):
            first_hit = index
            window = [*before, (index, match.span())]
            break
        before.append((index, match.span()))
    else:
        window = [(index, match.span()) for index, match in enumerate(islice(_WORD.finditer(text), words + 1))]
        return None, window[:words], len(window) > words
    for index, match in enumerate(found, start=first_hit + 1):
        if len(window) >= words:
            return first_hit, window, True
        window.append((index, match.span()))
    return first_hit, window, False
