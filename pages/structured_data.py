"""schema.org descriptions of the portal's pages, for search engines and other machines.

:func:`describe` returns a JSON-LD document for every page type: a graph of the page's own thing (the
commune, a news article, an event, a procedure, a legal text, a project, a call for tenders as a
``Demand``, a report, a partnership, a section's list as a ``CollectionPage``…) and its ``BreadcrumbList``.
Only what the page's frame already loaded is read (``pages.frame``), so describing a page costs no query
beyond the commune's settings and, when the page has one, its image rendition. Every property is one
schema.org allows on its type; ``tests/test_structured_data.py`` checks them against the vocabulary.
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


def _base(page, request, schema_type, with_language=True):
    """The page's name, address and description; its language where the type takes one (``inLanguage``
    belongs to creative works and events, not to services, organizations or projects)."""
    data = {
        "@type": schema_type,
        "name": page.title,
        "url": page.get_full_url(request),
        "description": page.search_description or strip_tags(getattr(page, "intro", "") or "") or None,
    }
    if with_language:
        data["inLanguage"] = page.locale.language_code
    return data


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


def describe(page, request=None, commune=None, home=None, ancestors=()):
    """The JSON-LD document describing ``page``: its thing and its breadcrumb trail, or ``None``."""
    if page is None or not getattr(page, "pk", None):
        return None
    publisher = organization(commune, home, request)
    kind = type(page).__name__
    builder = BUILDERS.get(kind)
    if builder is None:
        builder = _collection if kind.endswith("IndexPage") else _web_page
    thing = _clean(builder(page, request, publisher))
    graph = [thing] if thing else []
    graph.append(breadcrumb_list(page, request, ancestors))
    return {"@context": SCHEMA_CONTEXT, "@graph": graph}


def breadcrumb_list(page, request, ancestors):
    """The trail from the commune's home down to the page, as a ``BreadcrumbList``."""
    trail = [*ancestors, page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            _clean(
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": crumb.title,
                    "item": crumb.get_full_url(request),
                }
            )
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def _home(page, request, publisher):
    if publisher is None:
        return _base(page, request, "GovernmentOrganization", with_language=False)
    return {**publisher, "url": page.get_full_url(request)}


def _web_page(page, request, publisher):
    data = _base(page, request, "WebPage")
    data.update(publisher=publisher, dateModified=page.last_published_at)
    return data


def _collection(page, request, publisher):
    data = _base(page, request, "CollectionPage")
    data.update(publisher=publisher, dateModified=page.last_published_at)
    return data


def _council(page, request, publisher):
    data = _base(page, request, "GovernmentOrganization", with_language=False)
    data.update(parentOrganization=publisher)
    return data


def _money(amount):
    return float(amount) if amount is not None else None


def _tender(page, request, publisher):
    """A call for tenders: the commune's public announcement that it seeks works, supplies or services."""
    data = _base(page, request, "Demand", with_language=False)
    data.update(
        description=page.subject or data.get("description"),
        identifier=page.reference or None,
        validFrom=page.published_on,
        validThrough=page.submission_deadline,
        availabilityEnds=page.submission_deadline,
        priceSpecification=_clean(
            {"@type": "PriceSpecification", "price": _money(page.estimate), "priceCurrency": "MAD"}
        )
        if page.estimate is not None
        else None,
    )
    return data


def _report(page, request, publisher):
    data = _base(page, request, "Report")
    data.update(
        genre=page.get_kind_display(),
        temporalCoverage=str(page.year) if page.year else None,
        datePublished=page.first_published_at,
        dateModified=page.last_published_at,
        publisher=publisher,
        author=publisher,
    )
    return data


def _partnership(page, request, publisher):
    partners = [{"@type": "Organization", "name": partner.name} for partner in page.partners.all()]
    data = _base(page, request, "CreativeWork")
    data.update(
        genre=page.get_scope_display(),
        dateCreated=page.signed_on,
        expires=page.ends_on,
        publisher=publisher,
        contributor=partners,
    )
    return data


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
    """A procedure sheet: the service, where and how it is asked for, what it costs and how long it takes.

    schema.org puts the delay on each channel (``ServiceChannel.processingTime``) and the place of a desk in
    ``serviceLocation``; the fees are an ``Offer`` (price 0 when the act is free).
    """
    data = _base(page, request, "GovernmentService", with_language=False)
    delay = f"P{page.max_delay_days}D" if page.max_delay_days else None
    channels = []
    if page.desk_id:
        desk = page.desk
        channels.append(
            _clean(
                {
                    "@type": "ServiceChannel",
                    "name": desk.name,
                    "serviceLocation": _place(desk.name, desk.latitude, desk.longitude, desk.address),
                    "servicePhone": _clean({"@type": "ContactPoint", "telephone": desk.phone}) if desk.phone else None,
                    "processingTime": delay,
                }
            )
        )
    if page.online_channel_url:
        channels.append(
            _clean({"@type": "ServiceChannel", "serviceUrl": page.online_channel_url, "processingTime": delay})
        )
    data.update(
        serviceType=page.get_theme_display(),
        provider=publisher,
        serviceOperator=publisher,
        availableChannel=channels,
        offers=_fees_offer(page),
    )
    return data


def _fees_offer(page):
    amounts = [child.value.get("amount") for child in page.fees]
    if page.free_of_charge or not amounts:
        total = 0.0
    elif any(amount is None for amount in amounts):
        return None
    else:
        total = float(sum(amounts))
    return {"@type": "Offer", "price": total, "priceCurrency": "MAD"}


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
    data = _base(page, request, "Project", with_language=False)
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
    "CouncilPage": _council,
    "TenderPage": _tender,
    "ReportPage": _report,
    "PartnershipPage": _partnership,
}
