"""Relevance over the corpus: recall@5 and MRR, printed for the database in use, and a floor."""

from django.db import connection
from wagtail.models import Locale

from search.results import search_commune

from .conftest import report_relevance
from .corpus import ARABIC_QUERIES, DOCUMENTS, FRENCH_QUERIES

RECALL_FLOOR = 0.9
CUTOFF = 5


def ranked_keys(commune, query, language_code):
    outcome = search_commune(
        query, root=commune.homes["ar"], locale=Locale.objects.get(language_code=language_code), page_size=CUTOFF
    )
    return [commune.key_of(result.page.pk) for result in outcome.results]


def measure(commune, queries, language_code):
    recalls, reciprocal_ranks, misses = [], [], []
    for query, expected in queries:
        ranked = ranked_keys(commune, query, language_code)
        found = [key for key in expected if key in ranked[:CUTOFF]]
        recalls.append(len(found) / len(expected))
        rank = next((position for position, key in enumerate(ranked, start=1) if key in expected), None)
        reciprocal_ranks.append(1 / rank if rank else 0.0)
        if len(found) < len(expected):
            misses.append(f"{query!r} → {ranked}")
    return sum(recalls) / len(recalls), sum(reciprocal_ranks) / len(reciprocal_ranks), misses


def test_corpus_and_queries_are_the_size_the_issue_asks_for():
    assert len(DOCUMENTS) >= 60
    assert len(ARABIC_QUERIES) >= 40
    assert len(FRENCH_QUERIES) >= 15
    expected = {key for _query, keys in ARABIC_QUERIES + FRENCH_QUERIES for key in keys}
    assert expected <= set(DOCUMENTS)


def test_recall_at_5_is_at_least_0_9_in_arabic_and_french(commune, db, request):
    figures = {}
    all_misses = []
    for language_code, queries in (("ar", ARABIC_QUERIES), ("fr", FRENCH_QUERIES)):
        recall, mrr, misses = measure(commune, queries, language_code)
        figures[language_code] = (recall, mrr, len(queries))
        all_misses += misses
    total = sum(count for _recall, _mrr, count in figures.values())
    overall_recall = sum(recall * count for recall, _mrr, count in figures.values()) / total
    overall_mrr = sum(mrr * count for _recall, mrr, count in figures.values()) / total
    vendor = connection.vendor
    for language_code, (recall, mrr, count) in figures.items():
        report_relevance(
            request, f"[{vendor}] {language_code}: {count} queries, recall@5 = {recall:.3f}, MRR = {mrr:.3f}"
        )
    report_relevance(
        request, f"[{vendor}] all: {total} queries, recall@5 = {overall_recall:.3f}, MRR = {overall_mrr:.3f}"
    )
    for miss in all_misses:
        report_relevance(request, f"[{vendor}] missed: {miss}")
    for language_code, (recall, _mrr, _count) in figures.items():
        assert recall >= RECALL_FLOOR, (language_code, all_misses)
