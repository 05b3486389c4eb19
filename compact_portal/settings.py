"""The portal's one settings module. Everything that differs between a laptop, CI and
production comes from the environment (django-environ); see README "Configuration"."""

from pathlib import Path

import environ
from csp.constants import NONCE
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
# Production must set its own; `check --deploy` flags this default (security.W009).
SECRET_KEY = env("SECRET_KEY", default="django-insecure-local-development-only")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "boroughs",
    "offers",
    "staff",
    "board",
    "openreferral",
    "compact_portal",
]

MIDDLEWARE = [
    # Outermost: security headers on every response, even one made from an exception
    # raised in a middleware below (DisallowedHost); CSP before whitenoise so static
    # files carry it too.
    "compact_portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for phones on low data (static files come precompressed from
    # whitenoise, above). Django's GZip pads responses against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After LocaleMiddleware, so the 429 page is in the visitor's language.
    "compact_portal.middleware.RateLimitMiddleware",
    # Pages and API answers that are the same for everyone at the same address, answered
    # from the cache before the view: after LocaleMiddleware (the key holds the language)
    # and the rate limits (a cached answer still counts). See offers/page_cache.py.
    "offers.page_cache.SharedPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception sees a view's database error first.
    "compact_portal.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "compact_portal.urls"
WSGI_APPLICATION = "compact_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "compact_portal.context_processors.site",
            ],
        },
    },
]

# --- Databases -------------------------------------------------------------------------
# SQLite in the project by default, so `make run` needs nothing else installed;
# PostgreSQL (psycopg 3) in CI and production through DATABASE_URL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    # Recover by itself when the database comes back after an outage.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", default=3)
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -----------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every app server); local memory otherwise.
# A Redis outage must not take pages down: errors are logged and the database answers.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="compact"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "LOG_IGNORED_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
            },
        }
    }
    DJANGO_REDIS_LOGGER = "compact_portal.cache"
    # django-redis reads this setting, not OPTIONS["LOG_IGNORED_EXCEPTIONS"]: without it an
    # outage would pass in silence.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "compact-portal",
        }
    }

# --- Auth ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 1  # hours
AXES_VERBOSE = False
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"  # shared by every app server
# What axes records as the username: no control characters, at most 150 characters (a
# 10 kB or NUL username would otherwise be a 500 on PostgreSQL).
AXES_USERNAME_CALLABLE = "compact_portal.security.axes_username"
# The client address as the rate limits see it (TRUSTED_PROXY_COUNT): behind a load
# balancer REMOTE_ADDR is the balancer, and one lockout would shut out every member of staff.
AXES_CLIENT_IP_CALLABLE = "compact_portal.middleware.client_ip"
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"  # a page that says what to do, with status 429

# --- Internationalisation --------------------------------------------------------------
# English plus the languages London's former unaccompanied children read most.
# Django 5.2 has no entry for Pashto, Tigrinya or Amharic.
LANG_INFO.update(
    {
        "ps": {"bidi": True, "code": "ps", "name": "Pashto", "name_local": "پښتو"},
        "ti": {"bidi": False, "code": "ti", "name": "Tigrinya", "name_local": "ትግርኛ"},
        "am": {"bidi": False, "code": "am", "name": "Amharic", "name_local": "አማርኛ"},
        # One Persian for Iran and Afghanistan: its name in the switcher says Dari too.
        "fa": {**LANG_INFO["fa"], "name_local": "فارسی / دری"},
    }
)
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa", _("Persian (Farsi and Dari)")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("ckb", _("Kurdish (Sorani)")),
    ("vi", _("Vietnamese")),
    ("sq", _("Albanian")),
    ("am", _("Amharic")),
]
LANGUAGES_BIDI = ["ar", "fa", "ps", "ckb"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"  # theme slugs come from the English name
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# On (the default unless DEBUG) after `collectstatic`: compressed, hashed files.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# static/dist is built by `npm run build` from frontend/ (GOV.UK Frontend from npm).
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31536000 if not DEBUG else 0
# Without collectstatic (make run, the tests) whitenoise serves static/ as it is on disk,
# through the finders, and looks for no STATIC_ROOT; with it, STATIC_ROOT's files only.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST


# --- Security --------------------------------------------------------------------------
# SECURE_HTTPS=on in production (TLS at the load balancer): redirects, HSTS, secure cookies.
SECURE_HTTPS = env.bool("SECURE_HTTPS", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No 'unsafe-inline' anywhere: the one inline script (base.html's js-enabled) carries the
# per-request nonce (django-csp's NONCE sentinel; a literal "'nonce'" would block it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    },
}

# Features the portal does not use, denied to every frame (including its own pages).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera",
        "display-capture", "encrypted-media", "fullscreen", "gamepad", "geolocation",
        "gyroscope", "hid", "identity-credentials-get", "idle-detection", "local-fonts",
        "magnetometer", "microphone", "midi", "otp-credentials", "payment",
        "picture-in-picture", "publickey-credentials-create", "publickey-credentials-get",
        "screen-wake-lock", "serial", "storage-access", "usb",
        "window-management", "xr-spatial-tracking",
    )
)  # fmt: skip
CSRF_FAILURE_VIEW = "compact_portal.errors.csrf_failure"

# --- Rate limits -----------------------------------------------------------------------
# Counted per client address in the default cache (Redis when REDIS_URL is set, so every
# app server shares the counts) with django-ratelimit's core; see compact_portal.middleware.
# Generous: a care leaver's phone or a Personal Adviser's tool never meets them. The load
# test and the test suite raise them through the environment (they come from one address).
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_API_RATE = env("RATELIMIT_API_RATE", default="600/m")  # /api/ and /openreferral/
RATELIMIT_ADMIN_LOGIN_RATE = env("RATELIMIT_ADMIN_LOGIN_RATE", default="20/m")  # POST only
RATELIMIT_USE_CACHE = "default"
# A cache outage must not lock everyone out: then the limits are off.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "compact_portal.middleware.client_ip"
RATELIMIT_IPV6_MASK = 64
# How many proxies (load balancers) in front of the app servers append to X-Forwarded-For.
# 0: REMOTE_ADDR is the client. Never more than there are, or clients can pick their key.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# --- Error reports ---------------------------------------------------------------------
# No typed postcode in any log record (a record factory redacts them) or error report.
LOGGING_CONFIG = "compact_portal.privacy.configure_logging"
DEFAULT_EXCEPTION_REPORTER = "compact_portal.errors.PostcodeSafeExceptionReporter"
DEFAULT_EXCEPTION_REPORTER_FILTER = "compact_portal.errors.PostcodeSafeExceptionReporterFilter"

# --- Logging ---------------------------------------------------------------------------
# Never log request bodies or query strings of public pages: they may hold a postcode.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # LOGGING_CONFIG redacts postcodes in every record's message (Django's mail_admins
    # included, whose report is redacted by DEFAULT_EXCEPTION_REPORTER); this filter does
    # the records' extra attributes as well.
    "filters": {"redact_postcodes": {"()": "compact_portal.privacy.RedactPostcodes"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_postcodes"],
        },
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # 4xx responses are expected (bad input); their log lines would carry the path.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "ERROR" if not DEBUG else "INFO"},
    },
}

# Email through EMAIL_URL (django-environ's form: smtp+tls://user:password@host:587) in
# production; printed to the console when unset. EMAIL_BACKEND overrides the backend alone.
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = env("EMAIL_BACKEND", default=EMAIL_CONFIG["EMAIL_BACKEND"])
EMAIL_HOST = EMAIL_CONFIG.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = EMAIL_CONFIG.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = EMAIL_CONFIG.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = EMAIL_CONFIG.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(EMAIL_CONFIG.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(EMAIL_CONFIG.get("EMAIL_USE_SSL"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="compact-portal@localhost")
# The portal's public address, for links in emails sent by commands (no request there).
PORTAL_URL = env("PORTAL_URL", default="http://127.0.0.1:8000")

# The portal's own facts.
PORTAL_NAME = "London Care Leavers Compact"
