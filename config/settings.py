"""Django settings for GPAI Assessor.

One module, read from environment variables. With none set, it is production: debug off,
and DJANGO_SECRET_KEY required. Development is an explicit opt-in, DJANGO_DEBUG=1, which
`make run` writes (with a generated secret key) into the git-ignored file .env.local; this
module reads that file when it exists, and real environment variables always win over it.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

# Lets the code write the generic types django-stubs declares, such as ModelAdmin[Question],
# as base classes: Django's own classes do not accept subscripts at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / "data"

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envbool(name: str, default: bool) -> bool:
    """Read a yes/no variable; unset or empty means `default`, anything unclear is an error."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off.")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def envlist(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list; unset means `default`, set-but-empty means no items."""
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def read_env_file(path: Path) -> None:
    """Put the ``NAME=value`` lines of ``path`` into the environment, never replacing a
    variable that is already set. Blank lines and ``#`` comments are skipped; a value may be
    wrapped in single or double quotes. A missing file is no error; a malformed line is."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.removeprefix("export ").partition("=")
        name, value = name.strip(), value.strip()
        if not equals or not name.isidentifier():
            raise ImproperlyConfigured(f"{path}, line {number}: expected NAME=value.")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(name, value)


def dev_secret_key(path: Path) -> str:
    """Return the local development key in `path`, creating it (mode 0600) on first use.

    The key is written to a private temporary file and then hard-linked into place, so
    two processes starting together (runserver's reloader, parallel test workers) end
    up sharing one complete key instead of racing on a half-written file.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_urlsafe(50))
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass
        finally:
            tmp.unlink()
    key = path.read_text().strip()
    if not key:
        raise ImproperlyConfigured(f"{path} is empty: delete it to have a new key made.")
    return key


# The local environment file (`make run` writes it); DJANGO_ENV_FILE names another one, and
# set to empty reads none (the test suite and its subprocesses do that).
_env_file = os.environ.get("DJANGO_ENV_FILE", str(BASE_DIR / ".env.local")).strip()
if _env_file:
    read_env_file(Path(_env_file))

# Fail closed: debug only when asked for.
DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. With DJANGO_DEBUG off (the default) it is "
            "required: set it to a long random value (for example: python3 -c "
            "'import secrets; print(secrets.token_urlsafe(50))'). For local development, "
            "run `make run` once: it writes .env.local with DJANGO_DEBUG=1 and a key."
        )
    SECRET_KEY = dev_secret_key(DATA_DIR / "dev-secret-key")

ALLOWED_HOSTS = envlist(
    "DJANGO_ALLOWED_HOSTS",
    ["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else [],
)
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # django.contrib.admin, with an admin site that asks staff for their second factor.
    "questionnaire.accounts.apps.SecondFactorAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so runserver serves static files through WhiteNoise as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "formtools",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "questionnaire",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers on every response, including the health check's and static files'.
    "csp.middleware.CSPMiddleware",
    "questionnaire.middleware.PermissionsPolicyMiddleware",
    # Answers /healthz before CommonMiddleware checks the Host against ALLOWED_HOSTS.
    "questionnaire.middleware.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language: Django's language cookie (the switcher in base.html sets it),
    # else the browser's Accept-Language; URLs carry no language prefix.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The answer to a sign-in sets the language cookie to the person's stored choice.
    "questionnaire.accounts.language.StoredLanguageMiddleware",
    # request.user.is_verified(): a second factor was given in this session.
    "django_otp.middleware.OTPMiddleware",
    # After authentication: Cache-Control: no-store on responses to signed-in users.
    "questionnaire.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A password sign-in of someone with a second factor waits on the verify page.
    "questionnaire.accounts.middleware.SecondFactorPendingMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the "sign-in paused" page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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

# Django's form widgets, built in Python with the markup of Django's templates (a wizard step
# rendered them through about 200 template includes: questionnaire/lib/form_renderer.py).
FORM_RENDERER = "questionnaire.lib.form_renderer.WidgetRenderer"

# Concurrent use of SQLite: WAL lets readers work beside one writer, IMMEDIATE takes the
# write lock when a transaction starts (no upgrade deadlock), and a writer waits up to 20 s
# for the lock instead of failing with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    _parsed = dj_database_url.parse(
        _database_url,
        conn_max_age=envint("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # A SQLite file named by URL (a throwaway database, say) is used as concurrently as the
    # default one: without these it would fail with "database is locked" after 5 s.
    if _parsed["ENGINE"] == "django.db.backends.sqlite3":
        _parsed["OPTIONS"] = {**SQLITE_OPTIONS, **_parsed.get("OPTIONS", {})}
    DATABASES = {"default": dict(_parsed)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# Sign-in security (README, "Sign-in security"; questionnaire.accounts).
# Login throttling, django-axes: after DJANGO_LOGIN_FAILURE_LIMIT wrong passwords within
# DJANGO_LOGIN_COOLOFF_MINUTES, sign-in is paused for that account (from any address) and,
# separately, from that address (for any account), until the cool-off has passed since the
# last failure. The axes backend comes first: a paused attempt is refused before any password
# is hashed, so a flood of attempts costs no CPU. Attempts refused while paused neither count
# nor extend the pause, and a success does not wipe the failures (with AXES_RESET_ON_SUCCESS,
# an attacker's own valid sign-in from the same address would clear the address's count).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, the user of a session read with one plain statement.
    "questionnaire.accounts.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "questionnaire.lib.client.client_ip"
AXES_LOCKOUT_CALLABLE = "questionnaire.accounts.throttling.lockout_response"
AXES_RESET_ON_SUCCESS = False
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
# Two-factor sign-in, django-otp: attesters, administrators and staff confirm a second factor
# (an authenticator app's code, or a recovery code) before they sign or manage.
TWO_FACTOR_REQUIRED = envbool("DJANGO_TWO_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = os.environ.get("DJANGO_TWO_FACTOR_ISSUER", "GPAI Assessor")
# The admin shows no TOTP secret nor recovery code: whoever reads one holds the factor.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# English (British spelling in the source texts), German and French: Django's own i18n, with
# the catalogues in locale/ (compiled by `manage.py compile_catalogues`, which `make run`,
# `make test` and the test suite call; README, "Languages").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("de", "Deutsch"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English keeps the British date and number formats it had as "en-gb" (config/formats/en).
FORMAT_MODULE_PATH = ["config.formats"]
# The switcher's choice is kept a year, in a cookie sent as the session cookie is.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Signed records and their PDF reports. The keys live outside the repository (data/ is
# not in git); production points these at a secrets volume.
RECORD_SIGNING_KEY_FILE = Path(
    os.environ.get("RECORD_SIGNING_KEY_FILE", DATA_DIR / "keys" / "record-signing-key.pem")
)
RECORD_DOCUMENT_CERT_FILE = Path(
    os.environ.get("RECORD_DOCUMENT_CERT_FILE", DATA_DIR / "keys" / "document-certificate.p12")
)
RECORD_DOCUMENT_CERT_PASSWORD = os.environ.get("RECORD_DOCUMENT_CERT_PASSWORD", "")
# A record's PDF report is rendered and PAdES-signed after the record commits, outside the
# organisation's lock: on a background thread (the attesting request ends at its commit),
# or at once in the request with GPAI_REPORTS_IN_BACKGROUND=0. A failed render is retried
# after each of these delays (seconds); the record's pages schedule it again while missing.
REPORTS_IN_BACKGROUND = envbool("GPAI_REPORTS_IN_BACKGROUND", True)
# With GPAI_REPORT_WORKER=1 the web processes render no report at all: a separate worker
# does (`manage.py render_reports --every 2`, on its own machine or at a lower priority),
# and the record's pages say "being prepared" until it has. See README, "Scaling out".
REPORT_WORKER = envbool("GPAI_REPORT_WORKER", False)
REPORT_RETRY_DELAYS: tuple[float, ...] = (2.0, 10.0, 60.0)
# E-mail (review requests, invitations, reminders) goes through an outbox table: written
# with what it tells about, sent after the commit on a background thread, or at once with
# GPAI_OUTBOX_IN_BACKGROUND=0; `manage.py send_outbox` sends what is left (a mail server that
# was down). Django's EMAIL_* settings say how: the console in development (DEBUG), SMTP
# otherwise (DJANGO_EMAIL_HOST, _PORT, _HOST_USER, _HOST_PASSWORD, _USE_TLS).
OUTBOX_IN_BACKGROUND = envbool("GPAI_OUTBOX_IN_BACKGROUND", True)
# Days an invitation link to join an organisation stays usable (README, "Members").
INVITATION_DAYS = envint("GPAI_INVITATION_DAYS", 7)
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = envint("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = envint("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "GPAI Assessor <noreply@localhost>"
)
# Chain-head checkpoints leave the database: after every record, the organisation's signed
# chain head is appended to this file (one JSON line each; `manage.py verify_records
# --checkpoints FILE` checks the chain against it). Point it at storage the database's
# administrators cannot rewrite (an append-only or write-once volume, a log shipper);
# set it empty to write none.
_checkpoints = os.environ.get(
    "GPAI_CHAIN_CHECKPOINT_FILE", str(DATA_DIR / "chain-checkpoints.jsonl")
).strip()
CHAIN_CHECKPOINT_FILE = Path(_checkpoints) if _checkpoints else None
# The public address printed on reports for verification (and in their QR code).
SITE_URL = os.environ.get("GPAI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", DATA_DIR / "media"))
# Request sizes. Uploads over 2.5 MB go to a temporary file rather than memory; a request
# body without files (a wizard step, a form) may hold at most 1 MB. /verify/ refuses a file
# over VERIFY_UPLOAD_MAX_BYTES from its Content-Length, before reading it.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 1_048_576
VERIFY_UPLOAD_MAX_BYTES = 10 * 1024 * 1024
# Evidence attached to an answer (a training-run report, a licence): the largest file
# accepted, in bytes. deploy/nginx.conf lets uploads to the evidence pages through up to
# 10 MiB and 64 KiB of framing: raise it there too when raising this.
EVIDENCE_MAX_BYTES = envint("GPAI_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
# The audit trail keeps who did what for ever, but the address and browser of each event
# (personal data) only this many days: `manage.py audit_truncate_addresses`, run daily,
# clears older ones.
AUDIT_ADDRESS_RETENTION_DAYS = envint("DJANGO_AUDIT_ADDRESS_RETENTION_DAYS", 90)

# The JSON API for training pipelines (questionnaire.api): requests a token may make in a
# minute (Django's cache counts them); one more is answered 429 with Retry-After.
API_RATE_LIMIT_PER_MINUTE = envint("GPAI_API_RATE_LIMIT_PER_MINUTE", 120)

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files need `collectstatic`; in development files are served as they are.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Decided here from the environment rather than from DEBUG at run time, because the test
# runner switches DEBUG off: tests then still find static files without `collectstatic`.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# "fragments": parts of pages that are the same for everyone of a language (the layout's
# navigation, links and footer; {% cache ... using="fragments" %} in base.html), kept by each
# process for as long as it runs. Always in the process's memory: templates and translations
# change only with a deploy, which restarts the processes, whereas a shared cache configured
# as "default" would outlive it.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}

# Security. Every default below is right for production once DJANGO_DEBUG is off and
# harmless for local development over plain HTTP while it is on.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
# Sign-ins last 8 hours (a working day), not Django's two weeks. The session is not saved on
# every request (that would write the database on each page view), so the 8 hours count
# from the last change to the session, in practice from signing in.
SESSION_COOKIE_AGE = envint("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = False
# Django's database sessions, read with one plain statement on every request (issue 11).
SESSION_ENGINE = "questionnaire.accounts.sessions"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = SESSION_COOKIE_SAMESITE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", False)
# Reverse proxies in front of the app (the nginx recipe has 1): the client address is then
# read from X-Forwarded-For, as questionnaire.lib.client explains. 0 trusts no header.
TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", 0)
# Only behind a proxy that terminates TLS and always sets X-Forwarded-Proto itself.
if envbool("DJANGO_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp): no inline script or style anywhere. The pages load
# only their own static files; the compute chart is SVG with presentation attributes only.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "frame-ancestors": [_NONE],
        "form-action": [_SELF],
    },
}

# Everything to standard error, where gunicorn and container platforms collect it; without
# this, errors in production would only go to (unconfigured) admin e-mail.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {
            "handlers": ["console"],
            "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
