"""Guessing a secret is throttled on the admin login, the page-password form and password reset."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from pages.models import StandardPage

PASSWORD = "correct-horse-battery"
WRONG = "not-the-password"
LIMIT = 5


@pytest.fixture
def staff(db, django_user_model):
    return django_user_model.objects.create_superuser(username="amina", email="amina@example.ma", password=PASSWORD)


def login(client, username="amina", password=WRONG):
    return client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})


def test_admin_login_locks_the_account_after_repeated_failures(staff):
    attacker = Client(REMOTE_ADDR="203.0.113.5", HTTP_ACCEPT_LANGUAGE="fr")
    statuses = [login(attacker).status_code for _ in range(30)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(statuses[LIMIT - 1 :]) == {429}
    response = login(attacker, password=PASSWORD)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert "_auth_user_id" not in attacker.session
    # the account is locked from another address too
    assert login(Client(REMOTE_ADDR="198.51.100.20"), password=PASSWORD).status_code == 429


def test_admin_login_locks_an_address_guessing_many_accounts(staff):
    attacker = Client(REMOTE_ADDR="203.0.113.6")
    for number in range(LIMIT):
        login(attacker, username=f"guess{number}")
    assert login(attacker, password=PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR="198.51.100.21"), password=PASSWORD).status_code == 302


def test_an_administrator_unlocks_an_account_with_a_command(staff):
    for _ in range(LIMIT):
        login(Client(REMOTE_ADDR="203.0.113.7"))
    assert login(Client(REMOTE_ADDR="198.51.100.22"), password=PASSWORD).status_code == 429
    call_command("axes_reset_username", "amina")
    assert login(Client(REMOTE_ADDR="198.51.100.22"), password=PASSWORD).status_code == 302


def test_lockout_page_is_in_arabic_and_right_to_left(staff):
    client = Client(REMOTE_ADDR="203.0.113.8", HTTP_ACCEPT_LANGUAGE="ar")
    for _ in range(LIMIT):
        response = login(client)
    assert response.status_code == 429
    body = response.content.decode()
    assert 'dir="rtl"' in body and "محاولات كثيرة جدًا" in body


@pytest.fixture
def restricted_page(db):
    root = Page.get_first_root_node()
    page = root.add_child(instance=StandardPage(title="Budget interne", slug="budget-interne"))
    Site.objects.update_or_create(hostname="testserver", defaults={"root_page": page, "is_default_site": True})
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    return page, restriction


def page_password(client, restricted_page, password=WRONG):
    page, restriction = restricted_page
    with translation.override("fr"):
        action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    return client.post(action, {"password": password, "return_url": "/"})


def test_page_password_form_locks_after_repeated_failures(restricted_page):
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    statuses = [page_password(attacker, restricted_page).status_code for _ in range(30)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(statuses[LIMIT - 1 :]) == {429}
    assert page_password(attacker, restricted_page, PASSWORD).status_code == 429
    # the page's password is locked for every address, the right one included
    assert page_password(Client(REMOTE_ADDR="198.51.100.23"), restricted_page, PASSWORD).status_code == 429


def test_page_password_form_still_opens_with_the_right_password(restricted_page):
    assert page_password(Client(REMOTE_ADDR="198.51.100.24"), restricted_page, PASSWORD).status_code == 302


def test_password_reset_mails_are_throttled_per_account(staff):
    statuses = [
        Client(REMOTE_ADDR=f"203.0.113.{20 + n}").post(reverse("wagtailadmin_password_reset"), {"email": staff.email})
        for n in range(16)
    ]
    assert len(mail.outbox) == LIMIT
    assert statuses[-1].status_code == 429


def test_page_password_lockout_says_so_in_the_visitors_language(restricted_page):
    attacker = Client(REMOTE_ADDR="203.0.113.10")
    for _ in range(LIMIT):
        response = page_password(attacker, restricted_page)
    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()


def test_password_reset_sends_mails_up_to_the_limit_then_says_so_in_the_callers_language(staff):
    statuses = []
    for number in range(16):
        client = Client(REMOTE_ADDR=f"203.0.113.{40 + number}", HTTP_ACCEPT_LANGUAGE="fr")
        response = client.post(reverse("wagtailadmin_password_reset"), {"email": staff.email})
        statuses.append(response.status_code)
    # the first requests are honoured (a mail each), then the account is refused from every address
    assert len(mail.outbox) == LIMIT
    assert all(message.to == [staff.email] for message in mail.outbox)
    assert statuses == [302] * LIMIT + [429] * (16 - LIMIT)
    assert "Trop de tentatives" in response.content.decode()


def test_password_reset_locks_an_address_asking_for_many_accounts(staff, django_user_model):
    attacker = Client(REMOTE_ADDR="203.0.113.60")
    for number in range(LIMIT):
        attacker.post(reverse("wagtailadmin_password_reset"), {"email": f"guess{number}@example.ma"})
    sent = len(mail.outbox)
    assert attacker.post(reverse("wagtailadmin_password_reset"), {"email": staff.email}).status_code == 429
    assert len(mail.outbox) == sent
    # the account itself is not locked for its owner elsewhere
    owner = Client(REMOTE_ADDR="198.51.100.61")
    assert owner.post(reverse("wagtailadmin_password_reset"), {"email": staff.email}).status_code == 302
    assert len(mail.outbox) == sent + 1


@pytest.fixture
def restricted_collection(db):
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="Procès-verbaux internes")
    return CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.PASSWORD, password=PASSWORD
    )


def test_document_password_form_locks_after_repeated_failures(restricted_collection):
    action = reverse("wagtaildocs_authenticate_with_password", args=[restricted_collection.pk])
    attacker = Client(REMOTE_ADDR="203.0.113.70")
    statuses = [attacker.post(action, {"password": WRONG, "return_url": "/"}).status_code for _ in range(30)]
    assert statuses[: LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(statuses[LIMIT - 1 :]) == {429}
    right = {"password": PASSWORD, "return_url": "/"}
    assert Client(REMOTE_ADDR="198.51.100.71").post(action, right).status_code == 429
    call_command("axes_reset_username", f"document-password:{restricted_collection.pk}")
    assert Client(REMOTE_ADDR="198.51.100.71").post(action, right).status_code == 302
