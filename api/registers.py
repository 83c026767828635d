"""Endpoints of the registers (people, organizations, memberships, facilities) and of the communes."""

import uuid
from typing import Literal

from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router
from wagtail.models import Locale, Site

from cms.languages import language_codes, language_literal
from directory.models import Facility, FacilityKind, Membership, MembershipRole, Organization, OrganizationKind, Person
from home.models import CommuneSettings

from .http import ApiError, json_response, paginated_data
from .models import ChangeEvent
from .pages import languages_of
from .resolve import Resolver
from .schemas import AlertOut, DocumentOut, Id, ImageOut, IsoDateTime, Problem, Schema, paginated  # noqa: F401

router = Router()

LocaleCode = language_literal()


class RegisterTranslation(Schema):
    """One language version of a register entry."""

    locale: str
    id: int
    api_url: str


KEY_DESCRIPTION = (
    "Stable id of the entry, the same in every language (its translation key): the same councillor has one "
    "key in ar, fr and zgh, while `id` names one language version"
)
ALTERNATES_DESCRIPTION = "Every language version of the entry (this one included): the alternates of `key`"


class PersonOut(Schema):
    """A public person of the commune: an elected member, an association's officer."""

    id: int = Field(description="Id of this language version")
    key: str = Field(description=KEY_DESCRIPTION)
    type: Literal["persons"]
    commune: int
    locale: str
    name: str
    given_name: str
    family_name: str
    party: str
    biography: str = Field(description="HTML")
    email: str = Field(description="Public e-mail address, when the person gives one")
    photo: ImageOut | None
    translations: list[RegisterTranslation] = Field(description="The entry in the other languages")
    alternates: list[RegisterTranslation] = Field(description=ALTERNATES_DESCRIPTION)


class OrganizationOut(Schema):
    """A body: the council, a committee, an association, a partner, a peer commune."""

    id: int = Field(description="Id of this language version")
    key: str = Field(description=KEY_DESCRIPTION)
    type: Literal["organizations"]
    commune: int
    locale: str
    name: str
    kind: Literal[tuple(OrganizationKind.values)]
    parent: int | None
    description: str = Field(description="HTML")
    logo: ImageOut | None
    founded_on: str | None = Field(description="Date, YYYY-MM-DD")
    registration_number: str
    chaired_by_opposition: bool
    website: str
    email: str
    phone: str
    translations: list[RegisterTranslation] = Field(description="The entry in the other languages")
    alternates: list[RegisterTranslation] = Field(description=ALTERNATES_DESCRIPTION)


class MembershipOut(Schema):
    """A person's role in an organization over a period."""

    id: int = Field(description="Id of this language version")
    key: str = Field(description=KEY_DESCRIPTION)
    type: Literal["memberships"]
    locale: str
    person: int
    person_key: str = Field(description="Stable id of the person, the same in every language")
    person_name: str
    organization: int
    organization_key: str = Field(description="Stable id of the organization, the same in every language")
    organization_name: str
    role: Literal[tuple(MembershipRole.values)]
    label: str
    rank: int
    start_date: str | None
    end_date: str | None
    alternates: list[RegisterTranslation] = Field(description=ALTERNATES_DESCRIPTION)


class FacilityOut(Schema):
    """A place where citizens are received."""

    id: int = Field(description="Id of this language version")
    key: str = Field(description=KEY_DESCRIPTION)
    type: Literal["facilities"]
    commune: int
    locale: str
    name: str
    kind: Literal[tuple(FacilityKind.values)]
    address: str
    latitude: float | None
    longitude: float | None
    phone: str
    email: str
    opening_hours: str
    description: str
    translations: list[RegisterTranslation] = Field(description="The entry in the other languages")
    alternates: list[RegisterTranslation] = Field(description=ALTERNATES_DESCRIPTION)


class RegisterFilters(Schema):
    commune: Id | None = Field(None, description="Commune (site id)")
    locale: LocaleCode | None = None
    updated_since: IsoDateTime | None = Field(None, description="Only entries published at or after this time")
    key: uuid.UUID | None = Field(None, description="Only the language versions of the entry with this stable key")
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


class OrganizationFilters(RegisterFilters):
    kind: Literal[tuple(OrganizationKind.values)] | None = None
    parent: Id | None = None


class FacilityFilters(RegisterFilters):
    kind: Literal[tuple(FacilityKind.values)] | None = None


class MembershipFilters(RegisterFilters):
    organization: Id | None = None
    person: Id | None = None
    role: Literal[tuple(MembershipRole.values)] | None = None
    current: bool | None = Field(None, description="true: memberships in force today")


def _locales():
    return dict(Locale.objects.values_list("id", "language_code"))


def _alternates(resolver, model, slug, objects, locales):
    """Every live language version of each entry, by translation key, in the order of the languages."""
    keys = {obj.translation_key for obj in objects}
    found = {}
    order = {code: position for position, code in enumerate(language_codes())}
    for pk, key, locale_id in (
        model.objects.live().filter(translation_key__in=keys).values_list("pk", "translation_key", "locale_id")
    ):
        found.setdefault(key, []).append(
            {"locale": locales.get(locale_id, ""), "id": pk, "api_url": resolver.absolute(f"/api/{slug}/{pk}")}
        )
    for versions in found.values():
        versions.sort(key=lambda version: (order.get(version["locale"], len(order)), version["id"]))
    return found


def _translations(resolver, model, slug, objects, locales):
    """The other language versions of each entry, by id, and every version of each, by translation key."""
    alternates = _alternates(resolver, model, slug, objects, locales)
    others = {obj.pk: [t for t in alternates.get(obj.translation_key, []) if t["id"] != obj.pk] for obj in objects}
    return others, alternates


def _date(value):
    return value.isoformat() if value else None


def _float(value):
    return float(value) if value is not None else None


def serialize_persons(request, persons):
    resolver = Resolver(request)
    locales = _locales()
    translations, alternates = _translations(resolver, Person, "persons", persons, locales)
    items = [
        {
            "id": p.pk,
            "key": str(p.translation_key),
            "type": "persons",
            "commune": p.commune_id,
            "locale": locales.get(p.locale_id, ""),
            "name": p.name,
            "given_name": p.given_name,
            "family_name": p.family_name,
            "party": p.party,
            "biography": resolver.richtext(p.biography),
            "email": p.email,
            "photo": resolver.image(p.photo_id),
            "translations": translations[p.pk],
            "alternates": alternates.get(p.translation_key, []),
        }
        for p in persons
    ]
    resolver.resolve()
    return resolver.finalize(items)


def serialize_organizations(request, organizations):
    resolver = Resolver(request)
    locales = _locales()
    translations, alternates = _translations(resolver, Organization, "organizations", organizations, locales)
    items = [
        {
            "id": o.pk,
            "key": str(o.translation_key),
            "type": "organizations",
            "commune": o.commune_id,
            "locale": locales.get(o.locale_id, ""),
            "name": o.name,
            "kind": o.kind,
            "parent": o.parent_id,
            "description": resolver.richtext(o.description),
            "logo": resolver.image(o.logo_id),
            "founded_on": _date(o.founded_on),
            "registration_number": o.registration_number,
            "chaired_by_opposition": o.chaired_by_opposition,
            "website": o.website,
            "email": o.email,
            "phone": o.phone,
            "translations": translations[o.pk],
            "alternates": alternates.get(o.translation_key, []),
        }
        for o in organizations
    ]
    resolver.resolve()
    return resolver.finalize(items)


def serialize_memberships(request, memberships):
    resolver = Resolver(request)
    locales = _locales()
    alternates = _alternates(resolver, Membership, "memberships", memberships, locales)
    return [
        {
            "id": m.pk,
            "key": str(m.translation_key),
            "type": "memberships",
            "locale": locales.get(m.locale_id, ""),
            "person": m.person_id,
            "person_key": str(m.person.translation_key),
            "person_name": m.person.name,
            "organization": m.organization_id,
            "organization_key": str(m.organization.translation_key),
            "organization_name": m.organization.name,
            "role": m.role,
            "label": m.label,
            "rank": m.rank,
            "start_date": _date(m.start_date),
            "end_date": _date(m.end_date),
            "alternates": alternates.get(m.translation_key, []),
        }
        for m in memberships
    ]


def serialize_facilities(request, facilities):
    resolver = Resolver(request)
    locales = _locales()
    translations, alternates = _translations(resolver, Facility, "facilities", facilities, locales)
    return [
        {
            "id": f.pk,
            "key": str(f.translation_key),
            "type": "facilities",
            "commune": f.commune_id,
            "locale": locales.get(f.locale_id, ""),
            "name": f.name,
            "kind": f.kind,
            "address": f.address,
            "latitude": _float(f.latitude),
            "longitude": _float(f.longitude),
            "phone": f.phone,
            "email": f.email,
            "opening_hours": f.opening_hours,
            "description": f.description,
            "translations": translations[f.pk],
            "alternates": alternates.get(f.translation_key, []),
        }
        for f in facilities
    ]


def _register_last_modified():
    event = ChangeEvent.objects.order_by("-id").only("occurred_at").first()
    return event.occurred_at if event else None


def _filter_common(queryset, filters, commune_field="commune"):
    queryset = queryset.live()
    if filters.commune:
        queryset = queryset.filter(**{commune_field: filters.commune})
    if filters.locale:
        queryset = queryset.filter(locale__language_code=filters.locale)
    if filters.updated_since:
        queryset = queryset.filter(last_published_at__gte=filters.updated_since)
    if filters.key:
        queryset = queryset.filter(translation_key=filters.key)
    return queryset


def _page(request, queryset, filters, serialize):
    count = queryset.count()
    objects = list(queryset[filters.offset : filters.offset + filters.limit])
    results = serialize(request, objects)
    data = paginated_data(request, count, filters.offset, filters.limit, results)
    return json_response(
        request, data, last_modified=_register_last_modified(), language=languages_of(filters, results)
    )


def _one(request, queryset, pk, serialize):
    obj = queryset.live().filter(pk=pk).first()
    if obj is None:
        raise ApiError(404, _("Nothing in this register has this id."), param="id")
    data = serialize(request, [obj])[0]
    return json_response(request, data, last_modified=_register_last_modified(), language=data["locale"])


@router.get("/persons", response={200: paginated(PersonOut, "PersonList"), 304: None, 422: Problem}, tags=["persons"])
def list_persons(request, filters: Query[RegisterFilters]):
    """Public persons, by name."""
    queryset = _filter_common(Person.objects.order_by("name", "id"), filters)
    return _page(request, queryset, filters, serialize_persons)


@router.get("/persons/{id}", response={200: PersonOut, 304: None, 404: Problem, 422: Problem}, tags=["persons"])
def get_person(request, id: Id):
    """A public person of the register by id, in its own language, with its other language versions."""
    return _one(request, Person.objects.all(), id, serialize_persons)


@router.get(
    "/organizations",
    response={200: paginated(OrganizationOut, "OrganizationList"), 304: None, 422: Problem},
    tags=["organizations"],
)
def list_organizations(request, filters: Query[OrganizationFilters]):
    """Organizations, by kind then name."""
    queryset = _filter_common(Organization.objects.order_by("kind", "name", "id"), filters)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.parent:
        queryset = queryset.filter(parent_id=filters.parent)
    return _page(request, queryset, filters, serialize_organizations)


@router.get(
    "/organizations/{id}",
    response={200: OrganizationOut, 304: None, 404: Problem, 422: Problem},
    tags=["organizations"],
)
def get_organization(request, id: Id):
    """An organization of the register by id, in its own language, with its other language versions."""
    return _one(request, Organization.objects.all(), id, serialize_organizations)


@router.get(
    "/memberships",
    response={200: paginated(MembershipOut, "MembershipList"), 304: None, 422: Problem},
    tags=["memberships"],
)
def list_memberships(request, filters: Query[MembershipFilters]):
    """Memberships, by organization, rank and name."""
    from django.db.models import Q
    from django.utils import timezone

    queryset = Membership.objects.select_related("person", "organization").order_by(
        "organization_id", "rank", "person__name", "id"
    )
    queryset = _filter_common(queryset, filters, commune_field="organization__commune")
    if filters.organization:
        queryset = queryset.filter(organization_id=filters.organization)
    if filters.person:
        queryset = queryset.filter(person_id=filters.person)
    if filters.role:
        queryset = queryset.filter(role=filters.role)
    if filters.current is not None:
        today = timezone.localdate()
        current = Q(end_date__isnull=True) | Q(end_date__gte=today)
        queryset = queryset.filter(current if filters.current else ~current)
    return _page(request, queryset, filters, serialize_memberships)


@router.get(
    "/memberships/{id}", response={200: MembershipOut, 304: None, 404: Problem, 422: Problem}, tags=["memberships"]
)
def get_membership(request, id: Id):
    """A membership of the register by id, in its own language, with its other language versions."""
    return _one(request, Membership.objects.select_related("person", "organization"), id, serialize_memberships)


@router.get(
    "/facilities",
    response={200: paginated(FacilityOut, "FacilityList"), 304: None, 422: Problem},
    tags=["facilities"],
)
def list_facilities(request, filters: Query[FacilityFilters]):
    """Facilities, by kind then name."""
    queryset = _filter_common(Facility.objects.order_by("kind", "name", "id"), filters)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return _page(request, queryset, filters, serialize_facilities)


@router.get(
    "/facilities/{id}", response={200: FacilityOut, 304: None, 404: Problem, 422: Problem}, tags=["facilities"]
)
def get_facility(request, id: Id):
    """A facility of the register by id, in its own language, with its other language versions."""
    return _one(request, Facility.objects.all(), id, serialize_facilities)


class LocalizedName(Schema):
    ar: str
    fr: str
    zgh: str


class Contact(Schema):
    name: str
    email: str
    phone: str


class EmergencyNumber(Schema):
    label: str
    number: str


class CommuneHomeLink(Schema):
    locale: str
    id: int
    url: str | None
    api_url: str


class CommuneOut(Schema):
    """A commune's identity: its names, territory, headquarters, responsible persons and numbers."""

    id: int = Field(description="Site id, used as the commune parameter elsewhere")
    hostname: str
    name: LocalizedName
    emblem: ImageOut | None
    region: str
    province: str
    population: int | None
    has_arrondissements: bool
    address: dict[Literal["ar", "fr"], str]
    phone: str
    fax: str
    email: str
    information_officer: Contact = Field(description="In charge of information requests (law 31-13)")
    publication_director: str
    social_links: dict[str, str]
    emergency_numbers: list[EmergencyNumber]
    homes: list[CommuneHomeLink]


def serialize_communes(request, settings_list):
    from .content import PAGE_TYPES

    resolver = Resolver(request)
    home_model = PAGE_TYPES["homes"].model
    roots = {}
    for site in {s.site for s in settings_list}:
        roots[site.pk] = site.root_page_id
    root_keys = dict(home_model.objects.filter(pk__in=roots.values()).values_list("pk", "translation_key"))
    homes = {}
    for home in (
        home_model.objects.live()
        .public()
        .filter(translation_key__in=root_keys.values())
        .select_related("locale")
        .order_by("locale__language_code")
        .only("id", "title", "url_path", "translation_key", "content_type_id", "locale__language_code")
    ):
        link = resolver.page_link(home)
        homes.setdefault(home.translation_key, []).append(
            {"locale": home.locale.language_code, "id": home.pk, "url": link["url"], "api_url": link["api_url"]}
        )
    items = []
    for s in settings_list:
        numbers = [{"label": str(label), "number": number} for label, number in s.emergency_numbers]
        items.append(
            {
                "id": s.site_id,
                "hostname": s.site.hostname,
                "name": {"ar": s.name_ar, "fr": s.name_fr, "zgh": s.name_zgh},
                "emblem": resolver.image(s.emblem_id),
                "region": s.region,
                "province": s.province,
                "population": s.population,
                "has_arrondissements": s.has_arrondissements,
                "address": {"ar": s.address_ar, "fr": s.address_fr},
                "phone": s.phone,
                "fax": s.fax,
                "email": s.email,
                "information_officer": {
                    "name": s.information_officer,
                    "email": s.information_officer_email,
                    "phone": s.information_officer_phone,
                },
                "publication_director": s.publication_director,
                "social_links": {
                    key: value
                    for key, value in (
                        ("facebook", s.facebook_url),
                        ("x", s.x_url),
                        ("youtube", s.youtube_url),
                        ("instagram", s.instagram_url),
                    )
                    if value
                },
                "emergency_numbers": numbers,
                "homes": homes.get(root_keys.get(s.site.root_page_id), []),
            }
        )
    resolver.resolve()
    return resolver.finalize(items)


class CommuneFilters(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=100_000)


@router.get("/communes", response={200: paginated(CommuneOut, "CommuneList"), 304: None}, tags=["communes"])
def list_communes(request, filters: Query[CommuneFilters]):
    """Every commune this deployment serves, by site id."""
    queryset = CommuneSettings.objects.select_related("site").order_by("site_id")
    count = queryset.count()
    settings_list = list(queryset[filters.offset : filters.offset + filters.limit])
    results = serialize_communes(request, settings_list)
    data = paginated_data(request, count, filters.offset, filters.limit, results)
    return json_response(request, data, last_modified=_register_last_modified())


@router.get("/communes/{id}", response={200: CommuneOut, 304: None, 404: Problem, 422: Problem}, tags=["communes"])
def get_commune(request, id: Id):
    """A commune's identity by its site id: names in each language, contacts and home pages."""
    found = list(CommuneSettings.objects.select_related("site").filter(site_id=id))
    if not found or not Site.objects.filter(pk=id).exists():
        raise ApiError(404, _("No commune has this id."), param="id")
    return json_response(request, serialize_communes(request, found)[0], last_modified=_register_last_modified())
