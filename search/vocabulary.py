# ruff: noqa: RUF001 - Arabic letters are the subject of this module
"""The words of the index, to correct a query whose words the index does not hold.

Three kinds of query words find nothing as they are typed: a one-letter typo (ميزانيت), an Arabic
spelling of a foreign name with other long vowels (بروكسيل, بروكسل), and an Arabic word typed in
Latin letters (``souk``, ``bab lhad``, ``mdrasa``). All three are answered from the vocabulary of
the index (``SearchTerm``): a word the vocabulary does not hold is replaced by its near words,
found by edit distance (candidates from a trigram index on PostgreSQL, from a length and letter
filter on SQLite; the same distance decides on both) or by ``sound_key``, the consonants of the
word in Latin classes, which a Latin spelling and its Arabic word share.
"""

import re

from django.db import connection
from django.db.models import Lookup, Q
from django.db.models.functions import Length, Substr
from rapidfuzz.distance import Levenshtein

from .normalize import fold, is_arabic

#: Arabic letters as Latin consonant classes; long vowels, ع and hamza carry no consonant.
_ARABIC_SOUNDS = {
    "ب": "b",
    "ت": "t",
    "ط": "t",
    "ث": "t",
    "ج": "j",
    "ح": "h",
    "ه": "h",
    "خ": "k",
    "ك": "k",
    "ق": "k",
    "د": "d",
    "ض": "d",
    "ذ": "d",
    "ظ": "d",
    "ر": "r",
    "ز": "z",
    "س": "s",
    "ص": "s",
    "ش": "c",
    "غ": "g",
    "ف": "f",
    "ل": "l",
    "م": "m",
    "ن": "n",
    "ڤ": "v",
    "پ": "b",
    "گ": "g",
}
#: Latin spellings, longest first: French and Arabizi digraphs, and the digits Arabizi uses for letters.
_LATIN_SOUNDS = [
    ("sch", "c"),
    ("ch", "c"),
    ("sh", "c"),
    ("kh", "k"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("dj", "j"),
    ("ph", "f"),
    ("ou", ""),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("p", "b"),
    ("7", "h"),
    ("9", "k"),
    ("5", "k"),
    ("3", ""),
    ("2", ""),
    ("a", ""),
    ("e", ""),
    ("i", ""),
    ("o", ""),
    ("u", ""),
    ("y", ""),
    ("w", ""),
]
_LATIN_TOKEN = re.compile(r"^[a-z0-9]+$")
_LATIN_ARTICLES = ("el", "al", "l")
#: A sound of fewer consonants than this says too little to look up.
MIN_SOUND = 2
#: Near words kept for one query word.
MAX_NEAR = 6
#: Words shorter than this are not corrected: a short word has too many neighbours.
MIN_CORRECTED_LENGTH = 4


def _collapse(sound):
    return re.sub(r"(.)\1+", r"\1", sound)


def sound_key(token):
    """The consonants of a folded word in Latin classes: ``سوق`` and ``souk`` are both ``sk``."""
    if not token:
        return ""
    if is_arabic(token):
        if token.startswith("ال") and len(token) > 4:
            token = token[2:]
        if token.endswith("ه"):
            token = token[:-1]
        return _collapse("".join(_ARABIC_SOUNDS.get(char, "") for char in token))[:64]
    if not _LATIN_TOKEN.match(token):
        return ""
    sound = token
    for spelling, value in _LATIN_SOUNDS:
        sound = sound.replace(spelling, value)
    return _collapse(sound)[:64]


def latin_sounds(token):
    """The sounds a Latin-letter word may stand for: with and without an Arabizi article (``lhad``)."""
    sounds = [sound_key(token)]
    for article in _LATIN_ARTICLES:
        if token.startswith(article) and len(token) - len(article) >= 2:
            sounds.append(sound_key(token[len(article) :]))
    return [sound for sound in dict.fromkeys(sounds) if len(sound) >= MIN_SOUND]


def record_terms(texts):
    """Add the words of normalised index texts to the vocabulary (existing words are left alone)."""
    from .models import SearchTerm

    words = {word for text in texts if text for word in text.split() if 2 <= len(word) <= 64}
    if not words:
        return
    known = set(SearchTerm.objects.filter(term__in=words).values_list("term", flat=True))
    new = [SearchTerm(term=word, sound=sound_key(word)) for word in sorted(words - known)]
    if new:
        SearchTerm.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)


def vocabulary_ready():
    """Whether the vocabulary has been filled (``manage.py update_index`` fills it on an older index)."""
    from .models import SearchTerm

    return SearchTerm.objects.exists()


def known_terms(forms):
    """Which of ``forms`` the index holds."""
    from .models import SearchTerm

    forms = list(dict.fromkeys(forms))
    if not forms:
        return set()
    return set(SearchTerm.objects.filter(term__in=forms).values_list("term", flat=True))


def max_distance(word):
    """How many edits a misspelling of ``word`` may be away from it: one, two for long words."""
    return 1 if len(word) < 8 else 2


class TrigramNear(Lookup):
    """PostgreSQL's ``term % word``: trigram similarity above ``pg_trgm.similarity_threshold``, through its index."""

    lookup_name = "trigram_near"

    def __init__(self, word):
        self.word = word
        super().__init__(None, None)

    def as_sql(self, compiler, connection):
        return f"{connection.ops.quote_name('term')} %% %s", [self.word]


def _candidates_by_spelling(word):
    """Words of the vocabulary that may be within ``max_distance`` of ``word``: a cheap first cut."""
    from .models import SearchTerm

    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        near = SearchTerm.objects.filter(TrigramNear(word)).annotate(similarity=TrigramSimilarity("term", word))
        return list(near.order_by("-similarity", "term").values_list("term", flat=True)[:50])
    distance = max_distance(word)
    near = SearchTerm.objects.annotate(length=Length("term"), first=Substr("term", 1, 1), second=Substr("term", 2, 1))
    lengths = (len(word) - distance, len(word) + distance)
    near = near.filter(Q(first=word[:1]) | Q(second=word[1:2]), length__range=lengths)
    return list(near.values_list("term", flat=True)[:2000])


def near_terms(word, *, spelling=True):
    """Words of the index a misspelt, transliterated or Latin-letter ``word`` may have meant, nearest first.

    Misspellings are looked for in the word's own script, within ``max_distance`` edits; sounds
    lead from a Latin-letter word to Arabic words, and from an Arabic spelling of a name to its
    other Arabic spellings. A sound match counts as farther than any misspelling.
    """
    from .models import SearchTerm

    word = fold(word)
    arabic = is_arabic(word)
    found = {}
    if spelling and len(word) >= MIN_CORRECTED_LENGTH:
        limit = max_distance(word)
        for term in _candidates_by_spelling(word):
            distance = Levenshtein.distance(word, term, score_cutoff=limit)
            if distance <= limit and term != word:
                found[term] = distance
    if arabic:
        sounds = [sound_key(word)] if spelling and len(word) >= MIN_CORRECTED_LENGTH else []
        sounds = [sound for sound in sounds if len(sound) > MIN_SOUND]
    else:
        sounds = latin_sounds(word)
    if sounds:
        alike = SearchTerm.objects.filter(sound__in=sounds).exclude(term=word).values_list("term", flat=True)
        for term in alike[:200]:
            if is_arabic(term):
                found.setdefault(term, 3 + abs(len(term) - len(word)) / 100)
    # Among words as near, one of the same length (a letter typed wrong) before one a letter shorter or longer.
    ranked = sorted(found.items(), key=lambda item: (item[1], abs(len(item[0]) - len(word)), item[0]))
    return [term for term, _distance in ranked][:MAX_NEAR]
