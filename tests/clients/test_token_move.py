"""The tokens issued while the model belonged to ``api`` keep working, and keep their permissions, in ``clients``."""

import hashlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from clients.models import ApiToken, Scope

#: The last state in which ``api`` held the token model.
IN_API = [("api", "0003_open311_keys_become_tokens"), ("clients", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_token_issued_in_api_authenticates_after_the_move_with_its_permissions(django_user_model):
    writer = django_user_model.objects.create_user("peer-writer", "writer@example.ma", "x")
    executor = migrate(IN_API)
    before = executor.loader.project_state(IN_API[:1]).apps
    raw = "issued-before-the-move-" * 2
    before.get_model("api", "ApiToken").objects.create(
        name="Peer portal",
        user_id=writer.pk,
        scopes=[Scope.WRITE.value, Scope.PREVIEW.value],
        prefix=raw[:8],
        token_hash=hashlib.sha256(raw.encode()).hexdigest(),
    )
    office = Group.objects.create(name="token office")
    office.permissions.add(Permission.objects.get(content_type__app_label="api", codename="add_apitoken"))

    migrate(latest())

    token = ApiToken.authenticate(raw)
    assert (token.name, token.user, token.scopes) == ("Peer portal", writer, ["write", "preview"])
    assert token.last_used_at is not None
    granted = Permission.objects.filter(group=office).values_list("content_type__app_label", "codename")
    assert list(granted) == [("clients", "add_apitoken")]
    assert not ContentType.objects.filter(app_label="api", model="apitoken").exists()


@pytest.mark.django_db(transaction=True)
def test_moving_back_gives_api_its_tokens_again(django_user_model):
    writer = django_user_model.objects.create_user("peer-writer", "writer@example.ma", "x")
    _token, raw = ApiToken.issue(writer, "Peer portal")
    executor = migrate(IN_API)
    old_model = executor.loader.project_state(IN_API[:1]).apps.get_model("api", "ApiToken")
    assert old_model.objects.get().token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert ContentType.objects.filter(app_label="api", model="apitoken").exists()
    migrate(latest())
    assert ApiToken.authenticate(raw).name == "Peer portal"
