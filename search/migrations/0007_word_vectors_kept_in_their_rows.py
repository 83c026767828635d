"""On PostgreSQL, each entry's word vectors are kept in its row, compressed, not in the TOAST table beside it.

A search that walks the newest pages checks each one's body vector, and ranking reads which of the
query's forms each found page's title and body hold. Stored apart, each read also went through the
TOAST table's index and two or three of its pages. Kept in the row (``STORAGE MAIN``: compressed, moved
out only when a row would not fit in a page), at 20,000 pages (``bench/search_bench.py``):

- a walk of 826 pages read 2,478 buffers instead of 6,503, in 6.4 ms instead of 10.9;
- reading the forms of 100 pages read 300 buffers instead of 3,595, in 2.7 ms instead of 5.0.

All three vectors are kept in the row: with only the body there, the row was still long enough for
PostgreSQL to move the title's vector out. The raw texts the entry keeps beside them (``title_text``,
``body_text``), which a search does not read, go to the TOAST table first.

The entries stored before are rewritten so that their vectors move into their rows; the space they
leave behind is reclaimed by the next vacuum. Going back stores new vectors apart again.
"""

from django.db import migrations

VECTORS = ("title", "autocomplete", "body")


def _store_vectors(schema_editor, storage):
    if schema_editor.connection.vendor != "postgresql":
        return False
    schema_editor.execute(
        "ALTER TABLE wagtailsearch_indexentry "
        + ", ".join(f"ALTER COLUMN {column} SET STORAGE {storage}" for column in VECTORS)
    )
    return True


def vectors_in_row(apps, schema_editor):
    if _store_vectors(schema_editor, "MAIN"):
        # New values (not the stored pointers) are written, and stored by the columns' new rule.
        schema_editor.execute(
            "UPDATE wagtailsearch_indexentry SET "
            + ", ".join(f"{column} = {column} || ''::tsvector" for column in VECTORS)
        )


def vectors_apart(apps, schema_editor):
    _store_vectors(schema_editor, "EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0006_search_indexes_without_pending_list")]

    operations = [migrations.RunPython(vectors_in_row, vectors_apart)]
