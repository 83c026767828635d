"""Citizens' pages: subscribe, confirm, change, leave (also in one click from a mail client)."""

import logging

from django.conf import settings
from django.core.mail import BadHeaderError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from security.proxies import client_address
from security.ratelimit import over_limit

from .forms import PreferencesForm, SubscribeForm, choices_from
from .mail import already_subscribed_message, confirmation_message
from .models import ConsentAction, ConsentRecord, Kind, Subscriber, Subscription, address_digest
from .tokens import BadLink, ExpiredLink, manage_token, read_confirmation, read_manage

logger = logging.getLogger(__name__)


def current_commune(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def current_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def record_consent(request, site, email, action, choices=None):
    ConsentRecord.objects.create(
        commune=site,
        address_digest=address_digest(email),
        action=action,
        choices=choices or {},
        source=request.build_absolute_uri(request.path)[:300] if action != ConsentAction.LEFT else "",
        ip_address=client_address(request) or None,
    )


def link_problem(request, error):
    """The page a damaged, made-up or expired link leads to, in the reader's language."""
    if isinstance(error, ExpiredLink):
        title = _("This link has expired")
        message = _("Confirmation links are valid for a limited time. Subscribe again to receive a new one.")
        status = 410
    else:
        title = _("This link is not valid")
        message = _(
            "The link is incomplete, has been changed, or its subscription no longer exists. "
            "Copy the whole link from the message, or subscribe again."
        )
        status = 400
    return render(
        request, "subscriptions/message.html", {"title": title, "message": message, "again": True}, status=status
    )


def _send(message):
    try:
        message.send()
    except (OSError, BadHeaderError, ValueError):
        logger.exception("Could not send a subscription message")


@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up form. Every valid submission gets the same answer, whoever the address belongs to."""
    site = current_commune(request)
    template = "subscriptions/subscribe.html"
    initial = {"language": current_language()}
    if request.method == "GET":
        kinds = [kind for kind in request.GET.getlist("kind") if kind in Kind.values]
        if kinds:
            initial["kinds"] = kinds
        context = {
            "form": SubscribeForm(initial=initial),
            "sent": request.GET.get("sent"),
            "kinds_for_feeds": Kind.choices,
        }
        return render(request, template, context)
    if over_limit(request, "subscriptions", settings.SUBSCRIPTIONS_RATE_LIMIT, settings.SUBSCRIPTIONS_RATE_WINDOW):
        response = render(
            request, template, {"form": SubscribeForm(initial=initial), "rate_limited": True}, status=429
        )
        response["Retry-After"] = str(settings.SUBSCRIPTIONS_RATE_WINDOW)
        return response
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    data = form.cleaned_data
    email = data["email"].lower()
    choices = choices_from(data)
    record_consent(request, site, email, ConsentAction.REQUESTED, {"kinds": choices, "frequency": data["frequency"]})
    # One address receives a bounded number of messages per window, whoever fills the form in.
    throttle = f"subscriptions-address:{site.pk}:{address_digest(email)}"
    if not over_limit(request_for_key(throttle), "subscriptions-address", settings.SUBSCRIPTIONS_ADDRESS_LIMIT, 3600):
        existing = Subscriber.objects.filter(commune=site, email=email).select_related("commune").first()
        if existing is not None:
            message = already_subscribed_message(existing)
        else:
            message = confirmation_message(site, email, data["language"], data["frequency"], choices)
        _send(message)
    return redirect(reverse("subscriptions:subscribe") + "?sent=1")


class _KeyRequest:
    """A stand-in request whose client address is a key, so the rate limit counts per e-mail address."""

    def __init__(self, key):
        self.META = {"REMOTE_ADDR": key}


def request_for_key(key):
    return _KeyRequest(key)


def _apply_choices(subscriber, choices):
    subscriber.subscriptions.exclude(kind__in=list(choices)).delete()
    for kind, filters in choices.items():
        if kind not in Kind.values:
            continue
        Subscription.objects.update_or_create(
            subscriber=subscriber,
            kind=kind,
            defaults={"procedures": filters.get("procedures", []), "categories": filters.get("categories", [])},
        )


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The double opt-in: the link shows what was asked, the button creates (or updates) the subscription."""
    site = current_commune(request)
    try:
        payload = read_confirmation(token)
    except BadLink as error:
        return link_problem(request, error)
    if payload.get("c") != site.pk or not isinstance(payload.get("k"), dict):
        return link_problem(request, BadLink())
    choices = payload["k"]
    kinds = [Kind(kind).label for kind in choices if kind in Kind.values]
    if request.method == "GET":
        return render(request, "subscriptions/confirm.html", {"email": payload["e"], "kinds": kinds})
    email = payload["e"]
    with transaction.atomic():
        try:
            with transaction.atomic():
                subscriber, _created = Subscriber.objects.get_or_create(
                    commune=site,
                    email=email,
                    defaults={"language": payload["l"], "frequency": payload["f"]},
                )
        except IntegrityError:
            subscriber = Subscriber.objects.get(commune=site, email=email)
        subscriber.language = payload["l"]
        subscriber.frequency = payload["f"]
        subscriber.save()
        _apply_choices(subscriber, choices)
        record_consent(request, site, email, ConsentAction.CONFIRMED, {"kinds": choices, "frequency": payload["f"]})
    return redirect("subscriptions:manage", token=manage_token(subscriber))


def erase(request, subscriber):
    """Leaving: the subscriber and their choices are deleted; the send log keeps no address."""
    with transaction.atomic():
        record_consent(request, subscriber.commune, subscriber.email, ConsentAction.LEFT)
        ConsentRecord.objects.filter(
            commune=subscriber.commune, address_digest=address_digest(subscriber.email)
        ).update(ip_address=None, source="")
        subscriber.delete()


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """Change what to follow, or leave, from the link in every message."""
    site = current_commune(request)
    try:
        subscriber = read_manage(token, Subscriber.objects.filter(commune=site).prefetch_related("subscriptions"))
    except BadLink as error:
        return link_problem(request, error)
    template = "subscriptions/manage.html"
    if request.method == "GET":
        form = PreferencesForm(initial=PreferencesForm.initial_for(subscriber))
        return render(request, template, {"form": form, "subscriber": subscriber, "saved": request.GET.get("saved")})
    if request.POST.get("action") == "leave":
        erase(request, subscriber)
        return render(request, "subscriptions/left.html")
    form = PreferencesForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form, "subscriber": subscriber}, status=400)
    choices = choices_from(form.cleaned_data)
    with transaction.atomic():
        subscriber.language = form.cleaned_data["language"]
        subscriber.frequency = form.cleaned_data["frequency"]
        subscriber.save()
        _apply_choices(subscriber, choices)
        record_consent(
            request,
            site,
            subscriber.email,
            ConsentAction.CHANGED,
            {"kinds": choices, "frequency": subscriber.frequency},
        )
    return redirect(reverse("subscriptions:manage", args=[token]) + "?saved=1")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click leave (RFC 8058): a mail client POSTs ``List-Unsubscribe=One-Click``; a person who
    opens the link sees a button, so that a link checker following it does not unsubscribe anyone."""
    site = current_commune(request)
    try:
        subscriber = read_manage(token, Subscriber.objects.filter(commune=site).select_related("commune"))
    except BadLink as error:
        return link_problem(request, error)
    if request.method == "GET":
        return render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber})
    erase(request, subscriber)
    return render(request, "subscriptions/left.html", {"left_at": timezone.now()})
