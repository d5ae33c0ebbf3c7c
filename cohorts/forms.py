"""Forms of the term, cohort and catalogue pages. They read input; the services validate and save."""

from __future__ import annotations

from django import forms

from cohorts.models import Cohort, CohortStaff, Term
from cohorts.selectors import staff_candidates
from courses.forms import ServiceModelForm
from courses.selectors import course_choices
from lms.forms import IdMultipleChoiceField
from lms.models import Tenant


def _date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TermForm(ServiceModelForm):
    class Meta:
        model = Term
        fields = ["name", "starts_on", "ends_on", "enrollment_opens_on", "enrollment_closes_on", "drop_deadline"]
        labels = {
            "name": "Name",
            "starts_on": "First day",
            "ends_on": "Last day",
            "enrollment_opens_on": "Enrollment opens",
            "enrollment_closes_on": "Enrollment closes",
            "drop_deadline": "Last day to drop",
        }
        help_texts = {
            "enrollment_opens_on": "On or before the first day.",
            "enrollment_closes_on": "Students may still apply in the first weeks; by the last day at the latest.",
            "drop_deadline": "Between the first and the last day.",
        }
        widgets = {field: _date_input() for field in fields[1:]}


class _StaffChoice(IdMultipleChoiceField):
    def label_from_instance(self, membership) -> str:
        user = membership.user
        name = user.full_name or user.email
        return f"{name} ({membership.get_role_display()})"


class CohortForm(ServiceModelForm):
    capacity = forms.IntegerField(
        label="Capacity",
        min_value=1,
        error_messages={"min_value": "A cohort needs at least 1 seat."},
        help_text="Seats. Raising it admits the first students on the waitlist.",
    )
    instructors = _StaffChoice(
        label="Instructors", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="They teach and grade the cohort.",
    )
    teaching_assistants = _StaffChoice(
        label="Teaching assistants", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="They help grade and answer questions.",
    )

    class Meta:
        model = Cohort
        fields = ["course", "term", "section_code", "capacity", "time_zone", "meeting_pattern"]
        labels = {
            "section_code": "Section code",
            "time_zone": "Time zone",
            "meeting_pattern": "Meeting pattern",
        }
        help_texts = {"time_zone": "Deadlines and live sessions use this zone's local time."}

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = course_choices(tenant=tenant)
        self.fields["course"].empty_label = "Choose a course"
        self.fields["term"].queryset = Term.objects.filter(tenant=tenant).order_by("-starts_on", "name")
        self.fields["term"].empty_label = "Choose a term"
        self.fields["term"].label_from_instance = _term_label
        candidates = staff_candidates(tenant=tenant)
        self.fields["instructors"].queryset = candidates
        self.fields["teaching_assistants"].queryset = candidates
        if self.instance.pk:
            staff = list(self.instance.staff.all())
            self.initial.setdefault("instructors", [s.membership_id for s in staff if s.role == CohortStaff.Role.INSTRUCTOR])
            self.initial.setdefault("teaching_assistants", [s.membership_id for s in staff if s.role == CohortStaff.Role.TA])

    def clean(self) -> dict:
        cleaned = super().clean()
        both = set(cleaned.get("instructors") or []) & set(cleaned.get("teaching_assistants") or [])
        if both:
            names = ", ".join(sorted(m.user.full_name or m.user.email for m in both))
            self.add_error("teaching_assistants", f"{names}: choose either instructor or teaching assistant, not both.")
        return cleaned

    def service_fields(self) -> tuple[dict, list]:
        """The cohort's fields and its staff as (membership, role) pairs, for ``cohort_save``."""
        fields = dict(self.cleaned_data)
        staff = [(m, CohortStaff.Role.INSTRUCTOR) for m in fields.pop("instructors")]
        staff += [(m, CohortStaff.Role.TA) for m in fields.pop("teaching_assistants")]
        return fields, staff


def _term_label(term: Term) -> str:
    return f"{term.name} ({term.starts_on:%b} {term.starts_on.day}, {term.starts_on.year} to {term.ends_on:%b} {term.ends_on.day}, {term.ends_on.year})"


class CohortFilterForm(forms.Form):
    term = forms.ModelChoiceField(label="Term", queryset=None, required=False, empty_label="All terms")
    course = forms.ModelChoiceField(label="Course", queryset=None, required=False, empty_label="All courses")
    q = forms.CharField(label="Section or title", required=False, max_length=100)

    def __init__(self, *args, tenant: Tenant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = Term.objects.filter(tenant=tenant).order_by("-starts_on", "name")
        self.fields["course"].queryset = course_choices(tenant=tenant)


class ApplyForm(forms.Form):
    attested_admission = forms.BooleanField(
        label="I hold a high-school diploma or GED",
        required=False,  # the service refuses a missing attestation with its own message
        help_text="Admission to the school's programs requires it; the registrar may ask for a copy.",
    )
