"""Error pages speak the visitor's language and keep the page's direction."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


@pytest.mark.parametrize(
    ("language", "direction", "script"),
    [("ar", "rtl", "[\u0621-\u064a]"), ("fr", "ltr", "[a-zé]"), ("zgh", "ltr", "[\u2d30-\u2d7f]")],
)
def test_server_error_page_is_localized_without_the_database(language, direction, script):
    # No database fixture: pytest-django refuses any query, so the page renders without one.
    request = RequestFactory().get(f"/{language}/")
    with translation.override(language):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert re.search(rf'<html[^>]*lang="{language}"[^>]*dir="{direction}"', html)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert re.search(script, title)
