"""Security headers: Content-Security-Policy on the portal and the admin, Permissions-Policy, HSTS opt-ins."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client

PRINT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "subdomains": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "preload": settings.SECURE_HSTS_PRELOAD,
    "ratelimit": settings.CACHES[settings.RATE_LIMIT_CACHE]["BACKEND"],
    "caches": sorted({cache["BACKEND"] for cache in settings.CACHES.values()}),
    "middleware": settings.MIDDLEWARE,
    "csp": getattr(settings, "CONTENT_SECURITY_POLICY", None) and settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "permissions": settings.PERMISSIONS_POLICY,
    "sqlite": settings.DATABASES["default"].get("OPTIONS", {}),
}, default=str))
"""


def production(**variables):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "DATABASE_", "BAWABA_"))}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", DJANGO_SECRET_KEY=secrets.token_urlsafe(64))
    env.update(variables)
    result = subprocess.run(
        [sys.executable, "-c", PRINT],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_public_page_policy_allows_only_the_sites_own_scripts(commune, client):
    response = client.get("/fr/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'self'"]
    assert "<script>" not in response.content.decode()


def test_admin_has_its_own_policy_for_wagtails_widgets(db):
    response = Client().get("/admin/login/")
    policy = directives(response["Content-Security-Policy"])
    assert "'self'" in policy["script-src"] and policy["object-src"] == ["'none'"]


def test_report_only_switch_reports_instead_of_enforcing(db, settings):
    settings.BAWABA_CSP_REPORT_ONLY = True
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    response = Client().get("/admin/login/")
    assert "Content-Security-Policy" not in response
    assert "script-src" in response["Content-Security-Policy-Report-Only"]


def test_permissions_policy_denies_what_the_portal_never_uses(db):
    header = Client().get("/admin/login/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "payment=()", "usb=()"):
        assert feature in header


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, (False, False)),
        ({"DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "true", "DJANGO_SECURE_HSTS_PRELOAD": "true"}, (True, True)),
    ],
)
def test_hsts_subdomains_and_preload_are_opt_in(variables, expected):
    seen = production(**variables)
    assert (seen["subdomains"], seen["preload"]) == expected


def test_production_never_counts_rate_limits_in_local_memory():
    without_redis = production()
    assert without_redis["ratelimit"] == "django.core.cache.backends.db.DatabaseCache"
    assert without_redis["caches"] == ["django.core.cache.backends.db.DatabaseCache"]
    with_redis = production(REDIS_URL="redis://127.0.0.1:6379/5")
    assert with_redis["ratelimit"] == "django_redis.cache.RedisCache"
    assert with_redis["caches"] == ["django_redis.cache.RedisCache"]


def test_production_sends_the_content_security_and_permissions_policies():
    seen = production()
    middleware = seen["middleware"]
    assert "security.headers.ContentSecurityPolicyMiddleware" in middleware
    assert "django_permissions_policy.PermissionsPolicyMiddleware" in middleware
    assert middleware.index("security.proxies.TrustedProxyMiddleware") < middleware.index(
        "axes.middleware.AxesMiddleware"
    )
    script_src = seen["csp"]["script-src"]
    assert "'self'" in script_src and "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert seen["csp"]["object-src"] == ["'none'"]
    assert seen["permissions"]["camera"] == [] and seen["permissions"]["microphone"] == []


def test_sqlite_runs_in_wal_mode_with_immediate_transactions_and_a_busy_timeout():
    options = production()["sqlite"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 5
