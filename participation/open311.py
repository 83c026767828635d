"""Open311 GeoReport v2: discovery, services, service definitions and service requests, in JSON and XML.

The one implementation of the standard in the project, served under ``/open311/v2/`` with the
specification's file extensions (``.json`` or ``.xml``). The commune is the one whose host the call
addresses; a ``jurisdiction_id`` parameter, when given, must name that host. Reading is open to anyone
and shows no personal data; filing a request needs an API key: a portal API token of the commune
with the ``open311`` scope. Texts follow
``Accept-Language``, or a ``locale`` parameter (ar, fr, zgh) that takes precedence.
"""

import datetime
import hashlib
import json
import re
from xml.etree import ElementTree

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from clients.models import ApiToken, Scope

from .abuse import over_rate_limit
from .categories import canonical_category, categories_for, localised_many
from .enums import CLOSED_REQUEST_STATUSES, SubmissionKind
from .forms import Open311QueryForm, Open311RequestForm
from .models import ServiceRequest, StatusChange
from .views import _create_once, current_language

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-01-01T00:00:00Z"
FORMATS = {"json": "application/json", "xml": "text/xml"}
#: Element names of the XML representation: a list's element, and each of its items'.
XML_ITEMS = {
    "services": "service",
    "service_requests": "request",
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
    "errors": "error",
}
IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DEFAULT_WINDOW_DAYS = 90
MAX_RESULTS = 1000


class Open311Error(Exception):
    def __init__(self, status, description):
        super().__init__(description)
        self.status = status
        self.description = description


def _xml_value(parent, tag, value):
    element = ElementTree.SubElement(parent, tag)
    if isinstance(value, dict):
        for key, item in value.items():
            _xml_value(element, key, item)
    elif isinstance(value, list):
        for item in value:
            _xml_value(element, XML_ITEMS.get(tag, "item"), item)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
    return element


def to_xml(root, data):
    """GeoReport v2 XML: ``root`` holding ``data``, lists as repeated elements named as the specification does."""
    tree = ElementTree.Element(root)
    if isinstance(data, list):
        for item in data:
            _xml_value(tree, XML_ITEMS[root], item)
    else:
        for key, value in data.items():
            _xml_value(tree, key, value)
    return b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(tree, encoding="unicode").encode()


def render(request, data, root, status=200):
    """``data`` in the format the address asks for; a GET that succeeds carries an ETag and answers 304."""
    fmt = getattr(request, "open311_format", "json")
    body = to_xml(root, data) if fmt == "xml" else json.dumps(data, ensure_ascii=False).encode()
    response = HttpResponse(body, status=status, content_type=f"{FORMATS[fmt]}; charset=utf-8")
    response["Content-Language"] = translation.get_language()
    patch_vary_headers(response, ["Accept-Language"])
    if status == 200 and request.method in ("GET", "HEAD"):
        response["Cache-Control"] = "public, max-age=60"
        response["ETag"] = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        return get_conditional_response(request, etag=response["ETag"], response=response) or response
    return response


def error_response(request, status, description):
    """GeoReport v2 errors: a list of ``{code, description}`` (``<errors><error>`` in XML)."""
    return render(request, [{"code": status, "description": str(description)}], "errors", status=status)


def _language(request):
    requested = request.GET.get("locale")
    if requested is None:
        return translation.get_language()
    if requested not in dict(settings.LANGUAGES):
        raise Open311Error(400, _("locale must be one of the portal's languages: ar, fr or zgh."))
    return requested


def open311_view(view):
    """The format from the address, the language from ``locale`` or ``Accept-Language``, errors as lists."""

    def wrapper(request, *args, fmt="json", **kwargs):
        request.open311_format = fmt if fmt in FORMATS else "json"
        if fmt not in FORMATS:
            return error_response(request, 404, _("Open311 answers in json or xml."))
        try:
            with translation.override(_language(request)):
                return view(request, *args, **kwargs)
        except Open311Error as exc:
            return error_response(request, exc.status, exc.description)

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


def request_representation(item, category, notes):
    """A request as GeoReport v2 shows it to anyone: never the citizen's name, e-mail or phone.

    ``category`` is the request's category in the caller's language (``localised_many``), ``notes``
    the latest public note of its history (``public_notes``).
    """
    confidential = category.confidential or item.category.confidential or bool(item.personal_data_erased_at)
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
        "media_url": None if confidential else (item.external_media_url or None),
    }


def base_url(request):
    return request.build_absolute_uri(reverse("open311_discovery", kwargs={"fmt": "json"})).rsplit("/", 1)[0] + "/"


def contact(site):
    """The commune's public address for Open311 questions: its e-mail, else its name."""
    from home.models import CommuneSettings

    email = CommuneSettings.objects.filter(site=site).values_list("email", flat=True).first()
    return email or getattr(site, "site_name", "") or settings.WAGTAIL_SITE_NAME


@csrf_exempt
@require_http_methods(["GET", "HEAD"])
@open311_view
def discovery(request):
    """Where the endpoint is and what it speaks: the one discovery document of the deployment."""
    site = commune_for(request)
    data = {
        "changeset": CHANGESET,
        "contact": contact(site),
        "key_service": _("API keys are issued by the commune's participation office."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url(request),
                "changeset": CHANGESET,
                "type": "production",
                "formats": list(FORMATS.values()),
            }
        ],
    }
    return render(request, data, "discovery")


def service_representation(category):
    """A request category as a GeoReport v2 service, named in the category's language."""
    name = category.name
    return {
        "service_code": category.code,
        "service_name": name,
        "description": category.description or name,
        "metadata": True,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


@csrf_exempt
@require_http_methods(["GET", "HEAD"])
@open311_view
def service_list(request):
    """The commune's request categories, in the language asked for."""
    site = commune_for(request)
    language = current_language()
    services = [service_representation(category) for category in categories_for(site, language)]
    return render(request, services, "services")


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


@csrf_exempt
@require_http_methods(["GET", "HEAD"])
@open311_view
def service_definition(request, service_code):
    """The extra attribute every service accepts: the kind of submission."""
    site = commune_for(request)
    if canonical_category(site, service_code) is None:
        raise Open311Error(404, _("Unknown service code."))
    return render(request, {"service_code": service_code, "attributes": [kind_attribute()]}, "service_definition")


def _form_error(form):
    """The form's first problem as one GeoReport error description, naming the parameter."""
    for name, errors in form.errors.items():
        message = errors[0]
        return message if name == "__all__" else f"{name}: {message}"
    return _("The request is not valid.")


def list_requests(request):
    site = commune_for(request)
    form = Open311QueryForm(request.GET)
    if not form.is_valid():
        raise Open311Error(400, _form_error(form))
    params = form.cleaned_data
    items = ServiceRequest.objects.filter(commune=site).select_related("category", "category__locale", "department")
    if params["service_request_id"]:
        items = items.filter(pk__in=params["service_request_id"])
    else:
        start, end = params["start_date"], params["end_date"]
        if start is None and end is None:
            start = timezone.now() - datetime.timedelta(days=DEFAULT_WINDOW_DAYS)
        if start:
            items = items.filter(received_at__gte=start)
        if end:
            items = items.filter(received_at__lte=end)
        if params["service_code"]:
            items = items.filter(category__code__in=params["service_code"])
        statuses = params["status"]
        if statuses == ["open"]:
            items = items.exclude(status__in=CLOSED_REQUEST_STATUSES)
        elif statuses == ["closed"]:
            items = items.filter(status__in=CLOSED_REQUEST_STATUSES)
    return render(request, _representations(list(items.order_by("-received_at")[:MAX_RESULTS])), "service_requests")


def public_notes(items):
    """``{request id: its latest public status note}`` for many requests, in one query."""
    notes = {}
    for request_id, note in (
        StatusChange.objects.filter(request_id__in=[item.pk for item in items])
        .exclude(public_note="")
        .order_by("request_id", "-changed_at", "-pk")
        .values_list("request_id", "public_note")
    ):
        notes.setdefault(request_id, note)
    return notes


def _representations(items):
    """Requests as GeoReport v2 shows them, categories in the caller's language: three queries, whatever the count."""
    categories = localised_many([item.category for item in items], current_language())
    notes = public_notes(items)
    return [request_representation(item, categories[item.category_id], notes.get(item.pk, "")) for item in items]


def _payload(request):
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, RecursionError) as exc:
            raise Open311Error(400, _("The request body is not valid JSON.")) from exc
        if not isinstance(data, dict):
            raise Open311Error(400, _("The request body is not valid JSON."))
        return {key: "" if value is None else str(value) for key, value in data.items()}
    return request.POST


def authenticate_key(raw_key, site):
    """The API token an application files requests with: usable, of ``site``, with the ``open311`` scope.

    Open311's ``api_key`` is a portal API token (the one token model, ``clients.ApiToken``, which lives
    below both this app and the portal API).
    """
    token = ApiToken.authenticate(raw_key)
    if token is None:
        raise Open311Error(403, _("A valid api_key is required to file a request."))
    if not token.has_scope(Scope.OPEN311):
        raise Open311Error(403, _("This api_key may not file Open311 requests."))
    if token.commune_id != site.pk:
        raise Open311Error(403, _("This api_key belongs to another commune."))
    return token


def create_request(request):
    if over_rate_limit(request, "open311"):
        raise Open311Error(429, _("Too many submissions from your address; try again later."))
    data = _payload(request)
    site = commune_for(request)
    authenticate_key(data.get("api_key") or request.headers.get("X-Api-Key", ""), site)
    form = Open311RequestForm(data)
    if not form.is_valid():
        raise Open311Error(400, _form_error(form))
    fields = form.cleaned_data
    category = canonical_category(site, fields["service_code"])
    if category is None or not category.active:
        raise Open311Error(404, _("Unknown service code."))
    key = (request.headers.get("Idempotency-Key") or "").strip() or None
    if key and not IDEMPOTENCY_KEY.match(key):
        raise Open311Error(400, _("The Idempotency-Key header must be at most 64 letters, digits, - or _."))

    def build():
        return ServiceRequest.objects.create(
            commune=site,
            category=category,
            kind=fields["kind"],
            description=fields["description"],
            address=fields["address_string"],
            latitude=fields["lat"],
            longitude=fields["long"],
            name=fields["name"][:200],
            email=fields["email"],
            phone=fields["phone"],
            external_media_url=fields["media_url"],
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
    return render(request, body, "service_requests", status=201 if created else 200)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@open311_view
def requests_endpoint(request):
    """``GET`` lists requests (no personal data); ``POST`` files one, with an API key."""
    if request.method == "POST":
        return create_request(request)
    return list_requests(request)


@csrf_exempt
@require_http_methods(["GET", "HEAD"])
@open311_view
def request_detail(request, service_request_id):
    """One request, as a list of one (the specification's shape)."""
    site = commune_for(request)
    item = (
        ServiceRequest.objects.filter(commune=site, pk=service_request_id)
        .select_related("category", "category__locale", "department")
        .first()
    )
    if item is None:
        raise Open311Error(404, _("No request has this service_request_id."))
    return render(request, _representations([item]), "service_requests")


@csrf_exempt
def not_found(request):
    """Any other address under /open311/: a GeoReport error list, not an HTML page."""
    request.open311_format = "xml" if request.path.endswith(".xml") else "json"
    return error_response(request, 404, _("There is no Open311 resource at this address."))
