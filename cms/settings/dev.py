"""Settings for a developer's machine and for ``make run``: debug on, a fixed non-secret key."""

from .base import *  # noqa: F403
from .base import env

DEBUG = True
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-bawaba-0f1e2d3c4b5a")
ALLOWED_HOSTS = ["*"]
# The demo communes (``manage.py load_demo``) exist outside production only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

# Static files come from the app folders here; whitenoise serves the collected ones in production.
MIDDLEWARE = [entry for entry in MIDDLEWARE if not entry.startswith("whitenoise")]
