"""Open311 keys are portal API tokens with the ``open311`` scope: the keys issued before keep working."""

import hashlib
import importlib
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from wagtail.models import Site

from clients.models import ApiToken, Scope
from home.communes import create_commune
from participation.models import ServiceRequest
from tenancy.models import CommuneGroup

from .test_open311 import post_request

MIGRATION = importlib.import_module("api.migrations.0003_open311_keys_become_tokens")
#: The state the migration runs in: that of its dependencies.
BEFORE = MIGRATION.Migration.dependencies


def test_a_token_without_the_open311_scope_is_refused(town, client, django_user_model):
    user = django_user_model.objects.create_user("writer", "writer@example.ma", "x")
    _token, raw = ApiToken.issue(user, "writer", commune=town, scopes=[Scope.WRITE, Scope.PREVIEW])
    response = post_request(client, raw)
    assert response.status_code == 403
    assert "Open311" in response.json()[0]["description"]
    assert not ServiceRequest.objects.exists()


def test_an_open311_token_of_another_commune_is_refused(town, client):
    home = create_commune(slug="autre", hostname="autre.example.ma", name_ar="جماعة أخرى", name_fr="Autre commune")
    _token, raw = ApiToken.issue(None, "app", commune=Site.objects.get(root_page=home), scopes=[Scope.OPEN311])
    assert post_request(client, raw).status_code == 403
    assert not ServiceRequest.objects.exists()


def test_an_expired_open311_token_is_refused(town, client, api_key):
    ApiToken.objects.update(expires_at="2020-01-01T00:00:00Z")
    assert post_request(client, api_key).status_code == 403


class OldKeys:
    """The keys of ``participation.Open311ApiKey`` as the migration reads them (the table is gone since)."""

    def __init__(self, keys):
        self.objects = self
        self.keys = keys

    def order_by(self, *fields):
        return list(self.keys)


def old_key(raw, **fields):
    values = {"prefix": raw[:8], "key_hash": hashlib.sha256(raw.encode()).hexdigest(), "last_used_at": None}
    return SimpleNamespace(created_at=timezone.now(), **values, **fields)


class MigrationApps:
    """The models as they were before the migration; the keys from :class:`OldKeys`."""

    def __init__(self, keys):
        state = MigrationLoader(connection).project_state(BEFORE)
        self.apps = state.apps
        self.keys = OldKeys(keys)

    def get_model(self, app_label, name):
        if (app_label, name) == ("participation", "Open311ApiKey"):
            return self.keys
        return self.apps.get_model(app_label, name)


def test_migration_turns_keys_into_tokens_that_keep_filing_requests(town, client, django_user_model):
    writer = django_user_model.objects.create_user("writer", "writer@example.ma", "x")
    office = Group.objects.create(name="office")
    CommuneGroup.objects.create(group=office, site=town)
    writer.groups.add(office)
    before = MigrationApps([])
    before.apps.get_model("api", "ApiToken").objects.create(
        user_id=writer.pk, name="peer", prefix="peer-tok", token_hash=hashlib.sha256(b"peer-token").hexdigest()
    )
    keys = [
        old_key("live-key-" * 5, commune_id=town.pk, name="Allo citizen app", active=True),
        old_key("dead-key-" * 5, commune_id=town.pk, name="Old app", active=False),
    ]
    MIGRATION.move_open311_keys(MigrationApps(keys), None)

    live = ApiToken.objects.get(name="Allo citizen app")
    assert (live.user, live.commune_id, live.scopes, live.revoked_at) == (None, town.pk, ["open311"], None)
    assert live.created_at == keys[0].created_at and live.prefix == "live-key"
    assert ApiToken.objects.get(name="Old app").revoked_at is not None
    peer = ApiToken.objects.get(name="peer")
    assert (peer.scopes, peer.commune_id, peer.user_id) == (["write", "preview"], town.pk, writer.pk)

    response = post_request(client, "live-key-" * 5)
    assert response.status_code == 201, response.content
    assert ServiceRequest.objects.get().source == "open311"
    assert post_request(client, "dead-key-" * 5).status_code == 403
    assert post_request(client, "peer-token").status_code == 403
