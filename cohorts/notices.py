"""What the enrollment services tell people, through the one notification service.

Each notice's key is the audit entry of the change, so the same change never notifies
twice, while a student who is approved, drops and is approved again hears each time.
"""

from __future__ import annotations

from django.urls import reverse

from cohorts.models import Enrollment
from lms.models import AuditLogEntry, Membership, Role, User
from lms.notifications import kinds
from lms.notifications.service import notify

State = Enrollment.State

# The enrollment's new state after an admission by a registrar (a CSV import) -> the kind.
ADMITTED_AS = {State.ACTIVE: kinds.ENROLLMENT_APPROVED, State.WAITLISTED: kinds.ENROLLMENT_WAITLISTED, State.DROPPED: kinds.ENROLLMENT_DROPPED}

STUDENT_KINDS = {
    "enrollment.approved": kinds.ENROLLMENT_APPROVED,
    "enrollment.waitlisted": kinds.ENROLLMENT_WAITLISTED,
    "enrollment.promoted": kinds.ENROLLMENT_PROMOTED,
    "enrollment.declined": kinds.ENROLLMENT_DECLINED,
    "enrollment.dropped": kinds.ENROLLMENT_DROPPED,
}


def _student_notice(enrollment: Enrollment, kind: kinds.Kind) -> tuple[str, str, str]:
    cohort = enrollment.cohort
    name = f"{cohort.section_code} {cohort.course.title}"
    if kind is kinds.ENROLLMENT_APPROVED:
        starts = cohort.term.starts_on
        verb = "began" if cohort.local_today() >= starts else "starts"
        return (f"You're enrolled in {name}", f"{cohort.term.name} {verb} {starts:%A, %B} {starts.day}.",
                reverse("courses:cohort_course", args=[cohort.pk]))
    if kind is kinds.ENROLLMENT_PROMOTED:
        return (f"A seat opened: you're enrolled in {name}", "You were next on the waitlist.",
                reverse("courses:cohort_course", args=[cohort.pk]))
    if kind is kinds.ENROLLMENT_WAITLISTED:
        return (f"You're on the waitlist for {name}", "The cohort is full. You keep your place in line and hear as soon as a seat is yours.",
                reverse("lms:dashboard"))
    if kind is kinds.ENROLLMENT_DECLINED:
        return (f"Your application to {name} was declined", f"Reason: {enrollment.reason}", reverse("lms:dashboard"))
    return (f"You were dropped from {name}", f"Reason: {enrollment.reason}" if enrollment.reason else "", reverse("lms:dashboard"))


def _registrars(enrollment: Enrollment) -> list[int]:
    return list(
        Membership.objects.filter(tenant_id=enrollment.tenant_id, role=Role.REGISTRAR, is_active=True).values_list("user_id", flat=True)
    )


def enrollment_changed(*, enrollment: Enrollment, action: str, entry: AuditLogEntry, actor: User | None) -> None:
    """Called by the enrollment services after each recorded change, in their transaction."""
    tenant, student = enrollment.cohort.tenant, enrollment.membership.user
    key = f"{action}:{entry.pk}"
    kind = STUDENT_KINDS.get(action) or (ADMITTED_AS.get(enrollment.state) if action == "enrollment.admitted" else None)
    if kind is kinds.ENROLLMENT_DROPPED and action == "enrollment.admitted" and not entry.before:
        kind = None  # a CSV row that records a drop for someone who never had the place tells nobody
    if kind is not None:
        title, body, url = _student_notice(enrollment, kind)
        # A seat freed by someone else's drop: the student hears of the seat, not of who left.
        shown_actor = None if kind is kinds.ENROLLMENT_PROMOTED else actor
        notify(tenant=tenant, kind=kind.code, recipients=[student], key=key, title=title, body=body, url=url,
               actor=shown_actor, subject=enrollment)
    cohort = enrollment.cohort
    detail = reverse("cohorts:enrollment_detail", args=[enrollment.pk])
    who = student.full_name or student.email
    if action == "enrollment.applied" and enrollment.state == State.APPLIED:
        notify(tenant=tenant, kind=kinds.ENROLLMENT_APPLIED.code, recipients=_registrars(enrollment), key=key,
               title=f"{who} applied to {cohort.section_code}", url=detail, actor=actor, subject=enrollment)
    elif action == "enrollment.dropped" and actor is not None and actor.pk == student.pk:
        notify(tenant=tenant, kind=kinds.ENROLLMENT_DROPPED.code, recipients=_registrars(enrollment), key=f"{key}:staff",
               title=f"{who} dropped {cohort.section_code}", url=detail, actor=actor, subject=enrollment)
