"""Citizens' pages: the forms, the receipts, the status pages, the ratings and the public figures."""

import hashlib
import hmac
import secrets

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from pages.models import ParticipationPage, ServicePage

from .abuse import over_rate_limit
from .categories import canonical_category, categories_for, localised
from .codes import normalise_tracking_code
from .enums import InformationStatus, PetitionFiler, PetitionStatus
from .forms import InformationRequestForm, PetitionForm, RatingForm, ServiceRequestForm, SignatureForm, TrackingForm
from .models import InformationRequest, Petition, PetitionSignature, ServiceRating, ServiceRequest
from .models.petitions import threshold_for_site
from .notifications import notify_information_request, notify_request_received
from .stats import commune_statistics

RATER_COOKIE = "participation_rater"
RATER_COOKIE_AGE = 365 * 24 * 3600


def current_commune(request):
    """The commune (site) the request is addressed to; 404 when the host serves none."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def current_language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def too_many(request, template, context=None):
    context = {**(context or {}), "rate_limited": True}
    return render(request, template, context, status=429)


def _create_once(model, site, key, build):
    """Create the object ``build()`` returns unless one with the same idempotency key already exists.

    Returns ``(object, created)``. The unique constraint on (commune, idempotency key) settles races
    between two copies of the same submission arriving together.
    """
    if key:
        existing = model.objects.filter(commune=site, idempotency_key=key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            return build(), True
    except IntegrityError:
        if not key:
            raise
        return model.objects.get(commune=site, idempotency_key=key), False


def in_commune(pages, site):
    """``pages`` narrowed to the commune's trees: its home in every language and what is below."""
    within = Q(pk__in=[])
    for home in site.root_page.get_translations(inclusive=True).only("path"):
        within |= Q(path__startswith=home.path)
    return pages.filter(within)


def citizen_hub(site, language):
    """The commune's participation page (the citizen hub) in ``language``, else in any language."""
    hubs = in_commune(ParticipationPage.objects.live().public(), site).order_by("path")
    return hubs.filter(locale__language_code=language).first() or hubs.first()


@require_GET
def index(request):
    """The entry to every channel: the commune's citizen hub page, or a plain list where it has none."""
    site = current_commune(request)
    hub = citizen_hub(site, current_language())
    if hub is not None and hub.locale.language_code == current_language():
        return redirect(hub.get_url(request))
    return render(request, "participation/index.html", {"tracking_form": TrackingForm()})


@require_GET
def rate_choose(request):
    """The commune's services in the visitor's language, each with its rating form."""
    site = current_commune(request)
    language = current_language()
    services = in_commune(ServicePage.objects.live().public(), site).order_by("path")
    if services.filter(locale__language_code=language).exists():
        services = services.filter(locale__language_code=language)
    return render(request, "participation/rate_choose.html", {"services": services})


@require_http_methods(["GET", "POST"])
def request_new(request):
    """The complaint and service-request form; on success, the receipt with the tracking code."""
    site = current_commune(request)
    categories = categories_for(site, current_language())
    template = "participation/request_form.html"
    if request.method == "GET":
        return render(request, template, {"form": ServiceRequestForm(categories=categories)})
    if over_rate_limit(request, "request"):
        return too_many(request, template, {"form": ServiceRequestForm(categories=categories)})
    form = ServiceRequestForm(request.POST, request.FILES, categories=categories)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    key = form.cleaned_data["idempotency_key"]
    attachment = form.cleaned_data.get("attachment")
    item = form.save(commit=False)
    item.commune = site
    item.category = canonical_category(site, form.cleaned_data["category"])
    item.language = current_language()
    item.idempotency_key = key

    def build():
        if attachment:
            content, content_type = attachment
            item.attachment.save(content.name, content, save=False)
            item.attachment_type = content_type
        try:
            item.save()
        except Exception:
            if item.attachment:
                item.attachment.delete(save=False)
            raise
        return item

    item, created = _create_once(ServiceRequest, site, key, build)
    if created:
        transaction.on_commit(lambda: notify_request_received(item))
    return redirect(reverse("participation:request_status", args=[item.tracking_code]) + "?received=1")


@require_GET
def track(request):
    """Look up a complaint, petition or information request by its tracking code."""
    form = TrackingForm(request.GET)
    if not form.is_valid():
        return render(request, "participation/index.html", {"tracking_form": form}, status=400)
    site = current_commune(request)
    code = form.cleaned_data["code"]
    for model, view in (
        (ServiceRequest, "participation:request_status"),
        (InformationRequest, "participation:information_status"),
        (Petition, "participation:petition_status"),
    ):
        if model.objects.filter(commune=site, tracking_code=code).exists():
            return redirect(view, code=code)
    form.add_error("code", _("No request has this tracking code."))
    return render(request, "participation/index.html", {"tracking_form": form}, status=404)


@require_GET
def request_status(request, code):
    """Where a complaint or request stands, without any personal data."""
    site = current_commune(request)
    item = get_object_or_404(
        ServiceRequest.objects.select_related("category", "category__locale"),
        commune=site,
        tracking_code=normalise_tracking_code(code),
    )
    context = {
        "item": item,
        "category": localised(item.category, current_language()),
        "history": item.history.all(),
        "received": request.GET.get("received") == "1",
    }
    return render(request, "participation/request_status.html", context)


@require_GET
def petition_list(request):
    site = current_commune(request)
    petitions = (
        Petition.objects.filter(commune=site)
        .exclude(status=PetitionStatus.PROPOSED)
        .select_related("association")
        .order_by("-created_at")
    )
    return render(
        request,
        "participation/petition_list.html",
        {"petitions": petitions, "threshold": threshold_for_site(site)},
    )


@require_http_methods(["GET", "POST"])
def petition_new(request):
    site = current_commune(request)
    template = "participation/petition_form.html"
    if request.method == "GET":
        return render(request, template, {"form": PetitionForm(commune=site)})
    if over_rate_limit(request, "petition"):
        return too_many(request, template, {"form": PetitionForm(commune=site)})
    form = PetitionForm(request.POST, commune=site)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    key = form.cleaned_data["idempotency_key"]
    petition = form.save(commit=False)
    petition.commune = site
    petition.language = current_language()
    petition.idempotency_key = key
    if petition.filer_kind != PetitionFiler.ASSOCIATION:
        petition.association = None

    def build():
        petition.save()
        return petition

    petition, _created = _create_once(Petition, site, key, build)
    return redirect(reverse("participation:petition_status", args=[petition.tracking_code]) + "?received=1")


@require_GET
def petition_status(request, code):
    """The filer's view of the petition, including while it awaits opening for signatures."""
    site = current_commune(request)
    petition = get_object_or_404(Petition, commune=site, tracking_code=normalise_tracking_code(code))
    return render(
        request,
        "participation/petition_detail.html",
        {"petition": petition, "received": request.GET.get("received") == "1", "sign_form": None},
    )


@require_http_methods(["GET", "POST"])
def petition_detail(request, pk):
    """A public petition: what it asks, how many signed, what the council decided; signing while open."""
    site = current_commune(request)
    petition = get_object_or_404(
        Petition.objects.exclude(status=PetitionStatus.PROPOSED).select_related("association", "agenda_session"),
        commune=site,
        pk=pk,
    )
    collecting = petition.status == PetitionStatus.COLLECTING
    form = SignatureForm() if collecting else None
    status = 200
    if request.method == "POST":
        if not collecting:
            messages.error(request, _("This petition is no longer open for signatures."))
            return redirect("participation:petition_detail", pk=pk)
        if over_rate_limit(request, "signature"):
            return too_many(request, "participation/petition_detail.html", {"petition": petition, "sign_form": form})
        form = SignatureForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    PetitionSignature.objects.create(
                        petition=petition, name=form.cleaned_data["name"], national_id=form.cleaned_data["national_id"]
                    )
                messages.success(request, _("Thank you: your signature has been recorded."))
            except IntegrityError:
                messages.info(request, _("This national ID card number has already signed this petition."))
            return redirect("participation:petition_detail", pk=pk)
        status = 400
    return render(
        request, "participation/petition_detail.html", {"petition": petition, "sign_form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
def information_new(request):
    """The access-to-information request form (law 31-13)."""
    site = current_commune(request)
    template = "participation/information_form.html"
    if request.method == "GET":
        return render(request, template, {"form": InformationRequestForm()})
    if over_rate_limit(request, "information"):
        return too_many(request, template, {"form": InformationRequestForm()})
    form = InformationRequestForm(request.POST)
    if not form.is_valid():
        return render(request, template, {"form": form}, status=400)
    key = form.cleaned_data["idempotency_key"]
    item = form.save(commit=False)
    item.commune = site
    item.language = current_language()
    item.idempotency_key = key

    def build():
        item.save()
        return item

    item, created = _create_once(InformationRequest, site, key, build)
    if created:
        transaction.on_commit(lambda: notify_information_request(item, received=True))
    return redirect(reverse("participation:information_status", args=[item.tracking_code]) + "?received=1")


@require_GET
def information_status(request, code):
    site = current_commune(request)
    item = get_object_or_404(InformationRequest, commune=site, tracking_code=normalise_tracking_code(code))
    show_appeal = item.status == InformationStatus.REFUSED or item.is_late
    return render(
        request,
        "participation/information_status.html",
        {"item": item, "received": request.GET.get("received") == "1", "show_appeal": show_appeal},
    )


def rating_fingerprint(token, service, day):
    """A keyed hash of browser token, service and day: enough to refuse a second rating, useless to identify."""
    key = hashlib.sha256(f"participation-rating:{settings.SECRET_KEY}".encode()).digest()
    message = f"{token}|{service.translation_key}|{day.isoformat()}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@require_http_methods(["GET", "POST"])
def rate_service(request, page_id):
    """Rate a service page from 1 to 5; one rating per browser, service and day."""
    site = current_commune(request)
    service = get_object_or_404(ServicePage.objects.live().public(), pk=page_id)
    if service.get_site() != site:
        raise Http404
    template = "participation/rating_form.html"
    token = request.COOKIES.get(RATER_COOKIE, "")
    if len(token) < 32 or len(token) > 64:
        token = secrets.token_urlsafe(32)
    form = RatingForm()
    status = 200
    if request.method == "POST":
        if over_rate_limit(request, "rating"):
            return too_many(request, template, {"form": form, "service": service})
        form = RatingForm(request.POST)
        if form.is_valid():
            today = timezone.localdate()
            try:
                with transaction.atomic():
                    ServiceRating.objects.create(
                        service=service,
                        score=form.cleaned_data["score"],
                        comment=form.cleaned_data["comment"],
                        rated_on=today,
                        fingerprint=rating_fingerprint(token, service, today),
                    )
                messages.success(request, _("Thank you for rating this service."))
            except IntegrityError:
                messages.info(request, _("You have already rated this service today."))
            response = redirect("participation:rate_service", page_id=page_id)
            response.set_cookie(
                RATER_COOKIE,
                token,
                max_age=RATER_COOKIE_AGE,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
            return response
        status = 400
    return render(request, template, {"form": form, "service": service}, status=status)


@require_GET
def statistics_page(request):
    """The public transparency dashboard, drawn in HTML and CSS."""
    site = current_commune(request)
    data = commune_statistics(site)
    block = data["complaints_and_requests"]
    peak = max([month["received"] for month in block["by_month"]] + [1])
    category_peak = max([category["received"] for category in block["by_category"]] + [1])
    return render(
        request,
        "participation/statistics.html",
        {"stats": data, "peak": peak, "category_peak": category_peak, "json_url": reverse("participation_stats_json")},
    )


@require_GET
def statistics_json(request):
    """The same figures as the dashboard, as JSON."""
    site = current_commune(request)
    response = JsonResponse(commune_statistics(site), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response
