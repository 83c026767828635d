"""Change feed, bearer-token writes through the moderation workflow, headless preview, Wagtail's API v2."""

import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from api.content import PAGE_TYPES
from clients.models import ApiToken
from home.communes import publish_under
from pages.models import NewsPage


def feed(client, since=0, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return client.get(f"/api/changes?since={since}&limit=500&{query}").json()


def test_change_feed_follows_publication_change_unpublication_and_deletion(client, portal):
    start = feed(client)["next_cursor"]
    page = publish_under(portal.sections["news"], NewsPage(title="Fresh", slug="fresh", category="council"))
    created = feed(client, start)
    assert [(i["action"], i["id"]) for i in created["items"]] == [("created", page.pk)]
    assert created["items"][0]["api_url"].endswith(f"/api/news/{page.pk}")

    page.title = "Fresher"
    page.save_revision().publish()
    after_change = feed(client, created["next_cursor"])
    assert [(i["action"], i["id"]) for i in after_change["items"]] == [("changed", page.pk)]
    assert [i["action"] for i in feed(client, start)["items"]] == ["changed"]  # one entry per object

    page.unpublish()
    assert [i["action"] for i in feed(client, after_change["next_cursor"])["items"]] == ["unpublished"]
    page.save_revision().publish()
    page_id = page.pk
    Page.objects.get(pk=page_id).delete()
    tombstone = feed(client, after_change["next_cursor"])["items"]
    assert [(i["action"], i["id"], i["api_url"]) for i in tombstone] == [("deleted", page_id, None)]


def test_change_feed_pages_with_a_cursor_in_a_stable_order(client, portal):
    everything = feed(client)["items"]
    cursors = [item["cursor"] for item in everything]
    assert cursors == sorted(cursors)
    first = client.get("/api/changes?limit=3").json()
    second = client.get(f"/api/changes?limit=3&since={first['next_cursor']}").json()
    assert first["has_more"]
    assert [i["cursor"] for i in first["items"] + second["items"]] == cursors[:6]


def test_change_feed_covers_registers(client, portal):
    start = feed(client)["next_cursor"]
    portal.person.party = "Other"
    portal.person.save()
    assert [(i["type"], i["action"]) for i in feed(client, start)["items"]] == [("persons", "changed")]


def test_draft_is_never_in_the_change_feed(client, portal):
    start = feed(client)["next_cursor"]
    draft = NewsPage(title="Only a draft", slug="only-draft", category="council", live=False)
    portal.sections["news"].add_child(instance=draft)
    draft.save_revision()
    assert feed(client, start)["items"] == []


def issue(user):
    return ApiToken.issue(user, "test")[1]


def news_payload(portal, **extra):
    return {
        "parent": portal.sections["news"].pk,
        "title": "From a peer",
        "category": "network",
        "body": [{"type": "paragraph", "value": "<p>Hello <script>x</script><b>world</b></p>"}],
        **extra,
    }


def test_write_needs_a_valid_bearer_token(client, portal):
    response = client.post("/api/news", news_payload(portal), content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    wrong = client.post(
        "/api/news", news_payload(portal), content_type="application/json", HTTP_AUTHORIZATION="Bearer nope"
    )
    assert wrong.status_code == 401


def test_editor_token_creates_news_that_waits_in_the_workflow(client, portal):
    token = issue(portal.editor)
    response = client.post(
        "/api/news",
        news_payload(portal, action="publish"),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    result = response.json()
    assert result["status"] == "in_moderation" and result["live"] is False
    page = NewsPage.objects.get(pk=result["id"])
    assert page.workflow_in_progress
    assert page.get_latest_revision().user == portal.editor
    assert "<script>" not in page.get_latest_revision_as_object().body.raw_data[0]["value"]
    assert client.get(f"/api/news/{page.pk}").status_code == 404


def test_moderator_token_publishes_and_updates(client, portal):
    token = issue(portal.moderator)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    created = client.post(
        "/api/news", news_payload(portal, action="publish"), content_type="application/json", **auth
    ).json()
    assert created["status"] == "live"
    assert client.get(f"/api/news/{created['id']}").json()["title"] == "From a peer"
    updated = client.patch(
        f"/api/news/{created['id']}",
        {"title": "Corrected", "action": "publish"},
        content_type="application/json",
        **auth,
    )
    assert updated.status_code == 200, updated.content
    assert client.get(f"/api/news/{created['id']}").json()["title"] == "Corrected"
    draft = client.patch(
        f"/api/news/{created['id']}",
        {"title": "Draft only", "action": "draft"},
        content_type="application/json",
        **auth,
    ).json()
    assert draft["status"] == "draft" and draft["has_unpublished_changes"]
    assert client.get(f"/api/news/{created['id']}").json()["title"] == "Corrected"


def test_event_write_validates_dates(client, portal):
    token = issue(portal.moderator)
    start = datetime.datetime(2030, 1, 1, 10, tzinfo=datetime.UTC)
    payload = {
        "parent": portal.sections["events"].pk,
        "title": "Forum",
        "kind": "forum",
        "place": "Hall",
        "start": start.isoformat(),
        "end": (start - datetime.timedelta(hours=1)).isoformat(),
    }
    response = client.post(
        "/api/events", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 422
    assert "end" in [p["name"] for p in response.json()["invalid_params"]]
    payload["end"] = (start + datetime.timedelta(hours=2)).isoformat()
    ok = client.post("/api/events", payload, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert ok.status_code == 201 and ok.json()["status"] == "in_moderation"


def test_token_without_rights_on_the_section_is_refused(client, portal, django_user_model):
    outsider = django_user_model.objects.create_user("outsider", "", "x")
    response = client.post(
        "/api/news",
        news_payload(portal),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {issue(outsider)}",
    )
    assert response.status_code == 403


def test_revoked_token_is_refused(client, portal):
    token, raw = ApiToken.issue(portal.moderator, "old")
    token.revoked_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    token.save()
    response = client.post(
        "/api/news", news_payload(portal), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 401


def test_issue_api_token_command_prints_a_working_token(portal):
    out = io.StringIO()
    call_command("issue_api_token", portal.editor.username, name="script", stdout=out, stderr=io.StringIO())
    raw = out.getvalue().strip()
    assert ApiToken.authenticate(raw).user == portal.editor
    assert not ApiToken.objects.filter(token_hash=raw).exists()


def test_headless_preview_shows_the_latest_revision_until_it_expires(client, portal, settings):
    token = client.post(
        f"/api/pages/{portal.news[0].pk}/preview-token", HTTP_AUTHORIZATION=f"Bearer {issue(portal.editor)}"
    ).json()["token"]
    preview = client.get(f"/api/preview?token={token}")
    assert preview.status_code == 200
    assert preview.json()["title"].endswith("unpublished revision")
    assert preview["Cache-Control"] == "private, no-store"
    assert client.get(f"/api/preview?token={token}x").status_code == 403
    settings.BAWABA_PREVIEW_MAX_AGE = -1
    assert client.get(f"/api/preview?token={token}").status_code == 403


@pytest.mark.parametrize("slug", list(PAGE_TYPES))
def test_wagtail_api_v2_serialises_every_page_type(client, slug):
    label = PAGE_TYPES[slug].model._meta.label
    listing = client.get(f"/api/v2/pages/?type={label}&fields=*")
    assert listing.status_code == 200, listing.content[:500]
    items = listing.json()["items"]
    assert items, label
    detail = client.get(f"/api/v2/pages/{items[0]['id']}/")
    assert detail.status_code == 200, detail.content[:500]
