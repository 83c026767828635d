"""Open standards as alternative representations: Popolo, OCDS 1.1 and Open311 GeoReport v2."""

import datetime
from typing import Any, Literal

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import Site

from directory.models import Membership, MembershipRole, Organization, Person
from home.models import CommuneSettings
from pages.enums import TenderProcedure, TenderStatus
from pages.models import CouncilPage, CouncilSessionPage, TenderPage
from participation.categories import categories_for
from participation.open311 import service_representation
from participation.views import current_language

from .content import serialize_pages
from .http import ApiError, json_response
from .pages import commune_filter, last_change
from .schemas import Id, IsoDateTime, Problem, Schema

router = Router()

LocaleCode = Literal["ar", "fr", "zgh"]


# Popolo


class PopoloContactDetail(Schema):
    type: str
    value: str


class PopoloPerson(Schema):
    id: str
    name: str
    given_name: str | None = None
    family_name: str | None = None
    image: str | None = None
    email: str | None = None
    biography: str | None = None
    contact_details: list[PopoloContactDetail] = []


class PopoloOrganization(Schema):
    id: str
    name: str
    classification: str
    parent_id: str | None = None
    founding_date: str | None = None


class PopoloMembership(Schema):
    id: str
    person_id: str
    organization_id: str
    post_id: str | None = None
    role: str
    label: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class PopoloPost(Schema):
    id: str
    label: str
    role: str
    organization_id: str


class PopoloEvent(Schema):
    id: str
    name: str
    classification: str
    start_date: str
    end_date: str | None = None
    location: str | None = None
    organization_id: str | None = None
    status: str | None = None


class PopoloExport(Schema):
    """The council in Popolo: persons, organizations, memberships, posts, and sessions as events."""

    persons: list[PopoloPerson]
    organizations: list[PopoloOrganization]
    memberships: list[PopoloMembership]
    posts: list[PopoloPost]
    events: list[PopoloEvent]


class PopoloFilters(Schema):
    commune: Id | None = Field(None, description="Commune (site id); by default the one serving this host")
    locale: LocaleCode = "ar"


def _site(request, commune):
    site = Site.objects.filter(pk=commune).first() if commune else Site.find_for_request(request)
    if site is None:
        raise ApiError(404, _("No commune has this id."), param="commune")
    return site


def _iso(value):
    return value.isoformat() if value else None


@router.get("/popolo", response={200: PopoloExport, 304: None, 404: Problem, 422: Problem}, tags=["standards"])
def popolo(request, filters: Query[PopoloFilters]):
    """The commune's council, committees and their members as Popolo JSON."""
    site = _site(request, filters.commune)
    locale_filter = {"locale__language_code": filters.locale}
    organizations = list(Organization.objects.filter(commune=site, **locale_filter).order_by("kind", "name", "id"))
    org_ids = {o.pk for o in organizations}
    memberships = list(
        Membership.objects.filter(organization_id__in=org_ids)
        .select_related("person")
        .order_by("organization_id", "rank", "id")
    )
    persons = list(Person.objects.filter(commune=site, **locale_filter).order_by("name", "id"))
    photos = serialize_photos(request, persons)
    roles = dict(MembershipRole.choices)
    posts = {}
    for m in memberships:
        key = f"post/{m.organization_id}/{m.role}"
        posts.setdefault(
            key,
            {
                "id": key,
                "label": str(roles.get(m.role, m.role)),
                "role": m.role,
                "organization_id": f"organization/{m.organization_id}",
            },
        )
    sessions = list(
        CouncilSessionPage.objects.live()
        .public()
        .filter(commune_filter(site.pk), **locale_filter)
        .order_by("start_date", "id")
    )
    councils = {
        council.path: council.council_id
        for council in CouncilPage.objects.live().public().filter(commune_filter(site.pk)).only("path", "council_id")
    }
    data = {
        "persons": [
            {
                "id": f"person/{p.pk}",
                "name": p.name,
                "given_name": p.given_name or None,
                "family_name": p.family_name or None,
                "image": photos.get(p.pk),
                "email": p.email or None,
                "biography": strip_tags(p.biography) or None,
                "contact_details": [{"type": "email", "value": p.email}] if p.email else [],
            }
            for p in persons
        ],
        "organizations": [
            {
                "id": f"organization/{o.pk}",
                "name": o.name,
                "classification": o.kind,
                "parent_id": f"organization/{o.parent_id}" if o.parent_id else None,
                "founding_date": _iso(o.founded_on),
            }
            for o in organizations
        ],
        "memberships": [
            {
                "id": f"membership/{m.pk}",
                "person_id": f"person/{m.person_id}",
                "organization_id": f"organization/{m.organization_id}",
                "post_id": f"post/{m.organization_id}/{m.role}",
                "role": m.role,
                "label": m.label or None,
                "start_date": _iso(m.start_date),
                "end_date": _iso(m.end_date),
            }
            for m in memberships
        ],
        "posts": list(posts.values()),
        "events": [
            {
                "id": f"event/{s.pk}",
                "name": s.title,
                "classification": f"council-session/{s.kind}",
                "start_date": s.start_date.isoformat(),
                "end_date": _iso(s.end_date),
                "location": s.location or None,
                "organization_id": _council_of(s, councils),
                "status": s.status,
            }
            for s in sessions
        ],
    }
    return json_response(request, data, last_modified=last_change(sessions))


def _council_of(session, councils):
    council_id = councils.get(session.path[: -session.steplen])
    return f"organization/{council_id}" if council_id else None


def serialize_photos(request, persons):
    from .resolve import Resolver

    resolver = Resolver(request)
    refs = {p.pk: resolver.image(p.photo_id) for p in persons}
    resolver.resolve()
    photos = resolver.finalize(refs)
    return {pk: image["renditions"]["medium"]["url"] for pk, image in photos.items() if image}


# OCDS 1.1

OCDS_STATUS = {
    TenderStatus.PUBLISHED: "active",
    TenderStatus.MODIFIED: "active",
    TenderStatus.POSTPONED: "active",
    TenderStatus.OPENED: "active",
    TenderStatus.AWARDED: "complete",
    TenderStatus.UNSUCCESSFUL: "unsuccessful",
    TenderStatus.CANCELLED: "cancelled",
}
OCDS_METHOD = {
    TenderProcedure.OPEN: "open",
    TenderProcedure.RESTRICTED: "selective",
    TenderProcedure.NEGOTIATED: "limited",
    TenderProcedure.CONSULTATION: "selective",
    TenderProcedure.COMPETITION: "selective",
    TenderProcedure.PURCHASE_ORDER: "direct",
}


def ocid_prefix():
    return getattr(settings, "BAWABA_OCDS_PREFIX", "ocds-bawaba")


def _dt(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC).isoformat().replace("+00:00", "Z")


def _value(amount):
    return {"amount": float(amount), "currency": "MAD"} if amount is not None else None


def _clean(data):
    """Drop empty members: OCDS forbids nulls in most places and prefers absent fields."""
    if isinstance(data, dict):
        return {k: _clean(v) for k, v in data.items() if v not in (None, "", [], {})}
    if isinstance(data, list):
        return [_clean(v) for v in data]
    return data


def tender_release(request, tender, item, buyer):
    """One OCDS release for a tender page, from its API representation ``item``."""
    ocid = f"{ocid_prefix()}-{tender.pk}"
    buyer_party = {"id": buyer["id"], "name": buyer["name"], "roles": ["buyer", "procuringEntity"]}
    parties = [buyer_party]
    documents = [
        {
            "id": str(entry["value"]["document"]["id"]),
            "documentType": "tenderNotice",
            "title": entry["value"]["title"] or entry["value"]["document"]["title"],
            "url": entry["value"]["document"]["url"],
            "format": entry["value"]["document"]["content_type"],
            "language": entry["value"]["language"] or None,
        }
        for entry in item["documents"]
        if entry["value"]["document"]
    ]
    release = {
        "ocid": ocid,
        "id": f"{ocid}-{int(tender.last_published_at.timestamp()) if tender.last_published_at else 0}",
        "date": _dt(tender.last_published_at or tender.published_on),
        "tag": ["tender"],
        "initiationType": "tender",
        "language": item["locale"],
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "tender": {
            "id": tender.reference or str(tender.pk),
            "title": tender.title,
            "description": tender.subject,
            "status": OCDS_STATUS.get(tender.status, "active"),
            "procurementMethod": OCDS_METHOD.get(tender.procedure, "open"),
            "procurementMethodDetails": tender.get_procedure_display(),
            "value": _value(tender.estimate),
            "tenderPeriod": {"startDate": _dt(tender.published_on), "endDate": _dt(tender.submission_deadline)},
            "enquiryPeriod": {"endDate": _dt(tender.questions_deadline)} if tender.questions_deadline else None,
            "documents": documents,
        },
    }
    if tender.status == TenderStatus.AWARDED and tender.awardee:
        supplier = {"id": f"{ocid}-supplier-1", "name": tender.awardee}
        parties.append({**supplier, "roles": ["supplier"]})
        release["tag"] = ["award"]
        release["awards"] = [
            {
                "id": f"{ocid}-award-1",
                "status": "active",
                "date": _dt(tender.awarded_on),
                "value": _value(tender.award_amount),
                "suppliers": [supplier],
            }
        ]
    elif tender.status in (TenderStatus.CANCELLED, TenderStatus.UNSUCCESSFUL):
        release["tag"] = ["tenderCancellation"] if tender.status == TenderStatus.CANCELLED else ["tenderUpdate"]
    elif tender.status in (TenderStatus.MODIFIED, TenderStatus.POSTPONED):
        release["tag"] = ["tenderAmendment"]
    release["parties"] = parties
    return _clean(release)


def _buyers(request, tenders):
    communes = {}
    for root in Site.get_site_root_paths():
        communes.setdefault(root.site_id, []).append(root.root_path)
    names = {s.site_id: s.name_fr or s.name_ar for s in CommuneSettings.objects.filter(site_id__in=communes)}
    buyers = {}
    for tender in tenders:
        site_id = next(
            (sid for sid, paths in communes.items() if any(tender.url_path.startswith(p) for p in paths)), None
        )
        buyers[tender.pk] = {"id": f"commune-{site_id}", "name": names.get(site_id, "")}
    return buyers


class OcdsFilters(Schema):
    commune: Id | None = None
    locale: LocaleCode | None = None
    updated_since: IsoDateTime | None = None
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


def _tenders(filters):
    queryset = TenderPage.objects.live().public().select_related("locale").order_by("-published_on", "-id")
    if filters.commune:
        queryset = queryset.filter(commune_filter(filters.commune))
    if filters.locale:
        queryset = queryset.filter(locale__language_code=filters.locale)
    if filters.updated_since:
        queryset = queryset.filter(last_published_at__gte=filters.updated_since)
    return list(queryset[filters.offset : filters.offset + filters.limit])


def _publisher(request):
    return {"name": getattr(settings, "WAGTAIL_SITE_NAME", "Bawaba"), "uri": request.build_absolute_uri("/")}


def release_package(request, tenders):
    items = serialize_pages(request, tenders, with_translations=False)
    buyers = _buyers(request, tenders)
    releases = [tender_release(request, t, item, buyers[t.pk]) for t, item in zip(tenders, items, strict=True)]
    return {
        "uri": request.build_absolute_uri(),
        "version": "1.1",
        "publishedDate": _dt(max((t.last_published_at for t in tenders if t.last_published_at), default=None))
        or _dt(timezone.now()),
        "publisher": _publisher(request),
        "license": getattr(settings, "BAWABA_OPEN_DATA_LICENSE", "https://opendatacommons.org/licenses/odbl/1-0/"),
        "releases": releases,
    }


OcdsDocument = dict[str, Any]


@router.get(
    "/ocds/releases",
    response={200: OcdsDocument, 304: None, 404: Problem, 422: Problem},
    tags=["standards"],
    summary="Tenders as an OCDS 1.1 release package",
)
def ocds_releases(request, filters: Query[OcdsFilters]):
    """An OCDS 1.1 release package (see the OCDS release-package schema), one release per tender."""
    tenders = _tenders(filters)
    if not tenders:
        raise ApiError(404, _("No published tender matches; an OCDS package needs at least one release."))
    return json_response(request, release_package(request, tenders), last_modified=last_change(tenders))


@router.get(
    "/ocds/records",
    response={200: OcdsDocument, 304: None, 404: Problem, 422: Problem},
    tags=["standards"],
    summary="Tenders as an OCDS 1.1 record package",
)
def ocds_records(request, filters: Query[OcdsFilters]):
    """An OCDS 1.1 record package: per tender, its release (linked) and the compiled release."""
    tenders = _tenders(filters)
    if not tenders:
        raise ApiError(404, _("No published tender matches; an OCDS package needs at least one record."))
    package = release_package(request, tenders)
    records = [
        {
            "ocid": release["ocid"],
            "releases": [
                {
                    "url": request.build_absolute_uri(f"/api/ocds/tenders/{tender.pk}") + f"#{release['id']}",
                    "date": release["date"],
                    "tag": release["tag"],
                }
            ],
            "compiledRelease": {**release, "tag": ["compiled"]},
        }
        for tender, release in zip(tenders, package["releases"], strict=True)
    ]
    data = {key: value for key, value in package.items() if key != "releases"}
    data["records"] = records
    return json_response(request, data, last_modified=last_change(tenders))


@router.get(
    "/ocds/tenders/{id}",
    response={200: OcdsDocument, 304: None, 404: Problem, 422: Problem},
    tags=["standards"],
    summary="One tender as an OCDS 1.1 release package",
)
def ocds_tender(request, id: Id):
    tender = TenderPage.objects.live().public().select_related("locale").filter(pk=id).first()
    if tender is None:
        raise ApiError(404, _("No published tender has this id."), param="id")
    return json_response(request, release_package(request, [tender]), last_modified=tender.last_published_at)


# Open311 GeoReport v2


class Open311Service(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str
    group: str


class Open311Endpoint(Schema):
    specification: str
    url: str
    changeset: str
    type: Literal["production", "test"]
    formats: list[str]


class Open311Discovery(Schema):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[Open311Endpoint]


CATEGORIES_CHANGESET = "2026-01-01T00:00:00Z"


def _open311_services(site):
    """The commune's request categories (participation's register) in the active language."""
    if site is None:
        return []
    return [service_representation(category) for category in categories_for(site, current_language())]


@router.get("/open311/discovery.json", response={200: Open311Discovery, 304: None}, tags=["standards"])
def open311_discovery(request):
    """GeoReport v2 service discovery."""
    contact = (
        CommuneSettings.objects.filter(site=Site.find_for_request(request)).values_list("email", flat=True).first()
    )
    data = {
        "changeset": CATEGORIES_CHANGESET,
        "contact": contact or "",
        "key_service": str(_("Ask the commune for an API key to file requests.")),
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": request.build_absolute_uri("/open311/v2"),
                "changeset": CATEGORIES_CHANGESET,
                "type": "production",
                "formats": ["application/json"],
            }
        ],
    }
    return json_response(request, data)


@router.get("/open311/v2/services.json", response={200: list[Open311Service], 304: None}, tags=["standards"])
def open311_services(request):
    """GeoReport v2 service list: the kinds of request the commune takes, in the caller's language."""
    response = json_response(request, _open311_services(Site.find_for_request(request)))
    response["Vary"] = "Accept-Language"
    return response
