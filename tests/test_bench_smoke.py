"""The cache bench in miniature: its data, its paths and the counts it reports, without timings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench import cache_bench

pytestmark = pytest.mark.django_db


@pytest.fixture
def bench_news(settings):
    settings.ALLOWED_HOSTS = ["*"]
    return cache_bench.build_data(3)


def bench_paths(news):
    return [path.format(news=news) for _label, path in cache_bench.PAGES]


def test_bench_data_is_built_once_and_serves_every_measured_path(client, bench_news):
    assert cache_bench.build_data(3) == bench_news
    for path in [*bench_paths(bench_news), cache_bench.API_LIST, cache_bench.V2_LIST]:
        assert client.get(path, HTTP_HOST=cache_bench.HOST).status_code == 200, path


def test_bench_cached_paths_are_hits_and_revalidate_with_304(client, bench_news, settings):
    settings.BAWABA_PAGE_CACHE = True
    for path in ["/ar/", cache_bench.API_LIST]:
        client.get(path, HTTP_HOST=cache_bench.HOST)
        with CaptureQueriesContext(connection) as captured:
            hit = client.get(path, HTTP_HOST=cache_bench.HOST)
            revalidated = client.get(path, HTTP_HOST=cache_bench.HOST, HTTP_IF_NONE_MATCH=hit["ETag"])
        assert hit["X-Cache"] == "hit", path
        assert revalidated.status_code == 304, path
        assert len(captured.captured_queries) == 0, path


def test_bench_wrk_report_is_read(tmp_path):
    report = """Running 10s test @ http://127.0.0.1:8000/ar/
  2 threads and 16 connections
  Latency Distribution
     50%    2.61ms
  52000 requests in 10.00s, 1.05GB read
  Non-2xx or 3xx responses: 3
Requests/sec:   5201.33
"""
    assert cache_bench.read_wrk(report) == {"rps": 5201.33, "p50": "2.61ms", "errors": 3}


#: What the bench's uncached pages may cost, whatever the number of news items (its data has 60).
UNCACHED_MAX_QUERIES = {"home": 15, "listing": 1, "detail": 2}


def test_bench_uncached_pages_cost_a_fixed_number_of_queries(client, bench_news):
    for label, path in cache_bench.PAGES:
        path = path.format(news=bench_news)
        client.get(path, HTTP_HOST=cache_bench.HOST)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, HTTP_HOST=cache_bench.HOST).status_code == 200
        assert len(captured.captured_queries) <= UNCACHED_MAX_QUERIES[label], (label, captured.captured_queries)


#: What the same pages cost right after a publication, when nothing kept under the counters serves them.
AFTER_PUBLICATION_MAX_QUERIES = {"home": 15, "listing": 18, "detail": 17}


def test_bench_pages_after_a_publication_rebuild_everything_in_a_fixed_number_of_queries(client, bench_news):
    for label, path in cache_bench.PAGES:
        path = path.format(news=bench_news)
        _ms, queries = cache_bench.after_publication(client, path, rounds=2)
        with CaptureQueriesContext(connection) as between:
            client.get(path, HTTP_HOST=cache_bench.HOST)
        # Rebuilt from the database, and kept: the next visitor costs less.
        assert len(between.captured_queries) < queries <= AFTER_PUBLICATION_MAX_QUERIES[label], (label, queries)


def test_bench_ceiling_is_a_bare_django_view():
    from django.test import RequestFactory

    from bench import bare_django

    namespace = {}
    exec(bare_django.URLS, namespace)  # noqa: S102 - the bench's own constant
    response = namespace["hello"](RequestFactory().get("/"))
    assert response.status_code == 200
    assert b"ok" in response.content
