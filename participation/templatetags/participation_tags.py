"""Template helpers for the participation pages and for service pages that invite a rating."""

from django import template
from django.conf import settings
from django.urls import reverse

register = template.Library()


@register.inclusion_tag("participation/includes/privacy_notice.html")
def privacy_notice():
    """The personal-data notice (law 09-08) that every citizen form shows."""
    return {"retention_days": settings.PARTICIPATION_RETENTION_DAYS}


@register.inclusion_tag("participation/includes/information_officer.html", takes_context=True)
def information_officer(context):
    """The commune's information officer, whom law 31-13 requires to be named."""
    from wagtail.models import Site

    from home.models import CommuneSettings

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    commune_settings = CommuneSettings.objects.filter(site=site).first() if site else None
    return {"commune_settings": commune_settings}


@register.inclusion_tag("participation/includes/rate_link.html")
def rate_service_link(page):
    """A link inviting visitors to rate ``page`` (a service page)."""
    return {"url": reverse("participation:rate_service", args=[page.pk])}


@register.simple_tag
def bar_width(value, peak):
    """A bar's length as a percentage of the largest value, for the CSS bar charts."""
    if not peak:
        return "0%"
    return f"{round(100 * (value or 0) / peak, 1)}%"


@register.simple_tag
def percent(share):
    """A share (0.87) as a percentage written the way the active language writes it."""
    from pages.dates import format_percent

    return format_percent(share)


@register.simple_tag
def tracking_form():
    """An empty tracking-code form, for pages (the citizen hub) that offer the look-up."""
    from ..forms import TrackingForm

    return TrackingForm()


#: Where a commune's map opens when it has no located facility: the middle of Morocco.
MOROCCO_CENTRE = {"latitude": 31.8, "longitude": -7.1, "zoom": 6}


@register.simple_tag(takes_context=True)
def commune_map_centre(context):
    """Where the location picker opens: the middle of the commune's located facilities."""
    from django.db.models import Avg
    from wagtail.models import Site

    from directory.models import Facility

    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return MOROCCO_CENTRE
    centre = Facility.objects.filter(commune=site, latitude__isnull=False, longitude__isnull=False).aggregate(
        latitude=Avg("latitude"), longitude=Avg("longitude")
    )
    if centre["latitude"] is None:
        return MOROCCO_CENTRE
    return {"latitude": float(centre["latitude"]), "longitude": float(centre["longitude"]), "zoom": 14}
