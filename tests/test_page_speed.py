"""What makes a page cheap to build without the shared cache: nothing written back per view,
pieces shared by every page of a commune kept under its version counters."""

import pytest
from django.core.cache import cache

from pages.models import NewsIndexPage, NewsPage

from .utils import path_of

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
