from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and programs"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from courses.models import CostItem, Credential, PaymentPlan, Program
        from lms.audit import register_audit_labels

        register_audit_labels(
            actions={
                "program.created": "Program created",
                "program.changed": "Program changed",
                "program.course_added": "Course added to a program",
                "program.course_moved": "Course moved in a program",
                "program.course_removed": "Course removed from a program",
                "program.cost_changed": "Program cost changed",
                "program.plan_changed": "Payment plan changed",
                "course.created": "Course created",
                "course.changed": "Course changed",
            },
            fields={
                "slug": "Address name",
                "kind": "Kind",
                "description": "Description",
                "length_months": "Length in months",
                "admission_requirement": "Admission requirement",
                "practicum_hours": "Practicum hours",
                "is_published": "Published",
                "position": "Position",
                "code": "Code",
                "title": "Title",
                "summary": "Summary",
                "credit_hours": "Credit hours",
                "credential": "Prepares for",
                "prerequisites": "Prerequisites",
                "label": "Label",
                "amount": "Amount",
                "down_payment": "Down payment",
                "instalments": "Instalments",
                "interval": "Interval",
                "note": "Note",
            },
            values={
                "program.kind": {**dict(Program.Kind.choices), **dict(CostItem.Kind.choices)},
                "admission_requirement": dict(Program.Admission.choices),
                "credential": dict(Credential.choices),
                "interval": dict(PaymentPlan.Interval.choices),
            },
        )
