"""Builders for participation records, filed the way the public channels file them."""

import datetime

from django.utils import timezone

from participation.categories import canonical_category
from participation.models import InformationRequest, Petition, ServiceRequest

PERSONAL = {"name": "Fatima Zahra Amrani", "email": "fatima.amrani@example.ma", "phone": "0612345678"}


def service_request(site, code="public-lighting", received_at=None, **fields):
    values = {
        "commune": site,
        "category": canonical_category(site, code),
        "description": "Le lampadaire devant l'école est éteint depuis une semaine.",
        "address": "Avenue Hassan II",
        **PERSONAL,
        **fields,
    }
    if received_at is not None:
        values["received_at"] = received_at
    return ServiceRequest.objects.create(**values)


def information_request(site, urgent=False, received_at=None, **fields):
    values = {
        "commune": site,
        "applicant_name": "Youssef Benali",
        "national_id": "AB123456",
        "email": "youssef.benali@example.ma",
        "information_sought": "Le budget 2025 de la commune.",
        "urgent": urgent,
        "urgency_reason": "Sécurité d'un bâtiment" if urgent else "",
        **fields,
    }
    if received_at is not None:
        values["received_at"] = received_at
    return InformationRequest.objects.create(**values)


def petition(site, **fields):
    values = {
        "commune": site,
        "title": "Un terrain de sport au quartier Al Amal",
        "request_text": "Aménager le terrain vague en terrain de proximité.",
        "filer_name": "Karim Idrissi",
        "filer_national_id": "JK998877",
        "filer_email": "karim.idrissi@example.ma",
        **fields,
    }
    return Petition.objects.create(**values)


def moment(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))
