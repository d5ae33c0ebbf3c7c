"""Enrollment changes tell the student (and registrars of applications and self-drops) through the service."""

from __future__ import annotations

import pytest
from django.core import mail

from cohorts import services
from lms.models import Notification
from tests.factories import CohortFactory


@pytest.fixture
def registrar(school_a):
    return school_a.membership(school_a.registrar)


def titles(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("id").values_list("title", flat=True))


def apply(school, cohort, user=None):
    member = school.membership(user or school.student)
    return services.enrollment_apply(membership=member, cohort=cohort, attested_admission=True)


def test_an_application_tells_the_registrars_not_the_applicant(school_a):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-01")
    apply(school_a, cohort)
    assert titles(school_a.registrar) == [f"{school_a.student.full_name} applied to MCC-103-01"]
    assert titles(school_a.student) == []


def test_approval_tells_the_student_with_a_link_to_the_course(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-01", course__title="ICD-10-CM Coding")
    enrollment = services.enrollment_approve(actor=registrar, enrollment=apply(school_a, cohort))
    told = Notification.objects.get(recipient=school_a.student)
    assert told.title == "You're enrolled in MCC-103-01 ICD-10-CM Coding"
    assert told.url == f"/cohorts/{cohort.pk}/learn/" and told.kind == "enrollment.approved"
    assert told.actor == school_a.registrar and told.subject_id == str(enrollment.pk)


def test_a_decline_tells_the_student_the_reason(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    services.enrollment_decline(actor=registrar, enrollment=apply(school_a, cohort), reason="Transcript not received")
    assert Notification.objects.get(recipient=school_a.student).body == "Reason: Transcript not received"


def test_a_freed_seat_tells_the_next_in_line(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    first = services.enrollment_approve(actor=registrar, enrollment=apply(school_a, cohort))
    waiting = apply(school_a, cohort, school_a.student2)  # the cohort is full: straight to the waitlist
    assert waiting.state == "waitlisted"
    services.enrollment_drop(actor=registrar, enrollment=first, reason="Moved to the evening section")
    assert titles(school_a.student2)[-1].startswith("A seat opened: you're enrolled in")
    assert titles(school_a.student)[-1].startswith("You were dropped from")


def test_a_student_who_drops_is_not_told_but_the_registrars_are(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-01")
    enrollment = services.enrollment_approve(actor=registrar, enrollment=apply(school_a, cohort))
    services.enrollment_drop(actor=school_a.membership(school_a.student), enrollment=enrollment)
    assert not any(t.startswith("You were dropped") for t in titles(school_a.student))
    assert titles(school_a.registrar)[-1] == f"{school_a.student.full_name} dropped MCC-103-01"


def test_approval_emails_the_student_after_commit(school_a, registrar, django_capture_on_commit_callbacks):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-01")
    enrollment = apply(school_a, cohort)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrollment_approve(actor=registrar, enrollment=enrollment)
    assert [m.to for m in mail.outbox] == [[school_a.student.email]]
    assert mail.outbox[0].subject.startswith("You're enrolled in MCC-103-01")


def test_a_registrar_admitting_a_student_tells_them(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-01")
    services.enrollment_admit(actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    assert titles(school_a.student)[0].startswith("You're enrolled in MCC-103-01")


def test_a_promoted_student_is_not_told_who_dropped(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant, capacity=1)
    first = services.enrollment_approve(actor=registrar, enrollment=apply(school_a, cohort))
    apply(school_a, cohort, school_a.student2)
    services.enrollment_drop(actor=school_a.membership(school_a.student), enrollment=first)
    promoted = Notification.objects.get(recipient=school_a.student2, kind="enrollment.promoted")
    assert promoted.actor is None


def test_a_drop_recorded_for_someone_never_enrolled_tells_nobody(school_a, registrar):
    cohort = CohortFactory(tenant=school_a.tenant)
    services.enrollment_admit(actor=registrar, cohort=cohort, membership=school_a.membership(school_a.student), state="dropped")
    assert titles(school_a.student) == []


def test_approval_into_a_term_under_way_says_it_began(school_a, registrar):
    import datetime

    from django.utils import timezone

    from tests.factories import TermFactory

    today = timezone.localdate()
    term = TermFactory(tenant=school_a.tenant, starts_on=today - datetime.timedelta(days=3),
                       enrollment_opens_on=today - datetime.timedelta(days=20))
    cohort = CohortFactory(tenant=school_a.tenant, term=term)
    services.enrollment_approve(actor=registrar, enrollment=apply(school_a, cohort))
    body = Notification.objects.get(recipient=school_a.student).body
    assert body.startswith(f"{term.name} began ")
