"""The year each found page is dated by, on both databases (``search.years``)."""

from wagtail.models import Page

from .conftest import own_year


def test_a_pages_year_is_its_own_types_date_else_its_first_publication(dated, db):
    from search import years

    # Read again: the fixture moved their publication dates in the database.
    pages = list(Page.objects.filter(pk__in=[page.pk for page in dated.pages.values()]))
    expected = {page.pk: own_year(page) for page in pages}
    # Several types, several years, and pages without a publication date.
    assert len({page.content_type_id for page in pages}) > 2
    assert len({year for year in expected.values() if year}) > 1
    assert years.years_of([(page.pk, page.content_type_id) for page in pages]) == expected
