"""Hooks into publication: notify subscribed peers, and take an editor's unpublication of a copy as hiding it."""

import logging

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from .models import KIND_MODELS, SyndicatedCopy

logger = logging.getLogger(__name__)


def _kind_of(page):
    label = type(page)._meta.label
    for kind, (model_label, _index) in KIND_MODELS.items():
        if model_label == label:
            return kind
    return None


def notify_subscribers(sender, instance, event="published", **kwargs):
    """After the transaction commits, queue one signed notification per subscribed peer of the page's commune."""
    from .copies import applying

    kind = _kind_of(instance)
    if kind is None or applying.get() or SyndicatedCopy.objects.filter(page_id=instance.pk).exists():
        return
    site = instance.get_site()
    if site is None:
        return
    from .push import subscribers

    peer_ids = list(subscribers(site.pk).values_list("pk", flat=True))
    if not peer_ids:
        return
    payload = {"event": event, "type": str(kind), "id": instance.pk, "commune": site.pk}

    def enqueue():
        from .tasks import notify_peer_task

        for peer_id in peer_ids:
            try:
                notify_peer_task.enqueue(peer_id, payload)
            except Exception:
                logger.exception("Could not queue the notification to peer %s", peer_id)

    transaction.on_commit(enqueue)


def page_withdrawn(sender, instance, **kwargs):
    """An editor who unpublishes a copy hides it (later pulls will not publish it again); an original's
    unpublication is told to subscribers like a publication."""
    from .copies import applying

    if applying.get() or _kind_of(instance) is None:
        return
    if SyndicatedCopy.objects.filter(page_id=instance.pk, hidden=False).update(hidden=True):
        return
    notify_subscribers(sender, instance, event="unpublished")


def connect():
    page_published.connect(notify_subscribers, dispatch_uid="network.notify_subscribers")
    page_unpublished.connect(page_withdrawn, dispatch_uid="network.page_withdrawn")
