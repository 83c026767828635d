"""Fixtures for the subscription tests: a commune with every section in three languages, mail in memory."""

import re

import pytest
from django.core import mail


@pytest.fixture
def subscription_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SUBSCRIPTIONS_RATE_LIMIT = 1000
    settings.SUBSCRIPTIONS_ADDRESS_LIMIT = 1000
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    mail.outbox = []
    return settings


@pytest.fixture
def site(commune, db, subscription_settings):
    """The shared commune; the publications that built its tree are old news to these tests."""
    from subscriptions.models import Dispatch

    Dispatch.objects.all().delete()
    return commune.site


def links_in(message, pattern):
    """The addresses in a message's plain-text body that match ``pattern``."""
    return re.findall(rf"https?://\S*{pattern}\S*", message.body)


def path_of(url):
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def subscribe(client, email, kinds, language="ar", frequency="immediate", **extra):
    data = {"email": email, "kinds": kinds, "frequency": frequency, "language": language, "consent": "on", **extra}
    return client.post(f"/{language}/subscribe/", data)


def confirm_from_outbox(client, message):
    """Follow the confirmation link of ``message`` and press the button, as the person would."""
    (url,) = links_in(message, "/subscribe/confirm/")
    path = path_of(url)
    assert client.get(path).status_code == 200
    return client.post(path)
