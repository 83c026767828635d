"""The portal's API tokens, taken over from the ``api`` app (its 0004) with their table and rows.

The table keeps its name, so nothing moves in the database: the tokens issued before keep working. The
token's content type moves with it, so the permissions groups hold on tokens stay theirs.
"""

import clients.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _relabel(apps, schema_editor, old_label, new_label):
    """Give the token's content type, and so its permissions, to ``new_label`` (unless it has one already)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_types = ContentType.objects.using(schema_editor.connection.alias)
    if not content_types.filter(app_label=new_label, model="apitoken").exists():
        content_types.filter(app_label=old_label, model="apitoken").update(app_label=new_label)


def move_content_type(apps, schema_editor):
    _relabel(apps, schema_editor, "api", "clients")


def move_content_type_back(apps, schema_editor):
    _relabel(apps, schema_editor, "clients", "api")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("api", "0004_api_tokens_move_to_clients"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="ApiToken",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                help_text="Who or what uses this token.", max_length=200, verbose_name="name"
                            ),
                        ),
                        (
                            "scopes",
                            clients.models.ScopesField(
                                default=list, help_text="What the token may be used for.", verbose_name="scopes"
                            ),
                        ),
                        ("prefix", models.CharField(editable=False, max_length=8, verbose_name="prefix")),
                        (
                            "token_hash",
                            models.CharField(editable=False, max_length=64, unique=True, verbose_name="token hash"),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                        ("expires_at", models.DateTimeField(blank=True, null=True, verbose_name="expires at")),
                        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked at")),
                        (
                            "last_used_at",
                            models.DateTimeField(blank=True, editable=False, null=True, verbose_name="last used at"),
                        ),
                        (
                            "commune",
                            models.ForeignKey(
                                blank=True,
                                help_text="The commune the token works for; required for Open311.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="wagtailcore.site",
                                verbose_name="commune",
                            ),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                blank=True,
                                help_text="Whom the token writes and previews as; not needed for Open311 only.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="portal_api_tokens",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "API token",
                        "verbose_name_plural": "API tokens",
                        "db_table": "api_apitoken",
                        "ordering": ["-created_at"],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
