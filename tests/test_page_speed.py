"""What makes a page cheap to build without the shared cache: nothing written back per view,
pieces shared by every page of a commune kept under its version counters."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction

from caching import versions
from home.models import CommuneSettings
from pages.models import NewsIndexPage, NewsPage, StandardPage

from .factories import NewsPageFactory
from .utils import localized, page_queries, path_of

pytestmark = pytest.mark.django_db


def test_a_listing_writes_no_rendition_it_loaded_back_to_the_cache(client, commune):
    news = NewsPage.objects.get(pk=commune.leaves[NewsPage].pk)
    path = path_of(commune.sections[NewsIndexPage])
    assert client.get(path).status_code == 200  # the rendition is made once
    image = news.image
    spec = "fill-480x270"
    key = image.get_rendition_model().construct_cache_key(image, image.get_rendition(spec).focal_point_key, spec)
    cache.clear()

    assert client.get(path).status_code == 200
    assert cache.get(key) is None


# Shared pieces kept per process: a publication, a move, a settings change or a restriction shows at once.


def test_a_renamed_section_shows_in_the_menu_of_every_page_at_once(client, commune):
    news = commune.leaves[NewsPage]
    assert "الأخبار الجديدة" not in client.get(path_of(news)).content.decode()
    section = NewsIndexPage.objects.get(pk=commune.sections[NewsIndexPage].pk)
    section.title = "الأخبار الجديدة"
    section.save_revision().publish()

    assert "الأخبار الجديدة" in client.get(path_of(commune.home)).content.decode()
    assert "الأخبار الجديدة" in client.get(path_of(NewsPage.objects.get(pk=news.pk))).content.decode()


def test_a_page_moved_out_of_the_menu_leaves_it_at_once(client, commune):
    page = StandardPage.objects.get(pk=commune.sections[StandardPage].pk)
    page.show_in_menus = True
    page.save_revision().publish()
    url = path_of(page)
    assert f'href="{url}"' in client.get(path_of(commune.leaves[NewsPage])).content.decode()

    page.move(commune.sections[NewsIndexPage], pos="last-child")

    assert f'href="{url}"' not in client.get(path_of(commune.leaves[NewsPage])).content.decode()


def test_commune_settings_show_at_once(client, commune):
    path = path_of(commune.leaves[NewsPage])
    client.get(path)
    settings = CommuneSettings.for_site(commune.site)
    settings.name_ar = "جماعة الاختبار الجديدة"
    settings.save()

    assert "جماعة الاختبار الجديدة" in client.get(path).content.decode()


def test_a_change_published_by_another_process_shows_once_it_moves_the_shared_counter(client, commune):
    """Another process moves the counter in the shared cache; this one reads it on its next request."""
    path = path_of(commune.leaves[NewsPage])
    client.get(path)
    Page.objects.filter(pk=commune.sections[NewsIndexPage].pk).update(title="عنوان من عملية أخرى")
    assert "عنوان من عملية أخرى" not in main_menu(client.get(path))  # the kept menu: no counter moved

    versions.store().incr(versions.site_key(commune.site.pk))

    assert "عنوان من عملية أخرى" in main_menu(client.get(path))


def main_menu(response):
    text = response.content.decode()
    start = text.index('<nav class="main-nav"')
    return text[start : text.index("</nav>", start)]


def test_a_page_made_private_is_refused_at_once(client, commune):
    news = commune.leaves[NewsPage]
    path = path_of(news)
    assert client.get(path).status_code == 200
    PageViewRestriction.objects.create(page=commune.sections[NewsIndexPage], restriction_type="login")

    assert client.get(path).status_code == 302
    assert path_of(news) not in client.get(path_of(commune.home)).content.decode()


def test_the_listing_counts_a_new_item_at_once(client, commune):
    path = path_of(commune.sections[NewsIndexPage])
    before = listing_count(client.get(path))
    news = NewsPageFactory(parent=commune.sections[NewsIndexPage], date=datetime.date(2031, 5, 1))

    response = client.get(path)
    assert listing_count(response) == before + 1
    assert 'value="2031-05"' in response.content.decode()  # the month filter offers the new month
    assert f'href="{path_of(news)}"' in response.content.decode()

    news.unpublish()

    response = client.get(path)
    assert listing_count(response) == before
    assert f'href="{path_of(news)}"' not in response.content.decode()
    assert f'href="{path_of(news)}"' not in client.get(path + "?month=2031-05").content.decode()


def listing_count(response):
    """The number the listing announces above its items ("3 items")."""
    text = response.content.decode()
    found = re.search(r'class="listing-count"[^>]*>\s*(\d+)', text)
    assert found is not None
    return int(found.group(1))


def test_an_unpublished_page_is_not_found_at_its_address(client, commune):
    news = NewsPageFactory(parent=commune.sections[NewsIndexPage])
    path = path_of(news)
    assert client.get(path).status_code == 200
    news.unpublish()

    assert client.get(path).status_code == 404
    assert client.get(path_of(commune.sections[NewsIndexPage]) + "no-such-page/").status_code == 404


# Fixed cost: a listing and a detail page cost the same queries whatever the number of items shown.

LISTING_MAX_QUERIES = 2
DETAIL_MAX_QUERIES = 3


def test_a_listing_costs_the_same_queries_for_one_item_or_a_full_page(client, commune):
    index = commune.sections[NewsIndexPage]
    image = commune.leaves[NewsPage].image
    path = path_of(index)
    one = page_queries(client, path)
    for _ in range(NewsIndexPage.paginate_by + 2):
        NewsPageFactory(parent=index, image=image)

    assert page_queries(client, path) == one <= LISTING_MAX_QUERIES
    assert page_queries(client, path + "?page=2") == one


def test_a_detail_page_is_built_in_a_bounded_number_of_queries(client, commune):
    assert page_queries(client, path_of(commune.leaves[NewsPage])) <= DETAIL_MAX_QUERIES


def test_a_listing_card_is_rendered_again_when_its_item_is_published(client, commune):
    index = commune.sections[NewsIndexPage]
    path = path_of(index)
    assert client.get(path).status_code == 200
    news = NewsPage.objects.get(pk=commune.leaves[NewsPage].pk)
    news.title = "عنوان البطاقة الجديد"
    news.save_revision().publish()

    assert "عنوان البطاقة الجديد" in client.get(path).content.decode()


def test_a_listing_card_is_kept_per_language(client, commune):
    ar = client.get(path_of(commune.sections[NewsIndexPage])).content.decode()
    fr = client.get(path_of(localized(commune.sections[NewsIndexPage], "fr"))).content.decode()

    assert "(fr)" in fr
    assert "(fr)" not in ar


def test_a_changed_image_shows_at_once_where_it_is_kept(client, commune):
    news = commune.leaves[NewsPage]
    path = path_of(news)
    client.get(path)
    image = news.image
    image.credit = "تصوير جديد"
    image.save()

    assert "تصوير جديد" in client.get(path).content.decode()


def test_a_moved_page_answers_at_its_new_address_only(client, commune):
    news = commune.leaves[NewsPage]
    old_path = path_of(news)
    assert client.get(old_path).status_code == 200
    Page.objects.get(pk=news.pk).move(commune.sections[StandardPage], pos="last-child")

    new_path = path_of(Page.objects.get(pk=news.pk))
    moved = client.get(old_path)
    assert (moved.status_code, urlsplit(moved["Location"]).path) == (301, new_path)  # the redirect left behind
    assert client.get(new_path).status_code == 200


def test_an_unpublished_translation_leaves_the_language_switcher_at_once(client, commune):
    news = commune.leaves[NewsPage]
    french = localized(news, "fr")
    path = path_of(news)
    assert f'href="{path_of(french)}"' in client.get(path).content.decode()
    french.unpublish()

    assert f'href="{path_of(french)}"' not in client.get(path).content.decode()


def test_an_alert_published_on_the_home_shows_below_it_at_once(client, commune):
    path = path_of(commune.leaves[NewsPage])
    assert "انقطاع الماء غدا" not in client.get(path).content.decode()
    home = Page.objects.get(pk=commune.home.pk).specific
    home.alert_message = "انقطاع الماء غدا"
    home.save_revision().publish()

    assert "انقطاع الماء غدا" in client.get(path).content.decode()


def test_structured_data_follows_a_publication_at_once(client, commune):
    news = NewsPage.objects.get(pk=commune.leaves[NewsPage].pk)
    path = path_of(news)
    client.get(path)
    news.title = "عنوان منظم جديد"
    news.save_revision().publish()

    text = client.get(path).content.decode()
    script = text[text.index('<script type="application/ld+json">') :]
    assert "عنوان منظم جديد" in script[: script.index("</script>")]
