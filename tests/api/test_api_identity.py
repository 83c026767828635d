"""One id per thing across languages: the translation key, with every language version as an alternate."""

import pytest
from wagtail.models import Locale

from directory.models import Membership, Person


@pytest.fixture(scope="module")
def french_person(portal):
    french = Locale.objects.get(language_code="fr")
    person = Person.objects.get(pk=portal.person.pk)
    copy = person.copy_for_translation(french)
    copy.name = "Président (fr)"
    copy.save()
    for membership in Membership.objects.filter(person=person):
        translated = membership.copy_for_translation(french)
        translated.person = copy
        translated.save()
    return copy


def test_a_person_has_one_key_in_every_language(client, portal, french_person):
    arabic = client.get(f"/api/persons/{portal.person.pk}").json()
    french = client.get(f"/api/persons/{french_person.pk}").json()

    assert arabic["id"] != french["id"]
    assert arabic["key"] == french["key"] == str(portal.person.translation_key)
    assert [(a["locale"], a["id"]) for a in arabic["alternates"]] == [
        ("ar", portal.person.pk),
        ("fr", french_person.pk),
    ]
    assert arabic["alternates"] == french["alternates"]
    assert [t["locale"] for t in french["translations"]] == ["ar"]
    assert arabic["alternates"][1]["api_url"].endswith(f"/api/persons/{french_person.pk}")


def test_a_key_lists_every_language_version(client, portal, french_person):
    body = client.get(f"/api/persons?key={portal.person.translation_key}").json()

    assert body["count"] == 2
    assert {item["locale"] for item in body["results"]} == {"ar", "fr"}
    assert {item["key"] for item in body["results"]} == {str(portal.person.translation_key)}


def test_an_unknown_key_is_an_empty_list_and_a_malformed_one_a_problem(client, portal):
    assert client.get("/api/persons?key=00000000-0000-0000-0000-000000000000").json()["count"] == 0
    response = client.get("/api/persons?key=77")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"


def test_memberships_name_people_and_bodies_by_key(client, portal, french_person):
    results = client.get(f"/api/memberships?person={french_person.pk}").json()["results"]

    assert results
    for membership in results:
        assert membership["person_key"] == str(portal.person.translation_key)
        assert membership["organization_key"] in {
            str(portal.council.translation_key),
            *[str(o.translation_key) for o in portal.council.__class__.objects.filter(parent=portal.council)],
        }
        assert {a["locale"] for a in membership["alternates"]} == {"ar", "fr"}


def test_organizations_and_facilities_carry_their_key(client, portal):
    for path in ("/api/organizations", "/api/facilities"):
        for item in client.get(path).json()["results"]:
            assert item["key"] and any(a["id"] == item["id"] for a in item["alternates"])


def test_a_page_has_one_key_in_every_language(client, portal):
    arabic = portal.news[1]
    french = client.get(f"/api/news/{portal.french_news.pk}").json()
    source = client.get(f"/api/news/{arabic.pk}").json()

    assert french["key"] == source["key"] == str(arabic.translation_key)
    assert [a["locale"] for a in source["alternates"]] == ["ar", "fr"]
    assert source["alternates"] == french["alternates"]


def test_a_page_key_finds_every_language_version(client, portal):
    arabic = portal.news[1]
    body = client.get(f"/api/news?key={arabic.translation_key}").json()

    assert body["count"] == 2
    assert {item["id"] for item in body["results"]} == {arabic.pk, portal.french_news.pk}
    only_french = client.get(f"/api/news?key={arabic.translation_key}&locale=fr").json()
    assert [item["id"] for item in only_french["results"]] == [portal.french_news.pk]
    assert client.get("/api/news?key=00000000-0000-0000-0000-000000000000").json()["count"] == 0
    malformed = client.get("/api/news?key=77")
    assert malformed.status_code in (400, 422) and malformed["Content-Type"].startswith("application/problem+json")


def test_a_list_filtered_by_ids_holds_those_items_as_their_own_addresses_serve_them(client, portal):
    wanted = [portal.news[2].pk, portal.news[0].pk, portal.leaves["events"].pk]  # an event is no news item
    body = client.get("/api/news", {"id": wanted, "limit": 100}).json()

    assert body["count"] == 2
    assert {item["id"] for item in body["results"]} == {portal.news[0].pk, portal.news[2].pk}
    for item in body["results"]:
        assert item == client.get(f"/api/news/{item['id']}").json()
    assert client.get("/api/news", {"id": 2_000_000_000}).json()["count"] == 0
    too_many = client.get("/api/news", {"id": list(range(1, 102))})
    assert too_many.status_code in (400, 422) and too_many["Content-Type"].startswith("application/problem+json")
    assert client.get("/api/news?id=abc").status_code in (400, 422)


def test_popolo_ids_do_not_change_with_the_language(client, portal, french_person):
    arabic = client.get(f"/api/popolo?commune={portal.site.pk}&locale=ar").json()
    french = client.get(f"/api/popolo?commune={portal.site.pk}&locale=fr").json()
    key = str(portal.person.translation_key)

    president_ar = next(p for p in arabic["persons"] if p["name"] == "Président Test")
    president_fr = next(p for p in french["persons"] if p["name"] == "Président (fr)")
    assert president_ar["id"] == president_fr["id"] == f"person/{key}"
    assert {"identifier": key, "scheme": "bawaba:key"} in president_fr["identifiers"]
    assert {"identifier": str(french_person.pk), "scheme": "bawaba:id:fr"} in president_fr["identifiers"]
    assert president_fr["sources"][0]["url"].endswith(f"/api/persons/{french_person.pk}")
    council = next(o for o in arabic["organizations"] if o["classification"] == "council")
    assert council["id"] == f"organization/{portal.council.translation_key}"
    assert council["identifiers"][0] == {"identifier": str(portal.council.translation_key), "scheme": "bawaba:key"}
    assert council["sources"] and all(source["url"] for source in council["sources"])
