"""Assembles the demo communes' data from the ``content_*`` modules.

Dates are relative to the day the demo is first loaded, so that an open tender is still open, an
upcoming event is still ahead and the news are recent; the council's year is the last one whose
three ordinary sessions (February, May, October) are over.
"""

from . import (
    amazigh,
    content_associations,
    content_commune,
    content_council,
    content_news,
    content_projects,
    content_second,
    content_services,
    content_transparency,
)
from .data import load
from .dates import Calendar


def merge(*parts):
    """Concatenate the partial specs of several content modules into one commune spec."""
    spec = {"images": {}, "documents": {}, "registers": [], "pages": []}
    for part in parts:
        for key, value in part.items():
            if key in ("images", "documents"):
                spec[key].update(value)
            elif key in ("registers", "pages"):
                spec[key].extend(value)
            else:
                spec[key] = value
    return spec


def commune_specs(today):
    """The two demo communes, as data the builder turns into sites, registers and pages."""
    calendar = Calendar(today)
    main = merge(
        content_commune.build(calendar),
        content_associations.build(calendar),
        content_council.build(calendar),
        content_projects.build(calendar),
        content_services.build(calendar),
        content_transparency.build(calendar),
        content_news.build(calendar),
    )
    second = content_second.build(calendar)
    return [amazigh.complete(spec, load(spec["slug"], "amazigh", calendar)) for spec in (main, second)]


def first_load_day():
    """The day the main demo commune was first published, or ``None`` before the first load."""
    from django.utils import timezone
    from wagtail.models import Locale

    from home.models import HomePage

    home = HomePage.objects.filter(slug=content_commune.SLUG, locale__in=Locale.objects.filter(language_code="ar"))
    first_published_at = home.values_list("first_published_at", flat=True).first()
    return timezone.localdate(first_published_at) if first_published_at else None
