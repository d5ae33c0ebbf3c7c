"""The bench seeder (bench/seeding) at size XS: 12 students in 2 courses x 2 sections.

Run on SQLite; the same code takes the COPY path where DATABASE_URL points at PostgreSQL.
"""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import seeding
from bench.seeding import courses as course_steps
from bench.seeding.base import HOST, PASSWORD, REGISTRAR_EMAIL, SIZES, Seeding, instructor_email, student_email
from bench.seeding.reset import tenant_tables
from bench.seeding.summary import table_counts
from cohorts.models import Cohort, Enrollment
from courses.models import ExerciseAttempt, Lesson, LessonProgress, Module
from lms.models import Domain, Membership, Role, Tenant, User

XS = SIZES["XS"]
SEEDED_KEYS = {
    "host", "size", "password", "tenant_id", "registrar_email", "instructor_email", "student_count",
    "student_emails", "enrollment_ids", "applicant_emails", "first_cohort_id", "cohort_ids", "course_ids",
    "lesson_ids", "upcoming_lesson_ids", "forum_topic_id", "forum_thread_id", "exam_schedule_id", "index_main_term_id", "counts",
    "seeded_at",
}


@pytest.fixture
def said() -> list[str]:
    return []


@pytest.fixture
def seeded(db, said) -> dict:
    return seeding.seed(size=XS, say=said.append)


def bench() -> Tenant:
    return Tenant.objects.get(slug="bench")


def test_each_step_reports_its_rows_and_seconds_then_commit_and_the_total(seeded, said):
    steps = said[: len(seeding.STEPS)]
    assert [line.split("  ")[0] for line in steps] == [step.name for step in seeding.STEPS]
    assert all(" rows " in line and " s  (" in line for line in steps)
    assert [line.split()[0] for line in said[len(seeding.STEPS):]] == ["commit", "analyze", "total"]
    assert all(line.endswith(" s") for line in said[len(seeding.STEPS):])


def test_every_app_gets_its_rows(seeded):
    tenant = bench()
    assert Domain.objects.get(host=HOST).tenant == tenant
    assert Membership.objects.filter(tenant=tenant, role=Role.STUDENT).count() == XS.students + XS.applicants
    assert Membership.objects.filter(tenant=tenant, role=Role.INSTRUCTOR).count() == XS.cohorts
    assert Module.objects.filter(tenant=tenant).count() == XS.courses * 8
    assert Lesson.objects.filter(tenant=tenant).count() == XS.courses * 8 * 6
    assert set(Lesson.objects.filter(tenant=tenant).values_list("kind", flat=True)) == {"video", "reading", "exercise"}
    assert Cohort.objects.filter(tenant=tenant).count() == XS.cohorts
    assert LessonProgress.objects.filter(tenant=tenant).exists()
    assert ExerciseAttempt.objects.filter(tenant=tenant).exists()


def test_every_student_has_a_month_of_notices_five_unread(seeded):
    from lms.models import Notification
    from lms.notifications.service import unread_count

    tenant = bench()
    student = Membership.objects.filter(tenant=tenant, role=Role.STUDENT, enrollments__state="active").first().user
    assert Notification.objects.filter(tenant=tenant).count() == XS.students * 20
    assert unread_count(tenant=tenant, user=student) == 5


def test_every_cohort_meets_twice_a_week_and_the_held_sessions_have_recordings(seeded):
    from cohorts.live_sessions import upcoming_for
    from cohorts.models import Announcement, LiveSession

    tenant = bench()
    sessions = LiveSession.objects.filter(tenant=tenant)
    assert sessions.count() == XS.cohorts * 12 * 2
    now = timezone.now()
    assert all(bool(s.recording_url) == (s.ends_at < now) for s in sessions)
    student = Membership.objects.filter(tenant=tenant, role=Role.STUDENT, enrollments__state="active").first()
    assert len(upcoming_for(membership=student)) == 5
    assert Announcement.objects.filter(tenant=tenant).count() == 2 + XS.cohorts


def test_every_cohort_has_a_forum_and_the_first_holds_the_long_thread(seeded):
    from cohorts import forum_reading
    from cohorts.models import ForumThread, ForumTopic

    tenant = bench()
    assert ForumTopic.objects.filter(tenant=tenant, kind="general").count() == XS.cohorts
    assert ForumTopic.objects.filter(tenant=tenant, kind="module").count() == XS.cohorts * 8
    long = ForumThread.objects.get(pk=seeded["forum_thread_id"])
    assert long.post_count == long.posts.count() == 200
    assert long.topic_id == seeded["forum_topic_id"]
    reader = Membership.objects.get(tenant=tenant, user__email=seeded["student_emails"][0])
    unread = forum_reading.threads_for_topic(topic=long.topic, user_id=reader.user_id)
    assert {t.unread == 0 for t in unread} == {True, False}  # some threads read, some not


def test_every_row_carries_the_bench_school(seeded):
    tenant = bench()
    for name, count in seeded["counts"].items():
        if name == "User":
            continue
        model = next(m for m in [Domain, *tenant_tables()] if m.__name__ == name)
        assert model.objects.count() == count == model.objects.filter(tenant=tenant).count(), name


def test_lessons_have_the_fields_of_their_kind(seeded):
    lessons = Lesson.objects.filter(tenant=bench())
    assert all(v.duration_seconds and v.video_url for v in lessons.filter(kind="video"))
    assert all("<table>" in r.body_html and "<li>" in r.body_html for r in lessons.filter(kind="reading"))
    for exercise in lessons.filter(kind="exercise").prefetch_related("key_lines"):
        assert exercise.record_text and 2 <= len(exercise.key_lines.all()) <= 3
    offsets = Module.objects.filter(tenant=bench()).values_list("release_offset_days", flat=True)
    assert set(offsets) == {0, 7, 14, 21, 28, 35, 42, 49}  # weekly


def test_every_student_is_active_in_each_course_of_their_section(seeded):
    tenant = bench()
    for number in range(1, XS.students + 1):
        places = Enrollment.objects.filter(tenant=tenant, membership__user__email=student_email(number), state="active")
        assert places.values("cohort__course").distinct().count() == XS.courses == places.count()
        assert places.values("cohort__section_code").count() == XS.courses


def test_the_first_cohort_has_a_queue_of_applicants(seeded):
    waiting = Enrollment.objects.filter(cohort_id=seeded["first_cohort_id"]).exclude(state="active")
    assert sorted(waiting.values_list("state", flat=True)) == ["applied", "waitlisted"]
    assert not LessonProgress.objects.filter(enrollment__in=waiting).exists()


def test_progress_is_only_for_open_lessons_of_the_enrollments_own_course(seeded):
    progress = LessonProgress.objects.filter(tenant=bench())
    assert not progress.exclude(lesson__module__course=F("enrollment__cohort__course")).exists()
    assert not ExerciseAttempt.objects.exclude(lesson__module__course=F("enrollment__cohort__course")).exists()
    assert not progress.filter(lesson__module__release_offset_days__gt=30).exists()
    assert not progress.exclude(enrollment__state="active").exists()


def test_progress_thins_out_over_the_modules_with_lectures_left_part_way(seeded):
    done = LessonProgress.objects.filter(tenant=bench(), completed_at__isnull=False)
    per_module = [done.filter(lesson__module__position=m).count() for m in range(5)]
    assert per_module[0] > per_module[2] > per_module[4]
    paused = LessonProgress.objects.filter(completed_at__isnull=True, lesson__kind="video")
    assert paused.exists() and all(0 < p.position_seconds < p.lesson.duration_seconds for p in paused)


def test_exercise_tries_match_their_attempts_and_the_best_score(seeded):
    rows = LessonProgress.objects.filter(tenant=bench(), lesson__kind="exercise").select_related("lesson")
    assert rows.exists()
    for row in rows:
        tries = ExerciseAttempt.objects.filter(enrollment=row.enrollment_id, lesson=row.lesson_id)
        scores = list(tries.values_list("score", flat=True))
        assert row.tries == len(scores) >= 1 and row.best_score == max(scores)
    assert ExerciseAttempt.objects.filter(score=1.0).exists() and ExerciseAttempt.objects.filter(score__lt=1.0).exists()


def test_a_second_run_at_the_same_size_changes_nothing(seeded, said):
    before = table_counts(bench())
    again = seeding.seed(size=XS, say=said.append)
    assert said[-1].startswith("The bench school already exists at size XS")
    assert table_counts(bench()) == before and again["cohort_ids"] == seeded["cohort_ids"]


def test_another_size_without_fresh_is_refused(seeded):
    with pytest.raises(seeding.SizeMismatch, match="exists at size XS"):
        seeding.seed(size=SIZES["S"], say=lambda line: None)


def test_fresh_deletes_the_school_and_seeds_it_again_leaving_other_schools_alone(seeded, cohort_a):
    old_lessons = set(Lesson.objects.filter(tenant=bench()).values_list("id", flat=True))
    other = table_counts(cohort_a.school.tenant)
    again = seeding.seed(size=XS, fresh=True, say=lambda line: None)
    assert again["tenant_id"] != seeded["tenant_id"] and not Tenant.objects.filter(pk=seeded["tenant_id"]).exists()
    assert again["counts"] == seeded["counts"]
    assert not old_lessons & set(Lesson.objects.values_list("id", flat=True))
    assert table_counts(cohort_a.school.tenant) == other
    assert User.objects.filter(email=cohort_a.school.student.email).exists()


def test_the_steps_can_be_run_one_by_one_with_a_size_of_ones_own(db):
    size = seeding.Size("tiny", 3, courses=1, sections=1, modules=2, lessons_per_module=3)
    ctx = Seeding(size=size, now=timezone.now())
    for step in seeding.STEPS:
        step.run(ctx)
    assert Lesson.objects.filter(tenant=ctx.tenant).count() == 6
    assert Enrollment.objects.filter(tenant=ctx.tenant, state="active").count() == 3
    assert course_steps._opened_modules(ctx) == 2


@pytest.mark.parametrize("email", [student_email(1), instructor_email(1), REGISTRAR_EMAIL])
def test_bench_people_sign_in_with_the_bench_password_on_the_bench_host(seeded, email):
    client = Client(HTTP_HOST=HOST)
    response = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/", email
    assert client.get("/").status_code == 200


def test_the_load_runners_pages_open_for_the_seeded_people(seeded):
    student, staff = Client(HTTP_HOST=HOST), Client(HTTP_HOST=HOST)
    student.force_login(User.objects.get(email=seeded["student_emails"][0]))
    staff.force_login(User.objects.get(email=seeded["instructor_email"]))
    cohort = seeded["first_cohort_id"]
    for kind, lesson_ids in seeded["lesson_ids"].items():
        assert student.get(reverse("courses:cohort_lesson", args=[cohort, lesson_ids[0]])).status_code == 200, kind
    assert student.get(reverse("courses:cohort_course", args=[cohort])).status_code == 200
    assert staff.get(reverse("courses:progress_grid", args=[cohort])).status_code == 200
    assert staff.get(reverse("cohorts:roster", args=[cohort])).status_code == 200
    assert staff.get(reverse("courses:progress_student", args=[cohort, seeded["enrollment_ids"][0]])).status_code == 200


def test_the_command_writes_seeded_json_with_its_documented_keys(db, tmp_path):
    out = tmp_path / "seeded.json"
    log = io.StringIO()
    call_command("bench_seed", "--size", "XS", "--output", str(out), stdout=log)
    data = json.loads(out.read_text())
    assert set(data) == SEEDED_KEYS and all(key in seeding.__doc__ for key in SEEDED_KEYS)
    assert (data["host"], data["size"], data["password"]) == (HOST, "XS", PASSWORD)
    first = data["first_cohort_id"]
    for email, enrollment_id in zip(data["student_emails"], data["enrollment_ids"], strict=True):
        assert Enrollment.objects.get(pk=enrollment_id, cohort_id=first).membership.user.email == email
    assert set(data["lesson_ids"]) == {"video", "reading", "exercise"}
    assert "registrar@bench.test" in log.getvalue() and str(out) in log.getvalue()


def test_every_cohort_has_a_timed_exam_open_today_drawn_from_its_courses_bank(seeded):
    from django.utils import timezone

    from assessments.models import CohortAssessment, Question

    tenant = bench()
    rows = CohortAssessment.objects.filter(tenant=tenant).select_related("assessment")
    assert rows.count() == XS.cohorts
    now = timezone.now()
    assert all(r.opens_at < now < r.closes_at and r.assessment.time_limit_minutes == 60 and r.assessment.is_published
               for r in rows)
    assert Question.objects.filter(tenant=tenant).count() == XS.courses * 22
    assert seeded["exam_schedule_id"] == rows.get(cohort_id=seeded["first_cohort_id"]).pk


def test_seeded_json_names_the_index_main_term_the_journeys_read(db, tmp_path, icd10cm_index):
    from codesets.models import IndexTerm

    out = tmp_path / "seeded.json"
    call_command("bench_seed", "--size", "XS", "--output", str(out), stdout=io.StringIO())
    main = IndexTerm.objects.get(pk=json.loads(out.read_text())["index_main_term_id"])
    assert (main.title, main.depth, main.kind) == ("Fracture, traumatic", 0, "index")
