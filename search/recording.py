"""Recording what citizens search for, for the editors' report and the promoted results."""

import logging

from django.db import DatabaseError, transaction
from wagtail.contrib.search_promotions.models import Query

from .models import UnansweredQuery
from .normalize import display_query

logger = logging.getLogger(__name__)


def record_search(query, *, locale, found):
    """Count a search: in Wagtail's query statistics, and among unanswered queries if nothing was found.

    A failure to record is logged and never stops the search itself.
    """
    text = display_query(query)
    if not text:
        return
    try:
        with transaction.atomic():
            Query.get(text).add_hit()
            if not found:
                UnansweredQuery.record(text, locale)
    except DatabaseError:
        logger.exception("Could not record the search %r", text)
