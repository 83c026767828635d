"""How search reads what citizens mean: broken plurals, synonyms, near words, Latin letters, ranking."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Site

from pages import enums
from pages.models import NewsPage
from search.expansion import expand
from search.lexicon import broken_plurals
from search.models import SearchTerm, Synonym
from search.normalize import fold, variants
from search.ranking import score
from search.results import search_commune
from search.vocabulary import sound_key

from .test_views import search_url

pytestmark = pytest.mark.urls("tests.search.urls")


def arabic():
    return Locale.objects.get(language_code="ar")


def found_keys(commune, query, language_code="ar"):
    outcome = search_commune(query, root=commune.homes["ar"], locale=Locale.objects.get(language_code=language_code))
    return [commune.key_of(result.page.pk) for result in outcome.results], outcome


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("مدارس", "مدرسة"),
        ("أسواق", "سوق"),
        ("حدائق", "حديقة"),
        ("شوارع", "شارع"),
        ("أمطار", "مطر"),
        ("وثائق", "وثيقة"),
    ],
)
def test_broken_plural_and_its_singular_share_a_form(plural, singular):
    assert set(variants(fold(plural))) & set(variants(fold(singular)))


def test_a_common_singular_is_not_sent_to_a_rare_homograph():
    # سوق is the plural of ساق (a leg) too, but it is first a singular with a plural of its own.
    assert "سوق" not in broken_plurals()
    assert "ساق" not in variants("سوق")


def test_latin_letters_and_arabic_word_share_a_sound():
    assert sound_key("souk") == sound_key("سوق")
    assert sound_key("mdrasa") == sound_key(fold("مدرسة"))
    assert sound_key("tanja") == sound_key(fold("طنجة"))


def test_indexing_fills_the_vocabulary(commune, db):
    assert SearchTerm.objects.filter(term="مكتبه").exists()
    assert SearchTerm.objects.get(term="مكتبه").sound == "mktb"


def test_synonym_set_needs_two_terms():
    with pytest.raises(ValidationError):
        Synonym(language="ar", terms="شكاية").full_clean()


def test_commune_synonyms_serve_only_their_commune(commune, db):
    other = Site.objects.create(hostname="other.example", root_page=commune.homes["ar"].get_parent(), port=80)
    Synonym.objects.create(commune=other, language="ar", terms="حاوية، برميل")
    assert "a_bins" not in found_keys(commune, "برميل")[0]
    Synonym.objects.create(commune=commune.site, language="ar", terms="حاوية، برميل")
    assert found_keys(commune, "برميل")[0][0] == "a_bins"


def test_shipped_synonyms_serve_every_commune(commune, db):
    assert Synonym.objects.filter(commune__isnull=True, language="ar").exists()
    assert "a_complaints" in found_keys(commune, "تظلم")[0][:2]


def test_misspelt_word_finds_its_page_and_offers_the_right_spelling(commune, db):
    keys, outcome = found_keys(commune, "الميزانبة التشاركية")
    assert keys[0] == "a_budget"
    assert fold("الميزانية") in outcome.did_you_mean


def test_search_page_and_api_say_did_you_mean(client, commune, db):
    page = client.get(search_url(), {"q": "المكتبت الجماعية"})
    assert "search-did-you-mean" in page.content.decode()
    data = client.get("/api/search", {"q": "المكتبت الجماعية", "locale": "ar"}).json()
    assert fold("المكتبه") in data["did_you_mean"]
    assert data["results"][0]["id"] == commune.pages["a_library"].pk


def test_word_spelt_right_is_not_corrected(commune, db):
    assert found_keys(commune, "المكتبة الجماعية")[1].did_you_mean == ""


def test_word_no_page_holds_and_no_word_is_near_is_left_out(commune, db):
    keys, outcome = found_keys(commune, "المكتبة زرافة")
    assert keys[0] == "a_library"
    assert outcome.any_word


def test_query_of_only_short_or_common_words_is_answered_honestly(client, commune, db):
    response = client.get(search_url(), {"q": "في من و"})
    assert response.status_code == 200
    assert response.context["search"].unsearchable
    assert "search-empty" in response.content.decode()


def test_exact_words_outrank_near_words(commune, db):
    groups = expand("المكتبه الجماعيه", commune_id=commune.site.pk, language="ar")
    exact = {"مكتبه", "جماعيه"}
    near_only = {"مكتب", "جماعه"}
    assert score(groups, frozenset(), exact) >= score(groups, frozenset(), near_only)
    misspelt = expand("المكتبت", commune_id=commune.site.pk, language="ar")
    assert [alternative.kind for alternative in misspelt[0].alternatives] == ["exact"] + ["near"] * (
        len(misspelt[0].alternatives) - 1
    )
    assert all(alternative.weight < 1 for alternative in misspelt[0].alternatives[1:])


def test_title_match_outranks_body_match(commune, db):
    section = commune.sections["ar", "news"]
    in_body = section.add_child(
        instance=NewsPage(
            title="حصيلة الأسبوع",
            slug="week",
            date=datetime.date(2025, 3, 1),
            category=enums.NewsCategory.COUNCIL,
            body=[{"type": "paragraph", "value": "<p>زار الوفد معمل تصبير السردين.</p>"}],
        )
    )
    in_title = section.add_child(
        instance=NewsPage(
            title="معمل تصبير السردين يفتح أبوابه",
            slug="cannery",
            date=datetime.date(2023, 3, 1),
            category=enums.NewsCategory.COUNCIL,
        )
    )
    outcome = search_commune("تصبير السردين", root=commune.homes["ar"], locale=arabic())
    assert [result.page.pk for result in outcome.results][:2] == [in_title.pk, in_body.pk]


def test_page_with_every_word_outranks_pages_with_some(commune, db):
    groups = expand("تصبير السردين الطري", commune_id=commune.site.pk, language="ar")
    every = frozenset(form for group in groups for form in group.forms)
    some = frozenset(groups[0].forms)
    assert score(groups, some, some) < score(groups, frozenset(), every)


def test_recent_news_outranks_old_news_at_equal_relevance(commune, db):
    section = commune.sections["ar", "news"]
    pages = {}
    for year in (2021, 2025, 2023):
        pages[year] = section.add_child(
            instance=NewsPage(
                title="حملة تلقيح الكلاب الضالة",
                slug=f"dogs-{year}",
                date=datetime.date(year, 5, 1),
                category=enums.NewsCategory.COUNCIL,
            )
        )
    outcome = search_commune("تلقيح الكلاب", root=commune.homes["ar"], locale=arabic())
    assert [result.page.pk for result in outcome.results][:3] == [pages[2025].pk, pages[2023].pk, pages[2021].pk]


def test_editor_adds_a_synonym_set_in_the_admin_and_search_uses_it(admin_client, commune, db):
    url = "/admin/search_synonyms/new/"
    response = admin_client.post(url, {"language": "ar", "terms": "حاوية\nبرميل", "commune": commune.site.pk})
    assert response.status_code == 302
    assert Synonym.objects.filter(commune=commune.site, terms__contains="برميل").exists()
    assert found_keys(commune, "برميل")[0][0] == "a_bins"
    listing = admin_client.get("/admin/search_synonyms/")
    assert "برميل" in listing.content.decode()


def test_admin_refuses_a_set_of_one_term(admin_client, commune, db):
    response = admin_client.post("/admin/search_synonyms/new/", {"language": "ar", "terms": "حاوية"})
    assert response.status_code == 200
    assert not Synonym.objects.filter(terms="حاوية").exists()


def test_search_report_leads_from_a_query_without_results_to_a_new_synonym_set(admin_client, commune, db):
    from search.models import UnansweredQuery

    UnansweredQuery.record("برميل القمامة", "ar")
    report = admin_client.get("/admin/reports/search-queries/").content.decode()
    assert "/admin/search_synonyms/new/?terms=" in report
    form = admin_client.get("/admin/search_synonyms/new/", {"terms": "برميل القمامة", "language": "ar"})
    assert "برميل القمامة" in form.content.decode()
