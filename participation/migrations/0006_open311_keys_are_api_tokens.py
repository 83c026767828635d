"""Open311 API keys are API tokens with the ``open311`` scope now (moved by ``api`` 0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0005_category_names_in_each_language"),
        ("api", "0003_open311_keys_become_tokens"),
    ]

    operations = [
        migrations.DeleteModel(
            name="Open311ApiKey",
        ),
    ]
