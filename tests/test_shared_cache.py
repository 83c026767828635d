"""Anonymous pages and API answers from the shared cache: what is kept, for whom, and when it goes stale."""

import pytest
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from wagtail.models import PageViewRestriction

from home.models import CommuneSettings
from pages.models import NewsIndexPage, NewsPage, ServicePage, StandardPage

from .factories import NewsPageFactory, PersonFactory, SuperuserFactory
from .utils import build_commune, path_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[0, 0.5], ids=["shared-only", "with-process-copies"])
def shared_cache_on(request, settings):
    """Every case holds with and without the copies each process keeps for half a second."""
    settings.BAWABA_PAGE_CACHE = True
    settings.BAWABA_PAGE_CACHE_LOCAL_SECONDS = request.param
    return request.param


def fetch(client, path, **headers):
    return client.get(path, headers=headers)


def warm(client, path):
    """Two anonymous views: the first builds and stores the copy, the second must come from it."""
    first = fetch(client, path)
    assert first.status_code == 200, path
    second = fetch(client, path)
    assert second["X-Cache"] == "hit", f"{path}: {second.get('X-Cache')}"
    return second


def test_anonymous_page_is_served_from_the_cache_without_a_query(client, commune, django_assert_num_queries):
    path = path_of(commune.home)
    first = fetch(client, path)
    assert first["X-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = fetch(client, path)

    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]


def test_conditional_get_is_answered_304_from_the_counters_alone(client, commune, django_assert_num_queries):
    path = path_of(commune.sections[NewsIndexPage])
    etag = warm(client, path)["ETag"]

    with django_assert_num_queries(0):
        again = fetch(client, path, if_none_match=etag)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"].startswith("public")


def test_publishing_news_shows_at_once_on_home_and_listing(client, commune):
    home, listing = path_of(commune.home), path_of(commune.sections[NewsIndexPage])
    old_etag = warm(client, home)["ETag"]
    warm(client, listing)

    news = NewsPageFactory(parent=commune.sections[NewsIndexPage], title="افتتاح المسبح البلدي", live=False)
    news.save_revision().publish()

    assert "افتتاح المسبح البلدي" in fetch(client, listing).content.decode()
    refreshed = fetch(client, home, if_none_match=old_etag)
    assert refreshed.status_code == 200
    assert "افتتاح المسبح البلدي" in refreshed.content.decode()


def test_unpublishing_removes_the_page_from_its_listing_and_its_own_address(client, commune):
    news = NewsPageFactory(parent=commune.sections[NewsIndexPage], title="خبر سيسحب")
    listing, detail = path_of(commune.sections[NewsIndexPage]), path_of(news)
    assert "خبر سيسحب" in warm(client, listing).content.decode()
    warm(client, detail)

    news.unpublish()

    assert "خبر سيسحب" not in fetch(client, listing).content.decode()
    assert fetch(client, detail).status_code == 404


def test_a_draft_save_keeps_the_copy(client, commune):
    news = NewsPage.objects.get(pk=commune.leaves[NewsPage].pk)
    path = path_of(news)
    warm(client, path)

    news.title = "مسودة لم تنشر"
    news.save_revision()

    response = fetch(client, path)
    assert response["X-Cache"] == "hit"
    assert "مسودة لم تنشر" not in response.content.decode()


def test_moving_a_page_changes_the_menu_everywhere(client, commune):
    page = StandardPage.objects.get(pk=commune.sections[StandardPage].pk)
    other = commune.leaves[NewsPage]
    page.show_in_menus = True
    page.save_revision().publish()
    url = path_of(page)
    assert f'href="{url}"' in warm(client, path_of(other)).content.decode()

    page.move(commune.sections[NewsIndexPage], pos="last-child")

    assert f'href="{url}"' not in fetch(client, path_of(other)).content.decode()


def test_commune_settings_change_shows_on_every_page(client, commune):
    path = path_of(commune.leaves[NewsPage])
    warm(client, path)

    settings = CommuneSettings.for_site(commune.site)
    settings.name_ar = "جماعة الاختبار الجديدة"
    settings.save()

    assert "جماعة الاختبار الجديدة" in fetch(client, path).content.decode()


def test_register_change_makes_pages_stale(client, commune):
    path = path_of(commune.home)
    warm(client, path)

    PersonFactory()

    assert fetch(client, path)["X-Cache"] == "miss"


def test_a_page_made_private_is_no_longer_served(client, commune):
    news = commune.leaves[NewsPage]
    path = path_of(news)
    warm(client, path)

    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)

    assert fetch(client, path).status_code == 302


def test_another_communes_publication_keeps_this_communes_copies(client, commune):
    other = build_commune(slug="tanja-cache", hostname="tanja-cache.localhost")
    path = path_of(commune.home)
    warm(client, path)

    NewsPageFactory(parent=other.sections[NewsIndexPage])

    assert fetch(client, path)["X-Cache"] == "hit"


def test_each_commune_has_its_own_copy_of_the_same_path(client, commune):
    other = build_commune(slug="fes-cache", hostname="fes-cache.localhost")
    path = path_of(commune.sections[NewsIndexPage])
    assert path == path_of(other.sections[NewsIndexPage])
    warm(client, path)

    elsewhere = client.get(path, HTTP_HOST="fes-cache.localhost")

    assert elsewhere["X-Cache"] == "miss"
    assert elsewhere.content != fetch(client, path).content


def test_logged_in_editor_is_never_served_a_shared_copy(client, commune):
    path = path_of(commune.home)
    warm(client, path)
    client.force_login(SuperuserFactory())

    response = fetch(client, path)

    assert response.status_code == 200
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert fetch(client, path)["X-Cache"] == "hit"


def test_editor_pages_are_not_stored_for_anonymous_visitors(client, commune):
    path = path_of(commune.leaves[ServicePage])
    client.force_login(SuperuserFactory())
    fetch(client, path)
    client.logout()
    client.cookies.clear()

    assert fetch(client, path)["X-Cache"] == "miss"


def test_visitor_with_messages_is_not_served_a_shared_copy(client, commune):
    path = path_of(commune.home)
    warm(client, path)
    storage = CookieStorage(HttpRequest())
    response = HttpResponse()
    storage.add(message_levels.SUCCESS, "شكرا")
    storage.update(response)
    client.cookies["messages"] = response.cookies["messages"].value

    assert "X-Cache" not in fetch(client, path)


def test_pages_with_a_csrf_form_are_never_stored(client, commune):
    page = commune.leaves[NewsPage]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    path = path_of(page)
    first = fetch(client, path)
    assert first.status_code == 200
    assert b"csrfmiddlewaretoken" in first.content

    client.cookies.clear()
    second = fetch(client, path)

    assert "X-Cache" not in second
    assert "private" in second["Cache-Control"]


def test_api_list_is_served_from_the_cache_and_revalidated_without_building_it(
    client, commune, django_assert_num_queries
):
    first = client.get("/api/news")
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get("/api/news")
        again = client.get("/api/news", headers={"if-none-match": second["ETag"]})
    assert second["X-Cache"] == "hit"
    assert again.status_code == 304

    news = NewsPageFactory(parent=commune.sections[NewsIndexPage], title="خبر جديد في الواجهة")

    fresh = client.get("/api/news", headers={"if-none-match": second["ETag"]})
    assert fresh.status_code == 200
    assert any(item["id"] == news.pk for item in fresh.json()["results"])


def test_api_copies_are_kept_per_language_and_origin(client, commune, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://partner.example.ma"]
    plain = client.get("/api/news")
    crossed = client.get("/api/news", headers={"origin": "https://partner.example.ma"})
    french = client.get("/api/news", headers={"accept-language": "fr"})

    assert crossed["X-Cache"] == "miss"
    assert crossed["Access-Control-Allow-Origin"] == "https://partner.example.ma"
    assert "Access-Control-Allow-Origin" not in plain
    assert french["X-Cache"] == "miss"
    assert french["ETag"] != plain["ETag"]
    assert client.get("/api/news", headers={"origin": "https://partner.example.ma"})["X-Cache"] == "hit"


def test_token_requests_and_previews_bypass_the_cache(client, commune):
    client.get("/api/news")

    response = client.get("/api/news", headers={"authorization": "Bearer nothing"})

    assert "X-Cache" not in response


def test_cache_can_be_turned_off(client, commune, settings):
    settings.BAWABA_PAGE_CACHE = False
    path = path_of(commune.home)
    fetch(client, path)

    assert "X-Cache" not in fetch(client, path)


def test_process_copies_spare_the_shared_cache_and_expire_for_other_instances_changes(
    client, commune, settings, monkeypatch, shared_cache_on
):
    """A burst of readers costs no shared-cache read; another instance's publish shows once the copy expires."""
    if not shared_cache_on:
        pytest.skip("about the copies each process keeps")
    from caching import middleware, versions

    path = path_of(commune.home)
    etag = warm(client, path)["ETag"]
    store = versions.store()
    reads = []
    original = store.get_many
    monkeypatch.setattr(store, "get_many", lambda keys, **kw: reads.append(keys) or original(keys, **kw))
    now = middleware.monotonic()
    monkeypatch.setattr(middleware, "monotonic", lambda: now)

    assert fetch(client, path)["X-Cache"] == "hit"
    assert fetch(client, path, if_none_match=etag).status_code == 304
    assert reads == []

    # Revalidations alone keep the ETag in the process too, so a burst of them reads the shared cache once.
    monkeypatch.setattr(middleware, "monotonic", lambda: now + 1)
    assert [fetch(client, path, if_none_match=etag).status_code for _ in range(3)] == [304, 304, 304]
    assert len(reads) == 1
    assert fetch(client, path)["X-Cache"] == "hit"
    reads.clear()

    # Another instance publishes: it moves the commune's counter in the shared cache, not this process's.
    store.incr(versions.site_key(commune.site.pk))
    assert fetch(client, path)["ETag"] == etag
    monkeypatch.setattr(middleware, "monotonic", lambda: now + 1 + settings.BAWABA_PAGE_CACHE_LOCAL_SECONDS + 0.01)
    rebuilt = fetch(client, path)
    assert rebuilt["X-Cache"] == "miss"
    assert rebuilt["ETag"] != etag
    assert reads
