"""Test settings: the real settings with fast hashing and captured email.

DATABASE_URL and REDIS_URL still apply, so CI runs the suite on PostgreSQL
and sends Celery work through Redis where a test asks for a real worker.
Ordinary tests run tasks eagerly so they stay inside the test transaction.
"""

from lms.settings import *  # noqa: F401,F403
from lms.settings import REDIS_URL

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
# Throttle counters must not leak from one test to the next, so the cache is
# per process; tests/lms/test_services_redis.py checks the Redis cache itself.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LMS_REAL_REDIS_URL = REDIS_URL
