"""The Celery app. Without REDIS_URL tasks run eagerly in-process."""

import os

from celery import Celery
from django.db import OperationalError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

app = Celery("lms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The options of a task that claims its work (DESIGN.md, "Background work"): acknowledged after it
# ran, so a killed worker's message runs again; retried when the database blips. Only tasks whose
# service claims with a conditional update may use them: a second run must do no harm.
CLAIMED_TASK = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 3,
}
