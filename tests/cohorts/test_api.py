"""The API of terms, cohorts and enrollments: who sees what, what registrars and students may change."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import Cohort, CohortStaff, Enrollment, Term
from lms.models import AuditLogEntry, Membership, Role, User
from tests.conftest import make_cohort
from tests.factories import CohortFactory, CourseFactory, EnrollmentFactory, MembershipFactory, TermFactory

JSON = "application/json"


def post(client, url: str, data: dict | None = None):
    return client.post(url, data or {}, content_type=JSON)


def patch(client, url: str, data: dict):
    return client.patch(url, data, content_type=JSON)


def day(offset: int) -> str:
    return (timezone.localdate() + timedelta(days=offset)).isoformat()


SPRING = {
    "name": "Spring 2027",
    "enrollment_opens_on": day(5),
    "enrollment_closes_on": day(40),
    "starts_on": day(30),
    "ends_on": day(140),
    "drop_deadline": day(45),
}


# --- terms -----------------------------------------------------------------------


def test_members_list_terms_with_their_dates(school_a, cohort_a):
    data = school_a.client(school_a.student).get("/api/v1/terms/").json()
    term = cohort_a.cohort.term
    assert data["results"] == [
        {
            "id": term.pk, "name": term.name, "starts_on": term.starts_on.isoformat(), "ends_on": term.ends_on.isoformat(),
            "enrollment_opens_on": term.enrollment_opens_on.isoformat(),
            "enrollment_closes_on": term.enrollment_closes_on.isoformat(), "drop_deadline": term.drop_deadline.isoformat(),
        }
    ]


def test_registrar_creates_a_term(school_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/terms/", SPRING)
    assert response.status_code == 201
    term = Term.objects.get(tenant=school_a.tenant)
    assert response.json()["id"] == term.pk
    assert term.name == "Spring 2027" and term.starts_on.isoformat() == SPRING["starts_on"]
    assert AuditLogEntry.objects.filter(tenant=school_a.tenant, action="term.created").exists()


@pytest.mark.parametrize("who", ["student", "instructor"])
def test_only_registrars_create_terms(school_a, who):
    response = post(school_a.client(getattr(school_a, who)), "/api/v1/terms/", SPRING)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only the school's registrars can create or change terms."
    assert not Term.objects.exists()


def test_term_ending_before_it_starts_is_a_400_on_the_field_and_saves_nothing(school_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/terms/", {**SPRING, "ends_on": day(20)})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"]["ends_on"] == ["The last day must come after the first day."]
    assert not Term.objects.exists()


def test_term_without_dates_names_each_missing_field(school_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/terms/", {"name": "Fall 2027", "starts_on": "soon"})
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {
        "starts_on", "ends_on", "enrollment_opens_on", "enrollment_closes_on", "drop_deadline",
    }
    assert not Term.objects.exists()


def test_term_name_taken_in_the_school_is_refused(school_a, cohort_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/terms/", {**SPRING, "name": cohort_a.cohort.term.name})
    assert response.status_code == 400
    assert "already a term called" in response.json()["error"]["fields"]["name"][0]
    assert Term.objects.count() == 1


def test_registrar_moves_a_terms_drop_deadline(school_a, cohort_a):
    term = cohort_a.cohort.term
    new_deadline = term.starts_on + timedelta(days=7)
    response = patch(school_a.client(school_a.registrar), f"/api/v1/terms/{term.pk}/", {"drop_deadline": new_deadline.isoformat()})
    assert response.status_code == 200
    assert response.json()["drop_deadline"] == new_deadline.isoformat()
    term.refresh_from_db()
    assert term.drop_deadline == new_deadline


def test_drop_deadline_outside_the_term_is_refused_and_the_term_unchanged(school_a, cohort_a):
    term = cohort_a.cohort.term
    before = term.drop_deadline
    outside = (term.ends_on + timedelta(days=1)).isoformat()
    response = patch(school_a.client(school_a.registrar), f"/api/v1/terms/{term.pk}/", {"drop_deadline": outside})
    assert response.status_code == 400
    assert "drop_deadline" in response.json()["error"]["fields"]
    term.refresh_from_db()
    assert term.drop_deadline == before


def test_instructor_cannot_change_a_term(school_a, cohort_a):
    term = cohort_a.cohort.term
    response = patch(school_a.client(school_a.instructor), f"/api/v1/terms/{term.pk}/", {"name": "Renamed"})
    assert response.status_code == 403
    term.refresh_from_db()
    assert term.name != "Renamed"


def test_another_schools_term_is_not_found(school_a, school_b, cohort_a):
    term = cohort_a.cohort.term
    assert school_b.client(school_b.registrar).get(f"/api/v1/terms/{term.pk}/").status_code == 404
    assert patch(school_b.client(school_b.registrar), f"/api/v1/terms/{term.pk}/", {"name": "Taken"}).status_code == 404
    term.refresh_from_db()
    assert term.name != "Taken"


@pytest.mark.parametrize("terms", [3, 40])
def test_term_list_query_count_does_not_grow(school_a, terms, django_assert_max_num_queries):
    TermFactory.create_batch(terms, tenant=school_a.tenant)
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(7):
        assert client.get("/api/v1/terms/?page_size=200").json()["count"] == terms


# --- cohorts ---------------------------------------------------------------------


def test_registrar_sees_every_cohort_with_seats_and_staff(school_a, cohort_a):
    EnrollmentFactory(cohort=cohort_a.cohort, state="waitlisted")
    make_cohort(school_a)
    data = school_a.client(school_a.registrar).get("/api/v1/cohorts/").json()
    assert data["count"] == 2
    cohort = next(c for c in data["results"] if c["id"] == cohort_a.cohort.pk)
    assert cohort["section_code"] == cohort_a.cohort.section_code
    assert cohort["course"] == {"id": cohort_a.cohort.course_id, "code": cohort_a.cohort.course.code, "title": cohort_a.cohort.course.title}
    assert cohort["term"]["name"] == cohort_a.cohort.term.name
    assert (cohort["capacity"], cohort["active_count"], cohort["seats_left"], cohort["waitlist_count"]) == (25, 1, 24, 1)
    assert cohort["state"] == "open" and cohort["enrollment_open"] is True
    assert cohort["staff"] == [
        {
            "membership_id": school_a.membership(school_a.instructor).pk, "email": school_a.instructor.email,
            "full_name": school_a.instructor.full_name, "role": "instructor",
        }
    ]


def test_student_sees_only_the_cohorts_they_are_enrolled_in(school_a, cohort_a):
    make_cohort(school_a)  # the same student is active there too
    other = CohortFactory(tenant=school_a.tenant)
    ids = {c["id"] for c in school_a.client(school_a.student).get("/api/v1/cohorts/").json()["results"]}
    assert cohort_a.cohort.pk in ids and other.pk not in ids
    assert school_a.client(school_a.student2).get("/api/v1/cohorts/").json()["count"] == 0
    assert school_a.client(school_a.student2).get(f"/api/v1/cohorts/{cohort_a.cohort.pk}/").status_code == 404


def test_open_lists_the_catalogue_to_any_student(school_a, cohort_a):
    today = timezone.localdate()
    closed = CohortFactory(
        tenant=school_a.tenant,
        term=TermFactory(tenant=school_a.tenant, enrollment_opens_on=today + timedelta(days=5), enrollment_closes_on=today + timedelta(days=9)),
    )
    ids = [c["id"] for c in school_a.client(school_a.student2).get("/api/v1/cohorts/?open=1").json()["results"]]
    assert ids == [cohort_a.cohort.pk]
    assert closed.pk not in ids


def test_cohort_list_filters_by_term_course_and_words(school_a, cohort_a):
    second = CohortFactory(tenant=school_a.tenant, course=CourseFactory(tenant=school_a.tenant, title="CPT Procedure Coding"))
    client = school_a.client(school_a.registrar)
    assert [c["id"] for c in client.get(f"/api/v1/cohorts/?term={second.term_id}").json()["results"]] == [second.pk]
    assert [c["id"] for c in client.get(f"/api/v1/cohorts/?course={cohort_a.cohort.course_id}").json()["results"]] == [cohort_a.cohort.pk]
    assert [c["id"] for c in client.get("/api/v1/cohorts/?q=procedure").json()["results"]] == [second.pk]
    assert [c["id"] for c in client.get("/api/v1/cohorts/?open=1&q=procedure").json()["results"]] == [second.pk]


def _cohort_payload(school, **extra) -> dict:
    course = CourseFactory(tenant=school.tenant, code="MCC-120", title="CPT Procedure Coding")
    term = TermFactory(tenant=school.tenant)
    instructor = school.membership(school.instructor)
    return {
        "course": course.pk, "term": term.pk, "section_code": "mcc-120-s27-01", "capacity": 18,
        "time_zone": "America/Chicago", "meeting_pattern": "Live office hours Tuesdays 7 pm",
        "staff": [{"membership_id": instructor.pk, "role": "instructor"}], **extra,
    }


def test_registrar_creates_a_cohort_with_its_staff(school_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/cohorts/", _cohort_payload(school_a))
    assert response.status_code == 201
    cohort = Cohort.objects.get(tenant=school_a.tenant)
    assert cohort.section_code == "MCC-120-S27-01" and cohort.capacity == 18 and cohort.time_zone == "America/Chicago"
    assert list(CohortStaff.objects.filter(cohort=cohort).values_list("membership__user__email", "role")) == [
        (school_a.instructor.email, "instructor")
    ]
    assert response.json()["seats_left"] == 18 and response.json()["staff"][0]["email"] == school_a.instructor.email


def test_cohort_with_another_schools_course_and_term_is_refused(school_a, school_b):
    foreign = _cohort_payload(school_b)
    payload = {**_cohort_payload(school_a), "course": foreign["course"], "term": foreign["term"]}
    response = post(school_a.client(school_a.registrar), "/api/v1/cohorts/", payload)
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["course"] == ["Choose a course of this school."] and fields["term"] == ["Choose a term of this school."]
    assert not Cohort.objects.filter(tenant=school_a.tenant).exists()


def test_staff_from_another_school_is_refused(school_a, school_b):
    payload = _cohort_payload(school_a, staff=[{"membership_id": school_b.membership(school_b.instructor).pk}])
    response = post(school_a.client(school_a.registrar), "/api/v1/cohorts/", payload)
    assert response.status_code == 400
    assert "No member with id" in response.json()["error"]["fields"]["staff"][0]
    assert not Cohort.objects.filter(tenant=school_a.tenant).exists()


def test_a_student_cannot_staff_a_cohort(school_a):
    payload = _cohort_payload(school_a, staff=[{"membership_id": school_a.membership(school_a.student).pk, "role": "ta"}])
    response = post(school_a.client(school_a.registrar), "/api/v1/cohorts/", payload)
    assert response.status_code == 400
    assert "cannot staff a cohort" in response.json()["error"]["fields"]["staff"][0]
    assert not Cohort.objects.filter(tenant=school_a.tenant).exists()


def test_bad_cohort_payload_names_each_field(school_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/cohorts/", {"capacity": 0, "time_zone": "Mars/Olympus"})
    assert response.status_code == 400
    assert {"course", "term", "section_code", "capacity", "time_zone"} <= set(response.json()["error"]["fields"])
    assert not Cohort.objects.exists()


@pytest.mark.parametrize("who", ["student", "instructor"])
def test_only_registrars_create_cohorts(school_a, who):
    response = post(school_a.client(getattr(school_a, who)), "/api/v1/cohorts/", _cohort_payload(school_a))
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only the school's registrars can create or change cohorts."
    assert not Cohort.objects.exists()


def test_instructor_cannot_change_the_cohort_they_teach(school_a, cohort_a):
    response = patch(school_a.client(school_a.instructor), f"/api/v1/cohorts/{cohort_a.cohort.pk}/", {"capacity": 99})
    assert response.status_code == 403
    cohort_a.cohort.refresh_from_db()
    assert cohort_a.cohort.capacity == 25


def test_raising_capacity_fills_the_seat_from_the_waitlist(school_a):
    cast = make_cohort(school_a, capacity=1)
    waiting = EnrollmentFactory(cohort=cast.cohort, state="waitlisted")
    response = patch(school_a.client(school_a.registrar), f"/api/v1/cohorts/{cast.cohort.pk}/", {"capacity": 2})
    assert response.status_code == 200
    assert (response.json()["active_count"], response.json()["waitlist_count"], response.json()["seats_left"]) == (2, 0, 0)
    waiting.refresh_from_db()
    assert waiting.state == Enrollment.State.ACTIVE


def test_capacity_below_the_active_students_is_refused(school_a):
    cast = make_cohort(school_a, capacity=2)
    EnrollmentFactory(cohort=cast.cohort, state="active")
    response = patch(school_a.client(school_a.registrar), f"/api/v1/cohorts/{cast.cohort.pk}/", {"capacity": 1})
    assert response.status_code == 400
    assert "capacity cannot go below" in response.json()["error"]["fields"]["capacity"][0]
    cast.cohort.refresh_from_db()
    assert cast.cohort.capacity == 2


def test_patch_replaces_the_staff_and_keeps_the_rest(school_a, cohort_a):
    assistant = MembershipFactory(tenant=school_a.tenant, role=Role.INSTRUCTOR)
    response = patch(
        school_a.client(school_a.registrar), f"/api/v1/cohorts/{cohort_a.cohort.pk}/",
        {"staff": [{"membership_id": assistant.pk, "role": "ta"}]},
    )
    assert response.status_code == 200
    assert list(CohortStaff.objects.filter(cohort=cohort_a.cohort).values_list("membership_id", "role")) == [(assistant.pk, "ta")]
    cohort_a.cohort.refresh_from_db()
    assert cohort_a.cohort.capacity == 25


def test_another_schools_cohort_is_not_found(school_a, school_b, cohort_a):
    client = school_b.client(school_b.registrar)
    assert client.get(f"/api/v1/cohorts/{cohort_a.cohort.pk}/").status_code == 404
    assert patch(client, f"/api/v1/cohorts/{cohort_a.cohort.pk}/", {"capacity": 1}).status_code == 404


@pytest.mark.parametrize("cohorts", [3, 40])
@pytest.mark.parametrize("url", ["/api/v1/cohorts/?page_size=200", "/api/v1/cohorts/?open=1&page_size=200"])
def test_cohort_list_query_count_does_not_grow(school_a, cohorts, url, django_assert_max_num_queries):
    for _ in range(cohorts):
        make_cohort(school_a)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(8):
        data = client.get(url).json()
    assert data["count"] == cohorts
    assert data["results"][0]["staff"][0]["email"] == school_a.instructor.email


# --- enrollments -------------------------------------------------------------------


def test_student_sees_only_their_own_enrollments_with_status(school_a, cohort_a):
    EnrollmentFactory(cohort=cohort_a.cohort, membership=school_a.membership(school_a.student2), state="applied")
    data = school_a.client(school_a.student).get("/api/v1/enrollments/").json()
    assert data["count"] == 1
    row = data["results"][0]
    assert row["student"]["email"] == school_a.student.email and row["status"] == "active"
    assert row["cohort"] == {"id": cohort_a.cohort.pk, "section_code": cohort_a.cohort.section_code}
    assert row["waitlist_position"] is None


def test_instructor_sees_the_enrollments_of_cohorts_they_staff(school_a, cohort_a):
    other = make_cohort(school_a)
    CohortStaff.objects.filter(cohort=other.cohort).delete()
    ids = {e["id"] for e in school_a.client(school_a.instructor).get("/api/v1/enrollments/").json()["results"]}
    assert ids == {cohort_a.enrollment.pk}


def test_registrar_filters_enrollments_by_cohort_state_and_name(school_a, cohort_a):
    waiting = EnrollmentFactory(cohort=cohort_a.cohort, state="waitlisted", membership__user__full_name="Rosa Delgado")
    make_cohort(school_a)
    client = school_a.client(school_a.registrar)
    assert client.get("/api/v1/enrollments/").json()["count"] == 3
    assert client.get(f"/api/v1/enrollments/?cohort={cohort_a.cohort.pk}").json()["count"] == 2
    rows = client.get("/api/v1/enrollments/?state=waitlisted").json()["results"]
    assert [(r["id"], r["status"], r["waitlist_position"]) for r in rows] == [(waiting.pk, "waitlisted", 1)]
    assert [r["id"] for r in client.get("/api/v1/enrollments/?q=delgado").json()["results"]] == [waiting.pk]


def test_waitlist_positions_follow_the_order_students_joined(school_a, cohort_a):
    now = timezone.now()
    first = EnrollmentFactory(cohort=cohort_a.cohort, state="waitlisted", waitlisted_at=now - timedelta(hours=2))
    second = EnrollmentFactory(cohort=cohort_a.cohort, state="waitlisted", waitlisted_at=now - timedelta(hours=1))
    client = school_a.client(school_a.registrar)
    rows = {r["id"]: r["waitlist_position"] for r in client.get("/api/v1/enrollments/?state=waitlisted").json()["results"]}
    assert rows == {first.pk: 1, second.pk: 2}
    assert client.get(f"/api/v1/enrollments/{second.pk}/").json()["waitlist_position"] == 2


def test_a_students_enrollment_is_not_found_by_another_student(school_a, cohort_a):
    response = school_a.client(school_a.student2).get(f"/api/v1/enrollments/{cohort_a.enrollment.pk}/")
    assert response.status_code == 404
    assert school_a.student.email not in response.content.decode()


def test_anonymous_enrollment_list_is_refused(school_a, cohort_a):
    response = school_a.client().get("/api/v1/enrollments/")
    assert response.status_code in (401, 403)
    assert "error" in response.json()


def test_student_applies_to_an_open_cohort(school_a, cohort_a):
    response = post(
        school_a.client(school_a.student2), "/api/v1/enrollments/apply/",
        {"cohort": cohort_a.cohort.pk, "attested_admission": True},
    )
    assert response.status_code == 201
    assert response.json()["status"] == "applied"
    enrollment = Enrollment.objects.get(cohort=cohort_a.cohort, membership__user=school_a.student2)
    assert enrollment.state == Enrollment.State.APPLIED and enrollment.attested_admission is True


def test_application_to_a_full_cohort_joins_the_waitlist(school_a):
    cast = make_cohort(school_a, capacity=1)
    response = post(school_a.client(school_a.student2), "/api/v1/enrollments/apply/", {"cohort": cast.cohort.pk, "attested_admission": True})
    assert response.status_code == 201
    assert (response.json()["status"], response.json()["waitlist_position"]) == ("waitlisted", 1)


def test_application_without_attestation_is_a_400_on_the_field(school_a, cohort_a):
    response = post(school_a.client(school_a.student2), "/api/v1/enrollments/apply/", {"cohort": cohort_a.cohort.pk})
    assert response.status_code == 400
    assert "diploma or GED" in response.json()["error"]["fields"]["attested_admission"][0]
    assert not Enrollment.objects.filter(membership__user=school_a.student2).exists()


def test_application_without_a_cohort_is_a_400_on_the_field(school_a, cohort_a):
    response = post(school_a.client(school_a.student2), "/api/v1/enrollments/apply/", {"cohort": "MCC-101"})
    assert response.status_code == 400
    assert "cohort" in response.json()["error"]["fields"]
    assert not Enrollment.objects.filter(membership__user=school_a.student2).exists()


def test_application_to_a_closed_or_foreign_cohort_is_not_found(school_a, school_b, cohort_b):
    today = timezone.localdate()
    closed = CohortFactory(
        tenant=school_a.tenant,
        term=TermFactory(tenant=school_a.tenant, enrollment_opens_on=today - timedelta(days=30), enrollment_closes_on=today - timedelta(days=1)),
    )
    client = school_a.client(school_a.student2)
    for cohort in (closed, cohort_b.cohort):
        response = post(client, "/api/v1/enrollments/apply/", {"cohort": cohort.pk, "attested_admission": True})
        assert response.status_code == 404
    assert not Enrollment.objects.filter(membership__user=school_a.student2).exists()


def test_only_students_apply(school_a, cohort_a):
    response = post(school_a.client(school_a.registrar), "/api/v1/enrollments/apply/", {"cohort": cohort_a.cohort.pk, "attested_admission": True})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only students of the school can apply to a cohort."
    assert Enrollment.objects.count() == 1


@pytest.fixture
def application(school_a, cohort_a) -> Enrollment:
    return EnrollmentFactory(cohort=cohort_a.cohort, membership=school_a.membership(school_a.student2), state="applied")


def test_registrar_approves_an_application(school_a, application):
    response = post(school_a.client(school_a.registrar), f"/api/v1/enrollments/{application.pk}/approve/")
    assert response.status_code == 200
    assert response.json()["status"] == "active"
    application.refresh_from_db()
    assert application.state == Enrollment.State.ACTIVE and application.decided_by == school_a.registrar


def test_student_cannot_approve_their_own_application(school_a, application):
    response = post(school_a.client(school_a.student2), f"/api/v1/enrollments/{application.pk}/approve/")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only the school's registrars can approve applications."
    application.refresh_from_db()
    assert application.state == Enrollment.State.APPLIED


def test_approving_an_active_enrollment_is_a_clear_400(school_a, cohort_a):
    response = post(school_a.client(school_a.registrar), f"/api/v1/enrollments/{cohort_a.enrollment.pk}/approve/")
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Only applications and waitlisted places can be approved; this one is active."


def test_registrar_declines_with_a_reason_the_student_reads(school_a, application):
    reason = "Please send your GED transcript and apply again."
    response = post(school_a.client(school_a.registrar), f"/api/v1/enrollments/{application.pk}/decline/", {"reason": reason})
    assert response.status_code == 200
    assert school_a.client(school_a.student2).get(f"/api/v1/enrollments/{application.pk}/").json()["reason"] == reason
    application.refresh_from_db()
    assert (application.state, application.reason) == (Enrollment.State.DECLINED, reason)


def test_decline_without_a_reason_is_a_400_and_changes_nothing(school_a, application):
    response = post(school_a.client(school_a.registrar), f"/api/v1/enrollments/{application.pk}/decline/", {"reason": "  "})
    assert response.status_code == 400
    assert "Say why" in response.json()["error"]["fields"]["reason"][0]
    application.refresh_from_db()
    assert application.state == Enrollment.State.APPLIED


def test_instructor_cannot_decline(school_a, cohort_a, application):
    response = post(school_a.client(school_a.instructor), f"/api/v1/enrollments/{application.pk}/decline/", {"reason": "No"})
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == Enrollment.State.APPLIED


def test_student_drops_their_own_place_and_the_waitlist_moves_up(school_a):
    cast = make_cohort(school_a, capacity=1)
    waiting = EnrollmentFactory(cohort=cast.cohort, membership=school_a.membership(school_a.student2), state="waitlisted")
    response = post(school_a.client(school_a.student), f"/api/v1/enrollments/{cast.enrollment.pk}/drop/")
    assert response.status_code == 200
    assert response.json()["status"] == "dropped"
    cast.enrollment.refresh_from_db()
    waiting.refresh_from_db()
    assert cast.enrollment.state == Enrollment.State.DROPPED and waiting.state == Enrollment.State.ACTIVE


def test_registrar_must_say_why_a_student_is_dropped(school_a, cohort_a):
    client = school_a.client(school_a.registrar)
    response = post(client, f"/api/v1/enrollments/{cohort_a.enrollment.pk}/drop/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["reason"] == ["Say why the student is dropped."]
    cohort_a.enrollment.refresh_from_db()
    assert cohort_a.enrollment.state == Enrollment.State.ACTIVE
    response = post(client, f"/api/v1/enrollments/{cohort_a.enrollment.pk}/drop/", {"reason": "Withdrew by phone"})
    assert response.status_code == 200
    cohort_a.enrollment.refresh_from_db()
    assert (cohort_a.enrollment.state, cohort_a.enrollment.reason) == (Enrollment.State.DROPPED, "Withdrew by phone")


def test_instructor_cannot_drop_a_student(school_a, cohort_a):
    response = post(school_a.client(school_a.instructor), f"/api/v1/enrollments/{cohort_a.enrollment.pk}/drop/", {"reason": "x"})
    assert response.status_code == 403
    cohort_a.enrollment.refresh_from_db()
    assert cohort_a.enrollment.state == Enrollment.State.ACTIVE


def test_student_past_the_drop_deadline_is_told_to_ask_the_registrar(school_a):
    today = timezone.localdate()
    term = TermFactory(
        tenant=school_a.tenant, enrollment_opens_on=today - timedelta(days=40), enrollment_closes_on=today - timedelta(days=20),
        starts_on=today - timedelta(days=30), drop_deadline=today - timedelta(days=2), ends_on=today + timedelta(days=60),
    )
    cast = make_cohort(school_a, term=term)
    response = post(school_a.client(school_a.student), f"/api/v1/enrollments/{cast.enrollment.pk}/drop/")
    assert response.status_code == 400
    assert "ask the registrar" in response.json()["error"]["message"]
    cast.enrollment.refresh_from_db()
    assert cast.enrollment.state == Enrollment.State.ACTIVE


def _many_enrollments(school, size: int) -> None:
    """``size`` enrollments spread over four cohorts, a third of them waitlisted in every cohort."""
    cohorts = [make_cohort(school).cohort for _ in range(4)]
    users = User.objects.bulk_create(User(email=f"coder{n}@example.test", full_name=f"Coder {n}") for n in range(size))
    members = Membership.objects.bulk_create(Membership(tenant=school.tenant, user=u, role=Role.STUDENT) for u in users)
    now = timezone.now()
    Enrollment.objects.bulk_create(
        Enrollment(
            tenant=school.tenant, cohort=cohorts[n % 4], membership=m,
            state="waitlisted" if n % 3 == 0 else "applied", waitlisted_at=now + timedelta(seconds=n) if n % 3 == 0 else None,
        )
        for n, m in enumerate(members)
    )


@pytest.mark.parametrize("size", [20, 1000])
def test_enrollment_list_query_count_does_not_grow(school_a, size, django_assert_max_num_queries):
    _many_enrollments(school_a, size)
    client = school_a.client(school_a.registrar)
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/enrollments/?page_size=200").json()
    assert data["count"] == size + 4
    positions: dict[int, list[int]] = {}
    for row in data["results"]:
        if row["status"] == "waitlisted":
            positions.setdefault(row["cohort"]["id"], []).append(row["waitlist_position"])
    assert len(positions) == 4
    assert all(found == list(range(1, len(found) + 1)) for found in positions.values())


@pytest.mark.parametrize("size", [20, 1000])
def test_instructor_enrollment_list_query_count_does_not_grow(school_a, size, django_assert_max_num_queries):
    _many_enrollments(school_a, size)
    client = school_a.client(school_a.instructor)
    with django_assert_max_num_queries(8):
        data = client.get("/api/v1/enrollments/?page_size=200").json()
    assert data["count"] == size + 4


def test_schema_still_builds_and_documents_the_new_routes(school_a):
    schema = school_a.client().get("/api/schema/")
    assert schema.status_code == 200
    body = schema.content.decode()
    for path in (
        "/api/v1/terms/{term_id}/", "/api/v1/cohorts/{cohort_id}/", "/api/v1/enrollments/apply/",
        "/api/v1/enrollments/{enrollment_id}/approve/", "/api/v1/enrollments/{enrollment_id}/decline/",
        "/api/v1/enrollments/{enrollment_id}/drop/",
    ):
        assert path in body


@pytest.mark.parametrize("route", ["/api/v1/cohorts/", "/api/v1/enrollments/", "/api/v1/courses/", "/api/v1/members/"])
def test_a_nul_byte_in_a_search_is_dropped_not_a_crash(school_a, route):
    response = school_a.client(school_a.registrar).get(route, {"q": "MCC\x00"})
    assert response.status_code == 200
