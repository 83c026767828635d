"""Listing pages cost the same number of queries whatever the number of items they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pages.models import (
    EventIndexPage,
    LegalTextIndexPage,
    NewsIndexPage,
    ProjectIndexPage,
    TenderIndexPage,
)

from ..factories import (
    CommuneImageFactory,
    EventPageFactory,
    LegalTextPageFactory,
    NewsPageFactory,
    ProjectPageFactory,
    TenderPageFactory,
)
from ..utils import path_of

LISTINGS = {
    ProjectIndexPage: (ProjectPageFactory, {"latitude": "30.5", "longitude": "-9.6"}, "?status=in_progress"),
    NewsIndexPage: (NewsPageFactory, {}, "?category=announcement"),
    TenderIndexPage: (TenderPageFactory, {}, "?state=open"),
    LegalTextIndexPage: (LegalTextPageFactory, {}, "?year=2026"),
    EventIndexPage: (EventPageFactory, {}, ""),
}
WITH_IMAGE = {ProjectIndexPage, NewsIndexPage, EventIndexPage}


def queries_to_render(client, path):
    client.get(path)  # the first view makes the images' renditions
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured.captured_queries)


def add_items(index, factory, fields, count):
    for _ in range(count):
        extra = dict(fields)
        if type(index) in WITH_IMAGE:
            extra["image"] = CommuneImageFactory()
        factory(parent=index, **extra)


@pytest.mark.parametrize("model", list(LISTINGS), ids=lambda model: model.__name__)
def test_listing_queries_do_not_grow_with_its_items(client, db, commune, model):
    index = commune.page_of_type(model)
    factory, fields, query = LISTINGS[model]
    path = path_of(index) + query
    add_items(index, factory, fields, 2)
    with_few = queries_to_render(client, path)

    add_items(index, factory, fields, 6)
    with_more = queries_to_render(client, path)

    assert with_more == with_few, f"{with_few} queries with few items, {with_more} with more"
