"""Writes for every section editors publish, through the same workflow as news and events."""

import pytest

from api.write_sections import SECTIONS
from clients.models import ApiToken
from pages.models import ProjectPage, TenderPage

PROBLEM = "application/problem+json"


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def post(client, url, payload, user):
    return client.post(url, payload, content_type="application/json", **auth(user))


def tender_payload(portal, **extra):
    return {
        "parent": portal.sections["tenders"].pk,
        "title": "School canteen",
        "reference": "AO-09/2026",
        "subject": "Meals for the schools",
        "procedure": "open",
        "estimate": "350000.00",
        "published_on": "2026-05-04",
        "submission_deadline": "2026-06-01T10:00:00+01:00",
        "intro": "Open to every bidder",
        "body": [{"type": "heading", "value": {"text": "Lots"}}, {"type": "paragraph", "value": "<p>One lot</p>"}],
        **extra,
    }


def test_every_section_has_a_create_and_an_update(client, portal):
    document = client.get("/api/openapi.json").json()
    for slug in SECTIONS:
        create = document["paths"][f"/api/{slug}"]["post"]
        update = document["paths"][f"/api/{slug}/{{id}}"]["patch"]
        for operation in (create, update):
            assert operation["summary"].isascii() and operation["description"], slug
            assert {"401", "403", "422"} <= set(operation["responses"]), slug
    assert {"news", "events"} & set(SECTIONS) == set()


def test_document_stays_english_whatever_the_language(client, portal):
    schemas = client.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="ar").json()["components"]["schemas"]
    descriptions = [prop.get("description", "") for prop in schemas["TenderIn"]["properties"].values()]
    assert all(text.isascii() for text in descriptions), descriptions


def test_moderator_publishes_a_tender_with_its_simple_fields(client, portal):
    response = post(client, "/api/tenders", tender_payload(portal, action="publish"), portal.moderator)
    assert response.status_code == 201, response.content
    result = response.json()
    assert result["type"] == "tenders" and result["status"] == "live"
    item = client.get(result["api_url"]).json()
    assert item["reference"] == "AO-09/2026" and item["estimate"] == "350000.00"
    assert item["procedure"] == "open" and item["status"] == "published"
    assert TenderPage.objects.get(pk=result["id"]).get_latest_revision().user == portal.moderator


def test_editor_writes_only_where_their_office_may_and_through_the_workflow(client, portal):
    refused = post(client, "/api/tenders", tender_payload(portal, action="publish"), portal.editor)
    assert refused.status_code == 403 and refused["Content-Type"] == PROBLEM
    project = {
        "parent": portal.sections["projects"].pk,
        "title": "New library",
        "status": "planned",
        "axis": "culture_sport",
        "budget": "1200000.50",
        "progress": 0,
        "action": "publish",
    }
    response = post(client, "/api/projects", project, portal.editor)
    assert response.status_code == 201, response.content
    result = response.json()
    assert result["status"] == "in_moderation" and result["live"] is False
    page = ProjectPage.objects.get(pk=result["id"])
    assert page.workflow_in_progress
    assert client.get(result["api_url"]).status_code == 404


def test_moderator_updates_a_section_page(client, portal):
    created = post(client, "/api/tenders", tender_payload(portal, action="publish"), portal.moderator).json()
    response = client.patch(
        f"/api/tenders/{created['id']}",
        {"status": "postponed", "estimate": "360000", "action": "publish"},
        content_type="application/json",
        **auth(portal.moderator),
    )
    assert response.status_code == 200, response.content
    item = client.get(created["api_url"]).json()
    assert item["status"] == "postponed" and item["estimate"] == "360000.00"
    assert item["reference"] == "AO-09/2026"
    draft = client.patch(
        f"/api/tenders/{created['id']}",
        {"title": "Draft title", "action": "draft"},
        content_type="application/json",
        **auth(portal.moderator),
    ).json()
    assert draft["status"] == "draft" and draft["has_unpublished_changes"]
    assert client.get(created["api_url"]).json()["title"] == "School canteen"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reference": None}, "reference"),
        ({"procedure": "lottery"}, "procedure"),
        ({"estimate": "a lot"}, "estimate"),
        ({"published_on": "04/05/2026"}, "published_on"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_invalid_fields_are_named(client, portal, change, field):
    payload = {key: value for key, value in tender_payload(portal, **change).items() if value is not None}
    response = post(client, "/api/tenders", payload, portal.moderator)
    assert response.status_code == 422, response.content
    assert field in [param["name"] for param in response.json()["invalid_params"]]


def test_parent_must_be_a_section_of_the_right_type(client, portal):
    payload = tender_payload(portal, parent=portal.sections["news"].pk)
    response = post(client, "/api/tenders", payload, portal.moderator)
    assert response.status_code == 422
    assert response.json()["invalid_params"][0]["name"] == "parent"


def test_writes_need_a_token(client, portal):
    response = client.post("/api/tenders", tender_payload(portal), content_type="application/json")
    assert response.status_code == 401 and response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("value", ["Title\x00", "Ref\x1b[31m", "x\x7f"])
def test_control_characters_are_refused(client, portal, value):
    response = post(client, "/api/tenders", tender_payload(portal, reference=value), portal.moderator)
    assert response.status_code == 422 and response["Content-Type"] == PROBLEM
    assert "reference" in [param["name"] for param in response.json()["invalid_params"]]
