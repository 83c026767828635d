"""Hostile values sent to the API's write endpoints: a 4xx problem+json naming the field, never a 500."""

import pytest

from clients.models import ApiToken
from home.communes import publish_under
from pages.models import NewsPage


def bearer(portal):
    return {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(portal.moderator, 'bad input')[1]}"}


def news(portal, **overrides):
    return {"parent": portal.sections["news"].pk, "title": "Titre", "category": "council", "body": [], **overrides}


HOSTILE_NEWS = {
    "nul_in_title": {"title": "Ti\x00tre"},
    "control_character_in_title": {"title": "Titre\x07\x1b[31m"},
    "header_injection_in_source_url": {"source_url": "https://example.ma/\r\nSet-Cookie: x=1"},
    "oversized_title": {"title": "x" * 10_000},
    "oversized_intro": {"intro": "x" * 100_000},
    "nul_in_a_paragraph": {"body": [{"type": "paragraph", "value": "<p>a\x00b</p>"}]},
    "parent_past_64_bits": {"parent": 2**63},
    "parent_far_past_64_bits": {"parent": 10**30},
    "parent_negative": {"parent": -1},
    "parent_as_float": {"parent": 1.5},
    "date_out_of_range": {"date": "99999-01-01"},
    "date_as_number": {"date": 1e308},
    "unknown_category": {"category": "council\x00"},
}


def refused_for_its_content(response):
    """A 4xx about the request's content: not a refusal of the token, which would prove nothing here."""
    return 400 <= response.status_code < 500 and response.status_code not in (401, 403)


def test_the_same_token_and_payload_without_the_hostile_value_are_accepted(client, portal):
    response = client.post("/api/news", news(portal), content_type="application/json", **bearer(portal))
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("overrides", HOSTILE_NEWS.values(), ids=HOSTILE_NEWS.keys())
def test_news_write_refuses_hostile_values_with_a_problem(client, portal, overrides):
    before = NewsPage.objects.count()
    response = client.post("/api/news", news(portal, **overrides), content_type="application/json", **bearer(portal))
    assert refused_for_its_content(response), response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"]
    assert NewsPage.objects.count() == before


@pytest.mark.parametrize(
    "body",
    [
        '{"parent": NaN, "title": "x", "category": "council"}',
        '{"parent": Infinity, "title": "x", "category": "council"}',
        '{"parent": 1e400, "title": "x", "category": "council"}',
        '{"parent": 1, "title": "x", "category": "council", "date": -Infinity}',
        "[" * 50_000,
        '{"title": "\\ud800"}',
        "\x00",
    ],
)
def test_news_write_refuses_json_no_schema_can_hold(client, portal, body):
    response = client.post("/api/news", body, content_type="application/json", **bearer(portal))
    assert refused_for_its_content(response), response.content
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": "a\x00b"},
        {"place": "Salle\x0b"},
        {"start": "NaN"},
        {"start": "2030-01-01T10:00:00+99:00"},
        {"end": "9999999999-01-01T00:00:00"},
        {"kind": "forum" * 1000},
    ],
)
def test_event_write_refuses_hostile_values_with_a_problem(client, portal, overrides):
    payload = {
        "parent": portal.sections["events"].pk,
        "title": "Forum",
        "kind": "forum",
        "place": "Salle",
        "start": "2030-01-01T10:00:00+01:00",
        "end": "2030-01-01T12:00:00+01:00",
        **overrides,
    }
    response = client.post("/api/events", payload, content_type="application/json", **bearer(portal))
    assert refused_for_its_content(response), response.content
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999", "-1"])
def test_patch_of_an_id_no_row_can_have_is_a_4xx(client, portal, number):
    response = client.patch(f"/api/news/{number}", {"title": "x"}, content_type="application/json", **bearer(portal))
    assert refused_for_its_content(response), response.content


def test_patch_refuses_hostile_values(client, portal):
    page = publish_under(portal.sections["news"], NewsPage(title="Cible", slug="cible-bad-input", category="council"))
    for overrides in ({"title": "a\x00b"}, {"title": "a\x1fb"}, {"intro": "x" * 100_000}, {"date": "0000-00-00"}):
        response = client.patch(f"/api/news/{page.pk}", overrides, content_type="application/json", **bearer(portal))
        assert refused_for_its_content(response), (overrides, response.content)
    page.refresh_from_db()
    assert page.title == "Cible"
