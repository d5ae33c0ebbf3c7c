from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Terms, cohorts and enrollment"
    default_auto_field = "django.db.models.BigAutoField"
