"""A query as groups of alternatives: what each of its words, or phrases, may be found as.

Each group is one word of the query (or several words that form a synonym term), with the ways a
page may contain it, each with a weight that ranking gives a match on it:

- the word's own forms (``search.normalize.variants``, broken plurals included): weight 1;
- the other terms of a synonym set that contains it (``Synonym``): weight ``SYNONYM_WEIGHT``;
- near words of the index when the index does not hold the word (a typo, another spelling of
  a name), and the Arabic words a Latin-letter word may stand for (``search.vocabulary``):
  weight ``NEAR_WEIGHT``, so that they rank below pages that have the words as typed.

A word the index does not hold and that has no near word is optional: it cannot match, so it
does not keep the other words from finding their pages. A Latin word with an Arabizi digit
(``tasse7i7``) is one word of the query, not letters and numbers apart (``search.latin``); a
Latin word that stands for the article (``l``, ``el``, ``bel``) has no near word, so it is optional.
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Q

from . import latin
from .normalize import MAX_QUERY_TERMS, _cut, fold, is_arabic, tokenize, variants
from .vocabulary import known_terms, near_terms, vocabulary_ready

SYNONYM_WEIGHT = 0.9
NEAR_WEIGHT = 0.6
SYNONYMS_CACHE_SECONDS = 300
SYNONYMS_VERSION_KEY = "search:synonyms:version"


@dataclass
class Alternative:
    """One way of matching a group: every word must be found, each as one of its forms."""

    words: list
    weight: float = 1.0
    kind: str = "exact"
    text: str = ""

    @property
    def forms(self):
        return [form for word in self.words for form in word]

    def matches(self, tokens):
        return all(any(form in tokens for form in word) for word in self.words)


@dataclass
class Group:
    """A word (or synonym term) of the query and the alternatives it may be found as."""

    text: str
    alternatives: list = field(default_factory=list)
    optional: bool = False
    correction: str = ""

    @property
    def forms(self):
        return list(dict.fromkeys(form for alternative in self.alternatives for form in alternative.forms))


_EDGE_PUNCTUATION = '.,;:!?()[]{}"«»'


def query_tokens(query):
    """The words of a query: an Arabizi word (``tasse7i7``) stays one word, the rest as the index splits them."""
    tokens = []
    for chunk in fold(_cut(query)).split():
        word = chunk.strip(_EDGE_PUNCTUATION)
        tokens.extend([word] if latin.is_arabizi(word) else tokenize(chunk))
    return list(dict.fromkeys(tokens))[:MAX_QUERY_TERMS]


def _exact(token):
    """The group of a query word as typed: its forms, or for an Arabizi word the words the index splits it into."""
    if latin.is_arabizi(token):
        parts = tokenize(token)
        return Group(token, [Alternative(_word_forms(parts), 1.0, "exact", token)] if parts else [])
    return Group(token, [Alternative([variants(token)], 1.0, "exact", token)])


def _word_forms(tokens):
    return [variants(token) for token in tokens]


def synonym_sets(commune_id, language):
    """The synonym sets that serve a commune in a language, as lists of tokenised terms; cached."""
    from .models import Synonym

    version = cache.get_or_set(SYNONYMS_VERSION_KEY, 1, None)
    key = f"search:synonyms:{version}:{commune_id}:{language}"
    sets = cache.get(key)
    if sets is None:
        rows = Synonym.objects.filter(Q(commune__isnull=True) | Q(commune_id=commune_id), language=language)
        sets = []
        for synonym in rows.order_by("pk"):
            terms = [tokenize(term) for term in synonym.term_list()]
            terms = [term for term in terms if term]
            if len(terms) > 1:
                sets.append(terms)
        cache.set(key, sets, SYNONYMS_CACHE_SECONDS)
    return sets


def forget_synonyms(**kwargs):
    """Make every cached synonym set stale, after an editor changed one."""
    try:
        cache.incr(SYNONYMS_VERSION_KEY)
    except ValueError:
        cache.set(SYNONYMS_VERSION_KEY, 2, None)


def _same_word(token, term_token):
    return token == term_token or bool(set(variants(token)) & set(variants(term_token)))


def _match_term(tokens, start, term):
    if start + len(term) > len(tokens):
        return False
    return all(_same_word(tokens[start + offset], word) for offset, word in enumerate(term))


def _synonym_group(tokens, start, sets):
    """The longest synonym term starting at ``start``, as a group, and how many tokens it takes."""
    best = None
    for terms in sets:
        for term in terms:
            if _match_term(tokens, start, term) and (best is None or len(term) > len(best[1])):
                best = (terms, term)
    if best is None:
        return None, 1
    terms, matched = best
    typed = tokens[start : start + len(matched)]
    group = Group(" ".join(typed), [Alternative(_word_forms(typed), 1.0, "exact", " ".join(typed))])
    for term in terms:
        if term != matched:
            group.alternatives.append(Alternative(_word_forms(term), SYNONYM_WEIGHT, "synonym", " ".join(term)))
    return group, len(matched)


def expand(query, *, commune_id=None, language=""):
    """The groups of a query for a commune and language; empty when it has no word to search."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    sets = synonym_sets(commune_id, language) if language else []
    groups = []
    position = 0
    while position < len(tokens):
        group, taken = _synonym_group(tokens, position, sets)
        if group is None:
            group = _exact(tokens[position])
        groups.append(group)
        position += taken
    known = known_terms(form for group in groups for form in group.forms)
    if not known and not vocabulary_ready():
        return groups
    for group in groups:
        found = any(alternative.matches(known) for alternative in group.alternatives)
        latin_word = " " not in group.text and not is_arabic(group.text) and not group.text.isdigit()
        if found and not latin_word:
            continue
        near = [] if group.text.isdigit() or " " in group.text else near_terms(group.text, spelling=not found)
        for term in near:
            group.alternatives.append(Alternative([variants(term)], NEAR_WEIGHT, "near", term))
        if not found:
            if near and is_arabic(near[0]) == is_arabic(group.text):
                group.correction = near[0]
            if not near:
                group.optional = True
    return groups


def required(groups):
    """The groups a page must match when all words are asked for."""
    return [group for group in groups if not group.optional]


def corrected_query(groups):
    """The query with each word the index does not hold replaced by its nearest word; empty if none was."""
    if not any(group.correction for group in groups):
        return ""
    return " ".join(group.correction or group.text for group in groups)
