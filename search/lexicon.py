"""Broken plurals, read from the Arramooz dictionary of Arabic nouns.

A broken plural changes the inside of the word (مدرسة → مدارس, سوق → أسواق), so no suffix rule
finds it. Arramooz (the ``arramooz-pysqlite`` package) lists, for about 30,000 nouns, their
broken plurals and, for plural entries, their singular. From it we keep a map from each broken
plural, folded as the index folds it, to its singulars. A form that is itself a singular with a
plural of its own (سوق, طرق) is never mapped, so that a common word does not wander to a rare
homograph.

Measured against the commune vocabulary pairs of ``tests/search/test_lexicon.py`` before it was
chosen: suffix rules alone join 12 of 46 plural/singular pairs; with this lexicon, 42. A root
stemmer (ISRI) joined 35 but merges unrelated words of one root (مكتب, كتاب, كاتب); a lemmatiser
(Qalsadi) joined 23.
"""

import sqlite3
from functools import cache
from importlib import resources

DICTIONARY = ("arramooz", "data/arabicdictionary.sqlite")


@cache
def broken_plurals():
    """A map from each folded broken plural to the tuple of its folded singulars."""
    from .normalize import fold

    package, path = DICTIONARY
    location = resources.files(package).joinpath(path)
    with resources.as_file(location) as database:
        connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT unvocalized, broken_plural, single FROM nouns").fetchall()
        finally:
            connection.close()
    has_own_plural = {fold(word) for word, plurals, _single in rows if plurals}
    mapping = {}

    def pair(plural, singular):
        plural, singular = fold(plural.strip()), fold(singular.strip())
        if plural and singular and plural != singular and plural not in has_own_plural:
            mapping.setdefault(plural, set()).add(singular)

    for word, plurals, singles in rows:
        for plural in (plurals or "").split(";"):
            if plural.strip():
                pair(plural, word)
        for single in (singles or "").split(";"):
            if single.strip():
                pair(word, single)
    return {plural: tuple(sorted(singulars)) for plural, singulars in mapping.items()}


def singulars_of(word):
    """The singulars of a folded word when it is a known broken plural; empty otherwise."""
    return broken_plurals().get(word, ())
