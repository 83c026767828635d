"""Private files: documents and citizens' attachments, kept out of the public media folder.

They live in the ``private`` storage (``STORAGES["private"]``): a folder outside ``MEDIA_ROOT``
that no URL maps to, or a prefix of the bucket whose objects are reachable only through short-lived
signed URLs. Every download goes through a view that checks permissions first: Wagtail's document
serve view, or the participation inbox's attachment view.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    """A folder with no public URL: asking for one is an error, so nothing links around the checks."""

    def url(self, name):
        raise NotImplementedError("Private files have no public URL; serve them through a view.")


class PrivateStorage(LazyObject):
    """The ``private`` storage as currently configured (tests may change ``STORAGES``)."""

    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage():
    """The storage of document files and attachments (a callable, so migrations do not freeze it)."""
    return private_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        private_storage._wrapped = empty


def sendfile(request, filename, **kwargs):
    """A Wagtail sendfile backend for nginx: the proxy sends the file named by ``X-Accel-Redirect``.

    ``BAWABA_PRIVATE_MEDIA_INTERNAL_URL`` is the proxy's ``internal`` location that maps to
    ``BAWABA_PRIVATE_MEDIA_ROOT``; the application has already checked the permissions.
    """
    relative = Path(filename).resolve().relative_to(Path(settings.BAWABA_PRIVATE_MEDIA_ROOT).resolve())
    response = HttpResponse(content_type=kwargs.get("mimetype") or "application/octet-stream")
    response["X-Accel-Redirect"] = settings.BAWABA_PRIVATE_MEDIA_INTERNAL_URL.rstrip("/") + "/" + quote(str(relative))
    return response
