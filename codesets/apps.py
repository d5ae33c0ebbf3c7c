from django.apps import AppConfig


class CodesetsConfig(AppConfig):
    name = "codesets"
    verbose_name = "Code sets"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from lms.audit import register_audit_labels

        from codesets.models import Release

        register_audit_labels(
            actions={
                "cpt_release.uploaded": "CPT file uploaded",
                "cpt_release.deleted": "CPT file removed",
                "cpt_release.loaded_from_shell": "CPT file loaded on the server",
            },
            fields={
                "version": "Version",
                "item_count": "Codes",
                "upload": "File",
                "effective_from": "Effective from",
                "source": "Source",
            },
            values={"release.status": dict(Release.Status.choices)},
            files={"upload": "CSV file"},
        )
