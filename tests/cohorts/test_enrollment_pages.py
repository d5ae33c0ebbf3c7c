"""The registrar's enrollment queue and its decisions, an enrollment's page and a student's drop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.models import Cohort, Enrollment, PrerequisiteWaiver, Term
from courses.models import Prerequisite
from lms.models import AuditLogEntry, Membership, Role, User
from tests.conftest import text
from tests.factories import CohortFactory, CourseFactory, EnrollmentFactory, TermFactory

QUEUE = "/enrollments/"


def bulk_enrollments(cohort: Cohort, count: int, *, state: str = "applied", tag: str = "bulk") -> list[Enrollment]:
    """``count`` students with an enrollment in ``cohort``, made in three bulk inserts."""
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"{tag}{i}-c{cohort.pk}@example.test", full_name=f"Learner {tag} {i:04d}") for i in range(count)]
    )
    members = Membership.objects.bulk_create(
        [Membership(tenant_id=cohort.tenant_id, user=user, role=Role.STUDENT) for user in users]
    )
    return Enrollment.objects.bulk_create(
        [
            Enrollment(
                tenant_id=cohort.tenant_id,
                cohort=cohort,
                membership=member,
                state=state,
                attested_admission=True,
                applied_at=now - timedelta(minutes=count - i),
                waitlisted_at=now - timedelta(minutes=count - i) if state == "waitlisted" else None,
            )
            for i, member in enumerate(members)
        ]
    )


def apply_for(school, user, cohort, **fields) -> Enrollment:
    return EnrollmentFactory(cohort=cohort, membership=school.membership(user), state="applied", **fields)


@pytest.fixture
def application(cohort_a):
    """student2 of school A has applied to cohort A."""
    school = cohort_a.school
    return apply_for(school, school.student2, cohort_a.cohort)


@pytest.fixture
def registrar_client(school_a):
    return school_a.client(school_a.registrar)


# --- the queue ---------------------------------------------------------------------


def test_student_cannot_open_the_queue(school_a):
    response = school_a.client(school_a.student).get(QUEUE)
    assert response.status_code == 403
    assert "Only the school's registrars" in text(response)


def test_instructor_cannot_open_the_queue(school_a):
    assert school_a.client(school_a.instructor).get(QUEUE).status_code == 403


def test_queue_shows_applications_by_default_and_not_active_students(cohort_a, application, registrar_client):
    body = text(registrar_client.get(QUEUE))
    assert application.membership.user.email in body
    assert cohort_a.school.student.email not in body  # active, so not an application
    assert cohort_a.cohort.section_code in body
    assert cohort_a.cohort.term.name in body


def test_queue_never_shows_another_schools_enrollments(cohort_a, cohort_b, application, registrar_client):
    body = text(registrar_client.get(QUEUE + "?state="))
    assert cohort_b.school.student.email not in body
    assert cohort_a.school.student.email in body


def test_queue_filters_by_state_and_shows_waitlist_positions(cohort_a, registrar_client):
    first, second = bulk_enrollments(cohort_a.cohort, 2, state="waitlisted", tag="wait")
    body = text(registrar_client.get(QUEUE + "?state=waitlisted"))
    assert second.membership.user.email in body
    assert "number 2 in line" in body
    assert cohort_a.school.student.email not in body


def test_queue_filters_by_student_name_or_email(cohort_a, application, registrar_client):
    other = apply_for(cohort_a.school, cohort_a.school.student2, CohortFactory(tenant=cohort_a.school.tenant))
    User.objects.filter(pk=application.membership.user_id).update(full_name="Dana Whitfield")
    bulk_enrollments(cohort_a.cohort, 3, tag="noise")
    body = text(registrar_client.get(QUEUE + "?q=whitf"))
    assert "Dana Whitfield" in body
    assert "Learner noise" not in body
    assert other.cohort.section_code in body  # the same student's other application matches too


def test_queue_filters_by_cohort_listing_newest_term_first(school_a, cohort_a, application, registrar_client):
    later = CohortFactory(tenant=school_a.tenant, term=TermFactory(tenant=school_a.tenant, name="Fall 2031",
                          starts_on=timezone.localdate() + timedelta(days=200), ends_on=timezone.localdate() + timedelta(days=300),
                          drop_deadline=timezone.localdate() + timedelta(days=220)))
    bulk_enrollments(later, 1, tag="later")
    body = text(registrar_client.get(QUEUE + f"?cohort={cohort_a.cohort.pk}"))
    assert application.membership.user.email in body
    assert "Learner later" not in body
    assert body.index(later.section_code) < body.index(cohort_a.cohort.section_code)  # the select: newest term first


def test_queue_for_htmx_returns_only_the_table(application, registrar_client):
    response = registrar_client.get(QUEUE + "?state=applied", HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body
    assert application.membership.user.email in body


def test_queue_shows_attestation_and_missing_prerequisites(school_a, cohort_a, application, registrar_client):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101", title="Medical terminology")
    Prerequisite.objects.create(course=cohort_a.cohort.course, required=basics)
    Enrollment.objects.filter(pk=application.pk).update(attested_admission=False)
    body = text(registrar_client.get(QUEUE))
    assert "Missing MCC-101" in body
    assert "Waive prerequisite" in body
    row = body[body.index(application.membership.user.email):]
    assert ">No<" in row.replace(" ", "")


@pytest.mark.parametrize("rows", [20, 1000])
def test_queue_keeps_a_constant_number_of_queries(school_a, cohort_a, rows, registrar_client, django_assert_max_num_queries):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    Prerequisite.objects.create(course=cohort_a.cohort.course, required=basics)
    half = rows // 2
    bulk_enrollments(cohort_a.cohort, half, tag="applied")
    bulk_enrollments(cohort_a.cohort, rows - half, state="waitlisted", tag="waiting")
    registrar_client.get(QUEUE)  # the session's first-request writes are not the page's
    with django_assert_max_num_queries(12):
        response = registrar_client.get(QUEUE + "?state=")
    assert response.status_code == 200
    assert "Missing MCC-101" in text(response)
    with django_assert_max_num_queries(12):
        assert registrar_client.get(QUEUE + "?state=waitlisted&page=2").status_code == 200


# --- approve ------------------------------------------------------------------------


def test_registrar_approves_an_application_into_a_seat(application, registrar_client):
    response = registrar_client.post(f"/enrollments/{application.pk}/approve/", {"back": "state=applied&q=learner"}, follow=True)
    application.refresh_from_db()
    assert application.state == "active"
    assert "they have a seat" in text(response)
    assert response.redirect_chain[-1][0] == "/enrollments/?state=applied&q=learner"


def test_approving_into_a_full_cohort_waitlists_and_says_the_position(cohort_a, application, registrar_client):
    Cohort.objects.filter(pk=cohort_a.cohort.pk).update(capacity=1)
    response = registrar_client.post(f"/enrollments/{application.pk}/approve/", follow=True)
    application.refresh_from_db()
    assert application.state == "waitlisted"
    assert "number 1 on the waitlist" in text(response)


def test_approving_with_a_missing_prerequisite_shows_why_and_changes_nothing(school_a, cohort_a, application, registrar_client):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    Prerequisite.objects.create(course=cohort_a.cohort.course, required=basics)
    response = registrar_client.post(f"/enrollments/{application.pk}/approve/", follow=True)
    application.refresh_from_db()
    assert application.state == "applied"
    assert "Missing prerequisite: MCC-101" in text(response)


def test_approve_is_post_only(application, registrar_client):
    assert registrar_client.get(f"/enrollments/{application.pk}/approve/").status_code == 405


def test_student_cannot_approve_their_own_application(school_a, application):
    response = school_a.client(school_a.student2).post(f"/enrollments/{application.pk}/approve/")
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == "applied"


def test_back_link_cannot_send_the_registrar_elsewhere(application, registrar_client):
    response = registrar_client.post(f"/enrollments/{application.pk}/approve/", {"back": "https://evil.example/?state=x"})
    assert response["Location"].startswith("/enrollments/")
    assert "evil" not in response["Location"]


# --- decline -------------------------------------------------------------------------


def test_registrar_declines_with_a_reason(application, registrar_client):
    url = f"/enrollments/{application.pk}/decline/"
    assert "Reason" in text(registrar_client.get(url + "?back=state%3Dapplied"))
    response = registrar_client.post(url, {"reason": "No diploma or GED on file.", "back": "state=applied"}, follow=True)
    application.refresh_from_db()
    assert (application.state, application.reason) == ("declined", "No diploma or GED on file.")
    assert "Declined" in text(response)
    assert response.redirect_chain[-1][0] == "/enrollments/?state=applied"


def test_decline_without_a_reason_shows_the_field_error_and_changes_nothing(application, registrar_client):
    response = registrar_client.post(f"/enrollments/{application.pk}/decline/", {"reason": "  "})
    assert response.status_code == 400
    assert "Say why the application is declined" in text(response)
    assert 'aria-invalid="true"' in text(response)
    application.refresh_from_db()
    assert application.state == "applied"
    assert not AuditLogEntry.objects.filter(action="enrollment.declined").exists()


def test_decline_page_of_an_active_place_offers_drop_instead(cohort_a, registrar_client):
    body = text(registrar_client.get(f"/enrollments/{cohort_a.enrollment.pk}/decline/"))
    assert "this enrollment is active" in body
    assert "drop them" in body


# --- waive ---------------------------------------------------------------------------


def test_registrar_waives_a_missing_prerequisite(school_a, cohort_a, application, registrar_client):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101", title="Medical terminology")
    Prerequisite.objects.create(course=cohort_a.cohort.course, required=basics)
    url = f"/enrollments/{application.pk}/waive/"
    assert "MCC-101 Medical terminology" in text(registrar_client.get(url))
    response = registrar_client.post(url, {"course": basics.pk, "reason": "Transfer credit from Valley Community College"}, follow=True)
    waiver = PrerequisiteWaiver.objects.get(membership=application.membership)
    assert waiver.course == basics
    assert "Waived MCC-101" in text(response)
    assert "Missing MCC-101" not in text(response)


def test_waive_without_a_reason_shows_the_field_error_and_saves_nothing(school_a, cohort_a, application, registrar_client):
    basics = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    Prerequisite.objects.create(course=cohort_a.cohort.course, required=basics)
    response = registrar_client.post(f"/enrollments/{application.pk}/waive/", {"course": basics.pk, "reason": ""})
    assert response.status_code == 400
    assert "Say why the prerequisite is waived" in text(response)
    assert not PrerequisiteWaiver.objects.exists()


# --- drop by the registrar ---------------------------------------------------------------


def test_registrar_drops_an_active_student_with_a_reason(cohort_a, registrar_client):
    enrollment = cohort_a.enrollment
    response = registrar_client.post(
        f"/enrollments/{enrollment.pk}/drop/", {"reason": "Never attended the first two weeks", "back": "state=active"}, follow=True
    )
    enrollment.refresh_from_db()
    assert enrollment.state == "dropped"
    assert enrollment.reason == "Never attended the first two weeks"
    assert "Dropped" in text(response)
    assert response.redirect_chain[-1][0] == "/enrollments/?state=active"


def test_registrar_drop_without_a_reason_shows_the_field_error_and_changes_nothing(cohort_a, registrar_client):
    response = registrar_client.post(f"/enrollments/{cohort_a.enrollment.pk}/drop/", {"reason": ""})
    assert response.status_code == 400
    assert "Say why the student is dropped" in text(response)
    cohort_a.enrollment.refresh_from_db()
    assert cohort_a.enrollment.state == "active"


def test_instructor_cannot_drop_a_student_of_their_cohort(cohort_a):
    response = cohort_a.school.client(cohort_a.school.instructor).post(
        f"/enrollments/{cohort_a.enrollment.pk}/drop/", {"reason": "x"}
    )
    assert response.status_code == 403
    cohort_a.enrollment.refresh_from_db()
    assert cohort_a.enrollment.state == "active"


# --- the enrollment page -------------------------------------------------------------------


def test_enrollment_page_shows_a_readable_history(application, registrar_client):
    registrar_client.post(f"/enrollments/{application.pk}/approve/")
    registrar_client.post(f"/enrollments/{application.pk}/drop/", {"reason": "Moved to the evening section"})
    body = text(registrar_client.get(f"/enrollments/{application.pk}/"))
    assert "History" in body
    assert "Approved, with a seat" in body
    assert "Applied → Active" in body
    assert "Active → Dropped" in body
    assert "Reason: Moved to the evening section" in body
    assert "enrollment.approved" not in body


def test_student_sees_their_own_enrollment_page(cohort_a):
    school = cohort_a.school
    body = text(school.client(school.student).get(f"/enrollments/{cohort_a.enrollment.pk}/"))
    assert cohort_a.cohort.course.title in body
    assert "Your place" in body


def test_another_student_gets_404_on_an_enrollment_page(cohort_a):
    school = cohort_a.school
    assert school.client(school.student2).get(f"/enrollments/{cohort_a.enrollment.pk}/").status_code == 404


def test_instructor_of_the_cohort_gets_403_on_an_enrollment_page(cohort_a):
    school = cohort_a.school
    assert school.client(school.instructor).get(f"/enrollments/{cohort_a.enrollment.pk}/").status_code == 403


# --- a student drops ------------------------------------------------------------------------


def _move_drop_deadline(cohort: Cohort, days_from_today: int) -> None:
    """Move the clock by moving the term: the term started 20 days ago, the deadline is relative to today."""
    today = timezone.localdate()
    Term.objects.filter(pk=cohort.term_id).update(
        enrollment_opens_on=today - timedelta(days=40),
        enrollment_closes_on=today - timedelta(days=10),
        starts_on=today - timedelta(days=20),
        ends_on=today + timedelta(days=90),
        drop_deadline=today + timedelta(days=days_from_today),
    )


def test_student_drops_before_the_deadline_after_confirming(cohort_a):
    _move_drop_deadline(cohort_a.cohort, 3)
    client = cohort_a.school.client(cohort_a.school.student)
    enrollment = cohort_a.enrollment
    assert "Drop this course" in text(client.get(f"/enrollments/{enrollment.pk}/"))
    confirm = text(client.get(f"/enrollments/{enrollment.pk}/drop/"))
    assert "Yes, drop this course" in confirm
    assert "Reason (optional)" in confirm
    response = client.post(f"/enrollments/{enrollment.pk}/drop/", {"reason": ""}, follow=True)
    enrollment.refresh_from_db()
    assert enrollment.state == "dropped"
    assert "You have dropped" in text(response)
    assert response.redirect_chain[-1][0] == f"/enrollments/{enrollment.pk}/"


def test_student_can_drop_on_the_last_day(cohort_a):
    _move_drop_deadline(cohort_a.cohort, 0)
    client = cohort_a.school.client(cohort_a.school.student)
    assert "Drop this course" in text(client.get(f"/enrollments/{cohort_a.enrollment.pk}/"))


def test_after_the_deadline_the_page_gives_the_last_day_and_sends_the_student_to_the_registrar(cohort_a):
    _move_drop_deadline(cohort_a.cohort, -1)
    client = cohort_a.school.client(cohort_a.school.student)
    deadline = timezone.localdate() - timedelta(days=1)
    body = text(client.get(f"/enrollments/{cohort_a.enrollment.pk}/"))
    assert "Drop this course" not in body
    assert f"The last day to drop {cohort_a.cohort.section_code} was {deadline:%B} {deadline.day}, {deadline.year}" in body
    assert "ask the registrar" in body


def test_after_the_deadline_a_students_drop_changes_nothing(cohort_a):
    _move_drop_deadline(cohort_a.cohort, -1)
    client = cohort_a.school.client(cohort_a.school.student)
    response = client.post(f"/enrollments/{cohort_a.enrollment.pk}/drop/", {"reason": "Work schedule changed"})
    assert response.status_code == 400
    assert "ask the registrar" in text(response)
    cohort_a.enrollment.refresh_from_db()
    assert cohort_a.enrollment.state == "active"
