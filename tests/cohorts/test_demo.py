"""seed_demo's programs, terms, cohorts and enrollment: consistent, relative to today, and safe to run again."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cohorts.demo import school_calendar, term_code, term_name
from cohorts.models import (
    Cohort,
    CohortStaff,
    Enrollment,
    ForumPost,
    ForumThread,
    ForumTopic,
    LiveSession,
    LiveSessionAttendance,
    SupportRequest,
    Term,
)
from cohorts.selectors import missing_prerequisites
from courses.models import Course, Credential, Prerequisite, Program, ProgramCourse
from lms.models import AuditLogEntry, Membership, User
from lms.notifications.models import Notification
from tests.factories import CodeFactory, ReleaseFactory

pytestmark = pytest.mark.django_db

State = Enrollment.State
COUNTED = (Program, Course, Prerequisite, ProgramCourse, Term, Cohort, CohortStaff, Enrollment, AuditLogEntry, User, Membership,
           LiveSession, LiveSessionAttendance, ForumTopic, ForumThread, ForumPost, SupportRequest)


def seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


@pytest.fixture
def seeded() -> str:
    return seed()


def northwind_program() -> Program:
    return Program.objects.get(tenant__slug="northwind", slug="medical-coding-certificate")


def test_northwind_program_lists_six_courses_in_teaching_order(seeded):
    program = northwind_program()
    codes = list(program.program_courses.order_by("position").values_list("course__code", flat=True))
    assert program.name == "Medical Coding Certificate"
    assert codes == ["MCC-101", "MCC-102", "MCC-103", "MCC-104", "MCC-105", "MCC-106"]
    assert program.length_months == 12 and program.practicum_hours == 80
    capstone = Course.objects.get(tenant=program.tenant, code="MCC-106")
    assert capstone.credential == Credential.CPC
    assert "100 multiple-choice questions in 4 hours" in capstone.summary


def test_northwind_prerequisites_follow_the_teaching_order(seeded):
    links = Prerequisite.objects.filter(tenant__slug="northwind").values_list("course__code", "required__code")
    required: dict[str, set[str]] = {}
    for course, needed in links:
        required.setdefault(course, set()).add(needed)
    assert required == {
        "MCC-103": {"MCC-101", "MCC-102"},
        "MCC-104": {"MCC-101"},
        "MCC-105": {"MCC-103", "MCC-104"},
        "MCC-106": {"MCC-101", "MCC-102", "MCC-103", "MCC-104", "MCC-105"},
    }
    position = dict(ProgramCourse.objects.filter(program=northwind_program()).values_list("course__code", "position"))
    assert all(position[needed] < position[course] for course, needed in links)


def test_northwind_costs_add_up_and_the_instalment_plan_pays_the_total(seeded):
    program = northwind_program()
    items = {c.kind: c.amount for c in program.cost_items.all()}
    assert items["tuition"] == Decimal("3900.00")
    assert set(items) == {"tuition", "fee", "books", "software", "exam"}
    total = sum(items.values())
    assert total == Decimal("5138.00")
    plans = {p.name: p for p in program.payment_plans.all()}
    assert plans["Pay in full"].instalments == 1
    monthly = plans["Six monthly instalments"]
    assert monthly.instalments == 6
    assert monthly.down_payment + monthly.instalments * monthly.instalment_amount(total) == total


def test_northwind_has_a_past_a_current_and_a_next_term_around_today(seeded):
    terms = list(Term.objects.filter(tenant__slug="northwind").order_by("starts_on"))
    today = timezone.localdate()
    past, current, upcoming = terms
    assert len(terms) == 3
    assert past.ends_on < today - datetime.timedelta(weeks=6)
    assert current.starts_on <= today - datetime.timedelta(weeks=4) and current.ends_on > today
    assert upcoming.starts_on > today + datetime.timedelta(weeks=6)
    assert [t.name for t in terms] == [term_name(t.starts_on) for t in terms]
    states = {c.section_code: c.state for c in Cohort.objects.filter(tenant__slug="northwind").select_related("term")}
    assert {states[code] for code in states if term_code(past.starts_on) in code} == {Cohort.State.CONCLUDED}
    assert {states[code] for code in states if term_code(current.starts_on) in code} == {Cohort.State.IN_PROGRESS}
    assert {states[code] for code in states if term_code(upcoming.starts_on) in code} == {Cohort.State.OPEN}


def test_every_demo_cohort_is_staffed_by_the_instructor_and_one_has_the_registrar_as_assistant(seeded):
    cohorts = Cohort.objects.filter(tenant__slug="northwind").prefetch_related("staff__membership__user")
    for cohort in cohorts:
        staff = {(s.membership.user.email, s.role) for s in cohort.staff.all()}
        assert ("instructor@northwind.test", "instructor") in staff, cohort.section_code
        assert cohort.time_zone == "America/Chicago"
        assert cohort.section_code.startswith(cohort.course.code + "-")
    assistants = CohortStaff.objects.filter(tenant__slug="northwind", role="ta")
    assert [s.membership.user.email for s in assistants] == ["registrar@northwind.test"]


def test_demo_students_are_active_in_current_cohorts_with_their_prerequisites_completed(seeded):
    for email in ["student@northwind.test", "student2@northwind.test"]:
        member = Membership.objects.get(tenant__slug="northwind", user__email=email)
        active = Enrollment.objects.filter(membership=member, state=State.ACTIVE).select_related("cohort")
        assert {e.cohort.state for e in active} == {Cohort.State.IN_PROGRESS}
        assert sorted(e.cohort.course.code for e in active) == ["MCC-103", "MCC-104"]
        missing = missing_prerequisites([(member.pk, e.cohort.course_id) for e in active])
        assert all(not courses for courses in missing.values())
        completed = Enrollment.objects.filter(membership=member, state=State.COMPLETED)
        assert completed.count() == 2 and all(e.final_grade for e in completed)
        assert all(e.ended_at.date() > e.cohort.term.ends_on for e in completed)


def test_next_term_has_exactly_one_applicant_and_one_waitlisted_student_behind_a_full_cohort(seeded):
    applied = Enrollment.objects.get(tenant__slug="northwind", state=State.APPLIED)
    waitlisted = Enrollment.objects.get(tenant__slug="northwind", state=State.WAITLISTED)
    assert applied.membership.user.email == "applicant@northwind.test" and applied.attested_admission
    assert waitlisted.membership.user.email == "waitlisted@northwind.test"
    assert applied.cohort.enrollment_is_open and waitlisted.cohort.enrollment_is_open
    full = waitlisted.cohort
    assert full.enrollments.filter(state=State.ACTIVE).count() == full.capacity
    assert Enrollment.objects.filter(state__in=[State.APPLIED, State.WAITLISTED]).count() == 2


def test_the_extra_demo_students_sign_in_with_the_demo_password(seeded):
    for local in ["applicant", "waitlisted", "admitted", "admitted2", "student3"]:
        client = Client(HTTP_HOST="localhost:8000")
        response = client.post("/accounts/login/", {"login": f"{local}@northwind.test", "password": "codecohort-demo"})
        assert response.status_code == 302 and response["Location"] == "/", local


def test_riverside_gets_a_smaller_program_of_its_own_with_its_students_active(seeded):
    program = Program.objects.get(tenant__slug="riverside")
    assert program.name == "Outpatient Coding Essentials"
    assert program.program_courses.count() == 3
    assert Course.objects.get(tenant=program.tenant, code="OCE-103").credential == Credential.CCA
    assert Term.objects.filter(tenant=program.tenant).count() == 1
    cohort = Cohort.objects.get(tenant=program.tenant)
    assert cohort.state == Cohort.State.IN_PROGRESS and cohort.time_zone == "America/Los_Angeles"
    active = cohort.enrollments.filter(state=State.ACTIVE).values_list("membership__user__email", flat=True)
    assert sorted(active) == ["student2@riverside.test", "student3@riverside.test", "student@riverside.test"]
    assert not Course.objects.filter(tenant=program.tenant, code__startswith="MCC-").exists()


def test_seed_prints_one_summary_line_per_school(seeded):
    assert (
        "Northwind College of Health: Medical Coding Certificate (6 courses, $5,138.00); terms "
        in seeded
    )
    assert "8 cohorts; enrollments: 1 applied, 1 waitlisted, 8 active, 6 completed." in seeded
    assert "Riverside Coding Academy: Outpatient Coding Essentials (3 courses, $3,148.00)" in seeded
    assert "1 cohort; enrollments: 3 active." in seeded


def test_each_running_cohort_has_recorded_past_sessions_and_two_coming_this_week(seeded):
    now = timezone.now()
    today = timezone.localdate()
    running = Cohort.objects.filter(term__starts_on__lte=today, term__ends_on__gte=today)
    assert running.exists()
    for cohort in running:
        sessions = list(LiveSession.objects.filter(cohort=cohort))
        past = [s for s in sessions if s.ends_at <= now]
        coming = [s for s in sessions if s.starts_at > now]
        assert len(past) == 2 and all(s.recording_file and s.captions_file and s.transcript for s in past)
        assert len(coming) == 2 and all(s.starts_at - now < datetime.timedelta(days=7) for s in coming)
        marked = LiveSessionAttendance.objects.filter(session__in=past).count()
        assert marked == 2 * cohort.enrollments.filter(state=State.ACTIVE).count()


@pytest.fixture
def seeded_with_codes() -> str:
    """The demo seeded where the school sees a (small) ICD-10-CM release, so code references link."""
    release = ReleaseFactory(system="icd10cm", version="demo-test")
    for code in ["E11.22", "I12.9", "N18.31", "Z79.4", "M17.11", "S52.531A", "W00.0XXA", "Y92.480"]:
        CodeFactory(release=release, code=code, kind="subcategory", description=f"Code {code}")
    return seed()


def running_cohorts():
    today = timezone.localdate()
    return Cohort.objects.filter(term__starts_on__lte=today, term__ends_on__gte=today).select_related("course")


def test_each_running_cohort_discusses_a_coding_case_settled_by_the_instructor(seeded_with_codes):
    assert running_cohorts().count() == 3
    for cohort in running_cohorts():
        [thread] = ForumThread.objects.filter(topic__cohort=cohort, topic__kind="general")
        posts = list(thread.posts.select_related("author", "endorsed_by").order_by("created_at"))
        assert thread.post_count == len(posts) >= 5 and len({p.author_id for p in posts}) >= 4, cohort.section_code
        assert [p.created_at for p in posts] == sorted(p.created_at for p in posts) and posts[-1].created_at < timezone.now()
        assert any(p.parent_id for p in posts), "a follow-up answers a reply"
        [endorsed] = [p for p in posts if p.endorsed_at]
        staff = set(CohortStaff.objects.filter(cohort=cohort).values_list("membership__user_id", flat=True))
        assert endorsed.author_id in staff and endorsed.endorsed_by_id in staff
        links = "".join(p.body_html for p in posts)
        assert 'href="/codes/icd10cm/' in links, cohort.section_code
        assert thread.subscriptions.filter(following=True).count() == 4  # three students and the instructor


def test_the_diagnosis_case_names_the_codes_it_teaches(seeded_with_codes):
    cohort = running_cohorts().get(course__code="MCC-103")
    answer = ForumPost.objects.get(thread__topic__cohort=cohort, endorsed_at__isnull=False)
    for code in ["E11.22", "I12.9", "N18.31", "Z79.4"]:
        assert f"/codes/icd10cm/{code}/" in answer.body_html, code
    procedure = ForumPost.objects.get(thread__topic__cohort__course__code="MCC-104", endorsed_at__isnull=False)
    assert "**J1010** × 80" in procedure.body and "20610" in procedure.body
    assert "J1040 (80 mg) were retired on 2024-03-31" in procedure.body


def test_each_running_cohort_has_a_question_and_answer_topic_and_an_open_tutoring_request(seeded_with_codes):
    for cohort in running_cohorts():
        [topic] = ForumTopic.objects.filter(cohort=cohort, answers_first=True)
        [thread] = topic.threads.all()
        assert thread.post_count == 3 and thread.author_id in set(
            CohortStaff.objects.filter(cohort=cohort).values_list("membership__user_id", flat=True))
        [request] = SupportRequest.objects.filter(cohort=cohort)
        assert (request.kind, request.status, request.requester.role) == ("tutoring", "open", "student")
        assert request.messages.count() == 1 and request.waiting_since < timezone.now()
    # Replies and the request are notified in the app, and the seeding mails nobody.
    assert Notification.objects.filter(kind="forum.reply").exists()
    assert not Notification.objects.filter(email_due_at__isnull=False, emailed_at__isnull=True).exists()


def test_a_second_run_changes_nothing(seeded):
    before = counts()
    output = seed()
    assert counts() == before
    assert output.count("Already has its school year; left as is.") == 2


def test_a_run_months_later_adds_no_terms_and_keeps_the_dates(seeded, monkeypatch):
    before = counts()
    dates = sorted(Term.objects.values_list("tenant__slug", "name", "starts_on"))
    later = timezone.now() + datetime.timedelta(days=200)
    monkeypatch.setattr(timezone, "now", lambda: later)
    output = seed()
    assert counts() == before
    assert output.count("Already has its school year; left as is.") == 2
    assert sorted(Term.objects.values_list("tenant__slug", "name", "starts_on")) == dates


def test_a_run_keeps_what_a_registrar_changed_in_the_catalogue(seeded):
    course = Course.objects.get(tenant__slug="northwind", code="MCC-102")
    Course.objects.filter(pk=course.pk).update(title="Pathophysiology")
    Prerequisite.objects.filter(course__code="MCC-104", tenant__slug="northwind").delete()
    seed()
    assert Course.objects.get(pk=course.pk).title == "Pathophysiology"
    assert not Prerequisite.objects.filter(course__code="MCC-104", tenant__slug="northwind").exists()


def test_term_names_follow_the_season_of_the_first_day():
    assert term_name(datetime.date(2026, 9, 7)) == "Fall 2026"
    assert term_name(datetime.date(2026, 12, 1)) == "Winter 2027"
    assert term_name(datetime.date(2027, 2, 1)) == "Winter 2027"
    assert term_name(datetime.date(2027, 4, 5)) == "Spring 2027"
    assert term_name(datetime.date(2027, 7, 12)) == "Summer 2027"
    assert term_code(datetime.date(2026, 12, 1)) == "WI27"


def test_the_calendar_is_valid_and_its_names_distinct_on_every_day_of_a_year():
    first = datetime.date(2026, 1, 1)
    for offset in range(366):
        today = first + datetime.timedelta(days=offset)
        calendar = school_calendar(today)
        names = {fields["name"] for fields in calendar.values()}
        assert len(names) == 3, today
        for fields in calendar.values():
            Term(tenant_id=1, **fields).clean()
        past, current, upcoming = calendar["past"], calendar["current"], calendar["next"]
        assert past["ends_on"] < today <= current["ends_on"] and current["starts_on"] <= today < upcoming["starts_on"]
        assert upcoming["enrollment_opens_on"] <= today <= upcoming["enrollment_closes_on"], today
