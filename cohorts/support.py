"""Student support requests: a student asks for help of one kind, the staff the registrar named for
that kind answer, and the request goes back and forth until someone closes it.

A request is open while the student waits for staff (``waiting_since`` says since when), answered
once staff wrote, closed when the student or staff closed it; a student who writes again reopens it.
Whoever the other side is hears of each message through the notification service, never of their own.
When nobody handles a kind, its requests go to the registrars, so none goes unheard.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cohorts.forums import render
from cohorts.models import Cohort, Enrollment, SupportHandler, SupportKind, SupportMessage, SupportRequest
from cohorts.permissions import is_student
from cohorts.selectors import OPEN_STATES
from lms.audit import register_audit_labels
from lms.models import Membership, Role
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import notify
from lms.permissions import is_member, is_registrar
from lms.selectors import object_id
from lms.services import audit_record

Status = SupportRequest.Status

SUPPORT_NEW = register(Kind(
    "support.new", "Help request", "Help requests",
    "A student asked for help of a kind you handle, or wrote again on their request.",
    {Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.IMMEDIATE), Role.REGISTRAR: (Mode.IMMEDIATE, Mode.IMMEDIATE)},
))
SUPPORT_ANSWERED = register(Kind(
    "support.answered", "Help request answered", "Help requests",
    "Staff replied to your help request or closed it.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE)},
))
register_audit_labels(actions={"support.handlers_set": "Help request handlers named"},
                      fields={f"handlers_{kind}": f"Who answers {label.lower()}" for kind, label in SupportKind.choices})

SUBJECT_MAX = 150
BODY_MAX = 10_000
STAFF_ROLES = (Role.INSTRUCTOR, Role.REGISTRAR)
KIND_HELP = {
    SupportKind.ADVISING: "Your program plan, choosing courses, prerequisites, taking a break or withdrawing.",
    SupportKind.TUTORING: "A coding concept, a lesson or exercise you are stuck on, preparing for the CPC or CCS exam.",
    SupportKind.TECHNICAL: "Signing in, a video that will not play, the encoder, anything on the site that looks wrong.",
    SupportKind.FINANCIAL_AID: "Tuition, payment plans, financial aid and refunds.",
}


# --- who may do what ---------------------------------------------------------------------------


def is_staff_member(membership: Membership | None) -> bool:
    return is_member(membership) and membership.role in STAFF_ROLES


def kinds_handled(membership: Membership | None) -> set[str]:
    """The kinds the registrar named this member for (none for a student, whatever the rows say)."""
    if not is_staff_member(membership):
        return set()
    return set(SupportHandler.objects.filter(tenant_id=membership.tenant_id, membership=membership)
               .values_list("kind", flat=True))


def my_kinds(membership: Membership | None) -> set[str]:
    """What is assigned to the member: the kinds they handle and, for registrars, the kinds nobody handles."""
    mine = kinds_handled(membership)
    if is_registrar(membership):
        handled = set(SupportHandler.objects.filter(tenant_id=membership.tenant_id, membership__is_active=True,
                                                    membership__role__in=STAFF_ROLES).values_list("kind", flat=True))
        mine |= set(SupportKind.values) - handled
    return mine


def can_use_queue(membership: Membership | None) -> bool:
    """Registrars, and the staff who handle at least one kind."""
    return is_registrar(membership) or bool(kinds_handled(membership))


def can_open(membership: Membership | None) -> bool:
    return is_student(membership)


def can_answer(membership: Membership | None, support_request: SupportRequest) -> bool:
    if not is_staff_member(membership) or support_request.tenant_id != membership.tenant_id:
        return False
    return is_registrar(membership) or support_request.kind in kinds_handled(membership)


def can_see(membership: Membership | None, support_request: SupportRequest) -> bool:
    """Its student, the staff who handle its kind, and the school's registrars."""
    if not is_member(membership) or support_request.tenant_id != membership.tenant_id:
        return False
    return support_request.requester_id == membership.pk or can_answer(membership, support_request)


def can_close(membership: Membership | None, support_request: SupportRequest) -> bool:
    return support_request.status != Status.CLOSED and can_see(membership, support_request)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise ValidationError(message)


# --- reading -----------------------------------------------------------------------------------


def requests_visible_to(membership: Membership | None) -> QuerySet[SupportRequest]:
    """The one place that says who sees which request; lists and lookups both start here."""
    if not is_member(membership):
        return SupportRequest.objects.none()
    rows = SupportRequest.objects.filter(tenant_id=membership.tenant_id).select_related(
        "requester__user", "cohort__course", "closed_by"
    )
    if is_registrar(membership):
        return rows
    mine = Q(requester=membership)
    if is_staff_member(membership):
        handled = SupportHandler.objects.filter(tenant_id=membership.tenant_id, membership=membership).values("kind")
        mine |= Q(kind__in=handled)
    return rows.filter(mine)


def request_get_for(membership: Membership | None, request_id: object) -> SupportRequest:
    """One request the member may see; 404 for missing, another school's and another student's alike."""
    found = requests_visible_to(membership).filter(pk=object_id(request_id)).first()
    if found is None:
        raise Http404("No such help request.")
    return found


def request_messages(support_request: SupportRequest) -> QuerySet[SupportMessage]:
    return SupportMessage.objects.filter(tenant_id=support_request.tenant_id, request=support_request).select_related("author")


def my_requests(*, membership: Membership) -> QuerySet[SupportRequest]:
    """A student's own requests, the most recent conversation first."""
    return (requests_visible_to(membership).filter(requester=membership)
            .annotate(message_count=Count("messages")).order_by("-last_message_at", "-id"))


def support_queue(*, membership: Membership, status: str = "", kind: str = "", mine: bool = False,
                  query: str = "") -> QuerySet[SupportRequest]:
    """The staff's list: what has waited longest first, then the rest by their latest message.

    ``status`` is one of the statuses, "active" (open or answered) or empty for all; ``mine`` keeps
    the kinds assigned to the member (see ``my_kinds``)."""
    rows = requests_visible_to(membership)
    if status == "active":
        rows = rows.exclude(status=Status.CLOSED)
    elif status in Status.values:
        rows = rows.filter(status=status)
    if kind in SupportKind.values:
        rows = rows.filter(kind=kind)
    if mine:
        rows = rows.filter(kind__in=my_kinds(membership))
    query = " ".join((query or "").split())[:100]
    if query:
        rows = rows.filter(Q(subject__icontains=query) | Q(requester__user__full_name__icontains=query)
                           | Q(requester__user__email__icontains=query))
    return rows.annotate(message_count=Count("messages")).order_by(
        F("waiting_since").asc(nulls_last=True), F("last_message_at").desc(), F("id").desc()
    )


def waiting_count(*, membership: Membership) -> int:
    """How many open requests wait for this member: in the kinds assigned to them (for a badge)."""
    kinds = my_kinds(membership)
    if not kinds:
        return 0
    return SupportRequest.objects.filter(tenant_id=membership.tenant_id, status=Status.OPEN, kind__in=kinds).count()


def waiting_by_kind(*, tenant_id: int) -> dict[str, int]:
    """Open requests per kind, for the registrar's page."""
    counts = dict(SupportRequest.objects.filter(tenant_id=tenant_id, status=Status.OPEN).values("kind")
                  .annotate(n=Count("pk")).values_list("kind", "n"))
    return {kind: counts.get(kind, 0) for kind in SupportKind.values}


def handlers_by_kind(*, tenant_id: int) -> dict[str, list[Membership]]:
    """Every kind with the active staff named for it, by name."""
    found: dict[str, list[Membership]] = {kind: [] for kind in SupportKind.values}
    rows = (SupportHandler.objects.filter(tenant_id=tenant_id, membership__is_active=True, membership__role__in=STAFF_ROLES)
            .select_related("membership__user").order_by("membership__user__full_name", "membership__user__email"))
    for row in rows:
        found[row.kind].append(row.membership)
    return found


def handler_candidates(*, tenant_id: int) -> QuerySet[Membership]:
    """Who may be named: the school's active instructors and registrars."""
    return (Membership.objects.filter(tenant_id=tenant_id, is_active=True, role__in=STAFF_ROLES)
            .select_related("user").order_by("user__full_name", "user__email"))


def cohorts_to_ask_about(membership: Membership) -> QuerySet[Cohort]:
    """The cohorts a student may name on a request: those they applied to, wait for, study or completed."""
    states = (*OPEN_STATES, Enrollment.State.COMPLETED)
    return (Cohort.objects.filter(tenant_id=membership.tenant_id, enrollments__membership=membership,
                                  enrollments__state__in=states)
            .select_related("course").distinct().order_by("section_code"))


# --- naming the handlers -----------------------------------------------------------------------


@transaction.atomic
def handlers_set(*, membership: Membership, kind: str, memberships: Iterable[Membership]) -> list[Membership]:
    """The registrar names who handles one kind (several people may); the list replaces the old one."""
    _require(is_registrar(membership), "Only the school's registrars name who handles help requests.")
    if kind not in SupportKind.values:
        raise ValidationError({"kind": "Choose a kind of help request."})
    chosen = {m.pk: m for m in memberships}
    for m in chosen.values():
        if m.tenant_id != membership.tenant_id or not is_staff_member(m):
            raise ValidationError({"memberships": "Choose the school's active instructors or registrars."})
    rows = SupportHandler.objects.select_for_update().filter(tenant_id=membership.tenant_id, kind=kind)
    before = {row.membership_id for row in rows}
    rows.exclude(membership_id__in=list(chosen)).delete()
    SupportHandler.objects.bulk_create([
        SupportHandler(tenant_id=membership.tenant_id, kind=kind, membership=m) for pk, m in chosen.items() if pk not in before
    ], ignore_conflicts=True)
    if before != set(chosen):
        audit_record(tenant=membership.tenant, actor=membership.user, action="support.handlers_set",
                     target=membership.tenant, before={f"handlers_{kind}": _names(before)},
                     after={f"handlers_{kind}": _names(chosen)})
    return sorted(chosen.values(), key=lambda m: (m.user.full_name or m.user.email).lower())


def _names(membership_ids) -> list[str]:
    return sorted(str(m.user) for m in Membership.objects.filter(pk__in=list(membership_ids)).select_related("user"))


# --- writing -----------------------------------------------------------------------------------


def _subject(subject: str) -> str:
    subject = " ".join((subject or "").split())
    if not subject:
        raise ValidationError({"subject": "Say in a few words what you need help with."})
    if len(subject) > SUBJECT_MAX:
        raise ValidationError({"subject": f"Keep the subject under {SUBJECT_MAX} characters."})
    return subject


def _body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Write your message first."})
    if len(body) > BODY_MAX:
        raise ValidationError({"body": f"The message is {len(body):,} characters long; the limit is {BODY_MAX:,}."})
    return body


def request_url(support_request: SupportRequest) -> str:
    return reverse("cohorts:support_detail", kwargs={"support_request_id": support_request.pk})


@transaction.atomic
def request_open(*, membership: Membership, kind: str, subject: str, body: str, cohort: Cohort | None = None,
                 now: datetime.datetime | None = None) -> SupportRequest:
    """A student asks for help; the staff who handle the kind hear of it."""
    now = now or timezone.now()
    _require(can_open(membership), "Only students open help requests.")
    errors: dict[str, list[str]] = {}
    if kind not in SupportKind.values:
        errors["kind"] = ["Choose what kind of help you need."]
    cleaned = {}
    for field, check, value in (("subject", _subject, subject), ("body", _body, body)):
        try:
            cleaned[field] = check(value)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if cohort is not None and not cohorts_to_ask_about(membership).filter(pk=cohort.pk).exists():
        errors["cohort"] = ["Choose one of your cohorts, or none."]
    if errors:
        raise ValidationError(errors)
    body = cleaned["body"]
    support_request = SupportRequest.objects.create(
        tenant_id=membership.tenant_id, requester=membership, kind=kind, cohort=cohort, subject=cleaned["subject"],
        status=Status.OPEN, waiting_since=now, last_message_at=now, created_at=now,
    )
    message = SupportMessage.objects.create(
        tenant_id=membership.tenant_id, request=support_request, author_id=membership.user_id, from_staff=False,
        body=body, body_html=render(tenant=membership.tenant, body=body), created_at=now,
    )
    _tell_staff(support_request, message, membership, now, new=True)
    return support_request


@transaction.atomic
def message_add(*, membership: Membership, request: SupportRequest, body: str,
                now: datetime.datetime | None = None) -> SupportMessage:
    """The student's message (re)opens the request and waits for staff; a staff message answers it."""
    now = now or timezone.now()
    support_request = SupportRequest.objects.select_for_update().get(pk=request.pk, tenant_id=membership.tenant_id)
    own = support_request.requester_id == membership.pk and is_member(membership)
    _require(own or can_answer(membership, support_request),
             "Only the student who asked and the staff who handle this kind of request write here.")
    body = _body(body)
    from_staff = not own
    message = SupportMessage.objects.create(
        tenant_id=support_request.tenant_id, request=support_request, author_id=membership.user_id, from_staff=from_staff,
        body=body, body_html=render(tenant=membership.tenant, body=body), created_at=now,
    )
    if from_staff:
        support_request.status, support_request.waiting_since = Status.ANSWERED, None
    else:
        support_request.status, support_request.waiting_since = Status.OPEN, support_request.waiting_since or now
    support_request.last_message_at, support_request.closed_at, support_request.closed_by = now, None, None
    support_request.save(update_fields=["status", "waiting_since", "last_message_at", "closed_at", "closed_by"])
    if from_staff:
        _tell_student(support_request, membership, key=f"support.message:{message.pk}", now=now,
                      title=f"Reply to your help request: {support_request.subject}", body=body)
    else:
        _tell_staff(support_request, message, membership, now, new=False)
    request.status, request.waiting_since, request.last_message_at = (
        support_request.status, support_request.waiting_since, support_request.last_message_at)
    return message


@transaction.atomic
def request_close(*, membership: Membership, request: SupportRequest, now: datetime.datetime | None = None) -> SupportRequest:
    """The student or staff close it (closing a closed request changes nothing); the student hears when staff close it."""
    now = now or timezone.now()
    support_request = SupportRequest.objects.select_for_update().get(pk=request.pk, tenant_id=membership.tenant_id)
    _require(can_see(membership, support_request), "Only the student who asked and the staff who handle it close a request.")
    if support_request.status == Status.CLOSED:
        return support_request
    support_request.status, support_request.waiting_since = Status.CLOSED, None
    support_request.closed_at, support_request.closed_by_id = now, membership.user_id
    support_request.save(update_fields=["status", "waiting_since", "closed_at", "closed_by"])
    if support_request.requester_id != membership.pk:
        _tell_student(support_request, membership, key=f"support.closed:{support_request.pk}:{now.isoformat()}", now=now,
                      title=f"Your help request was closed: {support_request.subject}",
                      body="Write on it again if you still need help; that opens it again.")
    return support_request


# --- notices -----------------------------------------------------------------------------------


def staff_to_tell(support_request: SupportRequest) -> set[int]:
    """User ids: the kind's handlers and the registrars who wrote on the request; the registrars
    when nobody handles the kind."""
    tenant_id = support_request.tenant_id
    staff = Membership.objects.filter(tenant_id=tenant_id, is_active=True, role__in=STAFF_ROLES)
    handlers = set(staff.filter(support_kinds__kind=support_request.kind).values_list("user_id", flat=True))
    registrars = staff.filter(role=Role.REGISTRAR)
    if not handlers:
        return set(registrars.values_list("user_id", flat=True))
    wrote = SupportMessage.objects.filter(request=support_request, from_staff=True).values("author_id")
    return handlers | set(registrars.filter(user_id__in=wrote).values_list("user_id", flat=True))


def _tell_staff(support_request: SupportRequest, message: SupportMessage, author: Membership,
                now: datetime.datetime, *, new: bool) -> None:
    student = author.user.full_name or author.user.email
    what = "asks for" if new else "wrote again about"
    notify(tenant=author.tenant, kind=SUPPORT_NEW.code, recipients=staff_to_tell(support_request), actor=author.user,
           key=f"support.message:{message.pk}", subject=support_request, url=request_url(support_request), now=now,
           title=f"{student} {what} {support_request.get_kind_display().lower()}: {support_request.subject}",
           body=message.body[:280])


def _tell_student(support_request: SupportRequest, actor: Membership, *, key: str, title: str, body: str,
                  now: datetime.datetime) -> None:
    notify(tenant=actor.tenant, kind=SUPPORT_ANSWERED.code, recipients=[support_request.requester.user_id],
           actor=actor.user, key=key, title=title, body=body[:280], subject=support_request,
           url=request_url(support_request), now=now)


__all__ = [
    "KIND_HELP", "SUPPORT_ANSWERED", "SUPPORT_NEW", "can_answer", "can_close", "can_open", "can_see", "can_use_queue",
    "cohorts_to_ask_about", "handler_candidates", "handlers_by_kind", "handlers_set", "is_staff_member", "kinds_handled",
    "message_add", "my_kinds", "my_requests", "request_close", "request_get_for", "request_messages", "request_open",
    "requests_visible_to", "staff_to_tell", "support_queue", "waiting_by_kind", "waiting_count",
]
