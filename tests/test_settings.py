"""Settings profiles: the embedded default needs nothing, production reads the environment and refuses to run blind."""

import json
import os
import secrets
import subprocess
import sys
import uuid
from pathlib import Path

from django.utils.translation import get_language_info

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_VARIABLES = (
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
)
PRINT_SETTINGS = """
import json
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "database": {k: settings.DATABASES["default"].get(k) for k in ("ENGINE", "NAME", "HOST", "PORT", "USER")},
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "storage": settings.STORAGES["default"]["BACKEND"],
    "storage_options": settings.STORAGES["default"].get("OPTIONS", {}),
    "tasks": settings.TASKS["default"]["BACKEND"],
}))
"""


def run_python(settings_module, code=None, args=(), **variables):
    """Run Python in a fresh process with only the given configuration variables set."""
    env = {key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES}
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(variables)
    command = [sys.executable, "-c", code] if code is not None else [sys.executable, *args]
    return subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120)


def settings_seen(settings_module, **variables):
    result = run_python(settings_module, PRINT_SETTINGS, **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def production_secret():
    return secrets.token_urlsafe(64)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("cms.settings.production", "import django; django.setup()")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_deploy_check_is_clean():
    result = run_python(
        "cms.settings.production",
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SECRET_KEY=production_secret(),
        DJANGO_ALLOWED_HOSTS="bawaba.commune.example.ma",
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_embedded_default_needs_no_service():
    seen = settings_seen("cms.settings.dev")

    assert seen["database"]["ENGINE"] == "django.db.backends.sqlite3"
    assert seen["database"]["NAME"].endswith("db.sqlite3")
    assert seen["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert seen["storage"] == "django.core.files.storage.FileSystemStorage"
    assert seen["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"


def test_production_reads_the_database_url():
    seen = settings_seen(
        "cms.settings.production",
        DJANGO_SECRET_KEY=production_secret(),
        DATABASE_URL="postgres://bawaba:motdepasse@db.commune.example.ma:5433/portail",
    )

    assert seen["database"] == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portail",
        "HOST": "db.commune.example.ma",
        "PORT": 5433,
        "USER": "bawaba",
    }
    assert seen["tasks"] == "django_tasks_db.DatabaseBackend"


def test_redis_url_switches_the_cache_to_redis():
    seen = settings_seen(
        "cms.settings.production", DJANGO_SECRET_KEY=production_secret(), REDIS_URL="redis://cache.example.ma:6380/2"
    )

    assert seen["cache"] == "django_redis.cache.RedisCache"
    assert seen["cache_location"] == "redis://cache.example.ma:6380/2"


def test_s3_variables_switch_media_to_the_bucket():
    seen = settings_seen(
        "cms.settings.production",
        DJANGO_SECRET_KEY=production_secret(),
        AWS_STORAGE_BUCKET_NAME="bawaba-media",
        AWS_S3_ENDPOINT_URL="https://s3.commune.example.ma",
    )

    assert seen["storage"] == "storages.backends.s3.S3Storage"
    assert seen["storage_options"]["bucket_name"] == "bawaba-media"
    assert seen["storage_options"]["endpoint_url"] == "https://s3.commune.example.ma"


def test_cache_round_trip_through_a_real_redis():
    key = f"bawaba-test-{uuid.uuid4().hex}"
    code = f"""
import django
django.setup()
from django.core.cache import cache
from django.conf import settings
assert settings.CACHES["default"]["BACKEND"] == "django_redis.cache.RedisCache"
cache.set("{key}", {{"commune": "طنجة"}}, timeout=30)
print(cache.get("{key}")["commune"])
cache.delete("{key}")
print(cache.get("{key}", "gone"))
"""
    result = run_python("cms.settings.test", code, REDIS_URL="redis://127.0.0.1:6379/15")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["طنجة", "gone"]


def test_amazigh_language_is_known_to_django():
    info = get_language_info("zgh")

    assert info["name_local"] == "ⵜⴰⵎⴰⵣⵉⵖⵜ"
    assert info["bidi"] is False
    assert get_language_info("ar")["bidi"] is True


def test_arabic_is_the_default_language_and_the_three_locales_are_content_languages(settings):
    assert settings.LANGUAGE_CODE == "ar"
    assert [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES] == ["ar", "fr", "zgh"]
