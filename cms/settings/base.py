"""Settings shared by every profile.

The environment is read here and only here (``env`` helpers below); the embedded default needs no
service at all: SQLite, local media, local-memory cache, database search and immediate tasks.
"""

import os
from pathlib import Path

import dj_database_url
import django.conf.locale
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

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
    "caching",
    "users",
    "assets",
    "directory",
    "workdays",
    "pages",
    "home",
    "search",
    "participation",
    "subscriptions",
    "network",
    "importer",
    "security",
    "api",
    "clients",
    "tenancy",
    "ninja",
    "corsheaders",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "tenancy.users_app.CommuneUsersAppConfig",  # wagtail.users, with the commune rule on users and groups
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
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "caching.middleware.SharedCacheMiddleware",
    "security.proxies.TrustedProxyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "security.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "importer.middleware.OldQueryRedirectMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "tenancy.middleware.CommuneAdminMiddleware",
    "security.lockout.LoginThrottleMiddleware",
    "security.ratelimit.SearchRateLimitMiddleware",
    "security.errors.OversizedNumberMiddleware",
    "axes.middleware.AxesMiddleware",
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
                "csp.context_processors.nonce",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite takes concurrent writers from several workers: readers never wait in WAL mode, a writer
    # waits its turn (busy timeout) instead of failing with "database is locked", and a transaction
    # takes the write lock when it begins, so it never has to upgrade a read lock mid-way.
    SQLITE_BUSY_TIMEOUT = int(env("BAWABA_SQLITE_BUSY_TIMEOUT", "30"))
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_TIMEOUT,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set; otherwise local memory here, and the database in production
# (cms.settings.production), because anonymous pages and version counters must be shared by processes.
# Abuse counters (rate limits) live in a cache of their own that every process shares and that
# nothing else fills, so a flood of cached pages or suggestions never evicts them: Redis when there is
# one, otherwise a table of the database (created by migrate).
REDIS_URL = env("REDIS_URL")
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", "bawaba")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
        "ratelimit": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
            "KEY_PREFIX": CACHE_KEY_PREFIX + ":ratelimit",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "bawaba_rate_limits",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10},
        },
    }
RATE_LIMIT_CACHE = "ratelimit"

# Shared cache of anonymous pages and API answers (caching.middleware): on unless BAWABA_PAGE_CACHE=0.
# Copies are rebuilt at the latest every BAWABA_PAGE_CACHE_SECONDS and as soon as something they show
# is published; browsers revalidate HTML after BAWABA_PAGE_MAX_AGE, proxies after BAWABA_PROXY_MAX_AGE.
BAWABA_PAGE_CACHE = env_bool("BAWABA_PAGE_CACHE", True)
BAWABA_PAGE_CACHE_ALIAS = "default"
BAWABA_PAGE_CACHE_SECONDS = int(env("BAWABA_PAGE_CACHE_SECONDS", "300"))
# Each process serves the copies it just served for this long without asking the shared cache: a change
# published on another instance shows within that time (on this one, at once). 0 turns it off.
BAWABA_PAGE_CACHE_LOCAL_SECONDS = float(env("BAWABA_PAGE_CACHE_LOCAL_SECONDS", "0.5"))
BAWABA_PAGE_MAX_AGE = int(env("BAWABA_PAGE_MAX_AGE", "0"))
BAWABA_PROXY_MAX_AGE = int(env("BAWABA_PROXY_MAX_AGE", "0"))
BAWABA_API_PREFIX = "/api/"
#: Never from the shared cache: the admin, files behind permission checks, search (it counts queries),
#: previews, and Open311 (citizens' requests change without a publication).
BAWABA_SHARED_CACHE_SKIP = (
    "/admin/",
    "/documents/",
    "/images/",
    "/static/",
    "/media/",
    "/network/",
    "/open311/",
    "/api/search",
    "/api/preview",
    "/api/open311",
)

# A reverse proxy in front (Varnish, nginx with a purge module, Cloudflare): Wagtail purges what is
# published. BAWABA_FRONTEND_CACHE_URL is the proxy's purge address; or the Cloudflare variables.
WAGTAILFRONTENDCACHE = {}
if env("BAWABA_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("BAWABA_FRONTEND_CACHE_URL"),
    }
if env("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONEID"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.forms"), "wagtail.contrib.frontend_cache")

AUTH_USER_MODEL = "users.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Logins: django-axes counts failed attempts on the admin login, the front-end login, the page-password
# form and password-reset requests, per account and per address, in the database that every worker
# shares; past the limit it answers 429 with a localised page until the cool-off ends or an
# administrator unlocks (``manage.py axes_reset_username NAME`` / ``axes_reset_ip ADDRESS``).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env_bool("BAWABA_LOGIN_THROTTLE", True)
AXES_FAILURE_LIMIT = int(env("BAWABA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("BAWABA_LOGIN_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "security.proxies.client_address"
AXES_USERNAME_FORM_FIELD = "username"
AXES_SENSITIVE_PARAMETERS = ["password", "password1", "password2"]
AXES_VERBOSE = False

# Languages. Arabic is the source locale; Django has no entry for Standard Moroccan Tamazight.
django.conf.locale.LANG_INFO["zgh"] = {
    "bidi": False,
    "code": "zgh",
    "name": "Standard Moroccan Tamazight",
    "name_local": "ⵜⴰⵎⴰⵣⵉⵖⵜ",
}
LANGUAGE_CODE = "ar"
# The portal's languages: the one list that everything reads (cms.languages), in the portal's order.
# Each has its code, its name in itself (the language switcher) and its name in the reader's language
# (choices and labels).
PORTAL_LANGUAGES = [
    ("ar", "العربية", _("Arabic")),
    ("fr", "Français", _("French")),
    ("zgh", "ⵜⴰⵎⴰⵣⵉⵖⵜ", _("Amazigh")),
]
LANGUAGES = [(code, own_name) for code, own_name, _name in PORTAL_LANGUAGES]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks every portal language. Django and Wagtail have no Amazigh catalogue: in Amazigh the
# project's own strings come from locale/zgh and theirs fall back to French (cms.languages).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
PORTAL_MESSAGE_FALLBACKS = {"zgh": "fr"}
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

# Media: local folder unless an S3-compatible bucket is configured. Documents and citizens' attachments
# go to the "private" storage instead, which no URL serves: a folder outside MEDIA_ROOT, or the bucket's
# private/ prefix reached only through short-lived signed URLs handed out after a permission check.
BAWABA_PRIVATE_MEDIA_ROOT = Path(env("BAWABA_PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
BAWABA_PRIVATE_MEDIA_INTERNAL_URL = env("BAWABA_PRIVATE_MEDIA_INTERNAL_URL")
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "assets.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(BAWABA_PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if AWS_STORAGE_BUCKET_NAME:
    _bucket = {
        "bucket_name": AWS_STORAGE_BUCKET_NAME,
        "endpoint_url": env("AWS_S3_ENDPOINT_URL"),
        "region_name": env("AWS_S3_REGION_NAME", "us-east-1"),
        "access_key": env("AWS_ACCESS_KEY_ID"),
        "secret_key": env("AWS_SECRET_ACCESS_KEY"),
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            "custom_domain": env("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "default_acl": None,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_bucket,
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": int(env("BAWABA_PRIVATE_URL_SECONDS", "300")),
            "default_acl": "private",
        },
    }

# Uploads: limits are configurable; Wagtail refuses images over the pixel count before decoding.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILIMAGES_IMAGE_MODEL = "assets.CommuneImage"
WAGTAILDOCS_DOCUMENT_MODEL = "assets.CommuneDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "assets.forms.CommuneDocumentForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env("BAWABA_MAX_IMAGE_BYTES", 10 * 1024 * 1024))
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(env("BAWABA_MAX_IMAGE_PIXELS", 40_000_000))
# Renditions a front end may ask the API for (GET /api/images/{id}?rendition=fill-800x450|format-webp):
# one of these sizes, optionally with one of these formats. Formats this server's Pillow cannot write
# (WebP, AVIF without their codecs) are left out of the offer. Keep the lists short: each pair may be
# computed and stored once per image.
BAWABA_API_RENDITION_SIZES = (
    "max-400x400",
    "max-800x800",
    "max-1600x1600",
    "fill-400x300",
    "fill-800x450",
    "fill-1200x630",
    "fill-1600x900",
    "width-320",
    "width-640",
    "width-960",
    "width-1280",
    "width-1920",
)
BAWABA_API_RENDITION_FORMATS = ("jpeg", "png", "webp", "avif")
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(env("BAWABA_MAX_DOCUMENT_BYTES", 20 * 1024 * 1024))
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "pptx", "odp", "txt", "zip"]
# Documents are always downloaded through Wagtail's serve view, which checks the collection's view
# restrictions; it then sends a local file itself (or through nginx's X-Accel-Redirect when
# BAWABA_PRIVATE_MEDIA_INTERNAL_URL is set) and answers a bucket's file with a redirect to a signed URL.
WAGTAILDOCS_SERVE_METHOD = "redirect" if AWS_STORAGE_BUCKET_NAME else "serve_view"
if BAWABA_PRIVATE_MEDIA_INTERNAL_URL:
    SENDFILE_BACKEND = "assets.storage"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "Bawaba"
# The admin asks no other host for anything (the Content-Security-Policy would refuse it anyway):
# no Gravatar pictures of staff, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
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

# The client's address: REMOTE_ADDR, or with N trusted reverse proxies in front, the right-most
# X-Forwarded-For entry that they did not add (django-xff). Everything before it is the client's own say.
XFF_TRUSTED_PROXY_DEPTH = int(env("BAWABA_TRUSTED_PROXY_DEPTH", "0"))

# Participation: abuse limits, attachments and the retention of citizens' personal data (law 09-08).
PARTICIPATION_RATE_LIMIT = int(env("PARTICIPATION_RATE_LIMIT", "20"))
PARTICIPATION_RATE_WINDOW = int(env("PARTICIPATION_RATE_WINDOW", "3600"))
PARTICIPATION_MAX_ATTACHMENT_BYTES = int(env("PARTICIPATION_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024))
PARTICIPATION_RETENTION_DAYS = int(env("PARTICIPATION_RETENTION_DAYS", "730"))
# Subscriptions: sign-ups per client address per window, confirmation e-mails per address per window,
# how long a confirmation link lives, how many messages one task sends, how often a failed one is tried.
SUBSCRIPTIONS_RATE_LIMIT = 10
SUBSCRIPTIONS_RATE_WINDOW = 3600
SUBSCRIPTIONS_ADDRESS_LIMIT = 3
SUBSCRIPTIONS_CONFIRM_SECONDS = 3 * 24 * 3600
SUBSCRIPTIONS_BATCH_SIZE = 200
SUBSCRIPTIONS_MAX_ATTEMPTS = 5
SUBSCRIPTIONS_RESUME_DAYS = 2
SUBSCRIPTIONS_MAX_BOUNCES = 3
# Search (page, API and suggestions): requests per address per window.
BAWABA_SEARCH_RATE_LIMIT = int(env("BAWABA_SEARCH_RATE_LIMIT", "300"))
BAWABA_SEARCH_RATE_WINDOW = int(env("BAWABA_SEARCH_RATE_WINDOW", "60"))

# Content-Security-Policy (django-csp). Public pages run no inline script: scripts come from the
# site's own static files, and the few inline elements carry the request's nonce. The admin gets
# Wagtail's needs on top (its widgets write small inline scripts). BAWABA_CSP_REPORT_ONLY sends the
# policy as Content-Security-Policy-Report-Only, to try it on a deployment before enforcing it.
BAWABA_CSP_REPORT_ONLY = env_bool("BAWABA_CSP_REPORT_ONLY", False)
BAWABA_CSP_REPORT_URI = env("BAWABA_CSP_REPORT_URI")
_map_tiles_origin = "/".join(env("BAWABA_MAP_TILES_URL", "").split("/")[:3]) if env("BAWABA_MAP_TILES_URL") else None
_csp_common = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:", *([_map_tiles_origin] if _map_tiles_origin else [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    **({"report-uri": [BAWABA_CSP_REPORT_URI]} if BAWABA_CSP_REPORT_URI else {}),
}
BAWABA_CSP_PUBLIC = {**_csp_common, "script-src": ["'self'", NONCE]}
BAWABA_CSP_ADMIN = {
    **_csp_common,
    "script-src": ["'self'", "'unsafe-inline'"],
    "frame-src": ["'self'", "https://www.youtube.com", "https://player.vimeo.com"],
    "img-src": [*_csp_common["img-src"], "https:"],
}
BAWABA_CSP_ADMIN_PREFIXES = ("/admin/",)
if BAWABA_CSP_REPORT_ONLY:
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": BAWABA_CSP_PUBLIC}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": BAWABA_CSP_PUBLIC}

# Permissions-Policy: the portal uses no camera, microphone, payment or similar feature; the map's
# "where am I" button may ask for the position on the portal's own pages.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "camera": [],
    "display-capture": [],
    "geolocation": ["self"],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}

# Portal API: partner front ends allowed to call it from a browser, caching, standards, preview.
CORS_ALLOWED_ORIGINS = env_list("BAWABA_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Content-Language"]
BAWABA_API_CACHE_SECONDS = int(env("BAWABA_API_CACHE_SECONDS", "60"))
BAWABA_PREVIEW_MAX_AGE = int(env("BAWABA_PREVIEW_MAX_AGE", "3600"))
BAWABA_OCDS_PREFIX = env("BAWABA_OCDS_PREFIX", "ocds-bawaba")
# Authority of the feeds' tag: URIs (RFC 4151); empty: each commune's host name as configured in its site.
BAWABA_TAG_AUTHORITY = env("BAWABA_TAG_AUTHORITY", "")

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
BAWABA_NETWORK_MAX_MEDIA_BYTES = int(env("BAWABA_NETWORK_MAX_MEDIA_BYTES", 10 * 1024 * 1024))
# A pull of one peer is bounded too; when it reaches a bound it stops, and the next pull goes on.
BAWABA_NETWORK_PULL_TIMEOUT = float(env("BAWABA_NETWORK_PULL_TIMEOUT", "600"))
BAWABA_NETWORK_MAX_PAGES_PER_PULL = int(env("BAWABA_NETWORK_MAX_PAGES_PER_PULL", "200"))
BAWABA_NETWORK_MAX_ITEMS_PER_PULL = int(env("BAWABA_NETWORK_MAX_ITEMS_PER_PULL", "20000"))
BAWABA_NETWORK_PUSH_MAX_AGE = int(env("BAWABA_NETWORK_PUSH_MAX_AGE", "300"))
# Importing an old portal (``manage.py import_portal``): its site is untrusted like a peer, and a crawl is
# bounded and polite (a pause between requests, a maximum number of pages, same host only).
BAWABA_IMPORT_CONNECT_TIMEOUT = float(env("BAWABA_IMPORT_CONNECT_TIMEOUT", "5"))
BAWABA_IMPORT_READ_TIMEOUT = float(env("BAWABA_IMPORT_READ_TIMEOUT", "15"))
BAWABA_IMPORT_TOTAL_TIMEOUT = float(env("BAWABA_IMPORT_TOTAL_TIMEOUT", "60"))
BAWABA_IMPORT_MAX_PAGE_BYTES = int(env("BAWABA_IMPORT_MAX_PAGE_BYTES", 5 * 1024 * 1024))
BAWABA_IMPORT_MAX_EXPORT_BYTES = int(env("BAWABA_IMPORT_MAX_EXPORT_BYTES", 200 * 1024 * 1024))
BAWABA_IMPORT_MAX_PAGES = int(env("BAWABA_IMPORT_MAX_PAGES", "2000"))
BAWABA_IMPORT_FEED_MAX_PAGES = int(env("BAWABA_IMPORT_FEED_MAX_PAGES", "200"))
BAWABA_IMPORT_CRAWL_DELAY = float(env("BAWABA_IMPORT_CRAWL_DELAY", "1"))
# Key that encrypts peers' tokens and shared secrets at rest; by default derived from SECRET_KEY.
BAWABA_NETWORK_ENCRYPTION_KEY = env("BAWABA_NETWORK_ENCRYPTION_KEY")
