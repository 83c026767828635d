"""The search benchmark, run small so that it never rots: build, grow by copies, search, suggest."""

import importlib.util
from pathlib import Path

import pytest
from django.db import connection
from wagtail.models import Locale, Page

from pages.models import NewsPage
from search.results import search_commune, suggest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "search_bench.py"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the search benchmark measures PostgreSQL; it copies pages in its SQL"
)


def load_bench():
    spec = importlib.util.spec_from_file_location("search_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_benchmark_builds_grows_and_measures_a_small_commune(db, capsys):
    bench = load_bench()
    home = bench.build(30)
    bench.clone(home, 90)
    arabic = Locale.objects.get(language_code="ar")
    content_pages = Page.objects.filter(depth=home.depth + 2)
    assert content_pages.count() == 90
    assert content_pages.filter(live=True).count() == 90
    outcome = search_commune("رخصه البناء", root=home, locale=arabic)
    assert outcome.total > 0
    copied = [result for result in outcome.results if "-c" in result.page.slug]
    assert copied, "the copies are found through their copied index entries"
    assert suggest("رخص", root=home, locale=arabic)
    bench.measure(home, repeat=1)
    printed = capsys.readouterr().out
    assert "matching and ranking" in printed
    assert "suggest, uncached" in printed


def test_pages_saved_after_the_benchmark_are_indexed_as_they_are_saved(db):
    """The bench indexes its pages in bulk, with indexing on save turned off meanwhile; it turns it back on."""
    bench = load_bench()
    home = bench.build(3)
    news = NewsPage.objects.descendant_of(home).first()
    news.title = "زرافة في الحديقة"
    news.save()
    outcome = search_commune("زرافة", root=home, locale=Locale.objects.get(language_code="ar"))
    assert [result.page.pk for result in outcome.results] == [news.pk]
