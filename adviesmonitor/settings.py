"""Settings for Adviesmonitor, driven by environment variables (see README.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from adviesmonitor.env import (
    env_bool,
    env_int,
    env_keuze,
    env_list,
    env_origins,
    env_str,
    parse_database_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY ontbreekt: verplicht wanneer DEBUG uit staat.")
    SECRET_KEY = "insecure-development-key-only-for-debug"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    # The PDF render queue: its `rqworker` command (reacties.brief.taken).
    "django_rq",
    "advies",
    "programmas",
    "reacties",
    # The settings package is an app too: the audit log and the security middleware.
    "adviesmonitor",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files get the Content-Security-Policy too.
    "adviesmonitor.beveiliging.BeveiligingsheadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who is acting, for the audit log; then the session timeouts (which may log out).
    "adviesmonitor.audit.VerzoekMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "adviesmonitor.sessies.SessieverloopMiddleware",
    "adviesmonitor.inlogbegrenzing.InlogbegrenzingMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "adviesmonitor.urls"
WSGI_APPLICATION = "adviesmonitor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        env_str("DATABASE_URL") or "sqlite:///db.sqlite3", base_dir=BASE_DIR
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "adviesmonitor.wachtwoorden.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "inloggen"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "inloggen"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"

# Sessions live in the database, shared by every web process (several gunicorn hosts).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A session ends SESSION_COOKIE_AGE seconds after logging in however busy it is, and after
# SESSION_IDLE_SECONDEN without a request (adviesmonitor.sessies).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_IDLE_SECONDEN = env_int("SESSION_IDLE_SECONDEN", 30 * 60)

# --- Security ----------------------------------------------------------------------------
# With DEBUG off the defaults are the safe ones: `manage.py check --deploy` has nothing to
# say. Each can be overridden from the environment (e.g. to try the production settings on
# plain http); with DEBUG on (`make run`) the https-only ones are off, so http keeps working.
_VEILIG = not DEBUG

# Only behind a proxy that terminates TLS are its headers believed: X-Forwarded-Proto for
# request.is_secure(), X-Forwarded-For for the client address (audit log, login limits).
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
# How many proxies append to X-Forwarded-For: the client is that many entries from the end
# (the entries before it are whatever the client sent, so never trusted).
PROXY_AANTAL = env_int("PROXY_AANTAL", 1)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _VEILIG)
# The load balancer probes the health check on the web host itself, often over plain http.
SECURE_REDIRECT_EXEMPT = [r"^gezondheid/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if _VEILIG else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Consent to the browsers' preload list (it takes a submission to get on it); set it to 0
# when the domain cannot commit to https everywhere (check --deploy then says so).
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", _VEILIG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", _VEILIG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", _VEILIG)
CSRF_TRUSTED_ORIGINS = env_origins("CSRF_TRUSTED_ORIGINS")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env_keuze(
    "SECURE_REFERRER_POLICY", "same-origin", {"same-origin", "no-referrer"}
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = env_keuze(
    "SECURE_CROSS_ORIGIN_OPENER_POLICY", "same-origin", {"same-origin", "same-origin-allow-popups"}
)
X_FRAME_OPTIONS = env_keuze("X_FRAME_OPTIONS", "DENY", {"DENY", "SAMEORIGIN"})

# Sent with every response by adviesmonitor.beveiliging. Nothing inline: scripts, styles,
# fonts and images come from our own static files; `data:` images only for the empty
# favicon (base.html) and the SVG icons inside the NL Design System stylesheets.
CONTENT_SECURITY_POLICY: dict[str, str] = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Browser features the product never uses, switched off for every page.
PERMISSIONS_POLICY: dict[str, str] = {
    naam: "()"
    for naam in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Login limits against password guessing, counted from the audit log in the database (so
# they hold across every web process): this many failed logins for one user name, or from
# one address, within INLOG_VENSTER_SECONDEN block further attempts for
# INLOG_BLOKKADE_SECONDEN after the last one.
INLOG_MAX_PER_GEBRUIKER = env_int("INLOG_MAX_PER_GEBRUIKER", 5)
INLOG_MAX_PER_IP = env_int("INLOG_MAX_PER_IP", 20)
INLOG_VENSTER_SECONDEN = env_int("INLOG_VENSTER_SECONDEN", 15 * 60)
INLOG_BLOKKADE_SECONDEN = env_int("INLOG_BLOKKADE_SECONDEN", 15 * 60)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL") or "INFO"},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports every rendering step at INFO; only its warnings matter here.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The reply letter: the static folder holding the letter typeface (regular.ttf, bold.ttf,
# italic.ttf, bolditalic.ttf), and how long a rendered PDF stays in the cache.
BRIEF_LETTERTYPE = env_str("BRIEF_LETTERTYPE") or "fonts/dejavu-sans"
BRIEF_PDF_CACHE_SECONDEN = env_int("BRIEF_PDF_CACHE_SECONDEN", 7 * 24 * 60 * 60)

# The analyst pages: days the cabinet has to reply after receiving a report (default 91,
# about three months); a report without a sent letter after that is overdue.
ANTWOORDTERMIJN_DAGEN = env_int("ANTWOORDTERMIJN_DAGEN", 91)

# The table import (advies.tabelimport): the largest file in bytes, the most data rows, and
# how long an upload checked in the admin waits in the cache for its confirmation (seconds).
TABELIMPORT_MAX_BYTES = env_int("TABELIMPORT_MAX_BYTES", 5 * 1024 * 1024)
TABELIMPORT_MAX_RIJEN = env_int("TABELIMPORT_MAX_RIJEN", 5000)
TABELIMPORT_BEWAARTIJD = env_int("TABELIMPORT_BEWAARTIJD", 30 * 60)

# One cache for the whole product. Redis when REDIS_URL is set (shared by every process);
# otherwise an in-process cache, which is enough for the embedded single-process default.
_REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _REDIS_URL,
        "KEY_PREFIX": "adviesmonitor",
    }
    if _REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}

# PDF rendering off the web workers (reacties.brief.taken). With a task queue, on
# RQ_REDIS_URL or else REDIS_URL, a letter whose PDF is not in the cache renders as a job on
# the queue BRIEF_PDF_WACHTRIJ, run by `manage.py rqworker pdf` (django-rq), within a time
# and a memory limit; the request waits up to BRIEF_PDF_WACHT_SECONDEN, then gets a page
# that refreshes itself. Without either (the embedded default) PDFs render in the request.
# The workers put the PDF in the cache, so web and workers need the same REDIS_URL.
_RQ_REDIS_URL = env_str("RQ_REDIS_URL") or _REDIS_URL
if _RQ_REDIS_URL and not _REDIS_URL:
    raise ImproperlyConfigured(
        "RQ_REDIS_URL vereist REDIS_URL: de renderprocessen leggen de PDF in de cache, "
        "die dan door alle processen gedeeld moet worden."
    )
BRIEF_PDF_WACHTRIJ = env_str("BRIEF_PDF_WACHTRIJ") or "pdf"
BRIEF_PDF_TAAK_SECONDEN = env_int("BRIEF_PDF_TAAK_SECONDEN", 120)
BRIEF_PDF_TAAK_GEHEUGEN_MB = env_int("BRIEF_PDF_TAAK_GEHEUGEN_MB", 1024)
BRIEF_PDF_WACHT_SECONDEN = env_int("BRIEF_PDF_WACHT_SECONDEN", 3)
for _naam, _minimum in [
    ("BRIEF_PDF_TAAK_SECONDEN", 1),
    ("BRIEF_PDF_TAAK_GEHEUGEN_MB", 64),
    ("BRIEF_PDF_WACHT_SECONDEN", 0),
]:
    if globals()[_naam] < _minimum:
        raise ImproperlyConfigured(f"{_naam} moet minstens {_minimum} zijn.")
RQ_QUEUES = (
    {BRIEF_PDF_WACHTRIJ: {"URL": _RQ_REDIS_URL, "DEFAULT_TIMEOUT": BRIEF_PDF_TAAK_SECONDEN}}
    if _RQ_REDIS_URL
    else {}
)
# Every job forks from a worker that has WeasyPrint and the fonts loaded already.
RQ = {"WORKER_CLASS": "reacties.brief.taken.Renderworker"}
# django-rq's dashboard would show job arguments (whole letters) in the admin: not there.
RQ_SHOW_ADMIN_LINK = False
