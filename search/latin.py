# ruff: noqa: RUF001 - Arabic letters are the subject of this module
"""Arabic typed in Latin letters (Arabizi and French-style transliteration), read as Arabic sounds.

Citizens type Arabic on a phone as ``tasse7i7 l imda2`` (تصحيح الإمضاء), ``chahadat sokna``
(شهادة السكنى) or ``l9orb`` (القرب): digits for the letters Latin lacks (3 = ع, 7 = ح, 9 = ق,
5 = خ, 2 = hamza…), French digraphs (ch = ش, kh = خ, gh = غ, ou = و), the article apart or
joined. Every rule is in the table ``search/data/latin_arabic.toml``; this module only reads it.

A word is compared by its *reading* (consonant classes and vowels) and its *key* (the consonant
classes alone, a repeated class counted once). The vocabulary stores each word's key
(``SearchTerm.sound``), so a Latin word finds the Arabic words of its keys through one indexed
lookup; ``closeness`` then orders them by their readings.

Measured before choosing, on the 35 Latin words of the tuning queries of the relevance set
(``tests/search/corpus_meaning.py``) against the Arabic word each stands for: ``arabizi`` 0.1.0
spelt 5 of them as the index does, ``darija-tools`` 0.2.1 4, ``cadar`` 0.1.13 2 (all three write
every Latin vowel as a long vowel), ``franco-arabic-transliterator`` 0.0.1.6 24 (Egyptian Arabizi,
a compiled transducer and a top-level ``data`` package of its own). The keys of this table reach
32: the other three (``bab``, ``hay``, ``ma2``) have one consonant and too short a reading to be
looked up. Among the words of a key the index's own vocabulary decides, nearest reading first.
"""

import re
import tomllib
from functools import cache
from pathlib import Path

from rapidfuzz.distance import Levenshtein

TABLE = Path(__file__).resolve().parent / "data" / "latin_arabic.toml"
_LATIN_WORD = re.compile(r"^[a-z0-9'’éèâîôû]+$")
_VOWELS = frozenset("aiu")


@cache
def table():
    """The rule table, with its spellings sorted longest first and its letters as lookups."""
    with TABLE.open("rb") as handle:
        data = tomllib.load(handle)
    arabic = {}
    spellings = {}
    for sounds in (data["consonants"], data["vowels"]):
        for value, rule in sounds.items():
            for letter in rule["arabic"]:
                arabic[letter] = value
            for spelling in rule["latin"]:
                spellings[spelling] = value
    ordered = sorted(spellings.items(), key=lambda item: -len(item[0]))
    words = data["words"]
    return {
        "arabic": arabic,
        "spellings": ordered,
        "longest": max(len(spelling) for spelling in spellings),
        "digits": data["arabizi"]["digits"],
        "apostrophes": data["arabizi"]["apostrophes"],
        "function_words": frozenset(words["function_words"]),
        "prefixes": sorted(words["prefixes"], key=len, reverse=True),
        "feminine_endings": tuple(words["feminine_endings"]),
        "arabic_article": words["arabic_article"],
        "arabic_article_min_length": words["arabic_article_min_length"],
        "arabic_feminine": words["arabic_feminine"],
        "min_key": words["min_key"],
        "min_reading": words["min_reading"],
    }


def is_latin(word):
    """Whether a folded word is written in Latin letters (with Arabizi digits or not)."""
    return bool(word) and bool(_LATIN_WORD.match(word)) and not word.isdigit()


def is_arabizi(word):
    """Whether a folded word is one Arabic word in Arabizi: Latin letters with a digit that stands for a letter."""
    rules = table()
    return is_latin(word) and any(char.isalpha() for char in word) and any(d in word for d in rules["digits"])


def is_function_word(word):
    """Whether a Latin word stands for the article or a preposition with it (``l``, ``el``, ``bel``)."""
    return word in table()["function_words"]


def _latin_reading(word):
    rules = table()
    reading = []
    position = 0
    while position < len(word):
        for spelling, value in rules["spellings"]:
            if word.startswith(spelling, position):
                reading.append(value)
                position += len(spelling)
                break
        else:
            position += 1
    return "".join(reading)


def _arabic_reading(word):
    rules = table()
    article = rules["arabic_article"]
    if word.startswith(article) and len(word) >= rules["arabic_article_min_length"]:
        word = word[len(article) :]
    if word.endswith(rules["arabic_feminine"]):
        word = word[: -len(rules["arabic_feminine"])]
    return "".join(rules["arabic"].get(char, "") for char in word)


def reading(word):
    """The consonant classes and vowels of a folded word, Arabic or Latin."""
    if not word:
        return ""
    from .normalize import is_arabic

    if is_arabic(word):
        return _arabic_reading(word)
    return _latin_reading(word) if is_latin(word) else ""


def key(word):
    """The consonant classes of a folded word, a repeated class counted once: ``سوق`` and ``souk`` are ``sk``."""
    consonants = "".join(char for char in reading(word) if char not in _VOWELS)
    return re.sub(r"(.)\1+", r"\1", consonants)[:64]


def _says_enough(form):
    value = key(form)
    rules = table()
    return len(value) >= rules["min_key"] or (value and len(reading(form)) >= rules["min_reading"])


def spellings(word):
    """The Latin word as it may stand for an Arabic word: as typed, without a joined article, without ة's t.

    Only forms that say enough to be looked up are kept; a form without the ending of ة is kept
    when the form with it says enough.
    """
    rules = table()
    forms = [word] + [word[len(prefix) :] for prefix in rules["prefixes"] if word.startswith(prefix)]
    forms = [form for form in forms if _says_enough(form)]
    for form in list(forms):
        for ending in rules["feminine_endings"]:
            if form.endswith(ending) and key(form[:-1]):
                forms.append(form[:-1])
    return list(dict.fromkeys(forms))


def keys(word):
    """The keys of the Arabic words a Latin word may stand for; none for a word that says too little."""
    if not is_latin(word) or is_function_word(word):
        return []
    return list(dict.fromkeys(key(form) for form in spellings(word)))


def closeness(word, arabic):
    """How far an Arabic word of the same key is from a Latin ``word``: the least edits between their readings."""
    theirs = reading(arabic)
    return min((Levenshtein.distance(reading(form), theirs) for form in spellings(word)), default=len(theirs))


def max_closeness(word):
    """The farthest an Arabic word may be from a Latin ``word`` and still be read for it.

    Each Latin vowel may be a short vowel that Arabic does not write, and one long vowel may be
    left out in Latin.
    """
    return sum(1 for char in reading(word) if char in _VOWELS) + 1
