"""Recording what citizens search for, for the editors' report and the promoted results."""

import logging

from django.db import DatabaseError, transaction
from wagtail.contrib.search_promotions.models import Query

from .models import CommuneQuery, UnansweredQuery
from .normalize import display_query

logger = logging.getLogger(__name__)


def record_search(query, *, locale, found, commune=None):
    """Count a search: in Wagtail's query statistics (for promoted results), in the commune's own
    counts, and among the commune's unanswered queries if nothing was found.

    A failure to record is logged and never stops the search itself.
    """
    text = display_query(query)
    if not text:
        return
    try:
        with transaction.atomic():
            Query.get(text).add_hit()
            CommuneQuery.record(text, locale, commune=commune)
            if not found:
                UnansweredQuery.record(text, locale, commune=commune)
    except DatabaseError:
        logger.exception("Could not record the search %r", text)
