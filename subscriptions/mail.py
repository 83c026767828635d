"""Building the commune's messages: in the reader's language, HTML with a plain-text part, and the
change/leave links every message carries (``List-Unsubscribe`` with one-click, RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.models import CommuneSettings

from .tokens import confirmation_token, manage_token


def site_root(site):
    return (site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def absolute(site, path):
    return f"{site_root(site)}{path}"


def commune_settings(site):
    return CommuneSettings.objects.filter(site=site).first()


def commune_name(site, language):
    """The commune's official name in ``language``; a batch of messages reads the settings once for all
    (``sending.BatchState`` leaves them on the commune's object as ``_commune_settings``)."""
    names = site.__dict__["_commune_settings"] if "_commune_settings" in site.__dict__ else commune_settings(site)
    if names is None:
        return site.site_name
    return getattr(names, f"name_{language}", "") or names.name_ar or site.site_name


def localized_url(site, language, name, *args):
    with translation.override(language):
        return absolute(site, reverse(name, args=args))


def subscriber_links(subscriber):
    token = manage_token(subscriber)
    site, language = subscriber.commune, subscriber.language
    return {
        "manage_url": localized_url(site, language, "subscriptions:manage", token),
        "unsubscribe_url": localized_url(site, language, "subscriptions:unsubscribe", token),
    }


def build_message(*, site, language, to, subject, template, context, links=None, message_id=None):
    """An ``EmailMultiAlternatives`` rendered in ``language`` from ``template``.txt and .html."""
    with translation.override(language):
        context = {**context, "commune_name": commune_name(site, language), "language": language, **(links or {})}
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
        subject = " ".join(str(subject).split())
    headers = {"Message-ID": message_id or make_msgid(domain="bawaba")}
    if links:
        headers["List-Unsubscribe"] = f"<{links['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        headers["List-Id"] = f"<{site.pk}.subscriptions.{site.hostname}>"
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(site, email, language, frequency, choices):
    """The double opt-in message: the signed link that creates the subscription."""
    from django.utils.translation import gettext as _

    token = confirmation_token(site.pk, email, language, frequency, choices)
    url = localized_url(site, language, "subscriptions:confirm", token)
    with translation.override(language):
        subject = _("Confirm your subscription to %(commune)s") % {"commune": commune_name(site, language)}
        hours = settings.SUBSCRIPTIONS_CONFIRM_SECONDS // 3600
    return build_message(
        site=site,
        language=language,
        to=email,
        subject=subject,
        template="subscriptions/email/confirm",
        context={"confirm_url": url, "hours": hours},
    )


def already_subscribed_message(subscriber):
    """What a second sign-up with a confirmed address receives: the link to change the choices."""
    from django.utils.translation import gettext as _

    with translation.override(subscriber.language):
        subject = _("Your subscription to %(commune)s") % {
            "commune": commune_name(subscriber.commune, subscriber.language)
        }
    return build_message(
        site=subscriber.commune,
        language=subscriber.language,
        to=subscriber.email,
        subject=subject,
        template="subscriptions/email/already",
        context={},
        links=subscriber_links(subscriber),
    )
