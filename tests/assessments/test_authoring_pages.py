"""The authors' and staff's pages: banks, the question editor with its preview, assessments and their
dates, hand grading, accommodations; and the lists' query counts at two sizes."""

from __future__ import annotations

import datetime

import pytest

from assessments.models import Accommodation, Assessment, Attempt, AttemptItem, CohortAssessment, Question
from assessments.services import attempts, questions
from tests.assessments.conftest import QUESTIONS, make_exam
from tests.conftest import text

pytestmark = pytest.mark.django_db


def test_an_instructor_makes_a_bank_for_a_course(school_a, cohort_a):
    client = school_a.client(school_a.instructor)
    response = client.post(f"/authoring/courses/{cohort_a.cohort.course_id}/banks/", {"title": "ICD-10-CM drills"})
    bank = cohort_a.cohort.course.question_banks.get()
    assert response.url == f"/authoring/banks/{bank.pk}/" and bank.title == "ICD-10-CM drills"


def test_students_cannot_open_the_authoring_pages(school_a, exam):
    response = school_a.client(school_a.student).get(f"/authoring/banks/{exam.bank.pk}/")
    assert response.status_code == 403


def test_the_editor_saves_a_single_choice_question(school_a, exam):
    domain = exam.domains["cpc:icd10cm"]
    response = school_a.client(school_a.instructor).post(f"/authoring/banks/{exam.bank.pk}/questions/new/?kind=single", {
        "kind": "single", "domain": domain.pk, "prompt": "Which code reports essential hypertension?", "points": "1",
        "rationale": "I10 is essential (primary) hypertension.", "choice-1-text": "I10", "choice-1-correct": "on",
        "choice-2-text": "I15.0", "choice-3-text": "I11.9", "save": "1",
    })
    assert response.status_code == 302
    question = Question.objects.latest("pk")
    assert question.current.correct_choice_ids == ["a"] and [c["text"] for c in question.current.choices] == ["I10", "I15.0", "I11.9"]


def test_the_editor_shows_what_is_wrong_and_saves_nothing(school_a, exam):
    response = school_a.client(school_a.instructor).post(f"/authoring/banks/{exam.bank.pk}/questions/new/?kind=single", {
        "kind": "single", "domain": exam.domains["cpc:em"].pk, "prompt": "Pick one", "points": "1",
        "choice-1-text": "99213", "choice-2-text": "99214", "save": "1",
    })
    assert response.status_code == 200 and "Mark exactly one choice correct." in text(response)
    assert Question.objects.count() == len(QUESTIONS)


def test_the_editor_previews_a_code_entry_key_without_saving(school_a, exam, icd10cm):
    response = school_a.client(school_a.instructor).post(f"/authoring/banks/{exam.bank.pk}/questions/new/?kind=code", {
        "kind": "code", "domain": exam.domains["cpc:icd10cm"].pk, "prompt": "Code it.", "points": "2",
        "item-1-line-1-role": "principal", "item-1-line-1-code": "E11.65", "item-1-line-1-requirement": "required",
        "sample_answer": "E11.9", "preview": "1",
    })
    page = text(response)
    assert "Score: 0%" in page and "E11.9" in page
    assert Question.objects.count() == len(QUESTIONS)


def test_editing_a_given_question_makes_a_version_and_regrades(school_a, cohort_a, exam, django_capture_on_commit_callbacks):
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    question = AttemptItem.objects.filter(attempt=attempt).first().version.question
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    version = question.current
    post = {"kind": "single", "domain": question.domain_id, "prompt": version.prompt, "points": "2", "save": "1",
            "rationale": version.rationale}
    for n, choice in enumerate(version.choices, start=1):
        post[f"choice-{n}-text"] = choice["text"]
        if choice["correct"]:
            post[f"choice-{n}-correct"] = "on"
    with django_capture_on_commit_callbacks(execute=True):
        response = school_a.client(school_a.instructor).post(f"/authoring/questions/{question.pk}/", post)
    assert "/authoring/regrades/" in response.url
    question.refresh_from_db()
    assert question.current.number == 2
    assert "Done" in text(school_a.client(school_a.instructor).get(response.url))


def test_dates_are_read_in_the_cohorts_time_zone(school_a, cohort_a, exam):
    cohort = cohort_a.cohort
    cohort.time_zone = "America/Chicago"
    cohort.save()
    response = school_a.client(school_a.instructor).post(f"/authoring/assessments/{exam.assessment.pk}/schedule/", {
        "cohort": cohort.pk, "opens_at": "2027-01-11T08:00", "due_at": "2027-01-18T23:59", "closes_at": "2027-01-20T23:59",
        "late_penalty_percent": "10",
    })
    assert response.status_code == 302
    row = CohortAssessment.objects.get(cohort=cohort, assessment=exam.assessment)
    assert row.due_at == datetime.datetime(2027, 1, 19, 5, 59, tzinfo=datetime.UTC)


def test_a_registrar_sets_an_accommodation(school_a, cohort_a):
    student = school_a.membership(school_a.student)
    response = school_a.client(school_a.registrar).post("/accommodations/", {
        "student": student.pk, "time_multiplier": "1.5", "extra_attempts": "1", "close_extension_hours": "48",
        "note": "Plan on file",
    })
    assert response.status_code == 302
    assert Accommodation.objects.get(membership=student).close_extension_hours == 48


def test_instructors_cannot_set_accommodations(school_a, cohort_a):
    response = school_a.client(school_a.instructor).post("/accommodations/", {
        "student": school_a.membership(school_a.student).pk, "time_multiplier": "2"})
    assert response.status_code == 403 and not Accommodation.objects.exists()


def test_staff_grade_a_written_answer_from_the_queue(school_a, cohort_a, django_capture_on_commit_callbacks):
    from assessments.services import delivery, grading

    exam = make_exam(cohort_a, per_domain=1)
    written = questions.question_create(tenant=school_a.tenant, actor=school_a.instructor, bank=exam.bank, data={
        "kind": "written", "domain": "cpc:compliance", "prompt": "Why query the provider?", "rubric": "Documentation.",
    })
    delivery.blueprint_set(tenant=school_a.tenant, actor=school_a.instructor, assessment=exam.assessment,
                           rules=[{"domain": written.domain_id, "count": 1}])
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    attempts.answer_save(attempt=attempt, position=1, response={"text": "To document the condition."}, seq=1)
    with django_capture_on_commit_callbacks(execute=False):
        attempts.attempt_submit(attempt=attempt)
    grading.attempt_grade(tenant_id=attempt.tenant_id, attempt_id=attempt.pk)
    client = school_a.client(school_a.instructor)
    assert "To document the condition." in text(client.get(f"/cohorts/{cohort_a.cohort.pk}/grading/"))
    client.post(f"/attempts/{attempt.pk}/items/1/grade/", {"earned": "1", "feedback": "Good.", "next": "queue"})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.GRADED and attempt.percent == 100


@pytest.mark.parametrize("size", [1, 6])
def test_the_bank_page_asks_a_constant_number_of_queries(school_a, cohort_a, size, django_assert_max_num_queries):
    from tests.assessments.conftest import make_exam as build

    exam = build(cohort_a)
    for _ in range(size):
        for data in QUESTIONS:
            questions.question_create(tenant=school_a.tenant, actor=school_a.instructor, bank=exam.bank, data=data)
    client = school_a.client(school_a.instructor)
    client.get(f"/authoring/banks/{exam.bank.pk}/")
    with django_assert_max_num_queries(10):
        assert client.get(f"/authoring/banks/{exam.bank.pk}/").status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_the_staff_view_of_an_assessment_asks_a_constant_number_of_queries(school_a, cohort_a, size,
                                                                           django_assert_max_num_queries):
    from tests.factories import EnrollmentFactory, MembershipFactory

    exam = make_exam(cohort_a)
    for _ in range(size):
        enrollment = EnrollmentFactory(cohort=cohort_a.cohort, membership=MembershipFactory(tenant=school_a.tenant), state="active")
        attempts.attempt_start(membership=enrollment.membership, scheduled=exam.scheduled)
    client = school_a.client(school_a.instructor)
    client.get(f"/assessments/{exam.scheduled.pk}/")
    with django_assert_max_num_queries(12):
        page = client.get(f"/assessments/{exam.scheduled.pk}/")
    assert page.content.decode().count("In progress") == size


@pytest.mark.parametrize("size", [1, 5])
def test_the_take_page_asks_a_constant_number_of_queries(school_a, cohort_a, size, django_assert_max_num_queries):
    exam = make_exam(cohort_a, per_domain=min(size, 2))
    attempt = attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    client = school_a.client(school_a.student)
    client.get(f"/attempts/{attempt.pk}/")
    with django_assert_max_num_queries(9):
        assert client.get(f"/attempts/{attempt.pk}/").status_code == 200


def test_assessment_settings_save_from_the_page(school_a, exam):
    data = {"settings": "1", "title": "CPC practice exam A", "kind": "practice_exam", "attempts_allowed": "3",
            "scoring_policy": "average", "passing_percent": "70", "show_scores": "after_submit",
            "show_answers": "after_due", "time_limit_minutes": "240", "is_published": "on"}
    school_a.client(school_a.instructor).post(f"/authoring/assessments/{exam.assessment.pk}/", data)
    assessment = Assessment.objects.get(pk=exam.assessment.pk)
    assert (assessment.title, assessment.time_limit_minutes, assessment.scoring_policy) == ("CPC practice exam A", 240, "average")


@pytest.mark.parametrize("size", [1, 6])
def test_the_cohorts_assessments_list_asks_a_constant_number_of_queries(school_a, cohort_a, size,
                                                                        django_assert_max_num_queries):
    from assessments.services import delivery as schedule

    exam = make_exam(cohort_a)
    for n in range(size):
        extra = schedule.assessment_create(tenant=school_a.tenant, actor=school_a.instructor, course=cohort_a.cohort.course,
                                           bank=exam.bank, data={"title": f"Quiz {n}", "is_published": True})
        schedule.questions_set(tenant=school_a.tenant, actor=school_a.instructor, assessment=extra,
                               question_ids=[exam.questions[0].pk])
        schedule.schedule_set(tenant=school_a.tenant, actor=school_a.instructor, cohort=cohort_a.cohort, assessment=extra,
                              opens_at=exam.scheduled.opens_at)
    attempts.attempt_start(membership=school_a.membership(school_a.student), scheduled=exam.scheduled)
    client = school_a.client(school_a.student)
    client.get(f"/cohorts/{cohort_a.cohort.pk}/assessments/")
    with django_assert_max_num_queries(9):
        page = client.get(f"/cohorts/{cohort_a.cohort.pk}/assessments/")
    assert page.content.decode().count("Not started") == size


@pytest.mark.parametrize("size", [1, 8])
def test_the_accommodations_page_asks_a_constant_number_of_queries(school_a, size, django_assert_max_num_queries):
    from decimal import Decimal

    from assessments.services import delivery as profiles
    from tests.factories import MembershipFactory

    for _ in range(size):
        profiles.accommodation_set(tenant=school_a.tenant, actor=school_a.registrar,
                                   membership=MembershipFactory(tenant=school_a.tenant), time_multiplier=Decimal("1.5"))
    client = school_a.client(school_a.registrar)
    client.get("/accommodations/")
    with django_assert_max_num_queries(8):
        page = client.get("/accommodations/")
    assert page.content.decode().count("× 1.5") == size


def test_the_bank_page_offers_new_questions_of_each_kind_import_and_export(school_a, exam):
    page = school_a.client(school_a.instructor).get(f"/authoring/banks/{exam.bank.pk}/").content.decode()
    assert f"/authoring/banks/{exam.bank.pk}/questions/new/?kind=case" in page
    assert f"/authoring/banks/{exam.bank.pk}/import/" in page
    assert f"/authoring/banks/{exam.bank.pk}/export/?format=csv" in page
