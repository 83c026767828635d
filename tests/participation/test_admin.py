"""The back office: inbox with filters and exports, status changes with notes, the dashboard flag."""

import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from participation.enums import RequestStatus
from participation.models import Department, ServiceRequest
from users.models import User

from .factories import service_request


@pytest.fixture
def admin_client(client, town):
    user = User.objects.create_superuser("chef", "chef@example.ma", "x")
    client.force_login(user)
    return client


@pytest.fixture
def late_and_fresh(town):
    late = service_request(town, received_at=timezone.now() - datetime.timedelta(days=120))
    fresh = service_request(town, code="cleanliness")
    return late, fresh


def test_inbox_lists_and_filters_overdue_items(admin_client, late_and_fresh):
    late, fresh = late_and_fresh
    url = reverse("participation_requests:index")
    body = admin_client.get(url).content.decode()
    assert late.tracking_code in body and fresh.tracking_code in body
    body = admin_client.get(url, {"overdue": "true"}).content.decode()
    assert late.tracking_code in body and fresh.tracking_code not in body
    body = admin_client.get(url, {"status": "received", "category": fresh.category.code}).content.decode()
    assert fresh.tracking_code in body and late.tracking_code not in body


def test_inbox_exports_csv_and_xlsx(admin_client, late_and_fresh):
    url = reverse("participation_requests:index")
    csv_body = b"".join(admin_client.get(url, {"export": "csv"}).streaming_content).decode()
    assert late_and_fresh[0].tracking_code in csv_body
    response = admin_client.get(url, {"export": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.active.max_row == 3


def test_edit_assigns_changes_status_and_keeps_history(admin_client, town, django_capture_on_commit_callbacks):
    item = service_request(town)
    department = Department.objects.create(commune=town, name="Service de l'éclairage")
    url = reverse("participation_requests:edit", args=[item.pk])
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {"department": department.pk, "new_status": "in_progress", "public_note": "Pris en charge.",
             "internal_note": "Voir avec l'ONEE"},
        )  # fmt: skip
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == RequestStatus.IN_PROGRESS and item.department == department
    assert item.history.get().public_note == "Pris en charge."
    assert set(item.internal_notes.values_list("text", flat=True)) >= {"Voir avec l'ONEE"}
    assert len(mail.outbox) == 1
    page = admin_client.get(url).content.decode()
    assert "Voir avec" in page and "Pris en charge." in page


def test_edit_refuses_a_forbidden_transition(admin_client, town):
    item = service_request(town)
    item.change_status(RequestStatus.REJECTED)
    response = admin_client.post(reverse("participation_requests:edit", args=[item.pk]), {"new_status": "answered"})
    assert response.status_code == 200
    assert ServiceRequest.objects.get(pk=item.pk).status == RequestStatus.REJECTED


def test_staff_cannot_create_requests_in_the_admin(admin_client):
    assert admin_client.get(reverse("participation_requests:add")).status_code in (302, 403)


def test_dashboard_flags_late_items(admin_client, late_and_fresh):
    body = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "participation-late-heading" in body
    assert "?overdue=true" in body


def test_rating_summary_shows_averages(admin_client, service_page, client):
    from participation.models import ServiceRating

    ServiceRating.objects.create(service=service_page, score=4, comment="Bien", fingerprint="a" * 64)
    ServiceRating.objects.create(service=service_page, score=2, fingerprint="b" * 64)
    body = admin_client.get(reverse("participation_rating_summary")).content.decode()
    assert "3.0" in body or "3,0" in body or "3 / 5" in body
    assert "Bien" in body
