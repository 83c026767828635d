"""Arabic typed in Latin letters: the rule table, how a query keeps an Arabizi word whole, and what it finds."""

import pytest
from wagtail.models import Locale

from search import latin
from search.expansion import expand, query_tokens
from search.normalize import fold
from search.results import search_commune


def found_keys(commune, query):
    outcome = search_commune(query, root=commune.homes["ar"], locale=Locale.objects.get(language_code="ar"))
    return [commune.key_of(result.page.pk) for result in outcome.results]


@pytest.mark.parametrize(
    ("typed", "arabic"),
    [
        ("3a9d", "عقد"),  # 3 = ع, 9 = ق
        ("7adi9a", "حديقة"),  # 7 = ح
        ("5obz", "خبز"),  # 5 = خ
        ("6ri9", "طريق"),  # 6 = ط
        ("8aba", "غابة"),  # 8 = غ
        ("3'aba", "غابة"),  # 3' = غ
        ("chari3", "شارع"),  # ch = ش
        ("shari3", "شارع"),  # sh = ش
        ("khadamat", "خدمات"),  # kh = خ
        ("ghars", "غرس"),  # gh = غ
        ("souk", "سوق"),  # ou = و
        ("ma7atta", "محطة"),  # a doubled letter is one
        ("rokhsat", "رخصة"),  # the t of ة before the next word
    ],
)
def test_latin_spelling_reaches_the_key_of_its_arabic_word(typed, arabic):
    assert latin.key(fold(arabic)) in latin.keys(typed)


@pytest.mark.parametrize(("typed", "arabic"), [("l9orb", "القرب"), ("lichorb", "للشرب"), ("bel7ay", "بالحي")])
def test_article_written_onto_a_word_is_read_either_way(typed, arabic):
    assert latin.key(fold(arabic)) in latin.keys(typed)


def test_function_words_and_words_of_one_short_sound_are_not_looked_up():
    assert latin.keys("el") == latin.keys("bel") == []
    assert latin.keys("bab") == []
    # A long word of one consonant class is: عمومية is read from its vowels too.
    assert latin.key(fold("عمومية")) in latin.keys("3omomiya")


def test_arabic_keys_come_from_the_table_alone():
    assert latin.key(fold("المدرسة")) == "mdrs"
    assert latin.key("souk") == latin.key("سوق") == "sk"


def test_closer_reading_of_the_same_key_comes_first():
    assert latin.closeness("salam", fold("السلام")) < latin.closeness("salam", fold("سليم"))


def test_arabizi_word_stays_one_query_word():
    assert query_tokens("tasse7i7 l imda2") == ["tasse7i7", "imda2"]
    assert query_tokens("3'ars, l2achjar") == ["3'ars", "l2achjar"]
    # Numbers and words without Arabizi digits are split as the index splits them.
    assert query_tokens("طلب عروض 12/2024") == ["طلب", "عروض", "12", "2024"]
    assert query_tokens("A4 papier") == ["4", "papier"]


def test_arabizi_word_is_still_found_as_the_index_splits_it(db):
    # "covid19" looks like Arabizi (a 9 in a Latin word); a page that holds "covid" and "19" still matches it.
    (group,) = expand("covid19")
    exact = group.alternatives[0]
    assert exact.kind == "exact"
    assert exact.matches(frozenset({"covid", "19"}))


def test_latin_query_finds_the_page_that_holds_every_word_first(commune, db):
    # "tasse7i7" alone would find other pages of its sound; the page with both words comes first.
    assert found_keys(commune, "tasse7i7 l imda2")[0] == "s_signature"
    assert found_keys(commune, "chahadat l 7ayat")[0] == "s_life"


def test_arabizi_query_expands_to_arabic_words_and_leaves_the_article_out(commune, db):
    groups = expand("3a9d l izdiyad")
    assert [group.text for group in groups] == ["3a9d", "izdiyad"]
    assert "عقد" in groups[0].forms
    assert any(form.endswith("ازدياد") for form in groups[1].forms)
