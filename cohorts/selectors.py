"""Reads of terms, cohorts and enrollments, shared by pages and the API.

``cohorts_visible_to`` is the one place that says who sees which cohort: a
registrar every cohort of the school, an instructor or assistant the
cohorts they staff, a student the cohorts they have an enrollment in.
Lookups by id go through it, so missing, foreign and not-yours all 404.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value, Window
from django.db.models.functions import Coalesce, RowNumber
from django.http import Http404
from django.utils import timezone

from cohorts.models import Cohort, CohortStaff, Enrollment, PrerequisiteWaiver, Term
from courses.models import Course, Prerequisite
from lms.models import AuditLogEntry, Membership, Role, Tenant
from lms.permissions import is_member, is_registrar
from lms.selectors import object_id

SEAT_STATES = (Enrollment.State.ACTIVE,)
OPEN_STATES = (Enrollment.State.APPLIED, Enrollment.State.WAITLISTED, Enrollment.State.ACTIVE)


# --- terms -----------------------------------------------------------------


def term_list(*, tenant: Tenant) -> QuerySet[Term]:
    return Term.objects.filter(tenant=tenant).annotate(cohort_count=Count("cohorts")).order_by("-starts_on", "name")


def term_get(*, tenant: Tenant, term_id: object) -> Term:
    try:
        return Term.objects.get(tenant=tenant, pk=object_id(term_id))
    except Term.DoesNotExist:
        raise Http404("No such term in this school.") from None


# --- cohorts ---------------------------------------------------------------


def _with_counts(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    active = Enrollment.objects.filter(cohort=OuterRef("pk"), state=Enrollment.State.ACTIVE)
    waiting = Enrollment.objects.filter(cohort=OuterRef("pk"), state=Enrollment.State.WAITLISTED)
    applied = Enrollment.objects.filter(cohort=OuterRef("pk"), state=Enrollment.State.APPLIED)

    def counted(rows):
        return Coalesce(Subquery(rows.values("cohort").annotate(n=Count("pk")).values("n")[:1]), Value(0))

    return cohorts.annotate(active_count=counted(active), waitlist_count=counted(waiting), applied_count=counted(applied))


def _with_staff(cohorts: QuerySet[Cohort]) -> QuerySet[Cohort]:
    return cohorts.select_related("course", "term").prefetch_related(
        Prefetch("staff", queryset=CohortStaff.objects.select_related("membership__user").order_by("role", "id"))
    )


def cohorts_visible_to(*, membership: Membership | None) -> QuerySet[Cohort]:
    """The cohorts this member may open."""
    if not is_member(membership):
        return Cohort.objects.none()
    cohorts = Cohort.objects.filter(tenant_id=membership.tenant_id)
    if is_registrar(membership):
        return cohorts
    # EXISTS rather than a join: no DISTINCT over the cohort rows, and the planner stops at the first match.
    if membership.role == Role.STUDENT:
        # A declined or dropped place does not open the cohort; completed ones stay readable.
        places = Enrollment.objects.filter(
            cohort=OuterRef("pk"), membership=membership, state__in=(*OPEN_STATES, Enrollment.State.COMPLETED)
        )
        return cohorts.filter(Exists(places))
    return cohorts.filter(Exists(CohortStaff.objects.filter(cohort=OuterRef("pk"), membership=membership)))


def cohort_ids_of(*, membership: Membership, student_states: tuple[str, ...]) -> QuerySet:
    """The ids of the member's cohorts as a subquery (a student's places in ``student_states``, the
    cohorts staff teach, every cohort for registrars): cheaper to build than ``cohorts_visible_to``
    where only the ids are needed."""
    if is_registrar(membership):
        return Cohort.objects.filter(tenant_id=membership.tenant_id).values("pk")
    if membership.role == Role.STUDENT:
        return Enrollment.objects.filter(membership=membership, state__in=student_states).values("cohort_id")
    return CohortStaff.objects.filter(membership=membership).values("cohort_id")


def cohort_list(
    *, membership: Membership, term_id: int | None = None, course_id: int | None = None, query: str = ""
) -> QuerySet[Cohort]:
    cohorts = cohorts_visible_to(membership=membership)
    if term_id:
        cohorts = cohorts.filter(term_id=term_id)
    if course_id:
        cohorts = cohorts.filter(course_id=course_id)
    if query:
        cohorts = cohorts.filter(Q(section_code__icontains=query) | Q(course__title__icontains=query))
    return _with_staff(_with_counts(cohorts)).order_by("-term__starts_on", "section_code")


def cohort_get_for(*, membership: Membership | None, cohort_id: object, counts: bool = True) -> Cohort:
    """One cohort the member may see; 404 for missing, foreign and not-yours alike.

    ``counts``: annotate the seat counts (active, waitlisted, applied) that the
    cohort's own pages show; the learning pages, which never show them, skip
    the three subqueries.
    """
    cohorts = cohorts_visible_to(membership=membership)
    try:
        cohort = _with_staff(_with_counts(cohorts) if counts else cohorts).get(pk=object_id(cohort_id))
    except Cohort.DoesNotExist:
        raise Http404("No such cohort.") from None
    cohort.staff_ids = {s.membership_id for s in cohort.staff.all()}
    return cohort


def cohort_catalogue(*, tenant: Tenant, now: datetime.datetime | None = None) -> list[Cohort]:
    """Cohorts taking applications today (in each cohort's own time zone), with seats left."""
    now = now or timezone.now()
    # A day either side covers every time zone; each cohort then decides with its own local date.
    utc_today = now.date()
    cohorts = _with_staff(
        _with_counts(
            Cohort.objects.filter(
                tenant=tenant,
                term__enrollment_opens_on__lte=utc_today + datetime.timedelta(days=1),
                term__enrollment_closes_on__gte=utc_today - datetime.timedelta(days=1),
            )
        )
    ).order_by("term__starts_on", "course__code", "section_code")
    return [c for c in cohorts if c.enrollment_open_on(c.local_today(now))]


def catalogue_cohort_get(*, tenant: Tenant, cohort_id: object, now: datetime.datetime | None = None) -> Cohort:
    """One cohort of the catalogue (taking applications today); 404 for missing, foreign and closed alike."""
    try:
        cohort = _with_staff(_with_counts(Cohort.objects.filter(tenant=tenant))).get(pk=object_id(cohort_id))
    except Cohort.DoesNotExist:
        raise Http404("No such cohort in the catalogue.") from None
    if not cohort.enrollment_open_on(cohort.local_today(now)):
        raise Http404("This cohort is not taking applications.")
    return cohort


def seats_left(cohort: Cohort) -> int:
    return max(cohort.capacity - cohort.active_count, 0)


# --- enrollments -------------------------------------------------------------


def _waitlist_position() -> Window:
    return Window(RowNumber(), partition_by=[F("cohort_id")], order_by=[F("waitlisted_at").asc(), F("id").asc()])


def _with_positions(enrollments: QuerySet[Enrollment]) -> dict[int, int]:
    """Waitlist positions (1 = next in) of the waitlisted rows among ``enrollments``' cohorts, in one query."""
    cohort_ids = enrollments.values("cohort_id")
    rows = (
        Enrollment.objects.filter(cohort_id__in=cohort_ids, state=Enrollment.State.WAITLISTED)
        .annotate(position=_waitlist_position())
        .values_list("pk", "position")
    )
    return dict(rows)


def attach_waitlist_positions(enrollments: list[Enrollment], queryset: QuerySet[Enrollment]) -> list[Enrollment]:
    # Nobody on the waitlist among these rows (a student's usual dashboard): no positions to ask for.
    waiting = any(e.state == Enrollment.State.WAITLISTED for e in enrollments)
    positions = _with_positions(queryset) if waiting else {}
    for enrollment in enrollments:
        enrollment.waitlist_position = positions.get(enrollment.pk)
    return enrollments


def cohort_roster(*, cohort: Cohort, state: str = "", query: str = "") -> QuerySet[Enrollment]:
    """The cohort's enrollments with each person; the waitlist in its order."""
    rows = Enrollment.objects.filter(tenant_id=cohort.tenant_id, cohort=cohort).select_related("membership__user")
    if state:
        rows = rows.filter(state=state)
    if query:
        rows = rows.filter(Q(membership__user__full_name__icontains=query) | Q(membership__user__email__icontains=query))
    return rows.order_by("state", "waitlisted_at", "membership__user__full_name", "membership__user__email", "id")


def enrollment_queue(
    *, tenant: Tenant, cohort_id: int | None = None, state: str = "", query: str = ""
) -> QuerySet[Enrollment]:
    """Enrollments for the registrar, oldest application first; ``query`` matches the student's name or email."""
    rows = Enrollment.objects.filter(tenant=tenant).select_related(
        "membership__user", "cohort__course", "cohort__term", "decided_by"
    )
    if cohort_id:
        rows = rows.filter(cohort_id=cohort_id)
    if state:
        rows = rows.filter(state=state)
    if query:
        rows = rows.filter(Q(membership__user__full_name__icontains=query) | Q(membership__user__email__icontains=query))
    return rows.order_by("applied_at", "id")


def enrollments_of_student(*, membership: Membership) -> list[Enrollment]:
    """A student's enrollments (my courses), newest term first, with waitlist positions."""
    rows = (
        Enrollment.objects.filter(tenant_id=membership.tenant_id, membership=membership)
        .select_related("cohort__course", "cohort__term")
        .order_by("-cohort__term__starts_on", "cohort__section_code")
    )
    return attach_waitlist_positions(list(rows), rows)


def enrollments_visible_to(*, membership: Membership | None) -> QuerySet[Enrollment]:
    if not is_member(membership):
        return Enrollment.objects.none()
    rows = Enrollment.objects.filter(tenant_id=membership.tenant_id)
    if is_registrar(membership):
        return rows
    if membership.role == Role.STUDENT:
        return rows.filter(membership=membership)
    return rows.filter(cohort__staff__membership=membership).distinct()


def enrollment_get_for(*, membership: Membership | None, enrollment_id: object) -> Enrollment:
    try:
        return (
            enrollments_visible_to(membership=membership)
            .select_related("membership__user", "cohort__course", "cohort__term")
            .get(pk=object_id(enrollment_id))
        )
    except Enrollment.DoesNotExist:
        raise Http404("No such enrollment.") from None


def enrollment_history(*, enrollment: Enrollment) -> QuerySet[AuditLogEntry]:
    """The audit entries of one enrollment, oldest first: how it came to be in its state."""
    return (
        AuditLogEntry.objects.filter(tenant_id=enrollment.tenant_id, target_type="enrollment", target_id=str(enrollment.pk))
        .select_related("actor")
        .order_by("created_at", "id")
    )


def waitlist_position(enrollment: Enrollment) -> int | None:
    if enrollment.state != Enrollment.State.WAITLISTED:
        return None
    ahead = Enrollment.objects.filter(
        cohort_id=enrollment.cohort_id, state=Enrollment.State.WAITLISTED
    ).filter(Q(waitlisted_at__lt=enrollment.waitlisted_at) | Q(waitlisted_at=enrollment.waitlisted_at, pk__lt=enrollment.pk))
    return ahead.count() + 1


# --- prerequisites -------------------------------------------------------------


def missing_prerequisites(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], list[Course]]:
    """For (membership_id, course_id) pairs, the required courses each student has neither
    completed nor had waived. Three queries whatever the number of pairs."""
    if not pairs:
        return {}
    member_ids = {m for m, _ in pairs}
    course_ids = {c for _, c in pairs}
    required: dict[int, list[Course]] = defaultdict(list)
    for link in Prerequisite.objects.filter(course_id__in=course_ids).select_related("required").order_by("required__code"):
        required[link.course_id].append(link.required)
    if not required:
        return {pair: [] for pair in pairs}
    # By course code: any version of a course counts, so a new version of MCC-101 asks nobody to retake it.
    done: dict[int, set[str]] = defaultdict(set)
    for member_id, code in Enrollment.objects.filter(
        membership_id__in=member_ids, state=Enrollment.State.COMPLETED
    ).values_list("membership_id", "cohort__course__code"):
        done[member_id].add(code)
    for member_id, code in PrerequisiteWaiver.objects.filter(membership_id__in=member_ids).values_list(
        "membership_id", "course__code"
    ):
        done[member_id].add(code)
    return {(m, c): [r for r in required.get(c, []) if r.code not in done[m]] for m, c in pairs}


def attach_missing_prerequisites(enrollments: list[Enrollment]) -> list[Enrollment]:
    missing = missing_prerequisites([(e.membership_id, e.cohort.course_id) for e in enrollments])
    for enrollment in enrollments:
        enrollment.missing_prerequisites = missing.get((enrollment.membership_id, enrollment.cohort.course_id), [])
    return enrollments


def students_of_school(*, tenant: Tenant) -> QuerySet[Membership]:
    return Membership.objects.filter(tenant=tenant, role=Role.STUDENT, is_active=True).select_related("user")


def staff_candidates(*, tenant: Tenant) -> QuerySet[Membership]:
    """Members who can staff a cohort: instructors and registrars."""
    return (
        Membership.objects.filter(tenant=tenant, is_active=True, role__in=[Role.INSTRUCTOR, Role.REGISTRAR])
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )

