"""Open311 GeoReport v2: discovery, services, service definitions and service requests, in JSON.

Served under ``/open311/v2/``. The commune is the one whose host the call addresses; a
``jurisdiction_id`` parameter, when given, must name that host. Reading is open to anyone and shows
no personal data; filing a request needs an API key issued in the admin.
"""

import datetime
import json
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from .abuse import over_rate_limit, serialised_on_sqlite
from .categories import canonical_category, categories_for, localised
from .enums import CLOSED_REQUEST_STATUSES, SubmissionKind
from .models import Open311ApiKey, ServiceRequest
from .views import _create_once, current_language

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2025-01-01T00:00:00Z"
DEFAULT_WINDOW_DAYS = 90
MAX_RESULTS = 1000
MAX_DESCRIPTION = 5000


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status = status
        self.description = description


def error_response(status, description):
    """GeoReport v2 errors: a list of ``{code, description}``."""
    return JsonResponse([{"code": status, "description": str(description)}], status=status, safe=False)


def respond(data, status=200):
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})
    if status == 200:
        response["Cache-Control"] = "public, max-age=60"
    return response


def open311_view(view):
    """Turn ``Open311Error`` into a GeoReport error list."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Open311Error as exc:
            return error_response(exc.status, exc.description)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def commune_for(request):
    site = Site.find_for_request(request)
    jurisdiction = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    if site is None or (jurisdiction and jurisdiction != site.hostname):
        raise Open311Error(404, _("Unknown jurisdiction."))
    return site


def w3c(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def request_representation(item, language):
    """A request as GeoReport v2 shows it to anyone: never the citizen's name, e-mail or phone."""
    category = localised(item.category, language)
    confidential = category.confidential or item.category.confidential or bool(item.personal_data_erased_at)
    notes = item.public_status_note
    return {
        "service_request_id": str(item.pk),
        "status": "closed" if item.status in CLOSED_REQUEST_STATUSES else "open",
        "status_notes": notes or None,
        "service_name": category.name,
        "service_code": category.code,
        "description": item.public_description or None,
        "agency_responsible": item.department.name if item.department_id else None,
        "service_notice": None,
        "requested_datetime": w3c(item.received_at),
        "updated_datetime": w3c(item.updated_at),
        "expected_datetime": w3c(
            timezone.make_aware(datetime.datetime.combine(item.answer_due_on, datetime.time(23, 59, 59)))
        ),
        "address": None if confidential else (item.address or None),
        "address_id": None,
        "zipcode": None,
        "lat": None if confidential or item.latitude is None else float(item.latitude),
        "long": None if confidential or item.longitude is None else float(item.longitude),
        "media_url": None,
    }


def base_url(request):
    return request.build_absolute_uri(reverse("open311_discovery")).rsplit("/", 1)[0] + "/"


@require_GET
@open311_view
@serialised_on_sqlite
def discovery(request):
    """Where the endpoint is and what it speaks."""
    site = commune_for(request)
    return respond(
        {
            "changeset": CHANGESET,
            "contact": getattr(site, "site_name", "") or settings.WAGTAIL_SITE_NAME,
            "key_service": _("API keys are issued by the commune's participation office."),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base_url(request),
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["application/json"],
                }
            ],
        }
    )


def service_representation(category):
    """A request category as a GeoReport v2 service."""
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or category.name,
        "metadata": True,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


@require_GET
@open311_view
@serialised_on_sqlite
def service_list(request):
    """The commune's request categories, in the language asked for."""
    site = commune_for(request)
    language = current_language()
    return respond([service_representation(category) for category in categories_for(site, language)])


def kind_attribute():
    return {
        "variable": True,
        "code": "kind",
        "datatype": "singlevaluelist",
        "required": False,
        "datatype_description": _("What the citizen is sending."),
        "order": 1,
        "description": _("Kind of submission"),
        "values": [{"key": value, "name": str(label)} for value, label in SubmissionKind.choices],
    }


@require_GET
@open311_view
@serialised_on_sqlite
def service_definition(request, service_code):
    """The extra attribute every service accepts: the kind of submission."""
    site = commune_for(request)
    if canonical_category(site, service_code) is None:
        raise Open311Error(404, _("Unknown service code."))
    return respond({"service_code": service_code, "attributes": [kind_attribute()]})


def _parse_date(value, name):
    if not value:
        return None
    parsed = parse_datetime(value)
    if parsed is None:
        try:
            parsed = datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time())
        except ValueError:
            parsed = None
    if parsed is None:
        raise Open311Error(400, _("The parameter %(name)s is not a valid date.") % {"name": name})
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def list_requests(request):
    site = commune_for(request)
    params = request.GET
    items = ServiceRequest.objects.filter(commune=site).select_related("category", "category__locale", "department")
    ids = params.get("service_request_id")
    if ids:
        wanted = [part.strip() for part in ids.split(",") if part.strip()]
        if not all(part.isdigit() for part in wanted):
            raise Open311Error(400, _("service_request_id must be a list of numbers."))
        items = items.filter(pk__in=wanted)
    else:
        end = _parse_date(params.get("end_date"), "end_date")
        start = _parse_date(params.get("start_date"), "start_date")
        if start and end and start > end:
            raise Open311Error(400, _("start_date comes after end_date."))
        if start is None and end is None:
            start = timezone.now() - datetime.timedelta(days=DEFAULT_WINDOW_DAYS)
        if start:
            items = items.filter(received_at__gte=start)
        if end:
            items = items.filter(received_at__lte=end)
        codes = [code.strip() for code in params.get("service_code", "").split(",") if code.strip()]
        if codes:
            items = items.filter(category__code__in=codes)
        statuses = [status.strip() for status in params.get("status", "").split(",") if status.strip()]
        if any(status not in ("open", "closed") for status in statuses):
            raise Open311Error(400, _("status must be open, closed, or both separated by a comma."))
        if statuses == ["open"]:
            items = items.exclude(status__in=CLOSED_REQUEST_STATUSES)
        elif statuses == ["closed"]:
            items = items.filter(status__in=CLOSED_REQUEST_STATUSES)
    language = current_language()
    items = items.prefetch_related("history").order_by("-received_at")[:MAX_RESULTS]
    return respond([request_representation(item, language) for item in items])


def _payload(request):
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError as exc:
            raise Open311Error(400, _("The request body is not valid JSON.")) from exc
        if not isinstance(data, dict):
            raise Open311Error(400, _("The request body is not valid JSON."))
        return {key: "" if value is None else str(value) for key, value in data.items()}
    return request.POST


def _decimal(value, name, low, high):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError) as exc:
        raise Open311Error(400, _("The parameter %(name)s is not a number.") % {"name": name}) from exc
    if not low <= number <= high:
        raise Open311Error(400, _("The parameter %(name)s is out of range.") % {"name": name})
    return number


def create_request(request):
    data = _payload(request)
    api_key = Open311ApiKey.authenticate(data.get("api_key") or request.headers.get("X-Api-Key", ""))
    if api_key is None:
        raise Open311Error(403, _("A valid api_key is required to file a request."))
    site = commune_for(request)
    if api_key.commune_id != site.pk:
        raise Open311Error(403, _("This api_key belongs to another commune."))
    if over_rate_limit(request, "open311"):
        raise Open311Error(429, _("Too many submissions from your address; try again later."))
    category = canonical_category(site, data.get("service_code", ""))
    if category is None or not category.active:
        raise Open311Error(404, _("Unknown service code."))
    latitude = _decimal(data.get("lat"), "lat", -90, 90)
    longitude = _decimal(data.get("long"), "long", -180, 180)
    if (latitude is None) != (longitude is None):
        raise Open311Error(400, _("Give both lat and long, or neither."))
    address = (data.get("address_string") or "").strip()[:255]
    if latitude is None and not address and not data.get("address_id"):
        raise Open311Error(400, _("A location is required: lat and long, address_string or address_id."))
    description = (data.get("description") or "").strip()
    if not description:
        raise Open311Error(400, _("A description is required."))
    if len(description) > MAX_DESCRIPTION:
        raise Open311Error(400, _("The description is too long."))
    kind = data.get("attribute[kind]") or SubmissionKind.SERVICE_REQUEST
    if kind not in SubmissionKind.values:
        raise Open311Error(400, _("attribute[kind] has an unknown value."))
    key = (request.headers.get("Idempotency-Key") or "").strip() or None
    if key and (len(key) > 64 or not key.replace("-", "").replace("_", "").isalnum()):
        raise Open311Error(400, _("The Idempotency-Key header must be at most 64 letters, digits, - or _."))
    email = (data.get("email") or "").strip()
    if email and ("@" not in email or len(email) > 254):
        raise Open311Error(400, _("The e-mail address is not valid."))
    name = " ".join(part for part in (data.get("first_name", ""), data.get("last_name", "")) if part).strip()
    media_url = (data.get("media_url") or "").strip()
    if media_url and not media_url.startswith(("http://", "https://")):
        raise Open311Error(400, _("media_url must be an http or https address."))

    def build():
        return ServiceRequest.objects.create(
            commune=site,
            category=category,
            kind=kind,
            description=description,
            address=address,
            latitude=latitude,
            longitude=longitude,
            name=name[:200],
            email=email,
            phone=(data.get("phone") or "").strip()[:32],
            external_media_url=media_url[:200],
            language=current_language(),
            source="open311",
            idempotency_key=key,
        )

    item, created = _create_once(ServiceRequest, site, key, build)
    if created:
        from .notifications import notify_request_received

        transaction.on_commit(lambda: notify_request_received(item))
    body = [
        {
            "service_request_id": str(item.pk),
            "service_notice": _("Answer due by %(date)s.") % {"date": item.answer_due_on.isoformat()},
            "account_id": None,
        }
    ]
    return respond(body, status=201 if created else 200)


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311_view
@serialised_on_sqlite
def requests_endpoint(request):
    """``GET`` lists requests (no personal data); ``POST`` files one, with an API key."""
    if request.method == "POST":
        return create_request(request)
    return list_requests(request)


@require_GET
@open311_view
@serialised_on_sqlite
def request_detail(request, service_request_id):
    site = commune_for(request)
    item = (
        ServiceRequest.objects.filter(commune=site, pk=service_request_id)
        .select_related("category", "category__locale", "department")
        .first()
    )
    if item is None:
        raise Open311Error(404, _("No request has this service_request_id."))
    return respond([request_representation(item, current_language())])
