"""The import page of the admin: start an import, watch it, stop and resume it; each commune sees its own runs."""

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.users.models import UserProfile

from importer.models import ImportRun, RunStatus
from tests.factories import SuperuserFactory, UserFactory

from .conftest import wxr_export

pytestmark = pytest.mark.django_db


def not_found(response):
    """Refused: the commune rule's 403, or a 404 (which the language middleware turns into a redirect)."""
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].startswith("/ar/")
    )


def in_french(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    return user


def importer_user(groups=()):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="add_importrun")
    )
    user.groups.add(*groups)
    return user


def test_superuser_starts_an_import_and_watches_it(client, commune, old_site):
    old_site.serve_files()
    client.force_login(in_french(SuperuserFactory()))
    assert client.get(reverse("imports:index")).status_code == 200
    assert client.get(reverse("imports:add")).status_code == 200
    upload = SimpleUploadedFile("export.xml", wxr_export(old_site), content_type="application/xml")
    response = client.post(
        reverse("imports:add"),
        {"commune": commune.site.pk, "kind": "wxr", "source": "", "upload": upload, "publish": "on",
         "allow_private_address": "on"},
    )  # fmt: skip
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:inspect", args=[run.pk])
    assert run.status == RunStatus.FINISHED and run.imported == 7 and run.source == "export.xml"
    page = client.get(response["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert "11 éléments sur 11" in html and "7 importés, 0 mis à jour, 4 ignorés, 0 en échec" in html
    assert "افتتاح المكتبة الجماعية الجديدة" in html
    assert "Non publié sur l&#x27;ancien site (statut draft)." in html
    assert 'http-equiv="refresh"' not in html  # finished: no more refreshing
    assert "Terminé" in client.get(reverse("imports:index")).content.decode()


def test_bad_source_is_a_clear_form_error_in_the_editor_language(client, commune):
    client.force_login(SuperuserFactory())
    response = client.post(reverse("imports:add"), {"commune": commune.site.pk, "kind": "feed", "source": "ftp://x"})
    assert response.status_code == 200
    assert "أدخل عنوان المصدر (http أو https)، أو ارفع ملف تصدير." in response.content.decode()
    assert not ImportRun.objects.exists()


def test_editor_sees_only_the_runs_of_their_communes(client, commune):
    run = ImportRun.objects.create(commune=commune.site, kind="feed", source="https://old.example/feed/")
    outsider = importer_user()
    client.force_login(outsider)
    assert "old.example" not in client.get(reverse("imports:index")).content.decode()
    assert not_found(client.get(reverse("imports:inspect", args=[run.pk])))
    assert not_found(client.post(reverse("imports:stop", args=[run.pk])))
    assert ImportRun.objects.get(pk=run.pk).status == RunStatus.PENDING
    form = client.get(reverse("imports:add")).content.decode()
    assert "allow_private_address" not in form

    member = importer_user([commune.groups["communication"]])
    client.force_login(member)
    assert "old.example" in client.get(reverse("imports:index")).content.decode()
    assert client.get(reverse("imports:inspect", args=[run.pk])).status_code == 200


def test_stop_and_resume_from_the_admin(client, commune, old_site):
    old_site.serve_files()
    run = ImportRun.objects.create(
        commune=commune.site, kind="feed", source=f"{old_site.url}/feed/", status=RunStatus.RUNNING
    )
    client.force_login(SuperuserFactory())
    client.post(reverse("imports:stop", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.STOPPING
    ImportRun.objects.filter(pk=run.pk).update(status=RunStatus.STOPPED, allow_private_address=True)
    old_site.serve(
        "/feed/",
        f"<rss><channel><item><title>Fête de la musique</title><link>{old_site.url}/?p=5</link>"
        "<description>Concert</description></item></channel></rss>",
        "application/rss+xml",
    )
    client.post(reverse("imports:resume", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == RunStatus.FINISHED and run.imported == 1
