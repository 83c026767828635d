"""The search backend: Wagtail's database backend, fed and queried with normalised text.

Configured as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}``. Like
Wagtail's own ``wagtail.search.backends.database``, it picks the implementation for the database
in use: SQLite full-text search (FTS5) or PostgreSQL full-text search (tsvector, ``simple``
configuration, since the language work is done by ``search.normalize``). Other databases get
Wagtail's plain fallback, which does no normalisation.
"""

from django.db import connection


def SearchBackend(params):
    """Return the normalising backend for the default database."""
    if connection.vendor == "postgresql":
        from .postgres import NormalisingPostgresSearchBackend

        return NormalisingPostgresSearchBackend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends import database

        backend = database.SearchBackend(params)
        if database.USE_SQLITE_FTS:
            from .sqlite import NormalisingSQLiteSearchBackend

            return NormalisingSQLiteSearchBackend(params)
        return backend
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)
