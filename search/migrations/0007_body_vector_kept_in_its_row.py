"""On PostgreSQL, each entry's body vector is kept in its row, compressed, not in the TOAST table beside it.

A search that walks the newest pages checks each one's body vector; stored apart, each check read the
TOAST table's index and two or three of its pages as well as the row. Kept in the row (``STORAGE MAIN``:
compressed, moved out only when a row would not fit in a page), a walk of 20,000 pages read 2,478
buffers instead of 6,503 and took 6.4 ms instead of 10.9 (``bench/search_bench.py``). The raw text the
entry keeps beside it (``body_text``), which a search does not read, still goes to the TOAST table first.

The entries stored before are rewritten so that their vectors move into their rows; the space they
leave behind is reclaimed by the next vacuum. Going back stores new vectors apart again.
"""

from django.db import migrations


def body_in_row(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE wagtailsearch_indexentry ALTER COLUMN body SET STORAGE MAIN")
    # A new value (not the stored pointer) is written, and stored by the column's new rule.
    schema_editor.execute("UPDATE wagtailsearch_indexentry SET body = body || ''::tsvector")


def body_apart(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE wagtailsearch_indexentry ALTER COLUMN body SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_indexes_without_pending_list")]

    operations = [migrations.RunPython(body_in_row, body_apart)]
