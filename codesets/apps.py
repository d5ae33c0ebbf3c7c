from django.apps import AppConfig


class CodesetsConfig(AppConfig):
    name = "codesets"
    verbose_name = "Code sets"
    default_auto_field = "django.db.models.BigAutoField"
