# ruff: noqa: RUF001 - French messages use the typographic apostrophe
"""Headless preview: a token shows one revision of one page, and dies with the page, the issuing API token or
its user."""

import datetime

import pytest
from django.core import signing
from django.utils import timezone
from wagtail.models import Page

from clients.models import ApiToken


def issue_preview(client, user, page):
    api_token, raw = ApiToken.issue(user, "front end")
    response = client.post(f"/api/pages/{page.pk}/preview-token", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201, response.content
    return api_token, response.json()


def fetch(client, token):
    return client.get("/api/preview", {"token": token}, HTTP_ACCEPT_LANGUAGE="fr")


def refused(response, status, words):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    problem = response.json()
    assert words in problem["detail"]
    assert set(problem) >= {"type", "title", "status", "detail"}
    assert problem["status"] == status
    return problem


def test_preview_of_a_never_published_draft(client, portal):
    draft = portal.secrets["draft"]
    _, issued = issue_preview(client, portal.editor, draft)
    assert issued["revision"] == draft.latest_revision.pk
    assert fetch(client, issued["token"]).json()["title"].endswith("draft")


def test_a_preview_token_is_bound_to_the_revision_it_was_issued_for(client, portal):
    page = portal.news[1].specific
    issued_title = page.title
    _, issued = issue_preview(client, portal.editor, page)
    page.title = "A later edit"
    page.save_revision(user=portal.editor)

    shown = fetch(client, issued["token"]).json()
    assert shown["title"] == issued_title
    _, reissued = issue_preview(client, portal.editor, page)
    assert fetch(client, reissued["token"]).json()["title"] == "A later edit"


def test_revoking_the_api_token_ends_its_previews(client, portal):
    revised = portal.news[0]
    api_token, issued = issue_preview(client, portal.editor, revised)
    assert fetch(client, issued["token"]).status_code == 200

    api_token.revoked_at = timezone.now()
    api_token.save()

    response = fetch(client, issued["token"])
    refused(response, 403, "révoqué")
    assert "unpublished revision" not in response.content.decode()


def test_deleting_the_api_token_ends_its_previews(client, portal):
    api_token, issued = issue_preview(client, portal.editor, portal.news[0])
    api_token.delete()
    refused(fetch(client, issued["token"]), 403, "révoqué")


def test_an_expired_api_token_ends_its_previews(client, portal):
    api_token, issued = issue_preview(client, portal.editor, portal.news[0])
    api_token.expires_at = timezone.now() - datetime.timedelta(seconds=1)
    api_token.save()
    refused(fetch(client, issued["token"]), 403, "Le jeton d’API qui a émis cet aperçu a expiré")


def test_deactivating_the_user_ends_their_previews(client, portal):
    _, issued = issue_preview(client, portal.editor, portal.news[0])
    portal.editor.is_active = False
    portal.editor.save()
    try:
        response = fetch(client, issued["token"])
    finally:
        portal.editor.is_active = True
        portal.editor.save()
    refused(response, 403, "désactivé")
    assert "unpublished revision" not in response.content.decode()


def test_a_user_who_may_no_longer_edit_the_page_loses_the_preview(client, portal):
    _, issued = issue_preview(client, portal.editor, portal.news[0])
    groups = list(portal.editor.groups.all())
    portal.editor.groups.clear()
    try:
        response = fetch(client, issued["token"])
    finally:
        portal.editor.groups.set(groups)
    refused(response, 403, "ne peut plus modifier")


def test_deleting_the_page_ends_its_previews(client, portal):
    draft = portal.secrets["draft"]
    _, issued = issue_preview(client, portal.editor, draft)
    Page.objects.get(pk=draft.pk).delete()
    refused(fetch(client, issued["token"]), 404, "La page prévisualisée n’existe plus")


def test_a_revision_of_another_page_is_not_shown(client, portal):
    api_token, _ = issue_preview(client, portal.editor, portal.news[2])
    other = portal.news[0].specific.latest_revision
    forged = signing.dumps({"page": portal.news[2].pk, "revision": other.pk, "issuer": api_token.pk}, salt="x")
    refused(fetch(client, forged), 403, "n’est pas valide")
    # Even signed with the right salt, a revision belongs to one page only.
    signed = signing.dumps(
        {"page": portal.news[2].pk, "revision": other.pk, "issuer": api_token.pk}, salt="bawaba.api.preview"
    )
    refused(fetch(client, signed), 404, "La révision prévisualisée n’existe plus")


@pytest.mark.parametrize("payload", ["42", {"page": 1}, {"page": "1", "revision": 1, "issuer": 1}, [1, 2, 3]])
def test_malformed_signed_payloads_are_refused_not_crashed(client, portal, payload):
    token = signing.dumps(payload, salt="bawaba.api.preview")
    refused(fetch(client, token), 403, "n’est pas valide")


def test_the_old_page_only_tokens_no_longer_open_a_preview(client, portal):
    token = signing.TimestampSigner(salt="bawaba.api.preview").sign(str(portal.secrets["draft"].pk))
    refused(fetch(client, token), 403, "n’est pas valide")
