"""Signals of the page types that other apps listen to.

``pages_published_in_bulk`` is sent once for a batch of new pages that were written live in bulk
(without Wagtail's per-page ``post_save`` and ``page_published`` signals), so that what those signals
would have done page by page (the change feed, cache invalidation) is done once for the batch.
Arguments: ``sender`` the page model, ``pages`` the new specific pages (saved, live), ``parent``
their common parent page.
"""

from django.dispatch import Signal

pages_published_in_bulk = Signal()
