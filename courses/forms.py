"""Forms of the catalogue pages. They read input; the services validate and save."""

from __future__ import annotations

from django import forms

from courses.models import MIN_PRACTICUM_HOURS, CostItem, Course, PaymentPlan, Program
from courses.selectors import course_choices
from lms.forms import IdMultipleChoiceField
from lms.models import Tenant


class ServiceModelForm(forms.ModelForm):
    """A ModelForm for labels, widgets and choices only.

    The model is validated and saved by a service, whose ValidationErrors the
    view puts on the form (``add_service_errors``); the form never touches
    its instance, so a refused change leaves the object as it was.
    """

    def _post_clean(self) -> None:
        pass


class ProgramForm(ServiceModelForm):
    practicum_hours = forms.IntegerField(
        label="Required practicum hours",
        min_value=MIN_PRACTICUM_HOURS,
        max_value=2000,
        error_messages={"min_value": f"A program requires at least {MIN_PRACTICUM_HOURS} practicum hours."},
        help_text=f"At least {MIN_PRACTICUM_HOURS} hours of supervised coding practice.",
    )
    length_months = forms.IntegerField(label="Typical length in months", min_value=1, max_value=72)

    class Meta:
        model = Program
        fields = [
            "name", "slug", "kind", "description", "length_months", "admission_requirement", "practicum_hours",
            "is_published",
        ]
        labels = {
            "slug": "Short name for addresses",
            "admission_requirement": "Admission requirement",
            "is_published": "Published",
        }
        help_texts = {
            "slug": "Lower-case letters, numbers and hyphens, for example cpc-certificate. Left blank, it is made from the name.",
            "description": "What a graduate can do: the credential it prepares for, the settings they can work in.",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False


class CourseForm(ServiceModelForm):
    prerequisites = IdMultipleChoiceField(
        label="Prerequisites",
        queryset=Course.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Courses a student must complete (or have waived) before taking this one.",
    )

    class Meta:
        model = Course
        fields = ["code", "title", "summary", "credit_hours", "credential"]
        labels = {"code": "Course code", "credential": "Prepares for", "credit_hours": "Credit hours"}
        help_texts = {"code": "For example MCC-101: capital letters, a hyphen, a number."}
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        choices = course_choices(tenant=tenant)
        if self.instance.pk:
            choices = choices.exclude(pk=self.instance.pk)
            self.initial.setdefault(
                "prerequisites", [link.required_id for link in getattr(self.instance, "prerequisites_in_order", [])]
            )
        self.fields["prerequisites"].queryset = choices

    def clean_code(self) -> str:
        return (self.cleaned_data.get("code") or "").strip().upper()


class CourseFilterForm(forms.Form):
    q = forms.CharField(label="Code or title", required=False, max_length=100)


class ProgramCourseAddForm(forms.Form):
    course = forms.ModelChoiceField(label="Course", queryset=Course.objects.none(), empty_label="Choose a course")
    position = forms.IntegerField(
        label="Position",
        min_value=1,
        required=False,
        help_text="1 is taught first. Left blank, the course goes at the end.",
    )

    def __init__(self, *args, tenant: Tenant, program: Program, **kwargs):
        kwargs.setdefault("auto_id", "add_%s")  # the edit page holds the program form too
        super().__init__(*args, **kwargs)
        taken = [link.course_id for link in getattr(program, "courses_in_order", [])]
        self.fields["course"].queryset = course_choices(tenant=tenant).exclude(pk__in=taken)


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class CostItemForm(ServiceModelForm):
    class Meta:
        model = CostItem
        fields = ["kind", "label", "amount", "position"]
        labels = {"kind": "Kind", "label": "What it is", "amount": "Amount (US$)", "position": "Order on the page"}
        help_texts = {
            "label": "For example: Tuition, Technology fee, CPC exam voucher, Encoder subscription (12 months).",
            "position": "Lower numbers are listed first.",
        }


class PaymentPlanForm(ServiceModelForm):
    class Meta:
        model = PaymentPlan
        fields = ["name", "down_payment", "instalments", "interval", "note"]
        labels = {
            "name": "Name",
            "down_payment": "Down payment (US$)",
            "instalments": "Number of instalments",
            "interval": "Paid",
            "note": "Note",
        }
        help_texts = {
            "name": "For example: Six monthly payments.",
            "down_payment": "Paid before the first instalment; 0 for none.",
            "note": "For example: no interest; the first payment is due before the term starts.",
        }
