"""Lean settings for the test suite: fast hashing, immediate tasks, plain static storage."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-insecure-key-bawaba"  # noqa: S105
ALLOWED_HOSTS = ["*"]
# The demo communes (``manage.py load_demo``) exist outside production only.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
MEDIA_ROOT = env("TEST_MEDIA_ROOT", str(BASE_DIR / ".test-media"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Static files come from the app folders here; whitenoise serves the collected ones in production.
MIDDLEWARE = [entry for entry in MIDDLEWARE if not entry.startswith("whitenoise")]

# Tests that count a page's queries measure it being built; the shared cache's own tests turn it on.
BAWABA_PAGE_CACHE = False
# Tests of the shared cache read it on every request unless they turn the per-process copies on.
BAWABA_PAGE_CACHE_LOCAL_SECONDS = 0
