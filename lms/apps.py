from django.apps import AppConfig


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = "CodeCohort platform"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms import invalidation, signals  # noqa: F401  (connect the cache and allauth receivers)
