# ruff: noqa: RUF001, RUF002, RUF003 - Arabic letters are the subject of this module
"""Text normalisation shared by indexing and querying, so that both sides speak the same words.

Citizens type Arabic the way they type it: without hamza, with ه for ة, with or without the
article, with a stray tatweel or diacritics, sometimes in Eastern digits. Editors paste text full
of them. Every piece of text that goes into the search index, and every query, goes through the
same steps here:

1. ``fold``: character folding. Diacritics (tashkeel) and tatweel removed; أ إ آ ٱ → ا; ى → ي;
   ة → ه; ؤ and ئ → ء; Eastern-Arabic and Persian digits → 0-9; Persian ک ی
   → ك ي; presentation forms (text copied out of PDFs) decomposed; French accents and case folded;
   Tifinagh kept as it is.
2. ``tokenize``: words and numbers, split on anything else (punctuation, operators, quotes).
3. ``variants``: the forms under which a word is indexed and looked up. An Arabic word yields
   itself with its hamza dropped or written on و or ي (so مسؤول, مسئول, مسوول and مسول meet), and
   the forms left after taking off the clitic prefixes (و ف ب ل ك ال وال بال كال فال لل) and common
   suffixes (ات ون ين ها هم ية …); a French word yields itself and its singular. Two
   spellings of the same word (its plural, its form with the article) share at least one form,
   which is what makes them find each other. Both sides enumerating every way of cutting a word,
   rather than picking one, is what keeps a word that merely starts with و or ب (وثيقة, بلدية)
   consistent with its forms that do carry a clitic. A broken plural (مدارس, أسواق) also yields
   its singular's forms, from the dictionary in ``search.lexicon``, so that the plural and the
   singular meet whichever of the two the page or the query uses.
"""

import functools
import re
import unicodedata

#: Queries are cut to this many characters and words before they reach the database.
MAX_QUERY_LENGTH = 256
MAX_QUERY_TERMS = 12

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_CHARACTER_MAP = str.maketrans(
    {
        "\u0622": "\u0627",  # آ → ا
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0649": "\u064a",  # ى → ي
        "\u0629": "\u0647",  # ة → ه
        "\u0624": "\u0621",  # ؤ → ء, spelled out by ``variants``
        "\u0626": "\u0621",  # ئ → ء, spelled out by ``variants``
        "\u06a9": "\u0643",  # Persian keheh → ك
        "\u06cc": "\u064a",  # Persian yeh → ي
        "\u0640": None,  # tatweel
        "\u0153": "oe",
        "\u0152": "oe",
        "\u00e6": "ae",
        "\u00c6": "ae",
        **{chr(0x0660 + digit): str(digit) for digit in range(10)},
        **{chr(0x06F0 + digit): str(digit) for digit in range(10)},
    }
)
# Combining marks are dropped after decomposition (Latin accents, hamza above or below), except
# the Tifinagh consonant joiner, which belongs to the word.
_TIFINAGH_JOINER = "\u2d7f"
_HAMZA = "\u0621"
_HAMZA_SEATS = ("", "\u0648", "\u064a")
_NOT_TIFINAGH = re.compile("[^\u2d30-\u2d7f]+")
_TOKEN = re.compile(r"(?:[^\W\d_]|\u2d7f)+|\d+")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LATIN_LETTER = re.compile("[a-z]")

ARABIC_CONJUNCTIONS = ("و", "ف")
ARABIC_PREPOSITIONS = ("ب", "ل", "ك")
ARABIC_ARTICLES = ("ال", "لل")
#: Suffixes folded as they come out of ``fold`` (ة is already ه), longest first.
ARABIC_SUFFIXES = ("يات", "تين", "تان", "ات", "ون", "ين", "ان", "ها", "هم", "هن", "يه", "ه", "ي")
_MIN_CLITIC_REMAINDER = 3
_MIN_ARTICLE_REMAINDER = 2
_MIN_SUFFIX_REMAINDER = 3

#: Stop words, written as ``fold`` leaves them (الى is الي, حتى is حتي).
ARABIC_STOPWORDS = frozenset(
    [
        "في",
        "من",
        "عن",
        "مع",
        "الي",
        "او",
        "ام",
        "ثم",
        "قد",
        "لقد",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "التي",
        "الذي",
        "الذين",
        "اللتي",
        "ان",
        "انه",
        "كان",
        "كانت",
        "لا",
        "ما",
        "لم",
        "لن",
        "هو",
        "هي",
        "هم",
        "نحن",
        "انا",
        "كل",
        "بعض",
        "غير",
        "عند",
        "حتي",
        "اذا",
        "كما",
        "لكن",
        "بين",
        "ضمن",
    ]
)
FRENCH_STOPWORDS = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "des",
        "de",
        "du",
        "d",
        "et",
        "ou",
        "a",
        "au",
        "aux",
        "en",
        "dans",
        "par",
        "pour",
        "sur",
        "avec",
        "sans",
        "sous",
        "que",
        "qui",
        "quoi",
        "ce",
        "cet",
        "cette",
        "ces",
        "se",
        "sa",
        "son",
        "ses",
        "leur",
        "leurs",
        "il",
        "elle",
        "ils",
        "elles",
        "on",
        "est",
        "sont",
        "ne",
        "pas",
        "plus",
    ]
)
STOPWORDS = ARABIC_STOPWORDS | FRENCH_STOPWORDS


def fold(text):
    """Fold a text character by character: the first step of every normalisation.

    Case and spaces are normalised too, so that ``fold`` alone is enough for display keys.
    """
    if not text:
        return ""
    # Compatibility forms (Arabic presentation forms copied from PDFs, ligatures, full-width
    # letters) are decomposed everywhere but in Tifinagh, whose labialisation mark would be lost.
    text = _NOT_TIFINAGH.sub(lambda match: unicodedata.normalize("NFKC", match.group()), str(text))
    text = _ARABIC_DIACRITICS.sub("", text)
    text = text.translate(_CHARACTER_MAP)
    text = unicodedata.normalize("NFD", text)
    text = "".join(
        char for char in text if char == _TIFINAGH_JOINER or unicodedata.category(char) not in ("Mn", "Me", "Cf")
    )
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(text.split())


def tokenize(text):
    """The words and numbers of a text, folded; stop words and single letters left out."""
    return [
        token for token in _TOKEN.findall(fold(text)) if token not in STOPWORDS and (len(token) > 1 or token.isdigit())
    ]


def is_arabic(token):
    return bool(_ARABIC_LETTER.match(token))


def _strip_prefixes(word):
    """Every remainder of ``word`` after optional conjunction, preposition and article."""
    remainders = [word]
    for conjunction in ARABIC_CONJUNCTIONS:
        if word.startswith(conjunction) and len(word) - 1 >= _MIN_CLITIC_REMAINDER:
            remainders.append(word[1:])
    for remainder in list(remainders):
        for preposition in ARABIC_PREPOSITIONS:
            if remainder.startswith(preposition) and len(remainder) - 1 >= _MIN_CLITIC_REMAINDER:
                remainders.append(remainder[1:])
    for remainder in list(remainders):
        for article in ARABIC_ARTICLES:
            if remainder.startswith(article) and len(remainder) - 2 >= _MIN_ARTICLE_REMAINDER:
                remainders.append(remainder[2:])
    return remainders


def _hamza_spellings(word):
    """A word with ء, ؤ or ئ as citizens may type it: without hamza, or with its seat alone."""
    if _HAMZA not in word:
        return [word]
    spellings = [word.replace(_HAMZA, seat) for seat in _HAMZA_SEATS]
    return [spelling for spelling in spellings if spelling]


def _arabic_variants(word):
    forms = []
    for remainder in _strip_prefixes(word):
        forms.append(remainder)
        for suffix in ARABIC_SUFFIXES:
            if remainder.endswith(suffix) and len(remainder) - len(suffix) >= _MIN_SUFFIX_REMAINDER:
                forms.append(remainder[: -len(suffix)])
    return forms


def _singular_forms(token):
    """The forms of the singulars of ``token`` when it (or its remainder after clitics) is a broken plural."""
    from .lexicon import singulars_of

    forms = []
    for remainder in _strip_prefixes(token):
        for singular in singulars_of(remainder):
            forms.extend(form for spelling in _hamza_spellings(singular) for form in _arabic_variants(spelling))
    return forms


def _french_variants(word):
    forms = [word]
    if len(word) > 4 and word.endswith("aux"):
        forms.append(word[:-3] + "al")
    if len(word) > 3 and word[-1] in "sx":
        forms.append(word[:-1])
    return forms


def variants(token):
    """The forms under which a folded token is indexed and looked up; the token itself first."""
    return list(_variants(token))


@functools.lru_cache(maxsize=100_000)
def _variants(token):
    """``variants``, remembered: a word recurs across a commune's pages, and indexing a batch of them
    would otherwise work out the same forms again for every occurrence."""
    if is_arabic(token):
        forms = [form for spelling in _hamza_spellings(token) for form in _arabic_variants(spelling)]
        forms += _singular_forms(token)
    elif _LATIN_LETTER.match(token):
        forms = _french_variants(token)
    else:
        forms = [token]
    return tuple(dict.fromkeys(forms))


def prefix_variants(token):
    """The forms of a word still being typed: only its prefixes come off, its end is unknown."""
    if is_arabic(token):
        return list(dict.fromkeys(form for spelling in _hamza_spellings(token) for form in _strip_prefixes(spelling)))
    return [token]


def index_text(text):
    """The text as it is stored in the search index: every word followed by its other forms."""
    return " ".join(form for token in tokenize(text) for form in variants(token))


def _cut(text):
    """At most ``MAX_QUERY_LENGTH`` characters of a query, without a word cut in two."""
    text = text or ""
    if len(text) <= MAX_QUERY_LENGTH:
        return text
    cut = text[: MAX_QUERY_LENGTH + 1]
    return cut.rsplit(None, 1)[0] if not cut[-1].isspace() and " " in cut.strip() else cut[:MAX_QUERY_LENGTH]


def query_terms(text):
    """A query as groups of forms: a result must match one form of every group.

    The query is cut to ``MAX_QUERY_LENGTH`` characters and ``MAX_QUERY_TERMS`` words; repeated
    words count once.
    """
    tokens = tokenize(_cut(text))
    return [variants(token) for token in dict.fromkeys(tokens)][:MAX_QUERY_TERMS]


def autocomplete_terms(text):
    """Like ``query_terms`` for text being typed: the last word's forms are prefixes."""
    raw = _cut(text)
    tokens = list(dict.fromkeys(tokenize(raw)))[:MAX_QUERY_TERMS]
    if not tokens:
        return []
    still_typing = bool(raw) and not raw[-1].isspace()
    groups = [variants(token) for token in tokens[:-1]]
    last = tokens[-1]
    groups.append(prefix_variants(last) if still_typing else variants(last))
    return groups


def display_query(text):
    """A query cleaned for logs and reports: no control characters, spaces collapsed, case folded."""
    text = "".join(
        " " if unicodedata.category(char)[0] == "C" else char for char in str(text or "")[:MAX_QUERY_LENGTH]
    )
    return " ".join(text.split()).casefold()[:255]
