"""Term-schedule notices, found by a beat dispatcher in the database (never ETA tasks in the broker).

Each run looks from where the last one stopped (lms.notifications.service.dispatch_window)
up to now, at what came due in that window: a term starting in 7 days and tomorrow,
enrollment closing in 2 days, the drop deadline tomorrow, a module opening, a live session
in 24 hours and in one hour. What is no
longer true by the time it is found (a term that has started or moved, a deadline passed,
a module unpublished) is not sent, and every notice's dedupe key names the date it is
about, so two runs at once, or a run after a day down, tell each person once.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Cohort, CohortStaff, Enrollment, Term
from courses.models import Module
from courses.selectors.learning import module_opens_at
from lms.models import Membership, Role, Tenant
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import dispatch_looked, dispatch_window, notify

__all__ = ["Due", "collect", "dispatch_term_schedule", "dispatch_window", "due_notices", "people", "register_source"]

NOTICE_HOUR = 8  # local time of day-based notices
CATCH_UP = datetime.timedelta(days=7)
DISPATCHER = "cohorts.term_schedule"
State = Enrollment.State

TERM_STARTING = register(Kind(
    "term.starting", "Term starting", "Schedule",
    "Your term starts in a week, and again the day before.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE), Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.DIGEST)},
))
ENROLLMENT_CLOSING = register(Kind(
    "enrollment.closing", "Enrollment closing", "Schedule",
    "Applications for a term close in two days and you have no place in it yet.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE)},
))
DROP_DEADLINE = register(Kind(
    "drop.deadline", "Drop deadline tomorrow", "Schedule",
    "Tomorrow is the last day to drop a cohort you are in.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE)},
))
MODULE_RELEASED = register(Kind(
    "module.released", "Module released", "Schedule",
    "A new module of your course has opened.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.DIGEST)},
))


@dataclass
class Due:
    tenant: Tenant
    kind: str
    key: str
    at: datetime.datetime
    title: str
    body: str = ""
    url: str = ""
    subject: object = None
    recipients: set[int] = field(default_factory=set)
    still_true: Callable[[], bool] | None = None  # checked again in the notice's own transaction


def local_at(day: datetime.date, zone: str, hour: int = NOTICE_HOUR) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=zoneinfo.ZoneInfo(zone)).astimezone(datetime.UTC)


def _day(day: datetime.date) -> str:
    return f"{day:%A, %B} {day.day}"


def people(cohort_ids: list[int]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """Per cohort: the user ids of its active students, and of its staff."""
    students, staff = defaultdict(set), defaultdict(set)
    for cohort_id, user_id in Enrollment.objects.filter(
        cohort_id__in=cohort_ids, state=State.ACTIVE, membership__is_active=True
    ).values_list("cohort_id", "membership__user_id"):
        students[cohort_id].add(user_id)
    for cohort_id, user_id in CohortStaff.objects.filter(cohort_id__in=cohort_ids).values_list("cohort_id", "membership__user_id"):
        staff[cohort_id].add(user_id)
    return students, staff


def collect(found: dict[str, Due], due: Due, since: datetime.datetime, until: datetime.datetime, users: set[int]) -> None:
    """Keep ``due`` if it fell in the window; one Due per key gathers everyone it reaches."""
    if since < due.at <= until and users:
        found.setdefault(due.key, due).recipients |= users


def _term_notices(since: datetime.datetime, until: datetime.datetime) -> list[Due]:
    first, last = (since - datetime.timedelta(days=2)).date(), (until + datetime.timedelta(days=2)).date()
    shifted = lambda days: (first + datetime.timedelta(days=days), last + datetime.timedelta(days=days))  # noqa: E731
    terms = list(
        Term.objects.filter(
            Q(starts_on__range=shifted(7)) | Q(starts_on__range=shifted(1))
            | Q(drop_deadline__range=shifted(1)) | Q(enrollment_closes_on__range=shifted(2))
        ).select_related("tenant").filter(tenant__is_active=True)
    )
    cohorts = list(Cohort.objects.filter(term__in=terms).select_related("term", "course"))
    students, staff = people([c.pk for c in cohorts])
    tenants = {t.pk: t.tenant for t in terms}
    dashboard = reverse("lms:dashboard")
    found: dict[str, Due] = {}
    for cohort in cohorts:
        term, tenant = cohort.term, tenants[cohort.term_id]
        today = cohort.local_today(until)
        if today < term.starts_on:  # still true: the term has not started
            # The week-ahead notice is skipped once the day-before one is due (a dispatcher back late).
            reminders = ((7, "in a week"), (1, "tomorrow")) if today < term.starts_on - datetime.timedelta(days=1) else ((1, "tomorrow"),)
            for days, label in reminders:
                # One notice per term and date reaches a person in any of its cohorts, so it names no cohort.
                collect(found, Due(
                    tenant, TERM_STARTING.code, f"term.starting:{term.pk}:{term.starts_on}:{days}d",
                    local_at(term.starts_on - datetime.timedelta(days=days), cohort.time_zone),
                    f"{term.name} starts {label}: {_day(term.starts_on)}",
                    "Your cohorts open on the first day; the dashboard lists them.", dashboard, term,
                ), since, until, students[cohort.pk] | staff[cohort.pk])
        if today <= term.drop_deadline:
            collect(found, Due(
                tenant, DROP_DEADLINE.code, f"drop.deadline:{term.pk}:{term.drop_deadline}",
                local_at(term.drop_deadline - datetime.timedelta(days=1), cohort.time_zone),
                f"Last day to drop {term.name} cohorts: {_day(term.drop_deadline)}",
                "After that day, only the registrar can drop you.", dashboard, term,
            ), since, until, students[cohort.pk])
    for term in terms:
        _enrollment_closing(found, term, [c for c in cohorts if c.term_id == term.pk], since, until)
    return list(found.values())


def _enrollment_closing(found: dict[str, Due], term: Term, cohorts: list[Cohort], since, until) -> None:
    """Two days before applications close: the school's students who have no place in the term yet."""
    tenant = term.tenant
    today = until.astimezone(zoneinfo.ZoneInfo(tenant.time_zone)).date()
    if not cohorts or not term.enrollment_opens_on <= today <= term.enrollment_closes_on:
        return
    due = Due(
        tenant, ENROLLMENT_CLOSING.code, f"enrollment.closing:{term.pk}:{term.enrollment_closes_on}",
        local_at(term.enrollment_closes_on - datetime.timedelta(days=2), tenant.time_zone),
        f"Applications for {term.name} close {_day(term.enrollment_closes_on)}",
        f"{len(cohorts)} cohort{'s' if len(cohorts) != 1 else ''} in the catalogue.", reverse("cohorts:catalogue"), term,
    )
    if not since < due.at <= until:
        return
    placed = Enrollment.objects.filter(
        cohort__term=term, state__in=(State.APPLIED, State.WAITLISTED, State.ACTIVE, State.COMPLETED)
    ).values("membership_id")
    users = set(
        Membership.objects.filter(tenant=tenant, role=Role.STUDENT, is_active=True)
        .exclude(pk__in=placed).values_list("user_id", flat=True)
    )
    collect(found, due, since, until, users)


def _module_notices(since: datetime.datetime, until: datetime.datetime) -> list[Due]:
    first, last = (since - datetime.timedelta(days=2)).date(), (until + datetime.timedelta(days=2)).date()
    cohorts = list(
        Cohort.objects.filter(term__starts_on__lte=last, term__ends_on__gte=first, tenant__is_active=True)
        .select_related("term", "tenant")
    )
    modules = defaultdict(list)
    for module in Module.objects.filter(
        course_id__in={c.course_id for c in cohorts}, is_published=True, release_offset_days__gt=0
    ).only("pk", "course_id", "title", "release_offset_days"):
        modules[module.course_id].append(module)
    students, _ = people([c.pk for c in cohorts if modules[c.course_id]])
    found: dict[str, Due] = {}
    for cohort in cohorts:
        if cohort.local_today(until) > cohort.term.ends_on:
            continue  # concluded: nothing opens for anyone
        for module in modules[cohort.course_id]:
            opens = module_opens_at(cohort, module).astimezone(datetime.UTC)
            collect(found, Due(
                cohort.tenant, MODULE_RELEASED.code, f"module.released:{module.pk}:{cohort.pk}:{opens:%Y-%m-%d}",
                opens, f"Module open: {module.title}", f"{cohort.section_code}: the module is open from today.",
                reverse("courses:cohort_course", args=[cohort.pk]), module,
            ), since, until, students[cohort.pk])
    return list(found.values())


def _live_session_notices(since: datetime.datetime, until: datetime.datetime) -> list[Due]:
    """24 hours and 1 hour before a session that is still on. A dispatcher back late sends only
    the reminder that is true now (the hour-before one, once it is due)."""
    from cohorts import live_sessions

    sessions = live_sessions.live_session_dues(since=since, until=until)
    people = live_sessions.attendees(list({s.cohort_id for s in sessions}))
    found: dict[str, Due] = {}
    for session in sessions:
        true_now = live_sessions.reminder_due(session, now=until)
        if true_now is None:
            continue
        hours, label = true_now
        title, body = live_sessions.reminder_text(session, hours, label)
        collect(found, Due(
            session.tenant, live_sessions.LIVE_REMINDER.code, live_sessions.reminder_key(session, hours),
            session.starts_at - datetime.timedelta(hours=hours), title, body, live_sessions.session_url(session), session,
            still_true=partial(live_sessions.reminder_still_true, session.pk, session.starts_at),
        ), since, until, people[session.cohort_id])
    return list(found.values())


# Other apps' dated notices (assessments: opens, due tomorrow), added from their AppConfig.ready.
SOURCES: list[Callable[[datetime.datetime, datetime.datetime], list[Due]]] = []


def register_source(source: Callable[[datetime.datetime, datetime.datetime], list[Due]]) -> None:
    if source not in SOURCES:
        SOURCES.append(source)


def due_notices(*, since: datetime.datetime, until: datetime.datetime) -> list[Due]:
    found = _term_notices(since, until) + _module_notices(since, until) + _live_session_notices(since, until)
    for source in SOURCES:
        found += source(since, until)
    return found


def dispatch_term_schedule(*, now: datetime.datetime | None = None) -> int:
    """One dispatcher run: notify what came due since the last look. Returns notices offered."""
    now = now or timezone.now()
    since, until = dispatch_window(DISPATCHER, now=now, catch_up=CATCH_UP)
    offered = 0
    for due in due_notices(since=since, until=until):
        with transaction.atomic():
            if due.still_true is not None and not due.still_true():
                continue
            offered += notify(
                tenant=due.tenant, kind=due.kind, recipients=due.recipients, key=due.key, title=due.title,
                body=due.body, url=due.url, subject=due.subject, now=now,
            )
    dispatch_looked(DISPATCHER, until=until)
    return offered


def term_dates_moved(*, term: Term, before: dict) -> None:
    """A term's dates changed: notices about the old dates that were not yet delivered never will be."""
    from lms.notifications.service import withdraw

    keys = []
    if str(term.starts_on) != before.get("starts_on"):
        keys += [f"term.starting:{term.pk}:{before.get('starts_on')}:{d}d" for d in (7, 1)]
    if str(term.drop_deadline) != before.get("drop_deadline"):
        keys.append(f"drop.deadline:{term.pk}:{before.get('drop_deadline')}")
    if str(term.enrollment_closes_on) != before.get("enrollment_closes_on"):
        keys.append(f"enrollment.closing:{term.pk}:{before.get('enrollment_closes_on')}")
    if keys:
        withdraw(tenant=term.tenant, keys=keys)
