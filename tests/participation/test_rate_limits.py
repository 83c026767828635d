"""Rate limits: one counter per client address, shared by every worker, that floods cannot evict."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import reverse
from django.utils import translation

from participation.models import ServiceRequest

LIMIT = 3


@pytest.fixture
def limited(participation_settings):
    participation_settings.PARTICIPATION_RATE_LIMIT = LIMIT
    return participation_settings


def complaint(number):
    return {
        "kind": "complaint",
        "category": "public-lighting",
        "description": f"Lampadaire {number} éteint.",
        "address": f"Rue {number}",
    }


def form_url():
    with translation.override("fr"):
        return reverse("participation:request_new")


def submit(client, number, **headers):
    return client.post(form_url(), complaint(number), **headers).status_code


def test_rate_limit_counters_are_never_kept_in_local_memory(settings):
    assert not isinstance(caches[settings.RATE_LIMIT_CACHE], LocMemCache)


def test_a_flood_of_search_suggestions_does_not_evict_the_participation_counter(town, limited):
    client = Client()
    assert [submit(client, n) for n in range(LIMIT)] == [302] * LIMIT
    limited.BAWABA_SEARCH_RATE_LIMIT = 0
    for number in range(400):
        client.get(
            "/api/search/suggest",
            {"q": f"mot{number}", "locale": "fr"},
            REMOTE_ADDR=f"10.9.{number // 256}.{number % 256}",
        )
    assert submit(client, LIMIT) == 429
    assert ServiceRequest.objects.count() == LIMIT


def test_rotating_the_first_forwarded_address_behind_one_trusted_proxy_is_still_one_client(town, limited):
    limited.XFF_TRUSTED_PROXY_DEPTH = 1
    client = Client(REMOTE_ADDR="192.0.2.10")
    statuses = [submit(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.7") for n in range(LIMIT + 5)]
    assert statuses == [302] * LIMIT + [429] * 5
    assert ServiceRequest.objects.count() == LIMIT


def test_behind_one_trusted_proxy_two_citizens_have_their_own_allowance(town, limited):
    limited.XFF_TRUSTED_PROXY_DEPTH = 1
    client = Client(REMOTE_ADDR="192.0.2.10")
    first = [submit(client, n, HTTP_X_FORWARDED_FOR="198.51.100.7") for n in range(LIMIT)]
    second = [submit(client, 10 + n, HTTP_X_FORWARDED_FOR="198.51.100.8") for n in range(LIMIT)]
    assert first + second == [302] * (2 * LIMIT)


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(town, limited):
    client = Client(REMOTE_ADDR="192.0.2.10")
    statuses = [submit(client, n, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}") for n in range(LIMIT + 2)]
    assert statuses == [302] * LIMIT + [429] * 2


def anonymous_writes(town, service_page):
    """Every channel through which an anonymous caller stores something: (post one, stored so far)."""
    from clients.models import ApiToken, Scope
    from participation.models import InformationRequest, Petition, PetitionSignature, ServiceRating

    from .factories import petition

    collecting = petition(town, status="collecting")
    key = ApiToken.issue(None, "rate limit test", commune=town, scopes=[Scope.OPEN311])[1]
    with translation.override("fr"):
        urls = {
            "petition": reverse("participation:petition_new"),
            "signature": reverse("participation:petition_detail", args=[collecting.pk]),
            "information": reverse("participation:information_new"),
            "rating": reverse("participation:rate_service", args=[service_page.pk]),
        }
    return {
        "complaint": (
            lambda n: Client().post(form_url(), complaint(n)),
            lambda: ServiceRequest.objects.count(),
        ),
        "open311": (
            lambda n: Client().post(
                "/open311/v2/requests.json",
                {"api_key": key, "service_code": "cleanliness", "description": f"Dépôt {n}", "address_string": "Souk"},
                HTTP_ACCEPT_LANGUAGE="fr",
            ),
            lambda: ServiceRequest.objects.count(),
        ),
        "petition": (
            lambda n: Client().post(
                urls["petition"],
                {
                    "title": f"Pétition {n}",
                    "request_text": "Une bibliothèque.",
                    "filer_kind": "citizens",
                    "filer_name": "Karim Idrissi",
                    "filer_national_id": f"JK{100000 + n}",
                },
            ),
            lambda: Petition.objects.exclude(pk=collecting.pk).count(),
        ),
        "signature": (
            lambda n: Client().post(urls["signature"], {"name": f"Amina {n}", "national_id": f"AA{100000 + n}"}),
            lambda: PetitionSignature.objects.count(),
        ),
        "information": (
            lambda n: Client().post(
                urls["information"],
                {
                    "applicant_name": "Youssef Benali",
                    "national_id": f"AB{100000 + n}",
                    "email": "y@example.ma",
                    "information_sought": f"Le budget {n}.",
                    "access_form": "electronic",
                },
            ),
            lambda: InformationRequest.objects.count(),
        ),
        "rating": (lambda n: Client().post(urls["rating"], {"score": "4"}), lambda: ServiceRating.objects.count()),
    }


@pytest.mark.parametrize("channel", ["complaint", "open311", "petition", "signature", "information", "rating"])
def test_every_anonymous_write_is_rate_limited_per_address(town, limited, service_page, channel):
    """Each channel stores its allowance from one address, then answers 429 and stores nothing more."""
    post, stored = anonymous_writes(town, service_page)[channel]
    responses = [post(n) for n in range(LIMIT + 2)]
    assert all(response.status_code in (201, 302) for response in responses[:LIMIT]), [
        response.status_code for response in responses
    ]
    assert [response.status_code for response in responses[LIMIT:]] == [429, 429]
    assert stored() == LIMIT
    refused = responses[-1]
    text = refused.content.decode() if channel != "open311" else refused.json()[0]["description"]
    assert "Trop d" in text


@pytest.mark.parametrize("path", ["/api/search/suggest?q=mairie", "/api/search?q=mairie", "/fr/search/?q=mairie"])
def test_search_is_rate_limited_per_address_with_a_localised_429(town, settings, path):
    settings.BAWABA_SEARCH_RATE_LIMIT = 5
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    statuses = [client.get(path).status_code for _ in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    response = client.get(path)
    assert response["Retry-After"]
    assert "Trop de" in response.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.99").get(path).status_code == 200
