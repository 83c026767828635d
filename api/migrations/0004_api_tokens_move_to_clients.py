"""``ApiToken`` moves to the ``clients`` app, below the apps that check tokens; its table and rows stay.

Only the migration state changes here: ``clients`` 0001 takes the model over with the same table.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0003_open311_keys_become_tokens"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiToken")],
            database_operations=[],
        ),
    ]
