"""API tokens in the admin: a commune's staff issue them for their commune, with their scopes, shown once."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import translation

from clients.models import ApiToken

from .communes import build_two_communes


@pytest.fixture(scope="module")
def world(module_db):
    return build_two_communes()


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def issued(response):
    (message,) = [str(message) for message in get_messages(response.wsgi_request)]
    return re.search(r"[A-Za-z0-9_-]{43}", message).group()


def test_staff_issue_an_open311_token_for_their_commune_that_files_requests_there(world, db):
    client = client_for(world.staff)
    url = reverse("portal_api_tokens:add")
    form = client.get(url).content.decode()
    assert 'name="scopes"' in form and 'name="user"' not in form
    assert f'value="{world.one.site.pk}"' not in form
    response = client.post(url, {"commune": world.two.site.pk, "name": "Qz2k citizen app", "scopes": ["open311"]})
    assert response.status_code == 302
    token = ApiToken.objects.get(name="Qz2k citizen app")
    assert (token.commune, token.user, token.scopes) == (world.two.site, None, ["open311"])
    assert ApiToken.authenticate(issued(response)) == token
    listing = client.get(reverse("portal_api_tokens:index")).content.decode()
    labels = set()
    for language in ("ar", "fr", "zgh"):
        with translation.override(language):
            labels.add(token.get_scopes_display())
    assert any(label in listing for label in labels)


def test_staff_write_tokens_act_as_themselves_and_only_for_their_commune(world, db):
    client = client_for(world.staff)
    url = reverse("portal_api_tokens:add")
    response = client.post(url, {"commune": world.two.site.pk, "name": "Qz2k scripts", "scopes": ["write", "preview"]})
    assert response.status_code == 302
    token = ApiToken.objects.get(name="Qz2k scripts")
    assert (token.user, token.commune, token.scopes) == (world.staff, world.two.site, ["write", "preview"])
    refused = client.post(url, {"commune": world.one.site.pk, "name": "Qz1k scripts", "scopes": ["write"]})
    assert refused.status_code == 200 and not ApiToken.objects.filter(name="Qz1k scripts").exists()
    nothing = client.post(url, {"commune": world.two.site.pk, "name": "No scope"})
    assert nothing.status_code == 200 and not ApiToken.objects.filter(name="No scope").exists()


def test_staff_see_their_communes_tokens_with_their_scopes_and_not_the_others(world, db):
    listing = client_for(world.staff).get(reverse("portal_api_tokens:index")).content.decode()
    assert "Qz2k Open311 key" in listing and "Qz2k API token" in listing
    assert "Qz1k" not in listing
    inspect = client_for(world.staff).get(reverse("portal_api_tokens:inspect", args=[world.two.key.pk]))
    assert inspect.status_code == 200
    assert client_for(world.staff).get(reverse("portal_api_tokens:edit", args=[world.one.key.pk])).status_code == 403
