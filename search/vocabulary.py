"""The words of the index, to correct a query whose words the index does not hold.

Three kinds of query words find nothing as they are typed: a one-letter typo (ميزانيت), an Arabic
spelling of a foreign name with other long vowels (بروكسيل, بروكسل), and an Arabic word typed in
Latin letters (``souk``, ``bab lhad``, ``mdrasa``). All three are answered from the vocabulary of
the index (``SearchTerm``): a word the vocabulary does not hold is replaced by its near words,
found by edit distance (candidates from a trigram index on PostgreSQL, from a length and letter
filter on SQLite; the same distance decides on both) or by ``sound_key``, the consonants of the
word in Latin classes, which a Latin spelling and its Arabic word share. The classes, the Arabizi
digits and the French digraphs are a rule table read by ``search.latin``; a Latin-letter word is
looked up under every key it may have (with and without a joined article or the t of ة), and the
Arabic words found are ordered by how close their readings are to it.
"""

from django.db import connection
from django.db.models import Lookup, Q
from django.db.models.functions import Length, Substr
from rapidfuzz.distance import Levenshtein

from . import latin
from .normalize import fold, is_arabic

#: An Arabic spelling of a name needs a sound of more consonants than this to be looked up.
MIN_SOUND = 2
#: Near words kept for one query word.
MAX_NEAR = 6
#: Words shorter than this are not corrected: a short word has too many neighbours.
MIN_CORRECTED_LENGTH = 4
#: Arabic words of one sound read for a Latin-letter word, before the closest are kept.
MAX_SOUND_CANDIDATES = 200


def sound_key(token):
    """The consonants of a folded word in Latin classes: ``سوق`` and ``souk`` are both ``sk`` (``search.latin``)."""
    return latin.key(token)


def record_terms(texts):
    """Add the words of normalised index texts to the vocabulary (existing words are left alone)."""
    from .models import SearchTerm

    words = {word for text in texts if text for word in text.split() if 2 <= len(word) <= 64}
    if not words:
        return
    known = known_terms(words)
    new = [SearchTerm(term=word, sound=sound_key(word)) for word in sorted(words - known)]
    if new:
        SearchTerm.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)


def vocabulary_ready():
    """Whether the vocabulary has been filled (``manage.py update_index`` fills it on an older index)."""
    from .models import SearchTerm

    return SearchTerm.objects.exists()


_KNOWN_SQL = "SELECT known.term FROM unnest(%s::text[]) AS asked (term) JOIN {table} known ON known.term = asked.term"


def known_terms(forms):
    """Which of ``forms`` the index holds."""
    from .models import SearchTerm

    forms = list(dict.fromkeys(forms))
    if not forms:
        return set()
    if connection.vendor == "postgresql":
        # Joined to the list, the words are found by the unique index: asked as "term IN (...)",
        # PostgreSQL reads the trigram index instead, twenty times slower.
        sql = _KNOWN_SQL.format(table=connection.ops.quote_name(SearchTerm._meta.db_table))
        with connection.cursor() as cursor:
            cursor.execute(sql, [forms])
            return {term for (term,) in cursor.fetchall()}
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
    if spelling and len(word) >= MIN_CORRECTED_LENGTH and not latin.is_arabizi(word):
        limit = max_distance(word)
        for term in _candidates_by_spelling(word):
            distance = Levenshtein.distance(word, term, score_cutoff=limit)
            if distance <= limit and term != word:
                found[term] = distance
    if arabic:
        sounds = [sound_key(word)] if spelling and len(word) >= MIN_CORRECTED_LENGTH else []
        sounds = [sound for sound in sounds if len(sound) > MIN_SOUND]
        if sounds:
            alike = SearchTerm.objects.filter(sound__in=sounds).exclude(term=word).values_list("term", flat=True)
            for term in alike[:MAX_SOUND_CANDIDATES]:
                if is_arabic(term):
                    found.setdefault(term, 3 + abs(len(term) - len(word)) / 100)
    else:
        for term in _arabic_words_sounding_like(word):
            found.setdefault(term, 3 + latin.closeness(word, term) / 100)
    # Among words as near, one of the same length (a letter typed wrong) before one a letter shorter or longer.
    ranked = sorted(found.items(), key=lambda item: (item[1], abs(len(item[0]) - len(word)), item[0]))
    return [term for term, _distance in ranked][:MAX_NEAR]


def _arabic_words_sounding_like(word):
    """Arabic words of the vocabulary a Latin-letter word may stand for (``search.latin``), unordered."""
    from .models import SearchTerm

    sounds = latin.keys(word)
    if not sounds:
        return []
    alike = SearchTerm.objects.filter(sound__in=sounds)
    if min(len(sound) for sound in sounds) < MIN_SOUND:
        # A sound of one consonant is shared by many words: only those about as long as the Latin word are read.
        alike = alike.annotate(length=Length("term")).filter(length__range=(len(word) // 2, len(word) + 2))
    terms = [term for term in alike.values_list("term", flat=True)[:MAX_SOUND_CANDIDATES] if is_arabic(term)]
    return [term for term in terms if latin.closeness(word, term) <= latin.max_closeness(word)]
