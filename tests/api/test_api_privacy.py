"""Anonymous callers never see drafts, private or password-protected pages, revisions or personal data."""

import pytest
from django.contrib.auth import get_user_model

from api.content import PAGE_TYPES

from ..factories import EDITOR_EMAIL, SECRET


def public_responses(client, portal):
    urls = [f"/api/{slug}?limit=100" for slug in PAGE_TYPES]
    urls += [
        "/api/persons",
        "/api/organizations",
        "/api/memberships",
        "/api/facilities",
        "/api/communes",
        "/api/changes?limit=500",
        f"/api/popolo?commune={portal.site.pk}",
        "/api/ocds/releases",
        "/api/ocds/records",
        "/open311/v2/discovery.json",
        "/open311/v2/services.json",
        "/api/v2/pages/?limit=20",
    ]
    urls += [f"/api/v2/pages/?type={PAGE_TYPES[slug].model._meta.label}&fields=*&limit=20" for slug in PAGE_TYPES]
    urls += [
        f"/api/feeds/{kind}.{fmt}?locale={loc}"
        for kind in ("news", "events", "tenders")
        for fmt in ("atom", "json")
        for loc in ("ar", "fr")
    ]
    for slug in PAGE_TYPES:
        for item in client.get(f"/api/{slug}?limit=100").json()["results"]:
            urls.append(f"/api/{slug}/{item['id']}")
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        yield url, response.content.decode()


def test_no_public_response_contains_anything_secret(client, portal):
    user_model = get_user_model()
    markers = [SECRET, EDITOR_EMAIL, "editor-private", "mod.private@example.org", "moderator-private"]
    markers += [user.email for user in user_model.objects.all() if user.email]
    seen = 0
    for url, body in public_responses(client, portal):
        seen += 1
        for marker in markers:
            assert marker not in body, (url, marker)
    assert seen > 40


@pytest.mark.parametrize("key", ["draft", "private", "protected"])
def test_hidden_pages_are_not_found_by_id_or_path(client, portal, key):
    page = portal.secrets[key]
    assert client.get(f"/api/news/{page.pk}").status_code == 404
    assert client.get(f"/api/pages/by-path?path=/ar/news/{page.slug}/").status_code == 404
    assert all(item["id"] != page.pk for item in client.get("/api/news?limit=100").json()["results"])


def test_changes_feed_never_announces_a_hidden_page(client, portal):
    """A page made private after publication leaves a bare tombstone, so peers drop their copy; nothing more."""
    hidden = {page.pk for page in portal.secrets.values()}
    items = [
        i for i in client.get("/api/changes?limit=500").json()["items"] if i["type"] == "news" and i["id"] in hidden
    ]
    assert all(item["action"] == "unpublished" and item["api_url"] is None for item in items)
    assert portal.secrets["draft"].pk not in {item["id"] for item in items}


def test_published_version_is_served_not_the_newer_draft(client, portal):
    item = client.get(f"/api/news/{portal.news[0].pk}").json()
    assert item["title"] == "News 0"
