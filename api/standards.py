"""Open standards as alternative representations: Popolo and OCDS 1.1 (Open311 lives in ``participation.open311``)."""

import copy
import datetime
from typing import Literal

from django.conf import settings
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import PageLogEntry, Revision, Site

from cms.languages import language_codes, language_literal
from directory.models import Membership, MembershipRole, Organization, Person
from home.models import CommuneSettings
from pages.enums import (
    TenderCategory,
    TenderDocumentType,
    TenderProcedure,
    TenderStatus,
    guess_tender_document_type,
)
from pages.models import CouncilPage, CouncilSessionPage, TenderPage

from .content import serialize_pages
from .http import ApiError, json_response, page_links
from .pages import commune_filter, last_change
from .schemas import Id, IsoDateTime, Problem, Schema

router = Router()

LocaleCode = language_literal()


# Popolo


class PopoloContactDetail(Schema):
    type: str
    value: str


class PopoloIdentifier(Schema):
    """An issued identifier of the entry (Popolo ``Identifier``)."""

    identifier: str
    scheme: str = Field(
        description="`bawaba:key` (the stable key, the same in every language), `bawaba:id:<locale>` (the "
        "register id of one language version, as `/api/persons/{id}` takes it), `registration_number`"
    )


class PopoloLink(Schema):
    """A source of the entry (Popolo ``Link``)."""

    url: str
    note: str | None = None


POPOLO_ID = "Stable across languages: built on the entry's translation key"


class PopoloPerson(Schema):
    id: str = Field(description=POPOLO_ID)
    name: str
    given_name: str | None = None
    family_name: str | None = None
    image: str | None = None
    email: str | None = None
    biography: str | None = None
    contact_details: list[PopoloContactDetail] = []
    identifiers: list[PopoloIdentifier] = []
    sources: list[PopoloLink] = []


class PopoloOrganization(Schema):
    id: str = Field(description=POPOLO_ID)
    name: str
    classification: str
    parent_id: str | None = None
    founding_date: str | None = None
    identifiers: list[PopoloIdentifier] = []
    sources: list[PopoloLink] = []


class PopoloMembership(Schema):
    id: str = Field(description=POPOLO_ID)
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


def _identifiers(entry, locale, extra=()):
    identifiers = [
        {"identifier": str(entry.translation_key), "scheme": "bawaba:key"},
        {"identifier": str(entry.pk), "scheme": f"bawaba:id:{locale}"},
    ]
    return identifiers + [{"identifier": value, "scheme": scheme} for scheme, value in extra if value]


def _sources(request, slug, entry, locale):
    return [{"url": request.build_absolute_uri(f"/api/{slug}/{entry.pk}"), "note": f"Register entry ({locale})"}]


@router.get("/popolo", response={200: PopoloExport, 304: None, 404: Problem, 422: Problem}, tags=["standards"])
def popolo(request, filters: Query[PopoloFilters]):
    """The commune's council, committees and their members as Popolo JSON.

    Ids are stable across languages (`person/<key>`, `organization/<key>`, built on the translation key), so the
    same councillor has the same id in every `locale`; each person and organization lists its `identifiers`
    (the key and this language's register id) and its `sources`.
    """
    site = _site(request, filters.commune)
    locale = filters.locale
    locale_filter = {"locale__language_code": locale}
    organizations = list(
        Organization.objects.live()
        .filter(commune=site, **locale_filter)
        .select_related("parent")
        .order_by("kind", "name", "id")
    )
    org_ids = {o.pk for o in organizations}
    memberships = list(
        Membership.objects.live()
        .filter(organization_id__in=org_ids)
        .select_related("person", "organization")
        .order_by("organization_id", "rank", "id")
    )
    persons = list(Person.objects.live().filter(commune=site, **locale_filter).order_by("name", "id"))
    photos = serialize_photos(request, persons)
    roles = dict(MembershipRole.choices)
    posts = {}
    for m in memberships:
        key = _post_id(m)
        posts.setdefault(
            key,
            {
                "id": key,
                "label": str(roles.get(m.role, m.role)),
                "role": m.role,
                "organization_id": f"organization/{m.organization.translation_key}",
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
    council_keys = dict(
        Organization.objects.filter(pk__in={pk for pk in councils.values() if pk}).values_list("pk", "translation_key")
    )
    data = {
        "persons": [
            {
                "id": f"person/{p.translation_key}",
                "name": p.name,
                "given_name": p.given_name or None,
                "family_name": p.family_name or None,
                "image": photos.get(p.pk),
                "email": p.email or None,
                "biography": strip_tags(p.biography) or None,
                "contact_details": [{"type": "email", "value": p.email}] if p.email else [],
                "identifiers": _identifiers(p, locale),
                "sources": _sources(request, "persons", p, locale),
            }
            for p in persons
        ],
        "organizations": [
            {
                "id": f"organization/{o.translation_key}",
                "name": o.name,
                "classification": o.kind,
                "parent_id": f"organization/{o.parent.translation_key}" if o.parent_id else None,
                "founding_date": _iso(o.founded_on),
                "identifiers": _identifiers(o, locale, [("registration_number", o.registration_number)]),
                "sources": _sources(request, "organizations", o, locale),
            }
            for o in organizations
        ],
        "memberships": [
            {
                "id": f"membership/{m.translation_key}",
                "person_id": f"person/{m.person.translation_key}",
                "organization_id": f"organization/{m.organization.translation_key}",
                "post_id": _post_id(m),
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
                "id": f"event/{s.translation_key}",
                "name": s.title,
                "classification": f"council-session/{s.kind}",
                "start_date": s.start_date.isoformat(),
                "end_date": _iso(s.end_date),
                "location": s.location or None,
                "organization_id": _council_of(s, councils, council_keys),
                "status": s.status,
            }
            for s in sessions
        ],
    }
    return json_response(request, data, last_modified=last_change(sessions), language=locale)


def _post_id(membership):
    return f"post/{membership.organization.translation_key}/{membership.role}"


def _council_of(session, councils, council_keys):
    council_id = councils.get(session.path[: -session.steplen])
    key = council_keys.get(council_id)
    return f"organization/{key}" if key else None


def serialize_photos(request, persons):
    from .resolve import Resolver

    resolver = Resolver(request)
    refs = {p.pk: resolver.image(p.photo_id) for p in persons}
    resolver.resolve()
    photos = resolver.finalize(refs)
    return {pk: image["renditions"]["medium"]["url"] for pk, image in photos.items() if image}


# OCDS 1.1
#
# One contracting process per tender whatever the language: its ``ocid`` is built on the page's translation
# key. Each publication of a language version of the tender is one release (its id names the language and the
# revision, its date is when it was published); a record holds every release of the process and compiles those
# of one language into ``compiledRelease``.

OCDS_STATUS = {
    TenderStatus.PUBLISHED: "active",
    TenderStatus.MODIFIED: "active",
    TenderStatus.POSTPONED: "active",
    TenderStatus.OPENED: "active",
    TenderStatus.AWARDED: "complete",
    TenderStatus.UNSUCCESSFUL: "unsuccessful",
    TenderStatus.CANCELLED: "cancelled",
}
#: The OCDS method codelist (closed): open = anyone may bid; selective = only pre-selected candidates bid;
#: limited = the buyer asks suppliers of its choice (purchase orders ask at least three for quotes);
#: direct = one supplier without competition.
OCDS_METHOD = {
    TenderProcedure.OPEN: "open",
    TenderProcedure.RESTRICTED: "selective",
    TenderProcedure.NEGOTIATED: "limited",
    TenderProcedure.CONSULTATION: "open",
    TenderProcedure.COMPETITION: "selective",
    TenderProcedure.PURCHASE_ORDER: "limited",
}
#: The OCDS procurementCategory codelist (closed).
OCDS_CATEGORY = {TenderCategory.WORKS: "works", TenderCategory.SUPPLIES: "goods", TenderCategory.SERVICES: "services"}


def ocid_prefix():
    return getattr(settings, "BAWABA_OCDS_PREFIX", "ocds-bawaba")


def ocid_of(tender):
    """The Open Contracting ID of a tender: the same for every language version."""
    return f"{ocid_prefix()}-{tender.translation_key}"


def document_type(value, document):
    """A tender file's OCDS documentType: the type its editor chose, else what its titles tell."""
    chosen = value.get("document_type")
    if chosen in TenderDocumentType.values:
        return chosen
    return guess_tender_document_type(value["title"], document["title"])


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


def _tags(state, previous):
    """The releaseTag codes of a publication, from what changed since the previous one."""
    awarded = state.status == TenderStatus.AWARDED and bool(state.awardee)
    if previous is None:
        tags = ["tender"]
        if awarded:
            tags.append("award")
        elif state.status == TenderStatus.CANCELLED:
            tags.append("tenderCancellation")
        return tags
    was_awarded = previous.status == TenderStatus.AWARDED and bool(previous.awardee)
    if awarded:
        return ["awardUpdate"] if was_awarded else ["award"]
    if state.status == TenderStatus.CANCELLED:
        return ["tenderCancellation"] if previous.status != TenderStatus.CANCELLED else ["tenderUpdate"]
    if state.status in (TenderStatus.MODIFIED, TenderStatus.POSTPONED) and state.status != previous.status:
        return ["tenderAmendment"]
    return ["tenderUpdate"]


def tender_release(state, item, buyer, *, release_id, date, tags, language):
    """One OCDS release: a language version of a tender as it was published at ``date``."""
    ocid = ocid_of(state)
    buyer_party = {"id": buyer["id"], "name": buyer["name"], "roles": ["buyer"]}
    parties = [buyer_party]
    documents = []
    for entry in item["documents"]:
        document = entry["value"]["document"]
        if not document:
            continue
        ids = {existing["id"] for existing in documents}
        document_id = str(document["id"])
        # Unique within the release: the same file listed twice gets a second id.
        document_id = next(
            candidate
            for candidate in (document_id, *(f"{document_id}-{n}" for n in range(2, len(ids) + 3)))
            if candidate not in ids
        )
        documents.append(
            {
                "id": document_id,
                "documentType": document_type(entry["value"], document),
                "title": entry["value"]["title"] or document["title"],
                "url": document["url"],
                "format": document["content_type"],
                "language": entry["value"]["language"] or None,
            }
        )
    with translation.override(language):
        method_details = str(state.get_procedure_display())
    release = {
        "ocid": ocid,
        "id": release_id,
        "date": _release_date(date),
        "tag": tags,
        "initiationType": "tender",
        "language": language,
        "buyer": {"id": buyer["id"], "name": buyer["name"]},
        "tender": {
            "id": state.reference or str(state.translation_key),
            "title": state.title,
            "description": state.subject,
            "status": OCDS_STATUS.get(state.status, "active"),
            "procurementMethod": OCDS_METHOD.get(state.procedure, "open"),
            "procurementMethodDetails": method_details,
            "mainProcurementCategory": OCDS_CATEGORY.get(state.category),
            "value": _value(state.estimate),
            "tenderPeriod": {"startDate": _dt(state.published_on), "endDate": _dt(state.submission_deadline)},
            "enquiryPeriod": {"endDate": _dt(state.questions_deadline)} if state.questions_deadline else None,
            "documents": documents,
        },
    }
    if state.status == TenderStatus.AWARDED and state.awardee:
        supplier = {"id": f"{ocid}-supplier-1", "name": state.awardee}
        parties.append({**supplier, "roles": ["supplier"]})
        release["awards"] = [
            {
                "id": f"{ocid}-award-1",
                "status": "active",
                "date": _dt(state.awarded_on),
                "value": _value(state.award_amount),
                "suppliers": [supplier],
            }
        ]
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


def _publications(tenders):
    """Per tender version, its published states oldest first: ``(state, date, revision id)``.

    Every publication logged by Wagtail gives the revision it published; the live version stands for the
    revision it runs, and for the whole history when nothing was logged (content loaded without the log).
    """
    by_page = {tender.pk: tender for tender in tenders}
    logged = list(
        PageLogEntry.objects.filter(page_id__in=by_page, action="wagtail.publish", revision__isnull=False)
        .order_by("timestamp", "id")
        .values_list("page_id", "revision_id", "timestamp")
    )
    live_ids = {tender.live_revision_id for tender in tenders}
    revisions = {
        revision.pk: revision
        for revision in Revision.objects.filter(pk__in={rid for _p, rid, _t in logged} - live_ids).only(
            "pk", "content", "content_type_id", "base_content_type_id", "object_id"
        )
    }
    history = {pk: [] for pk in by_page}
    seen = set()
    for page_id, revision_id, timestamp in logged:
        if revision_id in seen:
            continue
        seen.add(revision_id)
        tender = by_page[page_id]
        if revision_id == tender.live_revision_id:
            state = tender
        elif revision_id in revisions:
            state = revisions[revision_id].as_object()
            state.locale = tender.locale
            state.translation_key = tender.translation_key
        else:
            continue
        history[page_id].append((state, timestamp, revision_id))
    for tender in tenders:
        states = history[tender.pk]
        if not any(state is tender for state, _date, _rid in states):
            states.append((tender, tender.last_published_at or _dt_of(tender.published_on), tender.live_revision_id))
        states.sort(key=lambda entry: entry[1])
    return history


def _release_date(value):
    """A release's date, to the second, so that dates sort as text too."""
    return _dt(value.replace(microsecond=0))


def _dt_of(day):
    return datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC) if day else timezone.now()


def tender_releases(request, tenders, since=None):
    """Every release of the tender versions, by version id, oldest first."""
    history = _publications(tenders)
    buyers = _buyers(request, tenders)
    states = [state for tender in tenders for state, _date, _rid in history[tender.pk]]
    items = iter(serialize_pages(request, states, with_translations=False))
    releases = {}
    for tender in tenders:
        language = tender.locale.language_code
        previous = None
        found = []
        for state, date, revision_id in history[tender.pk]:
            item = next(items)
            release_id = f"{ocid_of(tender)}-{language}-{revision_id or tender.pk}"
            release = tender_release(
                state,
                item,
                buyers[tender.pk],
                release_id=release_id,
                date=date,
                tags=_tags(state, previous),
                language=language,
            )
            previous = state
            if since is None or date >= since:
                found.append(release)
        releases[tender.pk] = found
    return releases


def compile_releases(releases):
    """The compiled release of a process: its releases merged in date order, by the OCDS merge rules."""
    compiled = {}
    for release in sorted(releases, key=lambda release: release["date"]):
        _merge(compiled, {key: value for key, value in release.items() if key not in ("id", "date", "tag")})
    last = max(releases, key=lambda release: release["date"])
    compiled.update(id=f"{last['ocid']}-compiled-{last.get('language', '')}", date=last["date"], tag=["compiled"])
    return compiled


def _merge(target, source):
    for key, value in source.items():
        current = target.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            _merge(current, value)
        elif _identified(value) and _identified(current):
            by_id = {item["id"]: item for item in current}
            for item in value:
                if item["id"] in by_id:
                    _merge(by_id[item["id"]], item)
                else:
                    current.append(copy.deepcopy(item))
                    by_id[item["id"]] = current[-1]
        else:
            target[key] = copy.deepcopy(value)


def _identified(value):
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) and "id" in item for item in value)


class OcdsFilters(Schema):
    commune: Id | None = None
    locale: LocaleCode | None = Field(None, description="Only releases in this language")
    updated_since: IsoDateTime | None = Field(None, description="Only releases published at or after this time")
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0, le=100_000)


def _tender_queryset(commune=None, locale=None, since=None):
    queryset = TenderPage.objects.live().public().select_related("locale").order_by("-published_on", "-id")
    if commune:
        queryset = queryset.filter(commune_filter(commune))
    if locale:
        queryset = queryset.filter(locale__language_code=locale)
    if since:
        queryset = queryset.filter(last_published_at__gte=since)
    return queryset


def _publisher(request):
    return {"name": getattr(settings, "WAGTAIL_SITE_NAME", "Bawaba"), "uri": request.build_absolute_uri("/")}


def _package(request, count=None, offset=0, limit=None):
    package = {
        "uri": request.build_absolute_uri(),
        "version": "1.1",
        "publisher": _publisher(request),
        "license": getattr(settings, "BAWABA_OPEN_DATA_LICENSE", "https://opendatacommons.org/licenses/odbl/1-0/"),
    }
    if count is not None:
        following, preceding = page_links(request, count, offset, limit)
        links = {key: value for key, value in (("next", following), ("prev", preceding)) if value}
        if links:
            package["links"] = links
    return package


def _published_date(releases):
    return max((release["date"] for release in releases), default=None) or _dt(timezone.now())


def release_package(request, tenders, since=None, count=None, offset=0, limit=None):
    by_version = tender_releases(request, tenders, since)
    releases = [release for tender in tenders for release in by_version[tender.pk]]
    package = _package(request, count, offset, limit)
    package["publishedDate"] = _published_date(releases)
    package["releases"] = releases
    return package


class OcdsValue(Schema):
    amount: float
    currency: Literal["MAD"]


class OcdsOrganizationReference(Schema):
    id: str
    name: str


class OcdsParty(Schema):
    id: str
    name: str
    roles: list[Literal["buyer", "procuringEntity", "supplier"]]


class OcdsPeriod(Schema):
    startDate: str | None = None
    endDate: str | None = None


class OcdsDocument(Schema):
    id: str
    documentType: str = Field(
        description="From the OCDS documentType codelist: the type the editor chose, else told by the title",
        examples=["biddingDocuments"],
    )
    title: str | None = None
    url: str
    format: str | None = Field(None, description="Media type")
    language: str | None = None


class OcdsTender(Schema):
    id: str
    title: str
    description: str | None = None
    status: Literal["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"]
    procurementMethod: Literal["open", "selective", "limited", "direct"]
    procurementMethodDetails: str | None = Field(None, description="The procedure's name in the release's language")
    mainProcurementCategory: Literal["goods", "works", "services"] | None = None
    value: OcdsValue | None = None
    tenderPeriod: OcdsPeriod | None = None
    enquiryPeriod: OcdsPeriod | None = None
    documents: list[OcdsDocument] | None = None


class OcdsAward(Schema):
    id: str
    status: Literal["pending", "active", "cancelled", "unsuccessful"]
    date: str | None = None
    value: OcdsValue | None = None
    suppliers: list[OcdsOrganizationReference]


class OcdsRelease(Schema):
    """An OCDS 1.1 release: what was known of a contracting process at one moment."""

    ocid: str = Field(description="Open Contracting ID: one per tender, whatever the language")
    id: str
    date: str
    tag: list[str] = Field(description="From the OCDS releaseTag codelist")
    initiationType: Literal["tender"]
    language: str | None = Field(None, description="Language of the release's texts: ar, fr or zgh")
    buyer: OcdsOrganizationReference
    tender: OcdsTender
    awards: list[OcdsAward] | None = None
    parties: list[OcdsParty]


class OcdsPublisher(Schema):
    name: str
    uri: str


class OcdsLinks(Schema):
    next: str | None = None
    prev: str | None = None


class OcdsReleasePackage(Schema):
    """An OCDS 1.1 release package."""

    uri: str
    version: Literal["1.1"]
    publishedDate: str
    publisher: OcdsPublisher
    license: str
    releases: list[OcdsRelease]
    links: OcdsLinks | None = None


class OcdsLinkedRelease(Schema):
    url: str = Field(description="Address of the package holding the release, with the release id as fragment")
    date: str
    tag: list[str]


class OcdsRecord(Schema):
    """A contracting process: every release in date order, and the compiled state of the process."""

    ocid: str
    releases: list[OcdsLinkedRelease]
    compiledRelease: OcdsRelease


class OcdsRecordPackage(Schema):
    """An OCDS 1.1 record package."""

    uri: str
    version: Literal["1.1"]
    publishedDate: str
    publisher: OcdsPublisher
    license: str
    records: list[OcdsRecord]
    links: OcdsLinks | None = None


@router.get(
    "/ocds/releases",
    response={200: OcdsReleasePackage, 304: None, 404: Problem, 422: Problem},
    tags=["standards"],
    summary="Tenders as an OCDS 1.1 release package",
)
def ocds_releases(request, filters: Query[OcdsFilters]):
    """An OCDS 1.1 release package (see the OCDS release-package schema): every publication of every language
    version of the tenders is a release, with one `ocid` per tender whatever the language. Paged over tender
    versions by `limit` and `offset`; `links.next` and `links.prev` address the neighbouring pages."""
    queryset = _tender_queryset(filters.commune, filters.locale, filters.updated_since)
    count = queryset.count()
    tenders = list(queryset[filters.offset : filters.offset + filters.limit])
    package = release_package(request, tenders, filters.updated_since, count, filters.offset, filters.limit)
    if not package["releases"]:
        raise ApiError(404, _("No published tender matches; an OCDS package needs at least one release."))
    return json_response(request, package, last_modified=last_change(tenders), language=filters.locale)


@router.get(
    "/ocds/records",
    response={200: OcdsRecordPackage, 304: None, 404: Problem, 422: Problem},
    tags=["standards"],
    summary="Tenders as an OCDS 1.1 record package",
)
def ocds_records(request, filters: Query[OcdsFilters]):
    """An OCDS 1.1 record package: one record per contracting process (per tender, whatever the language),
    linking every release of the process in date order, and the compiled release of the releases in `locale`
    (by default in the first language the tender is published in: ar, fr, zgh). Paged over processes."""
    matching = _tender_queryset(filters.commune, filters.locale, filters.updated_since)
    keys = list(dict.fromkeys(matching.values_list("translation_key", flat=True)))
    page = keys[filters.offset : filters.offset + filters.limit]
    versions = list(_tender_queryset(locale=filters.locale).filter(translation_key__in=page))
    by_version = tender_releases(request, versions)
    order = {code: position for position, code in enumerate(language_codes())}
    records = []
    for key in page:
        group = sorted(
            (v for v in versions if v.translation_key == key),
            key=lambda v: order.get(v.locale.language_code, len(order)),
        )
        if not group:
            continue
        linked = sorted(
            (
                {
                    "url": request.build_absolute_uri(f"/api/ocds/tenders/{version.pk}") + f"#{release['id']}",
                    "date": release["date"],
                    "tag": release["tag"],
                }
                for version in group
                for release in by_version[version.pk]
            ),
            key=lambda linked_release: linked_release["date"],
        )
        compiled_from = next((by_version[v.pk] for v in group if by_version[v.pk]), [])
        if not compiled_from:
            continue
        records.append(
            {"ocid": ocid_of(group[0]), "releases": linked, "compiledRelease": compile_releases(compiled_from)}
        )
    if not records:
        raise ApiError(404, _("No published tender matches; an OCDS package needs at least one record."))
    data = _package(request, len(keys), filters.offset, filters.limit)
    data["publishedDate"] = max(record["releases"][-1]["date"] for record in records)
    data["records"] = records
    return json_response(request, data, last_modified=last_change(versions), language=filters.locale)


@router.get(
    "/ocds/tenders/{id}",
    response={200: OcdsReleasePackage, 304: None, 404: Problem, 422: Problem},
    tags=["standards"],
    summary="One tender as an OCDS 1.1 release package",
)
def ocds_tender(request, id: Id):
    """One language version of a tender (by its page id) as a release package: one release per publication,
    oldest first, with its documents typed by the OCDS documentType codelist."""
    tender = TenderPage.objects.live().public().select_related("locale").filter(pk=id).first()
    if tender is None:
        raise ApiError(404, _("No published tender has this id."), param="id")
    package = release_package(request, [tender])
    return json_response(
        request, package, last_modified=tender.last_published_at, language=tender.locale.language_code
    )
