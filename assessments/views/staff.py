"""Staff pages: a cohort's written answers to grade, and the registrars' accommodation profiles."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from assessments import permissions, selectors
from assessments.models import Accommodation, AttemptItem
from assessments.services import delivery, regrade
from cohorts.selectors import cohort_get_for, students_of_school
from lms.forms import add_service_errors
from lms.models import Membership, Role
from lms.permissions import is_registrar, member_required
from lms.selectors import object_id

NOT_STAFF = "Only the cohort's staff and the school's registrars grade its answers."


@member_required()
def grading_queue(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = cohort_get_for(membership=request.membership, cohort_id=cohort_id, counts=False)
    if not permissions.can_grade(request.membership, cohort):
        raise Http404("No such cohort.")
    return render(request, "assessments/staff/grading_queue.html", {
        "cohort": cohort, "items": regrade.hand_grading_queue(cohort_ids=[cohort.pk]),
    })


@member_required()
@require_POST
def item_grade(request: HttpRequest, attempt_id: int, position: int) -> HttpResponse:
    attempt = selectors.attempt_get_for(membership=request.membership, attempt_id=attempt_id)
    if not permissions.can_grade(request.membership, attempt.scheduled.cohort):
        raise Http404("No such attempt.")
    item = AttemptItem.objects.filter(attempt=attempt, position=position).first()
    if item is None:
        raise Http404("No such question in this attempt.")
    try:
        regrade.item_hand_grade(tenant=request.tenant, actor=request.user, item=item, earned=request.POST.get("earned", ""),
                                feedback=request.POST.get("feedback", ""))
        messages.success(request, f"Question {position} graded.")
    except ValidationError as exc:
        messages.error(request, f"Question {position}: {' '.join(exc.messages)}")
    back = request.POST.get("next", "")
    if back == "queue":
        return redirect("assessments:grading_queue", cohort_id=attempt.scheduled.cohort_id)
    return redirect("assessments:attempt_results", attempt_id=attempt.pk)


class AccommodationForm(forms.Form):
    student = forms.ModelChoiceField(queryset=Membership.objects.none())
    time_multiplier = forms.DecimalField(min_value=Decimal("1.00"), max_value=Decimal("4.00"), decimal_places=2, initial="1.50",
                                         help_text="1.5 is time and a half; 2 is double time.")
    extra_attempts = forms.IntegerField(min_value=0, max_value=10, initial=0)
    close_extension_hours = forms.IntegerField(min_value=0, max_value=24 * 30, initial=0, label="Close extended by (hours)",
                                               help_text="Every availability window closes this much later for the student.")
    note = forms.CharField(max_length=255, required=False, help_text="For staff: the plan it comes from.")

    def __init__(self, *args, tenant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = students_of_school(tenant=tenant).select_related("user")
        self.fields["student"].label_from_instance = lambda m: f"{m.user.display_name} ({m.user.email})"


@member_required(is_registrar, "Only the school's registrars set accommodations.")
@require_http_methods(["GET", "POST"])
def accommodation_list(request: HttpRequest) -> HttpResponse:
    initial = {}
    editing = request.GET.get("student")
    if editing:
        row = Accommodation.objects.filter(tenant=request.tenant, membership_id=object_id(editing)).first()
        initial = {"student": object_id(editing)}
        if row is not None:
            initial.update(time_multiplier=row.time_multiplier, extra_attempts=row.extra_attempts,
                           close_extension_hours=row.close_extension_hours, note=row.note)
    form = AccommodationForm(request.POST or None, initial=initial, tenant=request.tenant)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        student = data.pop("student")
        try:
            delivery.accommodation_set(tenant=request.tenant, actor=request.user, membership=student, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Accommodation saved for {student.user.display_name}; open attempts follow it now.")
            return redirect("assessments:accommodation_list")
    rows = selectors.accommodations_visible_to(membership=request.membership).filter(membership__role=Role.STUDENT) \
        .order_by("membership__user__full_name")
    return render(request, "assessments/staff/accommodations.html", {"rows": rows, "form": form})


urlpatterns = [
    path("cohorts/<int:cohort_id>/grading/", grading_queue, name="grading_queue"),
    path("attempts/<int:attempt_id>/items/<int:position>/grade/", item_grade, name="item_grade"),
    path("accommodations/", accommodation_list, name="accommodation_list"),
]
