"""Hooks into publication: what subscribers follow is queued for sending once the editor's transaction commits.

The editor's request only records the dispatch and queues a task; listing recipients and sending
happen in the worker. Copies read from peer communes are not news to this commune's subscribers.
"""

import logging

from django.db import transaction
from wagtail.signals import page_published

logger = logging.getLogger(__name__)


def _enqueue(dispatch_id, emergency):
    from .tasks import dispatch_emergency_task, dispatch_task

    try:
        (dispatch_emergency_task if emergency else dispatch_task).enqueue(dispatch_id)
    except Exception:
        logger.exception("Could not queue dispatch %s; manage.py send_pending will pick it up", dispatch_id)


def page_was_published(sender, instance, **kwargs):
    from home.models import HomePage

    from .items import dispatch_for_alert, dispatch_for_page

    page = instance
    site = page.get_site()
    if site is None:
        return
    if isinstance(page, HomePage):
        found = dispatch_for_alert(page, site)
    else:
        if _is_copy(page):
            return
        found = dispatch_for_page(page, site)
    if found is None:
        return
    dispatch, created = found
    if created:
        transaction.on_commit(lambda: _enqueue(dispatch.pk, dispatch.emergency))


def _is_copy(page):
    from django.apps import apps

    if not apps.is_installed("network"):
        return False
    return apps.get_model("network", "SyndicatedCopy").objects.filter(page_id=page.pk).exists()


def connect():
    page_published.connect(page_was_published, dispatch_uid="subscriptions.page_was_published")
