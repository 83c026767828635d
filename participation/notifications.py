"""E-mails to citizens: the receipt and every change of status, in the language they wrote in."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import BadHeaderError, send_mail
from django.core.validators import validate_email
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def absolute_url(site, path):
    base = site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL
    return f"{base.rstrip('/')}{path}"


def deliverable(recipient):
    """Whether ``recipient`` is one plain address: anything else (a stored ``a@b.c\\r\\nBcc: …`` from
    before the forms refused it) is never put into a message header."""
    try:
        validate_email(recipient)
    except ValidationError:
        return False
    return "\n" not in recipient and "\r" not in recipient


def _send(recipient, language, subject, template, context):
    if not recipient:
        return
    if not deliverable(recipient):
        logger.warning("Participation notice %r not sent: the stored e-mail address is not valid", template)
        return
    with translation.override(language):
        subject = subject()
        body = render_to_string(template, context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
    except (OSError, BadHeaderError, ValueError):
        logger.exception("Could not send the participation notice %r", subject)


def notify_request_received(service_request):
    """Send the receipt with the tracking code."""
    with translation.override(service_request.language):
        url = absolute_url(
            service_request.commune, reverse("participation:request_status", args=[service_request.tracking_code])
        )
    _send(
        service_request.email,
        service_request.language,
        lambda: _("Your request %(code)s has been received") % {"code": service_request.tracking_code},
        "participation/email/request_received.txt",
        {"item": service_request, "url": url},
    )


def notify_request_status(service_request, change):
    """Tell the citizen the new status and the commune's note."""
    if service_request.personal_data_erased_at:
        return
    with translation.override(service_request.language):
        url = absolute_url(
            service_request.commune, reverse("participation:request_status", args=[service_request.tracking_code])
        )
    _send(
        service_request.email,
        service_request.language,
        lambda: (
            _("Your request %(code)s: %(status)s")
            % {"code": service_request.tracking_code, "status": change.get_to_status_display()}
        ),
        "participation/email/request_status.txt",
        {"item": service_request, "change": change, "url": url},
    )


def notify_information_request(information_request, received=False):
    """The receipt of an information request, or the news of its outcome or extension."""
    with translation.override(information_request.language):
        url = absolute_url(
            information_request.commune,
            reverse("participation:information_status", args=[information_request.tracking_code]),
        )
    _send(
        information_request.email,
        information_request.language,
        lambda: (
            _("Your information request %(code)s: %(status)s")
            % {"code": information_request.tracking_code, "status": information_request.get_status_display()}
        ),
        "participation/email/information_status.txt",
        {"item": information_request, "url": url, "received": received},
    )
