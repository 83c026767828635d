"""On PostgreSQL, the body vector of each index entry holds its title's words too, compressed with lz4.

The search backend now builds the body vector from all of an object's words (``search.backends.postgres``);
this brings the entries indexed before to the same shape without reindexing. lz4 is used where the server
has it: a walk through the newest pages unpacks one body per page, and lz4 unpacks faster than pglz.
Going back needs nothing: a body that holds the title's words still answers the older queries.
"""

from django.db import migrations

LZ4 = """
DO $$
BEGIN
    ALTER TABLE wagtailsearch_indexentry ALTER COLUMN body SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
    NULL;
END $$;
"""


def body_with_title(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(LZ4)
    schema_editor.execute("UPDATE wagtailsearch_indexentry SET body = title || body")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_commune_query_counts"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(body_with_title, migrations.RunPython.noop, elidable=True)]
