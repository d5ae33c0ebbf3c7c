"""The calendar: the dated things of a person's cohorts in one list, for the pages, the API and the iCal feed.

Each kind of dated thing comes from a source: a function that is given the window (who, which
cohorts, which days, which zone) and yields ``Event``s, with a constant number of queries however
many cohorts and events there are. Another app adds its own kind (assessment due dates) by calling
``register_source`` from its AppConfig.ready(), so this module does not change when it does.

All-day events (term dates are calendar days) carry dates, their ``end`` the day after the last;
timed events carry instants (aware datetimes), shown in each viewer's zone.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cohorts.live_sessions import DURATION_MAX_DELTA, sessions_visible_to
from cohorts.models import Cohort, Enrollment, Term
from cohorts.permissions import can_manage_terms
from cohorts.selectors import cohorts_visible_to
from courses.models import Module
from courses.selectors.learning import module_opens_at
from lms.links import IdLink
from lms.models import Membership, Role
from lms.selectors import object_id

ONE_DAY = datetime.timedelta(days=1)
# Days a calendar may be asked about: far enough either way, and clear of date arithmetic's limits.
EARLIEST, LATEST = datetime.date(1970, 1, 1), datetime.date(2999, 12, 31)
# A module opens at most this long after its cohort's first day (Module.release_offset_days).
LONGEST_RELEASE_OFFSET = datetime.timedelta(days=731)


@dataclass(frozen=True)
class Event:
    uid: str  # the same on every fetch, so calendar programs update an event rather than add it again
    kind: str
    title: str
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime
    all_day: bool
    url: str = ""
    cohort: str | None = None  # the cohort's section code; None for what belongs to a term
    cancelled: bool = False

    def local_start(self, zone: datetime.tzinfo) -> datetime.date | datetime.datetime:
        return self.start if self.all_day else self.start.astimezone(zone)

    def days(self, zone: datetime.tzinfo) -> list[datetime.date]:
        """The days it is listed under: each day of an all-day span, else the local day it starts."""
        if not self.all_day:  # every local day it touches (a session from 11 pm to 1 am is on two)
            first = self.start.astimezone(zone).date()
            last = max(first, (self.end - datetime.timedelta(microseconds=1)).astimezone(zone).date())
            return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
        count = max((self.end - self.start).days, 1)
        return [self.start + datetime.timedelta(days=n) for n in range(count)]


@dataclass(frozen=True)
class Window:
    """What a source is asked for: the member's cohorts in view and the days [start, end) in ``zone``."""

    membership: Membership
    cohorts: list[Cohort]  # with course and term loaded
    only_cohort: Cohort | None
    start: datetime.date
    end: datetime.date
    zone: datetime.tzinfo

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.start, datetime.time.min, tzinfo=self.zone)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.end, datetime.time.min, tzinfo=self.zone)

    def holds(self, event: Event) -> bool:
        if event.all_day:
            return event.start < self.end and event.end > self.start
        # A moment (start == end, like a module opening) counts where it falls.
        return event.start < self.ends_at and (event.end > self.starts_at or event.start >= self.starts_at)

    def uid(self, thing: str) -> str:
        return f"{thing}.{self.membership.tenant_id}@codecohort"


Source = Callable[[Window], Iterable[Event]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> Source:
    """Add a kind of dated thing to every calendar (usable as a decorator; adding twice adds once)."""
    if source not in _SOURCES:
        _SOURCES.append(source)
    return source


def calendar_events(
    *,
    membership: Membership,
    start: datetime.date,
    end: datetime.date,
    cohort_id: object = None,
    zone: datetime.tzinfo | None = None,
) -> list[Event]:
    """The events of the member's cohorts (or of one of them) overlapping the days [start, end), in order.

    The days are read in ``zone`` (the viewer's, by default the active one). A cohort the member
    may not see answers 404, as a missing one does.
    """
    if not (EARLIEST <= start < end <= LATEST):
        raise ValueError(f"Ask for days from {EARLIEST} to {LATEST}, the start before the end.")
    zone = zone or timezone.get_current_timezone()
    visible = cohorts_visible_to(membership=membership).select_related("course", "term")
    if membership.role == Role.STUDENT:  # which places hold a seat (an applicant's do not open the course)
        visible = visible.annotate(seated=Exists(Enrollment.objects.filter(
            cohort=OuterRef("pk"), membership=membership, state=Enrollment.State.ACTIVE
        )))
    only = None
    if cohort_id not in (None, ""):
        only = visible.filter(pk=object_id(cohort_id)).first()
        if only is None:
            raise Http404("No such cohort.")
        cohorts = [only]
    else:
        cohorts = list(visible.filter(_may_have_events(start, end)).order_by("section_code", "pk"))
    window = Window(membership=membership, cohorts=cohorts, only_cohort=only, start=start, end=end, zone=zone)
    events = [event for source in _SOURCES for event in source(window) if window.holds(event)]
    return sorted(events, key=lambda e: _order(e, zone))


def _may_have_events(start: datetime.date, end: datetime.date) -> Q:
    """Cohorts whose term dates or module openings can fall in the days (a day's margin for zones)."""
    start, end = start - ONE_DAY, end + ONE_DAY
    return Q(term__enrollment_opens_on__lt=end) & (
        Q(term__ends_on__gte=start) | Q(term__starts_on__gte=start - LONGEST_RELEASE_OFFSET)
    )


def _order(event: Event, zone: datetime.tzinfo) -> tuple:
    if event.all_day:
        return (event.start, 0, 0.0, event.title, event.uid)
    return (event.start.astimezone(zone).date(), 1, event.start.timestamp(), event.title, event.uid)


# --- the sources ---------------------------------------------------------------------------------

TERM_DATES = (
    ("enrollment_opens", "enrollment_opens_on", "enrollment opens"),
    ("enrollment_closes", "enrollment_closes_on", "enrollment closes"),
    ("term_starts", "starts_on", "first day"),
    ("drop_deadline", "drop_deadline", "last day to drop"),
    ("term_ends", "ends_on", "last day"),
)


@register_source
def term_dates(window: Window) -> Iterator[Event]:
    """Each term once, however many of the member's cohorts run in it."""
    terms: dict[int, tuple[Term, list[Cohort]]] = {}
    for cohort in window.cohorts:
        terms.setdefault(cohort.term_id, (cohort.term, []))[1].append(cohort)
    for term, cohorts in terms.values():
        url = _term_url(window.membership, term, cohorts)
        for kind, field, label in TERM_DATES:
            day = getattr(term, field)
            yield Event(uid=window.uid(f"term-{term.pk}-{kind}"), kind=kind, title=f"{term.name}: {label}",
                        start=day, end=day + ONE_DAY, all_day=True, url=url)


def _term_url(membership: Membership, term: Term, cohorts: list[Cohort]) -> str:
    if can_manage_terms(membership):
        return reverse("cohorts:term_edit", args=[term.pk])
    if len(cohorts) == 1:
        return reverse("cohorts:cohort_detail", args=[cohorts[0].pk])
    return ""


@register_source
def module_releases(window: Window) -> Iterator[Event]:
    """Published modules that open after the first day, at midnight in each cohort's zone. A student
    sees them for the cohorts they hold a seat in (an applicant cannot open the course yet)."""
    cohorts = [c for c in window.cohorts if getattr(c, "seated", True)]
    course_ids = {cohort.course_id for cohort in cohorts}
    if not course_ids:
        return
    modules = Module.objects.filter(
        tenant_id=window.membership.tenant_id, course_id__in=course_ids, is_published=True, release_offset_days__gt=0
    ).only("pk", "course_id", "title", "release_offset_days")
    by_course: dict[int, list[Module]] = defaultdict(list)
    for module in modules:
        by_course[module.course_id].append(module)
    link = IdLink("courses:cohort_course")
    for cohort in cohorts:
        for module in by_course[cohort.course_id]:
            opens = module_opens_at(cohort, module)
            yield Event(uid=window.uid(f"module-{module.pk}-cohort-{cohort.pk}"), kind="module_release",
                        title=f"{module.title} opens", start=opens, end=opens, all_day=False,
                        url=link(cohort.pk), cohort=cohort.section_code)


@register_source
def live_sessions(window: Window) -> Iterator[Event]:
    """Every session in the days, a cancelled one marked so rather than dropped."""
    rows = (
        sessions_visible_to(membership=window.membership)
        .filter(starts_at__lt=window.ends_at, starts_at__gt=window.starts_at - DURATION_MAX_DELTA)
        .select_related(None).select_related("cohort")
        .only("pk", "title", "starts_at", "duration_minutes", "cancelled_at", "cohort__section_code")
    )
    if window.only_cohort is not None:
        rows = rows.filter(cohort=window.only_cohort)
    link = IdLink("cohorts:live_session_detail")
    for session in rows:
        yield Event(uid=window.uid(f"live-session-{session.pk}"), kind="live_session", title=session.title,
                    start=session.starts_at, end=session.ends_at, all_day=False, url=link(session.pk),
                    cohort=session.cohort.section_code, cancelled=session.cancelled_at is not None)

