"""CodeCohort settings.

With no environment at all this runs on SQLite with eager Celery tasks and
console email, which is what ``make run`` uses. Production sets
DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and EMAIL_URL.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from lms.env import env_bool, env_int, env_list, env_str, parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-codecohort"

# The Domain table is the real allow-list: TenantMiddleware answers 404 for
# any host no school owns before a view can build a URL from it. Set
# ALLOWED_HOSTS to narrow it further at the proxy's level of trust.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=["*"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "lms",
    "codesets",
    "courses",
    "cohorts",
    "assessments",
]

MIDDLEWARE = [
    "lms.bench_ceiling.CeilingMiddleware",  # only under LMS_BENCH_CEILING=1 (make bench)
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lms.middleware.TenantMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.middleware.MembershipMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

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
                "lms.context_processors.tenant",
            ],
        },
    },
]
# Widgets render through the templates above, so a widget of ours keeps its
# template in templates/<app>/widgets/ beside the pages (Django's own come
# from the "django.forms" app).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "lms.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# lms/hashers.py says why: Argon2id first, PBKDF2 to check (and upgrade) older hashes.
PASSWORD_HASHERS = [
    "lms.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "lms:dashboard"

# django-allauth: email is the login, no usernames.
ACCOUNT_ADAPTER = "lms.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[CodeCohort] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CodeCohort"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: console by default; EMAIL_URL=smtp+tls://user:pass@host:587?from=...
globals().update(parse_email_url(env_str("EMAIL_URL", "console://")))
DEFAULT_FROM_EMAIL = globals().get("DEFAULT_FROM_EMAIL", env_str("DEFAULT_FROM_EMAIL", "CodeCohort <noreply@codecohort.test>"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Redis: the Celery broker and the cache. Without it tasks run in-process.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions read from the shared cache, written through to the database (which
    # keeps them across a cache flush). Only with a shared cache: a per-process one
    # would let a worker serve a session another worker has already ended.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# Redis redelivers unacknowledged messages after this; nothing is scheduled
# further ahead than it (due times live in the database, see DESIGN.md).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULE = {
    "expire-invitations": {"task": "lms.tasks.expire_invitations", "schedule": 15 * 60},
    "resend-unsent-invitations": {"task": "lms.tasks.resend_unsent_invitations", "schedule": 5 * 60},
    "requeue-stuck-enrollment-imports": {"task": "cohorts.tasks.requeue_stuck_enrollment_imports", "schedule": 5 * 60},
    "dispatch-notification-emails": {"task": "lms.tasks.dispatch_notification_emails", "schedule": 5 * 60},
    "dispatch-term-schedule": {"task": "cohorts.tasks.dispatch_term_schedule", "schedule": 5 * 60},
    "publish-due-announcements": {"task": "cohorts.tasks.publish_due_announcements", "schedule": 60},
    "close-overdue-attempts": {"task": "assessments.tasks.close_overdue_attempts", "schedule": 60},
    "requeue-stuck-bank-imports": {"task": "assessments.tasks.requeue_stuck_bank_imports", "schedule": 5 * 60},
}

# Assessments: saves sent just before an attempt's deadline are taken this long after it; a grading
# claim older than the stale time belongs to a worker that died and may be taken again.
ASSESSMENT_SAVE_GRACE_SECONDS = env_int("ASSESSMENT_SAVE_GRACE_SECONDS", 30)
ASSESSMENT_GRADING_STALE_SECONDS = env_int("ASSESSMENT_GRADING_STALE_SECONDS", 120)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated", "lms.permissions.IsTenantMember"],
    "DEFAULT_PAGINATION_CLASS": "lms.api_support.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_THROTTLE_ANON", "60/minute"),
        "user": env_str("API_THROTTLE_USER", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "lms.api_support.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CodeCohort API",
    "DESCRIPTION": "The CodeCohort LMS API. Every request is scoped to the school of the host it is sent to.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Two different "role" choice sets: a member's role in the school, a staff member's role in a cohort.
    "ENUM_NAME_OVERRIDES": {
        "MemberRoleEnum": "lms.models.Role",
        "CohortStaffRoleEnum": "cohorts.models.CohortStaff.Role",
        "NotificationModeEnum": "lms.notifications.kinds.Mode",
        "LiveSessionKindEnum": "cohorts.models.LiveSession.Kind",
        "QuestionKindEnum": "assessments.models.QuestionKind",
        "AssessmentKindEnum": "assessments.models.Assessment.Kind",
        "ReleasePolicyEnum": "assessments.models.ShowWhen",
        "AttemptStateEnum": "assessments.models.Attempt.State",
    },
}

# Behind a TLS-terminating proxy in production.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Uploads: school logos are small raster images.
LOGO_MAX_BYTES = 512 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Course content: lecture videos (MP4 or WebM), their WebVTT captions, reading images and attachments.
LESSON_VIDEO_MAX_BYTES = env_int("LESSON_VIDEO_MAX_MB", 500) * 1024 * 1024
LESSON_CAPTIONS_MAX_BYTES = 1024 * 1024
LESSON_IMAGE_MAX_BYTES = 5 * 1024 * 1024
LESSON_ATTACHMENT_MAX_BYTES = env_int("LESSON_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
READING_MAX_CHARS = 100_000

INVITATION_TTL_DAYS = env_int("INVITATION_TTL_DAYS", 14)
# How often an open page asks for the bell's unread count.
NOTIFICATION_BELL_POLL_SECONDS = env_int("NOTIFICATION_BELL_POLL_SECONDS", 30)
# Links in emails sent by background jobs: the port after the school's host (0: the scheme's own).
LINK_PORT = env_int("LINK_PORT", env_int("PORT", 8000) if DEBUG else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
