"""Double opt-in, change and one-click leave, end to end through the outbox; the abuse cases."""

import pytest
from django.core import mail, signing
from django.test import Client

from subscriptions.models import ConsentAction, ConsentRecord, Subscriber, Subscription, address_digest
from subscriptions.tokens import CONFIRM_SALT

from .conftest import confirm_from_outbox, links_in, path_of, subscribe

pytestmark = pytest.mark.django_db


def test_nothing_is_stored_before_the_link_is_followed(site, client):
    response = subscribe(client, "karim@example.ma", ["tenders", "news"], procedures=["open"])
    assert response.status_code == 302
    assert response["Location"].endswith("/ar/subscribe/?sent=1")
    assert not Subscriber.objects.exists()
    (message,) = mail.outbox
    assert message.to == ["karim@example.ma"]
    assert "List-Unsubscribe" not in message.extra_headers
    record = ConsentRecord.objects.get()
    assert record.action == ConsentAction.REQUESTED
    assert record.address_digest == address_digest("karim@example.ma")
    assert "karim" not in str(record.choices)
    assert record.choices["kinds"]["tenders"]["procedures"] == ["open"]


def test_double_opt_in_then_one_click_unsubscribe(site, client):
    subscribe(client, "Karim@Example.MA", ["tenders", "alerts"], language="fr", procedures=["open"])
    (confirmation,) = mail.outbox
    assert "Confirm" in confirmation.subject or "Confirmez" in confirmation.subject
    response = confirm_from_outbox(client, confirmation)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "karim@example.ma"
    assert subscriber.language == "fr"
    assert set(subscriber.subscriptions.values_list("kind", flat=True)) == {"tenders", "alerts"}
    assert subscriber.subscriptions.get(kind="tenders").procedures == ["open"]
    assert ConsentRecord.objects.filter(action=ConsentAction.CONFIRMED).count() == 1

    # The same address again is still one subscription, and the answer does not tell it apart.
    mail.outbox = []
    again = subscribe(client, "karim@example.ma", ["news"], language="fr")
    assert again.status_code == 302 and again["Location"].endswith("?sent=1")
    (reminder,) = mail.outbox
    assert Subscriber.objects.count() == 1
    assert set(subscriber.subscriptions.values_list("kind", flat=True)) == {"tenders", "alerts"}
    assert reminder.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe_url = reminder.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe_url.startswith("http")
    assert links_in(reminder, "/fr/subscribe/manage/")

    # A mail client's one-click POST carries no CSRF token and no cookie.
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(path_of(unsubscribe_url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()
    left = ConsentRecord.objects.get(action=ConsentAction.LEFT)
    assert left.ip_address is None
    assert not ConsentRecord.objects.exclude(ip_address=None).exists()
    # The old link is worthless once the subscriber is erased.
    assert mail_client.post(path_of(unsubscribe_url)).status_code == 400


def test_a_link_checker_opening_the_leave_link_unsubscribes_nobody(site, client):
    subscribe(client, "amina@example.ma", ["news"])
    confirm_from_outbox(client, mail.outbox[0])
    subscriber = Subscriber.objects.get()
    from subscriptions.mail import subscriber_links

    links = subscriber_links(subscriber)
    assert client.get(path_of(links["unsubscribe_url"])).status_code == 200
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_changing_choices_from_the_link(site, client):
    subscribe(client, "amina@example.ma", ["news"], language="zgh")
    response = confirm_from_outbox(client, mail.outbox[0])
    manage_path = response["Location"]
    assert manage_path.startswith("/zgh/subscribe/manage/")
    page = client.get(manage_path)
    assert page.status_code == 200
    assert 'lang="zgh"' in page.content.decode()
    response = client.post(
        manage_path,
        {
            "action": "save",
            "kinds": ["news", "bulletin"],
            "news_categories": ["council"],
            "frequency": "weekly",
            "language": "ar",
        },
    )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.frequency == "weekly" and subscriber.language == "ar"
    assert subscriber.subscriptions.get(kind="news").categories == ["council"]
    assert ConsentRecord.objects.filter(action=ConsentAction.CHANGED).count() == 1
    response = client.post(manage_path, {"action": "leave"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    "email",
    ["not-an-address", "a@b.c\r\nBcc: victim@example.org", "a@example.ma, b@example.ma", "<a@example.ma>", ""],
)
def test_bad_addresses_are_refused_in_the_readers_language(site, client, email):
    response = subscribe(client, email, ["news"], language="fr")
    assert response.status_code == 400
    assert "adresse" in response.content.decode()
    assert not mail.outbox


def test_forged_and_expired_links_get_a_clear_answer(site, client, settings):
    assert client.get("/fr/subscribe/confirm/forged-token/").status_code == 400
    assert client.post("/ar/subscribe/leave/1.abc:forged/").status_code == 400
    made_up = signing.TimestampSigner(salt=CONFIRM_SALT).sign_object({"c": site.pk, "e": "x@example.ma"})
    tampered = made_up[:-3] + ("aaa" if not made_up.endswith("aaa") else "bbb")
    assert client.get(f"/ar/subscribe/confirm/{tampered}/").status_code == 400

    subscribe(client, "late@example.ma", ["news"], language="fr")
    (url,) = links_in(mail.outbox[0], "/subscribe/confirm/")
    settings.SUBSCRIPTIONS_CONFIRM_SECONDS = -1
    response = client.post(path_of(url))
    assert response.status_code == 410
    assert "expiré" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_the_form_needs_csrf_and_consent(site):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/ar/subscribe/", {"email": "a@example.ma", "kinds": ["news"], "consent": "on"})
    assert response.status_code == 403
    client = Client()
    response = client.post(
        "/ar/subscribe/", {"email": "a@example.ma", "kinds": ["news"], "frequency": "immediate", "language": "ar"}
    )
    assert response.status_code == 400
    assert not mail.outbox


def test_sign_ups_are_rate_limited_per_client_and_per_address(site, client, settings):
    settings.SUBSCRIPTIONS_RATE_LIMIT = 3
    for _ in range(3):
        assert subscribe(client, "victim@example.ma", ["news"]).status_code == 302
    assert subscribe(client, "victim@example.ma", ["news"]).status_code == 429

    settings.SUBSCRIPTIONS_RATE_LIMIT = 1000
    settings.SUBSCRIPTIONS_ADDRESS_LIMIT = 2
    mail.outbox = []
    for _ in range(5):
        assert subscribe(Client(REMOTE_ADDR="10.0.0.9"), "other@example.ma", ["news"]).status_code == 302
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"email": "ka\x00rim@example.ma"}, "adresse"),
        ({"email": "karim\x07@example.ma"}, "adresse"),
        ({"email": "k" * 250 + "@example.ma"}, "caractères"),
        ({"email": "karim@example.ma\r\nSubject: spam"}, "adresse"),
        ({"frequency": "immediate\x00"}, "choix"),
        ({"language": "fr\r\nBcc: x@example.org"}, "choix"),
        ({"kinds": ["news\x00"]}, "choix"),
        ({"news_categories": ["9" * 400]}, "choix"),
        ({"frequency": "NaN"}, "choix"),
    ],
)
def test_hostile_values_in_the_subscription_form_get_a_400_with_a_clear_message(site, client, fields, message):
    data = {"email": "karim@example.ma", "kinds": ["news"], "frequency": "immediate", "language": "fr"}
    data.update(fields)
    response = client.post("/fr/subscribe/", {**data, "consent": "on"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox and not Subscriber.objects.exists()


@pytest.mark.parametrize("path", ["/fr/subscribe/manage/a%00b/", "/fr/subscribe/confirm/" + "x" * 5000 + "/"])
def test_hostile_links_get_a_clear_answer(site, client, path):
    assert client.get(path).status_code in (400, 404)
    assert client.post(path).status_code in (400, 404)
