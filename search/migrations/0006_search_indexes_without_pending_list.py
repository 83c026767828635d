"""On PostgreSQL, the GIN indexes of the search entries take each change at once (``fastupdate = off``).

With the default, a GIN index gathers new entries in a pending list of up to ``gin_pending_list_limit``
(4 MB), and every search reads that whole list before the index itself. A portal is read far more often
than it is written: at 20,000 pages a full pending list made a two-word search read 500 pages of it and
take twice as long (``bench/search_bench.py``). Each page saved now updates the index directly, a few
milliseconds more per save. What the lists hold is moved into the indexes here.

Going back turns the pending list on again.
"""

from django.db import migrations

#: The GIN indexes of the search entries, whatever their generated names.
INDEXES = """
SELECT index_class.relname
  FROM pg_index entry_index
  JOIN pg_class index_class ON index_class.oid = entry_index.indexrelid
  JOIN pg_am method ON method.oid = index_class.relam
 WHERE entry_index.indrelid = 'wagtailsearch_indexentry'::regclass AND method.amname = 'gin'
"""


def _set_fastupdate(schema_editor, value):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(INDEXES)
        names = [name for (name,) in cursor.fetchall()]
    quote = schema_editor.quote_name
    for name in names:
        schema_editor.execute(f"ALTER INDEX {quote(name)} SET (fastupdate = {value})")
        if value == "off":
            schema_editor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])


def without_pending_list(apps, schema_editor):
    _set_fastupdate(schema_editor, "off")


def with_pending_list(apps, schema_editor):
    _set_fastupdate(schema_editor, "on")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_body_vector_holds_title_words"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(without_pending_list, with_pending_list)]
