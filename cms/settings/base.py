"""Settings shared by every profile.

The environment is read here and only here (``env`` helpers below); the embedded default needs no
service at all: SQLite, local media, local-memory cache, database search and immediate tasks.
"""

import os
from pathlib import Path

import dj_database_url
import django.conf.locale

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    """Return an environment variable, or ``default`` when it is unset or empty."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "users",
    "assets",
    "directory",
    "pages",
    "home",
    "search",
    "participation",
    "network",
    "api",
    "ninja",
    "corsheaders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "bawaba"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Languages. Arabic is the source locale; Django has no entry for Standard Moroccan Tamazight.
django.conf.locale.LANG_INFO["zgh"] = {
    "bidi": False,
    "code": "zgh",
    "name": "Standard Moroccan Tamazight",
    "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ",
}
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", "العربية"),
    ("fr", "Français"),
    ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("ar", "العربية"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Media: local folder unless an S3-compatible bucket is configured.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
            "region_name": env("AWS_S3_REGION_NAME", "us-east-1"),
            "access_key": env("AWS_ACCESS_KEY_ID"),
            "secret_key": env("AWS_SECRET_ACCESS_KEY"),
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Uploads: limits are configurable; Wagtail refuses images over the pixel count before decoding.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILIMAGES_IMAGE_MODEL = "assets.CommuneImage"
WAGTAILDOCS_DOCUMENT_MODEL = "assets.CommuneDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "assets.forms.CommuneDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("BAWABA_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env("BAWABA_MAX_IMAGE_PIXELS", 40_000_000))
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("BAWABA_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024))
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "pptx", "odp", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "Bawaba"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Search: the database backend over text normalised for Arabic, French and Amazigh (search.backends);
# OPENSEARCH_URL moves a large network to OpenSearch, whose analysers do the same folding.
OPENSEARCH_URL = env("OPENSEARCH_URL")
if OPENSEARCH_URL:
    from search.opensearch import INDEX_SETTINGS as OPENSEARCH_INDEX_SETTINGS

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": [OPENSEARCH_URL],
            "INDEX_PREFIX": env("OPENSEARCH_INDEX_PREFIX", "bawaba_"),
            "TIMEOUT": int(env("OPENSEARCH_TIMEOUT", "10")),
            "INDEX_SETTINGS": OPENSEARCH_INDEX_SETTINGS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}
# Daily query counts kept for the editors' search report (its longest period is 90 days).
WAGTAILSEARCH_HITS_MAX_AGE = 90
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portail@bawaba.localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Participation: abuse limits, attachments and the retention of citizens' personal data (law 09-08).
PARTICIPATION_RATE_LIMIT = int(env("PARTICIPATION_RATE_LIMIT", "20"))
PARTICIPATION_RATE_WINDOW = int(env("PARTICIPATION_RATE_WINDOW", "3600"))
PARTICIPATION_MAX_ATTACHMENT_BYTES = int(env("PARTICIPATION_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024))
PARTICIPATION_RETENTION_DAYS = int(env("PARTICIPATION_RETENTION_DAYS", "730"))
PARTICIPATION_CLIENT_IP_HEADER = env("PARTICIPATION_CLIENT_IP_HEADER")

# Portal API: partner front ends allowed to call it from a browser, caching, standards, preview.
CORS_ALLOWED_ORIGINS = env_list("BAWABA_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language"]
BAWABA_API_CACHE_SECONDS = int(env("BAWABA_API_CACHE_SECONDS", "60"))
BAWABA_PREVIEW_MAX_AGE = int(env("BAWABA_PREVIEW_MAX_AGE", "3600"))
BAWABA_OCDS_PREFIX = env("BAWABA_OCDS_PREFIX", "ocds-bawaba")

# Public portal maps: the tile server drawing their background, e.g.
# "https://tiles.example.org/{z}/{x}/{y}.png". Unset, maps show their markers on a plain background
# and the portal asks no other host for anything; the list under each map carries the same places.
BAWABA_MAP_TILES_URL = env("BAWABA_MAP_TILES_URL", "")
BAWABA_MAP_TILES_ATTRIBUTION = env("BAWABA_MAP_TILES_ATTRIBUTION", "")
BAWABA_MAP_TILES_MAX_ZOOM = int(env("BAWABA_MAP_TILES_MAX_ZOOM", "19"))

# Network syndication: peers are untrusted, so every request to one is bounded in time and size.
BAWABA_NETWORK_CONNECT_TIMEOUT = float(env("BAWABA_NETWORK_CONNECT_TIMEOUT", "5"))
BAWABA_NETWORK_READ_TIMEOUT = float(env("BAWABA_NETWORK_READ_TIMEOUT", "15"))
BAWABA_NETWORK_TOTAL_TIMEOUT = float(env("BAWABA_NETWORK_TOTAL_TIMEOUT", "60"))
BAWABA_NETWORK_MAX_RESPONSE_BYTES = int(env("BAWABA_NETWORK_MAX_RESPONSE_BYTES", 5 * 1024 * 1024))
BAWABA_NETWORK_PAGE_SIZE = int(env("BAWABA_NETWORK_PAGE_SIZE", "100"))
BAWABA_NETWORK_PUSH_MAX_AGE = int(env("BAWABA_NETWORK_PUSH_MAX_AGE", "300"))
# Key that encrypts peers' tokens and shared secrets at rest; by default derived from SECRET_KEY.
BAWABA_NETWORK_ENCRYPTION_KEY = env("BAWABA_NETWORK_ENCRYPTION_KEY")
