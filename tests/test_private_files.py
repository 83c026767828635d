"""Documents and citizens' attachments are private files, downloaded only through permission checks."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils import sendfile as wagtail_sendfile

from assets.models import CommuneDocument
from home.communes import commune_group_name, create_commune
from participation.categories import canonical_category
from participation.models import ServiceRequest

from .utils import tiny_pdf_bytes

PASSWORD = "private-files-test"


@pytest.fixture
def restricted_document(db):
    root = Collection.get_first_root_node()
    council_only = root.add_child(name="Conseil — interne")
    CollectionViewRestriction.objects.create(collection=council_only, restriction_type=CollectionViewRestriction.LOGIN)
    return CommuneDocument.objects.create(
        title="Note interne", file=ContentFile(tiny_pdf_bytes("interne"), name="note.pdf"), collection=council_only
    )


def test_documents_are_stored_outside_the_public_media_folder(restricted_document, media_root):
    assert not (media_root / restricted_document.file.name).exists()
    assert restricted_document.file.storage.exists(restricted_document.file.name)
    with pytest.raises(NotImplementedError):
        restricted_document.file.url  # noqa: B018  (no public address exists)
    assert restricted_document.url == reverse(
        "wagtaildocs_serve", args=[restricted_document.pk, restricted_document.filename]
    )


def test_restricted_document_is_refused_to_visitors_and_served_to_staff(restricted_document, django_user_model):
    url = restricted_document.url
    response = Client().get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    staff = django_user_model.objects.create_user(username="clerk", password=PASSWORD)
    client = Client()
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_restricted_document_answers_are_private_and_never_stored(restricted_document, django_user_model):
    to_login = Client().get(restricted_document.url)
    client = Client()
    client.force_login(django_user_model.objects.create_user(username="clerk3", password=PASSWORD))
    served = client.get(restricted_document.url)

    assert (to_login.status_code, served.status_code) == (302, 200)
    for response in (to_login, served):
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


def test_document_goes_out_through_the_proxy_when_configured(restricted_document, settings, django_user_model):
    settings.BAWABA_PRIVATE_MEDIA_INTERNAL_URL = "/protected/"
    settings.SENDFILE_BACKEND = "assets.storage"
    wagtail_sendfile._get_sendfile.clear()
    try:
        client = Client()
        client.force_login(django_user_model.objects.create_user(username="clerk2", password=PASSWORD))
        response = client.get(restricted_document.url)
    finally:
        wagtail_sendfile._get_sendfile.clear()
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{restricted_document.file.name}"
    assert response.content == b""


def commune_with_request(slug, hostname):
    home = create_commune(slug=slug, hostname=hostname, name_ar=slug, name_fr=slug.title())
    site = home.get_site()
    item = ServiceRequest(
        commune=site, category=canonical_category(site, "cleanliness"), description="Dépôt sauvage", address="Souk"
    )
    item.attachment.save("photo.pdf", ContentFile(tiny_pdf_bytes("photo")), save=False)
    item.attachment_type = "application/pdf"
    item.save()
    return site, item


def staff_of(site, username, django_user_model):
    group = Group.objects.create(name=commune_group_name(site, "relations with citizens"))
    group.permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_servicerequest")
    )
    user = django_user_model.objects.create_user(username=username, password=PASSWORD)
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def test_attachment_goes_only_to_staff_of_the_items_commune(db, django_user_model, media_root):
    site_a, item_a = commune_with_request("tafraout", "tafraout.example.ma")
    site_b, _item_b = commune_with_request("tiznit", "tiznit.example.ma")
    url = reverse("participation_request_attachment", args=[item_a.pk])

    assert not (media_root / item_a.attachment.name).exists()
    assert "login" in Client().get(url)["Location"]
    refused = staff_of(site_b, "tiznit-clerk", django_user_model).get(url)
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")  # Wagtail's "denied"
    response = staff_of(site_a, "tafraout-clerk", django_user_model).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")


def test_attachment_of_an_unknown_item_is_not_served(admin_client):
    response = admin_client.get(reverse("participation_request_attachment", args=[987654]))
    assert response.status_code in (302, 404)
    assert not response.has_header("Content-Disposition")


def test_private_storage_root_is_not_under_the_public_media_root():
    private = settings.STORAGES["private"]["OPTIONS"]["location"]
    assert not str(private).startswith(str(settings.MEDIA_ROOT))
