"""The term-schedule dispatcher: what came due since it last looked, once per person, only while true."""

from __future__ import annotations

import datetime

import pytest

from cohorts import schedule, services
from lms.models import DispatchMark, Notification
from lms.notifications.kinds import Mode
from tests.factories import CohortFactory, CohortStaffFactory, EnrollmentFactory, ModuleFactory, NotificationFactory, TermFactory

UTC = datetime.UTC
START = datetime.date(2027, 1, 11)  # a Monday


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=UTC)


@pytest.fixture
def term(school_a):
    return TermFactory(
        tenant=school_a.tenant, name="Spring 2027", starts_on=START, ends_on=START + datetime.timedelta(days=110),
        enrollment_opens_on=START - datetime.timedelta(days=40), enrollment_closes_on=START + datetime.timedelta(days=5),
        drop_deadline=START + datetime.timedelta(days=14),
    )


@pytest.fixture
def cohort(school_a, term):
    cohort = CohortFactory(tenant=school_a.tenant, term=term, section_code="MCC-103-S27-01", time_zone="UTC")
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    CohortStaffFactory(cohort=cohort, membership=school_a.membership(school_a.instructor))
    return cohort


def told(kind: str) -> list[tuple[str, str]]:
    return sorted(Notification.objects.filter(kind=kind).values_list("recipient__email", "key"))


def run_at(when: datetime.datetime) -> int:
    return schedule.dispatch_term_schedule(now=when)


def test_a_week_before_the_term_its_students_and_staff_are_told(school_a, cohort):
    run_at(at(START - datetime.timedelta(days=7), 8, 1))
    key = f"term.starting:{cohort.term.pk}:{START}:7d"
    assert told("term.starting") == [(school_a.instructor.email, key), (school_a.student.email, key)]
    assert Notification.objects.get(recipient=school_a.student).title == "Spring 2027 starts in a week: Monday, January 11"


def test_a_second_run_tells_nobody_again(school_a, cohort):
    when = at(START - datetime.timedelta(days=7), 8, 1)
    run_at(when)
    run_at(when + datetime.timedelta(minutes=5))
    assert Notification.objects.filter(kind="term.starting").count() == 2


def test_the_notice_waits_for_eight_in_the_cohorts_time_zone(school_a, cohort):
    cohort.time_zone = "America/Chicago"  # 8:00 in Chicago is 14:00 UTC in January
    cohort.save()
    run_at(at(START - datetime.timedelta(days=1), 13, 59))
    assert not Notification.objects.filter(kind="term.starting", key__endswith=":1d").exists()
    run_at(at(START - datetime.timedelta(days=1), 14, 1))
    assert Notification.objects.filter(kind="term.starting", key__endswith=":1d").count() == 2


def test_the_drop_deadline_reaches_active_students_the_day_before(school_a, cohort):
    deadline = cohort.term.drop_deadline
    run_at(at(deadline - datetime.timedelta(days=1), 8, 1))
    assert told("drop.deadline") == [(school_a.student.email, f"drop.deadline:{cohort.term.pk}:{deadline}")]


def test_enrollment_closing_reaches_students_without_a_place(school_a, cohort):
    closes = cohort.term.enrollment_closes_on
    school_a.tenant.time_zone = "UTC"
    school_a.tenant.save()
    run_at(at(closes - datetime.timedelta(days=2), 8, 1))
    assert [email for email, _ in told("enrollment.closing")] == [school_a.student2.email]


def test_a_module_opening_tells_the_cohorts_students(school_a, cohort):
    module = ModuleFactory(course=cohort.course, title="Neoplasms", release_offset_days=14)
    ModuleFactory(course=cohort.course, title="Draft module", release_offset_days=14, is_published=False)
    opens = START + datetime.timedelta(days=14)
    run_at(at(opens, 0, 1))
    assert told("module.released") == [(school_a.student.email, f"module.released:{module.pk}:{cohort.pk}:{opens}")]


def test_a_dispatcher_down_for_a_day_catches_up_with_what_is_still_true(school_a, cohort, term):
    # Summer 2027 was to start the same Monday; while the dispatcher was down it moved a month later.
    moved = TermFactory(tenant=school_a.tenant, name="Summer 2027", starts_on=START,
                        ends_on=START + datetime.timedelta(days=120), enrollment_opens_on=START - datetime.timedelta(days=40),
                        enrollment_closes_on=START + datetime.timedelta(days=5), drop_deadline=START + datetime.timedelta(days=14))
    moved_cohort = CohortFactory(tenant=school_a.tenant, term=moved, time_zone="UTC")
    EnrollmentFactory(cohort=moved_cohort, membership=school_a.membership(school_a.student2), state="active")
    services.term_save(tenant=school_a.tenant, actor=school_a.registrar, term=moved,
                       starts_on=START + datetime.timedelta(days=30), enrollment_closes_on=START + datetime.timedelta(days=30),
                       drop_deadline=START + datetime.timedelta(days=40))
    # Down from the evening before the week-ahead notice until the next evening.
    now = at(START - datetime.timedelta(days=7), 20, 0)
    DispatchMark.objects.create(name=schedule.DISPATCHER, looked_until=now - datetime.timedelta(days=1))
    run_at(now)
    assert {email for email, _ in told("term.starting")} == {school_a.student.email, school_a.instructor.email}
    assert DispatchMark.objects.get().looked_until == now
    run_at(now + datetime.timedelta(minutes=5))
    assert Notification.objects.filter(kind="term.starting").count() == 2


def test_a_term_that_has_started_is_not_announced_late(school_a, cohort):
    DispatchMark.objects.create(name=schedule.DISPATCHER, looked_until=at(START - datetime.timedelta(days=2), 0))
    run_at(at(START, 9))  # the "tomorrow" notice was due yesterday at 8:00, but the term has begun
    assert not Notification.objects.filter(kind="term.starting").exists()


def test_a_dispatcher_never_looks_back_further_than_its_catch_up(school_a, cohort):
    DispatchMark.objects.create(name=schedule.DISPATCHER, looked_until=at(START - datetime.timedelta(days=40), 0))
    since, until = schedule.dispatch_window(schedule.DISPATCHER, now=at(START, 0), catch_up=schedule.CATCH_UP)
    assert since == at(START, 0) - schedule.CATCH_UP


def test_moving_a_term_withdraws_notices_of_the_old_date_not_yet_delivered(school_a, term):
    later = at(START + datetime.timedelta(days=1), 12)
    waiting = NotificationFactory(tenant=school_a.tenant, recipient=school_a.student, kind="term.starting",
                                  key=f"term.starting:{term.pk}:{START}:1d", visible_at=later,
                                  email_mode=Mode.DIGEST, email_due_at=later)
    services.term_save(tenant=school_a.tenant, actor=school_a.registrar, term=term,
                       starts_on=START + datetime.timedelta(days=7))
    waiting.refresh_from_db()
    assert waiting.withdrawn_at is not None


def test_the_term_notice_names_no_cohort_for_students_of_several(school_a, cohort, term):
    other = CohortFactory(tenant=school_a.tenant, term=term, section_code="MCC-104-S27-01", time_zone="UTC")
    EnrollmentFactory(cohort=other, membership=school_a.membership(school_a.student2), state="active")
    run_at(at(START - datetime.timedelta(days=7), 8, 1))
    bodies = set(Notification.objects.filter(kind="term.starting").values_list("body", "url"))
    assert bodies == {("Your cohorts open on the first day; the dashboard lists them.", "/")}
    assert Notification.objects.filter(kind="term.starting").count() == 3


def test_a_late_dispatcher_sends_only_the_day_before_notice(school_a, cohort):
    DispatchMark.objects.create(name=schedule.DISPATCHER, looked_until=at(START - datetime.timedelta(days=8), 0))
    run_at(at(START - datetime.timedelta(days=1), 9))
    assert {key.rsplit(":", 1)[1] for _, key in told("term.starting")} == {"1d"}
