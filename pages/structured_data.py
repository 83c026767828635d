"""schema.org descriptions of the portal's pages, for search engines and other machines.

:func:`describe` returns a JSON-LD object for the page types that have a schema.org equivalent
(the commune's home, news, events, council sessions, procedure sheets, legal texts, projects), or
``None``. Only fields already loaded with the page are read, so describing a page costs no query
beyond the commune's settings and, when the page has one, its image rendition.
"""

import datetime
import json

from django.utils.html import strip_tags

SCHEMA_CONTEXT = "https://schema.org"
COUNTRY = "MA"
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def to_json_ld(data):
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element, safely escaped."""
    return json.dumps(data, ensure_ascii=False, default=_default, separators=(",", ":")).translate(JSON_ESCAPES)


def _default(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return str(value)


def _clean(data):
    """Drop empty values, so that no property is announced without content."""
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def organization(commune, home, request):
    """The commune as a ``GovernmentOrganization``."""
    if commune is None:
        return None
    same_as = [url for url in (commune.facebook_url, commune.x_url, commune.youtube_url, commune.instagram_url) if url]
    address = _clean(
        {
            "@type": "PostalAddress",
            "streetAddress": commune.address,
            "addressRegion": commune.region,
            "addressCountry": COUNTRY,
        }
    )
    return _clean(
        {
            "@type": "GovernmentOrganization",
            "name": commune.name,
            "url": home.get_full_url(request) if home is not None else None,
            "address": address,
            "telephone": commune.phone,
            "faxNumber": commune.fax,
            "email": commune.email,
            "areaServed": {"@type": "AdministrativeArea", "name": commune.province} if commune.province else None,
            "sameAs": same_as,
        }
    )


def _base(page, request, schema_type):
    language = page.locale.language_code
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": schema_type,
        "name": page.title,
        "url": page.get_full_url(request),
        "inLanguage": language,
        "description": page.search_description or getattr(page, "intro", "") or None,
    }


def _image_url(image, request, spec="fill-1200x675"):
    if image is None:
        return None
    url = image.get_rendition(spec).url
    return request.build_absolute_uri(url) if request is not None and url.startswith("/") else url


def _place(name, latitude=None, longitude=None, address=None):
    if not name and latitude is None:
        return None
    place = {"@type": "Place", "name": name, "address": address}
    if latitude is not None and longitude is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}
    return _clean(place)


def describe(page, request=None, commune=None, home=None):
    """The JSON-LD object describing ``page``, or ``None`` when schema.org has nothing that fits."""
    if page is None or not getattr(page, "pk", None):
        return None
    publisher = organization(commune, home, request)
    kind = type(page).__name__
    builder = BUILDERS.get(kind)
    if builder is None:
        return None
    return _clean(builder(page, request, publisher))


def _home(page, request, publisher):
    if publisher is None:
        return {}
    return {"@context": SCHEMA_CONTEXT, **publisher, "url": page.get_full_url(request)}


def _news(page, request, publisher):
    data = _base(page, request, "NewsArticle")
    data.pop("name")
    data.update(
        headline=page.title[:110],
        datePublished=page.date,
        dateModified=page.last_published_at,
        articleSection=page.get_category_display(),
        image=_image_url(page.image, request),
        publisher=publisher,
        isBasedOn=page.source_url or None,
        mainEntityOfPage=data["url"],
    )
    return data


def _event(page, request, publisher):
    data = _base(page, request, "Event")
    facility = page.facility
    data.update(
        startDate=page.start,
        endDate=page.end,
        eventAttendanceMode="https://schema.org/OfflineEventAttendanceMode",
        eventStatus="https://schema.org/EventScheduled",
        location=_place(
            page.place,
            getattr(facility, "latitude", None),
            getattr(facility, "longitude", None),
            getattr(facility, "address", None),
        ),
        organizer=publisher,
        image=_image_url(page.image, request),
    )
    return data


def _session(page, request, publisher):
    data = _base(page, request, "Event")
    data.update(
        startDate=page.start_date,
        endDate=page.end_date or page.start_date,
        eventAttendanceMode="https://schema.org/OfflineEventAttendanceMode",
        location=_place(page.location),
        organizer=publisher,
    )
    return data


def _service(page, request, publisher):
    data = _base(page, request, "GovernmentService")
    channels = []
    if page.desk_id:
        desk = page.desk
        channels.append(
            _clean(
                {
                    "@type": "ServiceChannel",
                    "name": desk.name,
                    "servicePlace": _place(desk.name, desk.latitude, desk.longitude, desk.address),
                    "servicePhone": _clean({"@type": "ContactPoint", "telephone": desk.phone}) if desk.phone else None,
                }
            )
        )
    if page.online_channel_url:
        channels.append({"@type": "ServiceChannel", "serviceUrl": page.online_channel_url})
    data.update(
        serviceType=page.get_theme_display(),
        provider=publisher,
        serviceOperator=publisher,
        availableChannel=channels,
        isAccessibleForFree=bool(page.free_of_charge or not page.fees),
        processingTime=f"P{page.max_delay_days}D" if page.max_delay_days else None,
    )
    return data


def _legal_text(page, request, publisher):
    data = _base(page, request, "Legislation")
    data.update(
        legislationIdentifier=page.number or None,
        legislationDate=page.date,
        legislationType=page.get_kind_display(),
        legislationLegalForce="https://schema.org/InForce" if page.in_force else "https://schema.org/NotInForce",
        legislationPassedBy=publisher,
        legislationJurisdiction=publisher.get("name") if publisher else None,
    )
    return data


def _project(page, request, publisher):
    data = _base(page, request, "Project")
    funders = [
        {"@type": "Organization", "name": strip_tags(str(child.value["name"]))}
        for child in page.funders
        if child.value.get("name")
    ]
    data.update(
        location=_place(page.location_name, page.latitude, page.longitude),
        parentOrganization=publisher,
        funder=funders,
        foundingDate=page.start_date,
        image=_image_url(page.image, request),
    )
    return data


BUILDERS = {
    "HomePage": _home,
    "NewsPage": _news,
    "EventPage": _event,
    "CouncilSessionPage": _session,
    "ServicePage": _service,
    "LegalTextPage": _legal_text,
    "ProjectPage": _project,
}
