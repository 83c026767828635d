"""Erase citizens' personal data from items closed longer ago than the retention period (law 09-08)."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from participation.enums import CLOSED_INFORMATION_STATUSES, CLOSED_PETITION_STATUSES, CLOSED_REQUEST_STATUSES
from participation.models import InformationRequest, InternalNote, Petition, PetitionSignature, ServiceRequest


def purge(now=None, retention_days=None):
    """Erase what the retention period no longer allows keeping; returns counts per kind of item."""
    now = now or timezone.now()
    days = settings.PARTICIPATION_RETENTION_DAYS if retention_days is None else retention_days
    cutoff = now - datetime.timedelta(days=days)
    counts = {"requests": 0, "information_requests": 0, "petitions": 0}
    with transaction.atomic():
        requests = ServiceRequest.objects.filter(
            status__in=CLOSED_REQUEST_STATUSES, closed_at__lt=cutoff, personal_data_erased_at__isnull=True
        ).select_related("category")
        for item in requests:
            if item.attachment:
                item.attachment.delete(save=False)
            item.name = item.email = item.phone = item.external_media_url = item.attachment_type = ""
            item.attachment = ""
            if item.category.confidential:
                item.description = ""
                item.address = ""
                item.latitude = item.longitude = None
            item.personal_data_erased_at = now
            item.save()
            InternalNote.objects.filter(request=item).update(text="")
            counts["requests"] += 1
        counts["information_requests"] = InformationRequest.objects.filter(
            status__in=CLOSED_INFORMATION_STATUSES, answered_at__lt=cutoff, personal_data_erased_at__isnull=True
        ).update(
            applicant_name="",
            national_id="",
            email="",
            postal_address="",
            phone="",
            urgency_reason="",
            personal_data_erased_at=now,
        )
        petitions = Petition.objects.filter(
            status__in=CLOSED_PETITION_STATUSES, personal_data_erased_at__isnull=True
        ).exclude(decided_on__isnull=True, created_at__gte=cutoff)
        petitions = [p for p in petitions if (p.decided_on or timezone.localdate(p.created_at)) < cutoff.date()]
        for petition in petitions:
            PetitionSignature.objects.filter(petition=petition).update(name="", national_id=None)
            petition.filer_name = petition.filer_national_id = petition.filer_email = ""
            petition.personal_data_erased_at = now
            petition.save()
            counts["petitions"] += 1
    return counts


class Command(BaseCommand):
    help = (
        "Erase citizens' personal data from complaints, information requests and petitions "
        "closed longer ago than PARTICIPATION_RETENTION_DAYS."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention period, in days.")

    def handle(self, *args, days=None, **options):
        counts = purge(retention_days=days)
        self.stdout.write(
            f"Erased personal data from {counts['requests']} requests, "
            f"{counts['information_requests']} information requests and {counts['petitions']} petitions."
        )
