"""The enrollment services: applying, approving, the waitlist, dropping, waivers and completion."""

from __future__ import annotations

import datetime
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import selectors, services
from cohorts.models import Enrollment
from courses.models import Prerequisite
from lms.models import AuditLogEntry, Role
from tests.factories import CohortFactory, CourseFactory, EnrollmentFactory, MembershipFactory, TermFactory


@pytest.fixture
def registrar(school_a):
    return school_a.membership(school_a.registrar)


def student(school, n: int):
    return MembershipFactory(tenant=school.tenant, role=Role.STUDENT, user__email=f"learner{n}@example.test")


def apply(member, cohort):
    return services.enrollment_apply(membership=member, cohort=cohort, attested_admission=True)


def apply_then_approve(registrar, members, cohort) -> list[Enrollment]:
    """Everyone applies while seats are free; the registrar then approves in that order."""
    applications = [apply(m, cohort) for m in members]
    return [services.enrollment_approve(actor=registrar, enrollment=e) for e in applications]


def test_application_to_a_cohort_with_seats_waits_for_approval(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=2)
    enrollment = apply(school_a.membership(school_a.student), cohort)
    assert enrollment.state == Enrollment.State.APPLIED
    assert enrollment.attested_admission is True


def test_application_without_attestation_is_refused_and_saves_nothing(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    with pytest.raises(ValidationError) as caught:
        services.enrollment_apply(membership=school_a.membership(school_a.student), cohort=cohort, attested_admission=False)
    assert "diploma or GED" in str(caught.value)
    assert not Enrollment.objects.exists()


def test_application_outside_the_window_is_refused(school_a):
    today = timezone.localdate()
    term = TermFactory(
        tenant=school_a.tenant,
        enrollment_opens_on=today + timedelta(days=3),
        enrollment_closes_on=today + timedelta(days=10),
    )
    cohort = CohortFactory(tenant=school_a.tenant, term=term)
    with pytest.raises(ValidationError, match="not taking applications"):
        apply(school_a.membership(school_a.student), cohort)


def test_instructor_cannot_apply(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    with pytest.raises(ValidationError, match="Only students"):
        apply(school_a.membership(school_a.instructor), cohort)


def test_applying_twice_is_refused(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    apply(school_a.membership(school_a.student), cohort)
    with pytest.raises(ValidationError, match="already have a place"):
        apply(school_a.membership(school_a.student), cohort)
    assert Enrollment.objects.count() == 1


def test_a_dropped_student_may_apply_again_on_the_same_row(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    first = apply(school_a.membership(school_a.student), cohort)
    services.enrollment_drop(actor=registrar, enrollment=first, reason="Moved to the evening section")
    again = apply(school_a.membership(school_a.student), cohort)
    assert again.pk == first.pk
    assert again.state == Enrollment.State.APPLIED
    assert again.reason == ""


def test_application_to_a_full_cohort_joins_the_waitlist(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    EnrollmentFactory(cohort=cohort, state="active")
    enrollment = apply(school_a.membership(school_a.student), cohort)
    assert enrollment.state == Enrollment.State.WAITLISTED
    assert selectors.waitlist_position(enrollment) == 1


def test_approval_fills_seats_then_waitlists_in_order(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    members = [student(school_a, n) for n in range(3)]
    applications = [apply(m, cohort) for m in members]
    states = [services.enrollment_approve(actor=registrar, enrollment=e).state for e in applications]
    assert states == ["active", "waitlisted", "waitlisted"]
    positions = [selectors.waitlist_position(Enrollment.objects.get(pk=e.pk)) for e in applications]
    assert positions == [None, 1, 2]


def test_dropping_an_active_student_promotes_the_first_on_the_waitlist(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    members = [student(school_a, n) for n in range(3)]
    first, second, third = apply_then_approve(registrar, members, cohort)
    services.enrollment_drop(actor=members[0], enrollment=first)
    second.refresh_from_db()
    third.refresh_from_db()
    assert (second.state, third.state) == ("active", "waitlisted")
    assert selectors.waitlist_position(third) == 1
    assert AuditLogEntry.objects.filter(action="enrollment.promoted", target_id=str(second.pk)).exists()


def test_declining_a_waitlisted_student_keeps_the_seat_count(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    members = [student(school_a, n) for n in range(2)]
    active, waiting = apply_then_approve(registrar, members, cohort)
    services.enrollment_decline(actor=registrar, enrollment=waiting, reason="Program is for new students only")
    waiting.refresh_from_db()
    active.refresh_from_db()
    assert waiting.state == "declined"
    assert waiting.reason == "Program is for new students only"
    assert active.state == "active"


def test_decline_needs_a_reason(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    enrollment = apply(school_a.membership(school_a.student), cohort)
    with pytest.raises(ValidationError) as caught:
        services.enrollment_decline(actor=registrar, enrollment=enrollment, reason="  ")
    assert "reason" in caught.value.message_dict
    enrollment.refresh_from_db()
    assert enrollment.state == "applied"


def test_student_cannot_approve(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    enrollment = apply(school_a.membership(school_a.student), cohort)
    with pytest.raises(ValidationError, match="Only registrars"):
        services.enrollment_approve(actor=school_a.membership(school_a.student2), enrollment=enrollment)


def test_student_drops_before_the_deadline_but_not_after(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    member = school_a.membership(school_a.student)
    enrollment = EnrollmentFactory(cohort=cohort, membership=member, state="active")
    term = cohort.term
    term.drop_deadline = timezone.localdate() - timedelta(days=1)
    term.starts_on = timezone.localdate() - timedelta(days=5)
    term.enrollment_opens_on = term.starts_on - timedelta(days=20)
    term.enrollment_closes_on = term.starts_on
    term.save()
    with pytest.raises(ValidationError, match="last day to drop"):
        services.enrollment_drop(actor=member, enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.state == "active"


def test_registrar_drops_after_the_deadline_with_a_reason(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    enrollment = EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    _term_running_past_its_drop_deadline(cohort.term)
    with pytest.raises(ValidationError):
        services.enrollment_drop(actor=registrar, enrollment=enrollment, reason="")
    services.enrollment_drop(actor=registrar, enrollment=enrollment, reason="Medical leave")
    enrollment.refresh_from_db()
    assert (enrollment.state, enrollment.reason) == ("dropped", "Medical leave")
    entry = AuditLogEntry.objects.get(action="enrollment.dropped")
    assert entry.actor == school_a.registrar
    assert entry.before["state"] == "active" and entry.after["state"] == "dropped"


def test_a_student_cannot_drop_someone_else(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    enrollment = EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    with pytest.raises(ValidationError):
        services.enrollment_drop(actor=school_a.membership(school_a.student2), enrollment=enrollment)


def test_missing_prerequisite_holds_the_application_until_waived(school_a, registrar):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    icd = CourseFactory(tenant=school_a.tenant, code="MCC-103")
    Prerequisite.objects.create(course=icd, required=basics)
    cohort = CohortFactory(tenant=school_a.tenant, course=icd, capacity=1)
    EnrollmentFactory(cohort=cohort, state="active")  # full: still "applied", not waitlisted
    member = school_a.membership(school_a.student)
    enrollment = apply(member, cohort)
    assert enrollment.state == "applied"
    with pytest.raises(ValidationError, match="MCC-101"):
        services.enrollment_approve(actor=registrar, enrollment=enrollment)
    services.prerequisite_waive(actor=registrar, student=member, course=basics, reason="Transfer credit from Lakeside CC")
    assert services.enrollment_approve(actor=registrar, enrollment=enrollment).state == "waitlisted"


def test_a_completed_prerequisite_counts(school_a, registrar):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    icd = CourseFactory(tenant=school_a.tenant, code="MCC-103")
    Prerequisite.objects.create(course=icd, required=basics)
    member = school_a.membership(school_a.student)
    past = EnrollmentFactory(cohort=CohortFactory(tenant=school_a.tenant, course=basics), membership=member, state="active")
    services.enrollment_complete(actor=registrar, enrollment=past, final_grade="A-")
    enrollment = apply(member, CohortFactory(tenant=school_a.tenant, course=icd))
    assert services.enrollment_approve(actor=registrar, enrollment=enrollment).state == "active"


def test_waiver_needs_a_reason_and_is_once_per_course(school_a, registrar):
    basics = CourseFactory(tenant=school_a.tenant)
    member = school_a.membership(school_a.student)
    with pytest.raises(ValidationError):
        services.prerequisite_waive(actor=registrar, student=member, course=basics, reason="")
    services.prerequisite_waive(actor=registrar, student=member, course=basics, reason="Prior CPC credential")
    with pytest.raises(ValidationError, match="already waived"):
        services.prerequisite_waive(actor=registrar, student=member, course=basics, reason="Again")


def test_completion_records_the_final_grade(cohort_a):
    school = cohort_a.school
    enrollment = services.enrollment_complete(
        actor=school.membership(school.instructor), enrollment=cohort_a.enrollment, final_grade="B+"
    )
    enrollment.refresh_from_db()
    assert (enrollment.state, enrollment.final_grade) == ("completed", "B+")
    assert enrollment.ended_at is not None


def test_registrar_admits_only_into_a_free_seat(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    services.enrollment_admit(actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    with pytest.raises(ValidationError, match="full"):
        services.enrollment_admit(
            actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student2), state="active"
        )
    assert Enrollment.objects.filter(cohort=cohort).count() == 1


def test_raising_capacity_promotes_from_the_waitlist(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    members = [student(school_a, n) for n in range(3)]
    apply_then_approve(registrar, members, cohort)
    services.cohort_save(tenant=school_a.tenant, actor=school_a.registrar, cohort=cohort, capacity=2)
    states = list(Enrollment.objects.filter(cohort=cohort).order_by("applied_at", "id").values_list("state", flat=True))
    assert states == ["active", "active", "waitlisted"]


def test_capacity_cannot_drop_below_the_active_count(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=3)
    EnrollmentFactory.create_batch(2, cohort=cohort, state="active")
    with pytest.raises(ValidationError) as caught:
        services.cohort_save(tenant=school_a.tenant, actor=school_a.registrar, cohort=cohort, capacity=1)
    assert "capacity" in caught.value.message_dict
    cohort.refresh_from_db()
    assert cohort.capacity == 3


def test_cohort_state_follows_the_term_dates_in_its_time_zone(school_a):
    term = TermFactory(
        tenant=school_a.tenant,
        enrollment_opens_on=datetime.date(2027, 1, 1),
        enrollment_closes_on=datetime.date(2027, 1, 20),
        starts_on=datetime.date(2027, 1, 11),
        ends_on=datetime.date(2027, 4, 30),
        drop_deadline=datetime.date(2027, 1, 25),
    )
    cohort = CohortFactory(tenant=school_a.tenant, term=term, time_zone="America/Los_Angeles")
    # 05:00 UTC on Jan 11 is still Jan 10 in Los Angeles: the term has not started there.
    morning_utc = datetime.datetime(2027, 1, 11, 5, 0, tzinfo=datetime.UTC)
    assert cohort.state_on(cohort.local_today(morning_utc)) == "open"
    assert cohort.state_on(datetime.date(2027, 1, 11)) == "in_progress"
    assert cohort.state_on(datetime.date(2026, 12, 31)) == "planned"
    assert cohort.state_on(datetime.date(2027, 5, 1)) == "concluded"
    assert cohort.enrollment_open_on(datetime.date(2027, 1, 15)) is True
    assert cohort.enrollment_open_on(datetime.date(2027, 1, 21)) is False


def test_term_dates_are_checked_against_each_other(school_a):
    today = datetime.date(2027, 1, 11)
    with pytest.raises(ValidationError) as caught:
        services.term_save(
            tenant=school_a.tenant,
            actor=school_a.registrar,
            name="Spring 2027",
            starts_on=today,
            ends_on=today - timedelta(days=1),
            enrollment_opens_on=today + timedelta(days=1),
            enrollment_closes_on=today,
            drop_deadline=today + timedelta(days=200),
        )
    errors = caught.value.message_dict
    assert set(errors) >= {"ends_on", "enrollment_closes_on", "enrollment_opens_on", "drop_deadline"}
    assert not school_a.tenant.terms.exists()


def _term_running_past_its_drop_deadline(term) -> None:
    today = timezone.localdate()
    term.enrollment_opens_on = today - timedelta(days=30)
    term.enrollment_closes_on = today + timedelta(days=5)
    term.starts_on = today - timedelta(days=20)
    term.drop_deadline = today - timedelta(days=2)
    term.save()


def _concluded(term) -> None:
    today = timezone.localdate()
    term.enrollment_opens_on = today - timedelta(days=130)
    term.enrollment_closes_on = today - timedelta(days=100)
    term.starts_on = today - timedelta(days=120)
    term.drop_deadline = today - timedelta(days=110)
    term.ends_on = today - timedelta(days=1)
    term.save()


def test_nobody_is_admitted_into_a_concluded_cohort(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    _concluded(cohort.term)
    with pytest.raises(ValidationError, match="concluded"):
        services.enrollment_admit(
            actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student), state="active"
        )
    assert not Enrollment.objects.filter(cohort=cohort).exists()


def test_a_concluded_cohort_promotes_nobody_when_capacity_rises(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    EnrollmentFactory(cohort=cohort, state="active")
    waiting = EnrollmentFactory(cohort=cohort, state="waitlisted")
    _concluded(cohort.term)
    services.cohort_save(tenant=school_a.tenant, actor=school_a.registrar, cohort=cohort, capacity=3)
    waiting.refresh_from_db()
    assert waiting.state == "waitlisted"


def test_completion_frees_the_seat_for_the_first_on_the_waitlist(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    done = EnrollmentFactory(cohort=cohort, state="active")
    waiting = EnrollmentFactory(cohort=cohort, state="waitlisted")
    services.enrollment_complete(actor=registrar, enrollment=done, final_grade="A")
    waiting.refresh_from_db()
    assert waiting.state == "active"


def test_the_first_waitlisted_student_can_be_approved_into_a_free_seat(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=2)
    first = services.enrollment_admit(
        actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student), state="waitlisted"
    )
    second = services.enrollment_admit(
        actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student2), state="waitlisted"
    )
    with pytest.raises(ValidationError, match="waitlist keeps their place"):
        services.enrollment_approve(actor=registrar, enrollment=second)
    assert services.enrollment_approve(actor=registrar, enrollment=first).state == "active"


def test_a_student_withdraws_an_application_after_the_drop_deadline(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    _term_running_past_its_drop_deadline(cohort.term)
    member = school_a.membership(school_a.student)
    enrollment = apply(member, cohort)
    services.enrollment_drop(actor=member, enrollment=enrollment)
    enrollment.refresh_from_db()
    assert enrollment.state == "dropped"


def test_a_student_holds_one_section_of_a_course_per_term(school_a):
    first = CohortFactory(tenant=school_a.tenant)
    second = CohortFactory(tenant=school_a.tenant, course=first.course, term=first.term)
    member = school_a.membership(school_a.student)
    apply(member, first)
    with pytest.raises(ValidationError, match="another section"):
        apply(member, second)
    assert not Enrollment.objects.filter(cohort=second).exists()


def test_a_person_staffs_a_cohort_once(school_a):
    cohort = CohortFactory(tenant=school_a.tenant)
    teacher = school_a.membership(school_a.instructor)
    with pytest.raises(ValidationError) as caught:
        services.cohort_save(
            tenant=school_a.tenant, actor=school_a.registrar, cohort=cohort,
            staff=[(teacher, "instructor"), (teacher, "ta")],
        )
    assert "staff" in caught.value.message_dict
    assert not cohort.staff.exists()


def test_a_declined_student_no_longer_sees_the_cohort(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    member = school_a.membership(school_a.student)
    services.enrollment_decline(actor=registrar, enrollment=apply(member, cohort), reason="Missing transcript")
    assert not selectors.cohorts_visible_to(membership=member).filter(pk=cohort.pk).exists()
    response = school_a.client(school_a.student).get(f"/cohorts/{cohort.pk}/")
    assert response.status_code == 404


def test_a_unique_key_taken_at_the_same_moment_is_a_field_error(school_a):
    from cohorts.models import Term
    from lms.services import save_unique

    TermFactory(tenant=school_a.tenant, name="Spring 2027")
    twin = TermFactory.build(tenant=school_a.tenant, name="Spring 2027")  # passed the check before the first saved
    with pytest.raises(ValidationError) as caught:
        save_unique(twin, field="name", message="There is already a term called Spring 2027.")
    assert caught.value.message_dict == {"name": ["There is already a term called Spring 2027."]}
    assert Term.objects.filter(tenant=school_a.tenant, name="Spring 2027").count() == 1
