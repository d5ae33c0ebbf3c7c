"""Forms of the enrollment pages: the registrar's queue, the roster and the decisions that need a reason."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from cohorts.models import Cohort, Enrollment
from courses.models import Course

STATE_CHOICES = [("", "Any state"), *Enrollment.State.choices]
DEFAULT_QUEUE_STATE = Enrollment.State.APPLIED


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, cohort: Cohort) -> str:
        return f"{cohort.section_code} · {cohort.course.code} {cohort.course.title} · {cohort.term.name}"


class EnrollmentQueueFilterForm(forms.Form):
    """Filters of the queue. Without a state in the query string the queue shows applications."""

    cohort = CohortChoiceField(label="Cohort", queryset=Cohort.objects.none(), required=False, empty_label="All cohorts")
    state = forms.ChoiceField(label="State", choices=STATE_CHOICES, required=False)
    q = forms.CharField(label="Student name or email", required=False, max_length=100)

    def __init__(self, data=None, *, cohorts: QuerySet[Cohort], **kwargs):
        if data is not None and "state" not in data:
            data = data.copy()
            data["state"] = DEFAULT_QUEUE_STATE
        super().__init__(data, **kwargs)
        self.fields["cohort"].queryset = cohorts


class RosterFilterForm(forms.Form):
    state = forms.ChoiceField(label="State", choices=STATE_CHOICES, required=False)
    q = forms.CharField(label="Student name or email", required=False, max_length=100)


class ReasonForm(forms.Form):
    """A decision the student reads the reason for (decline, drop)."""

    reason = forms.CharField(label="Reason", max_length=255, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, reason_required: bool = True, required_message: str = "", help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = reason_required
        if required_message:
            field.error_messages["required"] = required_message
        if help_text:
            field.help_text = help_text
        if not reason_required:
            field.label = "Reason (optional)"


class DeclineForm(ReasonForm):
    def __init__(self, *args, **kwargs):
        super().__init__(
            *args,
            required_message="Say why the application is declined; the student will read it.",
            help_text="The student sees this reason on their enrollment page.",
            **kwargs,
        )


class DropForm(ReasonForm):
    def __init__(self, *args, reason_required: bool = True, **kwargs):
        super().__init__(
            *args,
            reason_required=reason_required,
            required_message="Say why the student is dropped.",
            help_text="Kept with the enrollment's history." if reason_required else "Telling us why helps us plan future terms.",
            **kwargs,
        )


class WaiveForm(forms.Form):
    course = forms.ModelChoiceField(
        label="Prerequisite to waive",
        queryset=Course.objects.none(),
        empty_label=None,
        help_text="The student may then take courses that require it without having completed it here.",
    )
    reason = forms.CharField(
        label="Reason",
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: transfer credit for medical terminology from a community college.",
        error_messages={"required": "Say why the prerequisite is waived (for example: transfer credit)."},
    )

    def __init__(self, *args, courses: list[Course], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.filter(pk__in=[c.pk for c in courses]).order_by("code")
        self.fields["course"].label_from_instance = lambda course: f"{course.code} {course.title}"
