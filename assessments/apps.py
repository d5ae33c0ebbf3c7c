from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Question banks, quizzes and practice exams"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from assessments import notices, requirements  # noqa: F401  (notification kinds; "pass the module quiz")
        from assessments.calendar_events import assessment_due_dates
        from assessments.schedule_notices import assessment_notices
        from assessments.services import audit_labels  # noqa: F401
        from cohorts import calendar, schedule

        schedule.register_source(assessment_notices)
        calendar.register_source(assessment_due_dates)

        from assessments.key_review import on_release_ready
        from codesets.signals import release_ready

        release_ready.connect(on_release_ready, dispatch_uid="assessments-key-review")
