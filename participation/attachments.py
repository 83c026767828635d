"""Citizens' attachments, downloaded only by staff of the commune the complaint was sent to."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from wagtail.utils.sendfile import sendfile
from wagtail.utils.sendfile_streaming_backend import sendfile as streaming_sendfile

from tenancy.scope import communes_of

from .models import ServiceRequest


def works_for_commune(user, site):
    """Whether ``user`` is on the staff of the commune ``site`` (the commune rule of ``tenancy``)."""
    return communes_of(user).filter(pk=site.pk).exists()


def can_open_attachment(user, item):
    allowed = user.has_perm("participation.view_servicerequest") or user.has_perm(
        "participation.change_servicerequest"
    )
    return allowed and works_for_commune(user, item.commune)


def request_attachment(request, pk):
    """Send a complaint's photo or PDF to a member of its commune's staff; 403 for anyone else."""
    item = get_object_or_404(ServiceRequest.objects.select_related("commune", "commune__root_page"), pk=pk)
    if not can_open_attachment(request.user, item):
        raise PermissionDenied
    if not item.attachment:
        raise Http404
    name = item.attachment.name.rsplit("/", 1)[-1]
    try:
        local_path = item.attachment.path
    except NotImplementedError:
        local_path = None
    if local_path is None:
        return redirect(item.attachment.url)  # a signed URL that expires in minutes
    options = {"attachment": True, "attachment_filename": name, "mimetype": item.attachment_type or None}
    if not hasattr(settings, "SENDFILE_BACKEND"):
        options["backend"] = streaming_sendfile
    response = sendfile(request, local_path, **options)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
