"""One token model for the API's clients: what each scope opens, and the commune a token works for."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Site

from clients.models import ApiToken, Scope
from home.communes import create_commune


def news_payload(portal):
    return {
        "parent": portal.sections["news"].pk,
        "title": "From a peer",
        "category": "network",
        "body": [{"type": "paragraph", "value": "<p>Hello</p>"}],
    }


def write(client, portal, raw, **headers):
    return client.post(
        "/api/news",
        news_payload(portal),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
        **headers,
    )


def ask_preview(client, portal, raw):
    return client.post(f"/api/pages/{portal.news[0].pk}/preview-token", HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def other_commune(portal):
    home = create_commune(slug="autre", hostname="autre.example.ma", name_ar="جماعة أخرى", name_fr="Autre commune")
    return Site.objects.get(root_page=home)


def test_a_token_of_the_commune_writes_and_previews(client, portal):
    token, raw = ApiToken.issue(portal.moderator, "peer", commune=portal.site)
    assert token.scopes == ["write", "preview"]
    assert write(client, portal, raw).status_code == 201
    assert ask_preview(client, portal, raw).status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_without_the_write_scope_cannot_write(client, portal):
    _token, raw = ApiToken.issue(portal.moderator, "front end", commune=portal.site, scopes=[Scope.PREVIEW])
    response = write(client, portal, raw)
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert ask_preview(client, portal, raw).status_code == 201


def test_a_token_without_the_preview_scope_cannot_ask_for_a_preview(client, portal):
    _token, raw = ApiToken.issue(portal.moderator, "writer", commune=portal.site, scopes=[Scope.WRITE])
    assert ask_preview(client, portal, raw).status_code == 403


def test_a_preview_dies_when_its_token_loses_the_preview_scope(client, portal):
    token, raw = ApiToken.issue(portal.moderator, "front end", commune=portal.site)
    preview = ask_preview(client, portal, raw).json()["token"]
    assert client.get("/api/preview", {"token": preview}).status_code == 200
    token.scopes = [Scope.WRITE]
    token.save()
    assert client.get("/api/preview", {"token": preview}).status_code == 403


def test_an_open311_token_neither_writes_nor_previews(client, portal):
    _token, raw = ApiToken.issue(None, "Allo citizen app", commune=portal.site, scopes=[Scope.OPEN311])
    assert write(client, portal, raw).status_code == 403
    assert ask_preview(client, portal, raw).status_code == 403


def test_a_token_of_another_commune_cannot_write_or_preview_here(client, portal, other_commune):
    _token, raw = ApiToken.issue(portal.moderator, "elsewhere", commune=other_commune)
    response = write(client, portal, raw, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 403
    assert "autre commune" in response.json()["detail"]
    assert ask_preview(client, portal, raw).status_code == 403


def test_scopes_need_their_holder(portal, db):
    with pytest.raises(ValidationError) as error:
        ApiToken.issue(None, "nobody", commune=portal.site)
    assert "user" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ApiToken.issue(None, "no commune", scopes=[Scope.OPEN311])
    assert "commune" in error.value.message_dict
    with pytest.raises(ValidationError):
        ApiToken.issue(portal.moderator, "nothing", commune=portal.site, scopes=[])
    with pytest.raises(ValidationError):
        ApiToken.issue(portal.moderator, "unknown", commune=portal.site, scopes=["delete-everything"])


def test_command_issues_an_open311_token_for_a_commune(portal, db):
    out = io.StringIO()
    call_command(
        "issue_api_token",
        name="Allo citizen app",
        commune=portal.home.slug,
        scopes=["open311"],
        stdout=out,
        stderr=io.StringIO(),
    )
    token = ApiToken.authenticate(out.getvalue().strip())
    assert (token.user, token.commune, token.scopes) == (None, portal.site, ["open311"])
    with pytest.raises(CommandError):
        call_command("issue_api_token", name="no commune", scopes=["open311"], stdout=io.StringIO())
