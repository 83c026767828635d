"""The receiving end of peers' notifications: verify, then pull the sender at once."""

import json
import logging

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .models import Peer
from .push import MAX_BODY_BYTES, Refused, verify

logger = logging.getLogger(__name__)

TITLES = {
    401: gettext_lazy("Authentication required"),
    403: gettext_lazy("Not allowed"),
    413: gettext_lazy("Payload too large"),
}


def problem(status, detail):
    """An ``application/problem+json`` answer."""
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, gettext_lazy("Error"))),
        "status": status,
        "detail": str(detail),
    }
    response = HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")
    response["Cache-Control"] = "no-store"
    if status == 401:
        response["WWW-Authenticate"] = 'HMAC realm="bawaba-network"'
    return response


@csrf_exempt
@require_POST
def receive_push(request, key):
    """A peer tells us it published: if the notification is genuine, fresh and new, pull that peer now."""
    length = request.headers.get("Content-Length", "0")
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        return problem(413, _("The notification is too large."))
    peer = Peer.objects.filter(inbound_key=key, enabled=True).first()
    if peer is None:
        return problem(401, _("No peer sends notifications with this key."))
    try:
        verify(peer, request.headers, request.body)
    except Refused as refusal:
        return problem(refusal.status, refusal.detail)
    from .tasks import pull_peer_task

    try:
        pull_peer_task.enqueue(peer.pk)
    except Exception:
        logger.exception("Could not queue the pull of peer %s", peer.pk)
    return HttpResponse(status=202)
