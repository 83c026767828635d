"""Background work of the network: pulls (periodic, or prompted by a peer) and outgoing notifications."""

import logging

from django_tasks import task

from .client import PeerError
from .models import Peer

logger = logging.getLogger(__name__)


@task()
def pull_network_task():
    """Pull every enabled peer; meant to run periodically (see ``manage.py enqueue_network_sync``)."""
    from .sync import pull_network

    return [report.summary() for report in pull_network()]


@task()
def pull_peer_task(peer_id):
    """Pull one peer, e.g. because it just notified us of a publication."""
    from .sync import pull_peer

    peer = Peer.objects.filter(pk=peer_id, enabled=True).select_related("commune").first()
    if peer is None:
        return None
    return pull_peer(peer).summary()


@task()
def notify_peer_task(peer_id, payload):
    """Tell one subscribed peer that something was published; a failure is logged, never raised to the editor."""
    from .push import notify

    peer = Peer.objects.filter(pk=peer_id, enabled=True).first()
    if peer is None or not peer.push_url:
        return None
    try:
        return notify(peer, payload)
    except PeerError as error:
        logger.warning("Notification to peer %s failed: %s", peer_id, error)
        return None
