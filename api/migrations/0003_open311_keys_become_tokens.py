"""Open311 API keys become API tokens with the ``open311`` scope; the tokens before scopes write and preview.

The keys were stored as the SHA-256 of the key, as the tokens are, so the digest is copied as it is and
every application keeps its key. A deactivated key becomes a revoked token. A writer's token gets the
commune of its user when the user works for exactly one.
"""

from django.db import migrations
from django.utils import timezone

WRITER_SCOPES = ["write", "preview"]
OPEN311_SCOPES = ["open311"]


def move_open311_keys(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    Open311ApiKey = apps.get_model("participation", "Open311ApiKey")
    CommuneGroup = apps.get_model("tenancy", "CommuneGroup")
    now = timezone.now()
    for token in ApiToken.objects.select_related("user").order_by("pk"):
        if token.scopes:
            continue
        token.scopes = WRITER_SCOPES
        if token.commune_id is None and token.user_id and not token.user.is_superuser:
            communes = set(
                CommuneGroup.objects.filter(group__user=token.user_id).values_list("site_id", flat=True)
            )
            if len(communes) == 1:
                token.commune_id = communes.pop()
        token.save(update_fields=["scopes", "commune"])
    for key in Open311ApiKey.objects.order_by("pk"):
        token = ApiToken.objects.create(
            user=None,
            commune_id=key.commune_id,
            name=key.name,
            scopes=OPEN311_SCOPES,
            prefix=key.prefix,
            token_hash=key.key_hash,
            revoked_at=None if key.active else now,
            last_used_at=key.last_used_at,
        )
        # ``created_at`` is set on creation; keep the key's own date.
        ApiToken.objects.filter(pk=token.pk).update(created_at=key.created_at)


def restore_open311_keys(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    Open311ApiKey = apps.get_model("participation", "Open311ApiKey")
    for token in ApiToken.objects.filter(user__isnull=True, commune__isnull=False).order_by("pk"):
        if token.scopes != OPEN311_SCOPES:
            continue
        Open311ApiKey.objects.create(
            commune_id=token.commune_id,
            name=token.name,
            prefix=token.prefix,
            key_hash=token.token_hash,
            active=token.revoked_at is None,
            created_at=token.created_at,
            last_used_at=token.last_used_at,
        )
        token.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0002_token_scopes_and_commune"),
        ("participation", "0005_category_names_in_each_language"),
        ("tenancy", "0002_map_commune_groups"),
    ]

    operations = [migrations.RunPython(move_open311_keys, restore_open311_keys)]
