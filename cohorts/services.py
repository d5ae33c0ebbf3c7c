"""Writes of terms, cohorts and enrollment. Each runs in one transaction and is audited.

Every enrollment change goes through one function here, so the notices of
a later issue have one place to hook into. Seat counts are decided with the
cohort row locked: concurrent approvals never put more students in a cohort
than it has seats, and the waitlist keeps the order the decisions were made.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from cohorts import permissions
from cohorts.models import Cohort, CohortStaff, Enrollment, PrerequisiteWaiver, Term
from cohorts.selectors import missing_prerequisites
from courses.models import Course
from lms.models import Membership, Role, Tenant, User
from lms.services import audit_record, save_unique, snapshot

TERM_FIELDS = ("name", "starts_on", "ends_on", "enrollment_opens_on", "enrollment_closes_on", "drop_deadline")
COHORT_FIELDS = ("section_code", "capacity", "time_zone", "meeting_pattern")
ENROLLMENT_FIELDS = ("state", "reason", "final_grade")
State = Enrollment.State


def _audited(obj: object, fields: tuple[str, ...]) -> dict[str, object]:
    return {k: str(v) if v is not None and not isinstance(v, (bool, int, str)) else v for k, v in snapshot(obj, fields).items()}


# --- terms -------------------------------------------------------------------


@transaction.atomic
def term_save(*, tenant: Tenant, actor: User, term: Term | None = None, **fields: object) -> Term:
    """Create a term, or change ``term``; dates are checked against each other."""
    unknown = set(fields) - set(TERM_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown term fields: {', '.join(sorted(unknown))}.")
    if term is not None and term.tenant_id != tenant.pk:
        raise ValidationError("This term belongs to another school.")
    creating = term is None
    term = term if term is not None else Term(tenant=tenant)
    before = {} if creating else _audited(term, TERM_FIELDS)
    for field, value in fields.items():
        setattr(term, field, value)
    term.full_clean(validate_constraints=False)
    if Term.objects.filter(tenant=tenant, name__iexact=term.name).exclude(pk=term.pk).exists():
        raise ValidationError({"name": f"There is already a term called {term.name}."})
    save_unique(term, field="name", message=f"There is already a term called {term.name}.")
    after = _audited(term, TERM_FIELDS)
    if after != before:
        audit_record(
            tenant=tenant, actor=actor, action="term.created" if creating else "term.changed",
            target=term, before=before, after=after,
        )
        if not creating:
            from cohorts.schedule import term_dates_moved

            term_dates_moved(term=term, before=before)
    return term


# --- cohorts -------------------------------------------------------------------


def _check_staff(tenant: Tenant, staff: Iterable[tuple[Membership, str]]) -> list[tuple[Membership, str]]:
    staff = list(staff)
    seen = [member.pk for member, _ in staff]
    if len(seen) != len(set(seen)):
        raise ValidationError({"staff": "Each person staffs a cohort once: as instructor or as teaching assistant, not both."})
    for member, role in staff:
        if member.tenant_id != tenant.pk or not member.is_active or member.role == Role.STUDENT:
            raise ValidationError({"staff": f"{member.user} cannot staff a cohort: choose instructors or registrars."})
        if role not in CohortStaff.Role.values:
            raise ValidationError({"staff": f"Unknown staff role {role!r}."})
    return staff


@transaction.atomic
def cohort_save(
    *,
    tenant: Tenant,
    actor: User,
    cohort: Cohort | None = None,
    staff: Iterable[tuple[Membership, str]] | None = None,
    **fields: object,
) -> Cohort:
    """Create a cohort, or change one; ``staff`` replaces its staff when given.

    Raising the capacity fills the new seats from the waitlist in the same transaction.
    """
    unknown = set(fields) - set(COHORT_FIELDS) - {"course", "term", "course_id", "term_id"}
    if unknown:
        raise ValidationError(f"Unknown cohort fields: {', '.join(sorted(unknown))}.")
    creating = cohort is None
    if not creating:
        if cohort.tenant_id != tenant.pk:
            raise ValidationError("This cohort belongs to another school.")
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    else:
        cohort = Cohort(tenant=tenant)
    before = {} if creating else _cohort_snapshot(cohort)
    for field, value in fields.items():
        setattr(cohort, field, value)
    cohort.full_clean(validate_constraints=False)
    if Cohort.objects.filter(tenant=tenant, section_code=cohort.section_code).exclude(pk=cohort.pk).exists():
        raise ValidationError({"section_code": f"Section {cohort.section_code} already exists in this school."})
    taken = f"Section {cohort.section_code} already exists in this school."
    if not creating:
        active = cohort.enrollments.filter(state=State.ACTIVE).count()
        if cohort.capacity < active:
            raise ValidationError(
                {"capacity": f"{active} students are active in this cohort; capacity cannot go below that."}
            )
    save_unique(cohort, field="section_code", message=taken)
    if staff is not None:
        _replace_staff(cohort, _check_staff(tenant, staff))
    after = _cohort_snapshot(cohort)
    if staff is not None:
        after["staff"] = ", ".join(sorted(f"{m.user.email} ({r})" for m, r in staff))
    if after != before:
        audit_record(
            tenant=tenant, actor=actor, action="cohort.created" if creating else "cohort.changed",
            target=cohort, before=before, after=after,
        )
    if not creating:
        _fill_seats(cohort, actor=actor)
    return cohort


def _cohort_snapshot(cohort: Cohort) -> dict[str, object]:
    """What the audit log shows of a cohort: the course and term by name, not by id."""
    return {
        "course": cohort.course.code if cohort.course_id else "",
        "term": cohort.term.name if cohort.term_id else "",
        **_audited(cohort, COHORT_FIELDS),
    }


def _replace_staff(cohort: Cohort, staff: list[tuple[Membership, str]]) -> None:
    wanted = {member.pk: role for member, role in staff}
    cohort.staff.exclude(membership_id__in=wanted).delete()
    existing = {s.membership_id: s for s in cohort.staff.all()}
    for member_id, role in wanted.items():
        row = existing.get(member_id)
        if row is None:
            CohortStaff.objects.create(cohort=cohort, membership_id=member_id, role=role)
        elif row.role != role:
            row.role = role
            row.save(update_fields=["role"])


# --- enrollment: the seat rule -------------------------------------------------


def _lock_cohort(cohort_id: int) -> Cohort:
    return Cohort.objects.select_for_update(of=("self",)).select_related("term", "course", "tenant").get(pk=cohort_id)


def _lock_enrollment(enrollment: Enrollment) -> tuple[Cohort, Enrollment]:
    """Lock the cohort first, then the enrollment: every writer takes them in this order."""
    cohort = _lock_cohort(enrollment.cohort_id)
    locked = Enrollment.objects.select_for_update().select_related("membership__user").get(pk=enrollment.pk)
    locked.cohort = cohort
    return cohort, locked


def _active_count(cohort: Cohort) -> int:
    return Enrollment.objects.filter(cohort=cohort, state=State.ACTIVE).count()


def _set_state(enrollment: Enrollment, state: str, *, actor: User | None, reason: str = "", now=None) -> None:
    now = now or timezone.now()
    enrollment.state = state
    if state == State.WAITLISTED:
        enrollment.waitlisted_at = now
    elif state == State.ACTIVE:
        enrollment.activated_at = now
    elif state in (State.DROPPED, State.DECLINED, State.COMPLETED):
        enrollment.ended_at = now
    if state in (State.DROPPED, State.DECLINED) or reason:
        enrollment.reason = reason
    enrollment.decided_by = actor if actor is not None and actor.is_authenticated else None
    enrollment.save()


def _record(enrollment: Enrollment, *, actor: User | None, action: str, before: dict, **extra: object) -> None:
    """Audit the change and tell whom it concerns (cohorts/notices.py), in the same transaction."""
    from cohorts.notices import enrollment_changed

    after = {**_audited(enrollment, ENROLLMENT_FIELDS), **extra}
    entry = audit_record(
        tenant=enrollment.cohort.tenant, actor=actor, action=action, target=enrollment, before=before, after=after
    )
    enrollment_changed(enrollment=enrollment, action=action, entry=entry, actor=actor)


def _fill_seats(cohort: Cohort, *, actor: User | None) -> list[Enrollment]:
    """Promote the first on the waitlist into each free seat. The caller holds the cohort lock.

    A concluded cohort takes nobody in: its seats no longer mean a place in a course.
    """
    if cohort.is_concluded:
        return []
    free = cohort.capacity - _active_count(cohort)
    if free <= 0:
        return []
    promoted = list(
        Enrollment.objects.select_for_update()
        .select_related("membership__user")
        .filter(cohort=cohort, state=State.WAITLISTED)
        .order_by("waitlisted_at", "id")[:free]
    )
    for enrollment in promoted:
        enrollment.cohort = cohort
        before = _audited(enrollment, ENROLLMENT_FIELDS)
        _set_state(enrollment, State.ACTIVE, actor=actor)
        _record(enrollment, actor=actor, action="enrollment.promoted", before=before)
    return promoted


def _missing(enrollment_or_member: Membership, course: Course) -> list[Course]:
    return missing_prerequisites([(enrollment_or_member.pk, course.pk)])[(enrollment_or_member.pk, course.pk)]


def _missing_message(missing: list[Course]) -> str:
    codes = ", ".join(c.code for c in missing)
    return f"Missing prerequisite{'s' if len(missing) > 1 else ''}: {codes}."


# --- enrollment: the changes ---------------------------------------------------------


@transaction.atomic
def enrollment_apply(*, membership: Membership, cohort: Cohort, attested_admission: bool) -> Enrollment:
    """A student applies during the enrollment window, attesting the admission requirement.

    With prerequisites missing the application waits for a registrar's waiver;
    with the cohort full it joins the waitlist; otherwise it waits for approval.
    """
    if not permissions.can_apply(membership):
        raise ValidationError("Only students of the school can apply to a cohort.")
    cohort = _lock_cohort(cohort.pk)
    if cohort.tenant_id != membership.tenant_id:
        raise ValidationError("This cohort belongs to another school.")
    if not cohort.enrollment_is_open:
        raise ValidationError(f"{cohort.section_code} is not taking applications now.")
    if not attested_admission:
        raise ValidationError(
            {"attested_admission": "Confirm that you hold a high-school diploma or GED; it is required for admission."}
        )
    enrollment = Enrollment.objects.select_for_update().filter(cohort=cohort, membership=membership).first()
    if enrollment is not None and enrollment.state not in (State.DROPPED, State.DECLINED):
        raise ValidationError(f"You already have a place in {cohort.section_code} ({enrollment.get_state_display().lower()}).")
    other = (
        Enrollment.objects.filter(
            membership=membership, cohort__course_id=cohort.course_id, cohort__term_id=cohort.term_id,
            state__in=(State.APPLIED, State.WAITLISTED, State.ACTIVE),
        )
        .exclude(cohort=cohort)
        .select_related("cohort")
        .first()
    )
    if other is not None:
        raise ValidationError(
            f"You already have a place in {other.cohort.section_code}, another section of this course this term; drop it first."
        )
    before = {} if enrollment is None else _audited(enrollment, ENROLLMENT_FIELDS)
    enrollment = enrollment or Enrollment(cohort=cohort, membership=membership)
    enrollment.cohort = cohort
    enrollment.attested_admission = True
    enrollment.applied_at = timezone.now()
    enrollment.reason = ""
    missing = _missing(membership, cohort.course)
    full = _active_count(cohort) >= cohort.capacity
    state = State.WAITLISTED if full and not missing else State.APPLIED
    _set_state(enrollment, state, actor=membership.user)
    _record(
        enrollment, actor=membership.user, action="enrollment.applied", before=before,
        missing_prerequisites=", ".join(c.code for c in missing),
    )
    return enrollment


@transaction.atomic
def enrollment_approve(*, actor: Membership, enrollment: Enrollment) -> Enrollment:
    """Approve an application: a seat if one is free, else the end of the waitlist."""
    if not permissions.can_manage_enrollment(actor):
        raise ValidationError("Only registrars approve applications.")
    cohort, enrollment = _lock_enrollment(enrollment)
    if enrollment.state not in (State.APPLIED, State.WAITLISTED):
        raise ValidationError(f"Only applications and waitlisted places can be approved; this one is {enrollment.get_state_display().lower()}.")
    if cohort.is_concluded:
        raise ValidationError(f"{cohort.section_code} has concluded; nobody can join it now.")
    missing = _missing(enrollment.membership, cohort.course)
    if missing:
        raise ValidationError(_missing_message(missing) + " Waive them or decline the application.")
    before = _audited(enrollment, ENROLLMENT_FIELDS)
    seat_free = _active_count(cohort) < cohort.capacity
    if enrollment.state == State.WAITLISTED:
        # Seats go to the waitlist in order; approving only admits the first in line into a free seat.
        first = (
            Enrollment.objects.filter(cohort=cohort, state=State.WAITLISTED).order_by("waitlisted_at", "id").first()
        )
        if not seat_free or first is None or first.pk != enrollment.pk:
            raise ValidationError(f"{cohort.section_code} has no free seat for this student yet; the waitlist keeps their place.")
    if seat_free:
        _set_state(enrollment, State.ACTIVE, actor=actor.user)
        _record(enrollment, actor=actor.user, action="enrollment.approved", before=before)
    else:
        _set_state(enrollment, State.WAITLISTED, actor=actor.user)
        _record(enrollment, actor=actor.user, action="enrollment.waitlisted", before=before)
    return enrollment


@transaction.atomic
def enrollment_decline(*, actor: Membership, enrollment: Enrollment, reason: str) -> Enrollment:
    if not permissions.can_manage_enrollment(actor):
        raise ValidationError("Only registrars decline applications.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the application is declined; the student will read it."})
    cohort, enrollment = _lock_enrollment(enrollment)
    if enrollment.state not in (State.APPLIED, State.WAITLISTED):
        raise ValidationError(f"Only applications and waitlisted places can be declined; this one is {enrollment.get_state_display().lower()}.")
    before = _audited(enrollment, ENROLLMENT_FIELDS)
    _set_state(enrollment, State.DECLINED, actor=actor.user, reason=reason[:255])
    _record(enrollment, actor=actor.user, action="enrollment.declined", before=before)
    _fill_seats(cohort, actor=actor.user)
    return enrollment


@transaction.atomic
def enrollment_drop(*, actor: Membership, enrollment: Enrollment, reason: str = "") -> Enrollment:
    """A student drops their own place before the drop deadline; a registrar at any time, with a reason.

    The freed seat goes to the first on the waitlist in the same transaction.
    """
    cohort, enrollment = _lock_enrollment(enrollment)
    if not permissions.can_drop(actor, enrollment):
        if permissions.is_student(actor) and enrollment.membership_id == actor.pk:
            raise ValidationError(
                f"The last day to drop {cohort.section_code} was {cohort.term.drop_deadline:%B} {cohort.term.drop_deadline.day}; ask the registrar."
            )
        raise ValidationError("You cannot drop this enrollment.")
    reason = (reason or "").strip()
    if permissions.is_registrar(actor) and enrollment.membership_id != actor.pk and not reason:
        raise ValidationError({"reason": "Say why the student is dropped."})
    if enrollment.state not in (State.APPLIED, State.WAITLISTED, State.ACTIVE):
        raise ValidationError(f"This enrollment is already {enrollment.get_state_display().lower()}.")
    before = _audited(enrollment, ENROLLMENT_FIELDS)
    _set_state(enrollment, State.DROPPED, actor=actor.user, reason=(reason or "Dropped by the student")[:255])
    _record(enrollment, actor=actor.user, action="enrollment.dropped", before=before)
    _fill_seats(cohort, actor=actor.user)
    return enrollment


@transaction.atomic
def enrollment_complete(*, actor: Membership | None, enrollment: Enrollment, final_grade: str) -> Enrollment:
    """Record completion with a final grade (the gradebook calls this; ``actor`` None means the system)."""
    cohort, enrollment = _lock_enrollment(enrollment)
    if actor is not None and not permissions.can_complete(actor, enrollment):
        raise ValidationError("Only the cohort's staff or a registrar can record completion.")
    final_grade = (final_grade or "").strip()
    if not final_grade or len(final_grade) > 8:
        raise ValidationError({"final_grade": "Enter the final grade (up to 8 characters, e.g. A- or 92)."})
    if enrollment.state != State.ACTIVE:
        raise ValidationError(f"Only active enrollments can be completed; this one is {enrollment.get_state_display().lower()}.")
    user = actor.user if actor else None
    before = _audited(enrollment, ENROLLMENT_FIELDS)
    enrollment.final_grade = final_grade
    _set_state(enrollment, State.COMPLETED, actor=user)
    _record(enrollment, actor=user, action="enrollment.completed", before=before)
    _fill_seats(cohort, actor=user)
    return enrollment


@transaction.atomic
def enrollment_admit(
    *, actor: Membership, cohort: Cohort, membership: Membership, state: str, reason: str = ""
) -> Enrollment:
    """A registrar puts a student straight into a state (the CSV import uses this).

    ``active`` needs a free seat (else ValidationError); prerequisites must be
    met or waived for ``active`` and ``waitlisted``.
    """
    if not permissions.can_manage_enrollment(actor):
        raise ValidationError("Only registrars enroll students.")
    if state not in (State.APPLIED, State.WAITLISTED, State.ACTIVE, State.DROPPED):
        raise ValidationError({"state": "Choose applied, waitlisted, active or dropped."})
    cohort = _lock_cohort(cohort.pk)
    if cohort.tenant_id != actor.tenant_id or membership.tenant_id != actor.tenant_id:
        raise ValidationError("This cohort or student belongs to another school.")
    if cohort.is_concluded and state != State.DROPPED:
        raise ValidationError(f"{cohort.section_code} has concluded; nobody can join it now.")
    if not permissions.is_student(membership):
        raise ValidationError({"email": f"{membership.user.email} is not a student of the school."})
    enrollment = Enrollment.objects.select_for_update().filter(cohort=cohort, membership=membership).first()
    if enrollment is not None and enrollment.state == state:
        return enrollment
    before = {} if enrollment is None else _audited(enrollment, ENROLLMENT_FIELDS)
    if enrollment is not None and enrollment.state == State.COMPLETED:
        raise ValidationError(f"{membership.user.email} has already completed {cohort.section_code}.")
    if state in (State.ACTIVE, State.WAITLISTED):
        missing = _missing(membership, cohort.course)
        if missing:
            raise ValidationError(_missing_message(missing))
    was_active = enrollment is not None and enrollment.state == State.ACTIVE
    if state == State.ACTIVE and _active_count(cohort) >= cohort.capacity:
        raise ValidationError(f"{cohort.section_code} is full ({cohort.capacity} seats).")
    enrollment = enrollment or Enrollment(cohort=cohort, membership=membership, attested_admission=False)
    enrollment.cohort = cohort
    _set_state(enrollment, state, actor=actor.user, reason=reason or ("Dropped by the registrar" if state == State.DROPPED else ""))
    _record(enrollment, actor=actor.user, action="enrollment.admitted", before=before)
    if was_active:
        _fill_seats(cohort, actor=actor.user)
    return enrollment


@transaction.atomic
def prerequisite_waive(*, actor: Membership, student: Membership, course: Course, reason: str) -> PrerequisiteWaiver:
    """Let ``student`` take courses that require ``course`` without having completed it."""
    if not permissions.can_waive_prerequisites(actor):
        raise ValidationError("Only registrars waive prerequisites.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the prerequisite is waived (for example: transfer credit)."})
    if student.tenant_id != actor.tenant_id or course.tenant_id != actor.tenant_id:
        raise ValidationError("This student or course belongs to another school.")
    waiver = PrerequisiteWaiver(membership=student, course=course, reason=reason[:255], waived_by=actor.user)
    try:
        with transaction.atomic():
            waiver.save()
    except IntegrityError:
        raise ValidationError(f"{course.code} is already waived for {student.user.email}.") from None
    audit_record(
        tenant=student.tenant, actor=actor.user, action="prerequisite.waived", target=waiver,
        after={"student": student.user.email, "course": course.code, "reason": waiver.reason},
    )
    return waiver
