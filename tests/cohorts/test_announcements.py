"""Announcements: who posts to whom, who reads what, publishing now or later, once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from cohorts import announcements
from cohorts.models import Announcement, AnnouncementRead
from lms.models import Notification
from tests.conftest import text
from tests.factories import CohortFactory


@pytest.fixture
def other_cohort(school_a):
    """A second cohort of the same school: student2 is active in it, nobody of cohort_a is."""
    from tests.factories import EnrollmentFactory

    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-104-S27-01")
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student2), state="active")
    return cohort


def post(school, user, **fields):
    defaults = {"audience": "cohort", "title": "Office hours move to Thursday", "body": "This week only: **Thursday 7 pm**."}
    return announcements.announcement_post(membership=school.membership(user), **{**defaults, **fields})


def test_cohort_staff_post_to_their_cohort_and_its_students_are_told(cohort_a, other_cohort):
    school = cohort_a.school
    posted = post(school, school.instructor, cohort=cohort_a.cohort)
    assert posted.published_at is not None
    assert "<strong>Thursday 7 pm</strong>" in posted.body_html
    told = set(Notification.objects.filter(kind="announcement.posted").values_list("recipient__email", flat=True))
    assert told == {school.student.email}  # not the author, not another cohort's student


def test_an_instructor_cannot_post_to_a_cohort_they_do_not_teach_or_the_school(cohort_a, other_cohort):
    school = cohort_a.school
    with pytest.raises(ValidationError):
        post(school, school.instructor, cohort=other_cohort)
    with pytest.raises(ValidationError):
        post(school, school.instructor, audience="school")
    assert not Announcement.objects.exists()


def test_a_registrar_tells_the_whole_school(cohort_a):
    school = cohort_a.school
    post(school, school.registrar, audience="school")
    told = set(Notification.objects.filter(kind="announcement.posted").values_list("recipient__email", flat=True))
    assert told == {school.student.email, school.student2.email, school.instructor.email}


def test_a_term_announcement_reaches_the_terms_cohorts_only(cohort_a, other_cohort):
    school = cohort_a.school
    post(school, school.registrar, audience="term", term=cohort_a.cohort.term)
    told = set(Notification.objects.filter(kind="announcement.posted").values_list("recipient__email", flat=True))
    assert told == {school.student.email, school.instructor.email}


def test_raw_html_in_the_body_is_refused_and_nothing_is_saved(cohort_a):
    school = cohort_a.school
    with pytest.raises(ValidationError) as caught:
        post(school, school.instructor, cohort=cohort_a.cohort, body="<script>alert(1)</script>")
    assert "body" in caught.value.error_dict
    assert not Announcement.objects.exists()


def test_a_scheduled_announcement_waits_then_the_dispatcher_publishes_it_once(cohort_a):
    school = cohort_a.school
    later = timezone.now() + datetime.timedelta(hours=2)
    posted = post(school, school.instructor, cohort=cohort_a.cohort, publish_at=later)
    assert posted.published_at is None and not Notification.objects.exists()
    assert announcements.publish_due_announcements() == 0
    at_time = later + datetime.timedelta(minutes=1)
    assert announcements.publish_due_announcements(now=at_time) == 1
    assert announcements.publish_due_announcements(now=at_time) == 0
    assert Notification.objects.filter(kind="announcement.posted").count() == 1


def test_students_see_their_cohorts_announcements_not_anothers(cohort_a, other_cohort):
    school = cohort_a.school
    mine = post(school, school.instructor, cohort=cohort_a.cohort, title="For MCC-103")
    theirs = post(school, school.registrar, cohort=other_cohort, title="For MCC-104")
    visible = announcements.announcements_visible_to(membership=school.membership(school.student))
    assert list(visible) == [mine]
    response = school.client(school.student).get(reverse("cohorts:announcement_detail", args=[theirs.pk]))
    assert response.status_code == 404


def test_the_dashboard_shows_an_announcement_until_it_is_read(cohort_a):
    school = cohort_a.school
    posted = post(school, school.instructor, cohort=cohort_a.cohort)
    client = school.client(school.student)
    assert "Office hours move to Thursday" in text(client.get(reverse("lms:dashboard")))
    page = client.get(reverse("cohorts:announcement_detail", args=[posted.pk]))
    assert "<strong>Thursday 7 pm</strong>" in text(page)
    assert AnnouncementRead.objects.filter(announcement=posted, user=school.student).count() == 1
    assert "Office hours move to Thursday" not in text(client.get(reverse("lms:dashboard")))


def test_posting_through_the_page(cohort_a):
    school = cohort_a.school
    client = school.client(school.instructor)
    form = client.get(reverse("cohorts:announcement_create"))
    assert form.status_code == 200 and "Whole school" not in text(form)
    response = client.post(reverse("cohorts:announcement_create"), {
        "audience": "cohort", "cohort": cohort_a.cohort.pk, "title": "Quiz 2 opens Monday", "body": "Chapters 4 and 5.",
    })
    assert response.status_code == 302
    assert Announcement.objects.get().title == "Quiz 2 opens Monday"


def test_a_student_cannot_open_the_posting_page(cohort_a):
    school = cohort_a.school
    assert school.client(school.student).get(reverse("cohorts:announcement_create")).status_code == 403


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_keeps_a_constant_number_of_queries(cohort_a, count, django_assert_max_num_queries):
    school = cohort_a.school
    for n in range(count):
        post(school, school.instructor, cohort=cohort_a.cohort, title=f"Week {n} notes")
    client = school.client(school.student)
    client.get(reverse("cohorts:announcement_list"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("cohorts:announcement_list")).status_code == 200




def test_the_api_lists_posts_and_marks_read(cohort_a, other_cohort):
    school = cohort_a.school
    staff = school.client(school.instructor)
    created = staff.post("/api/v1/announcements/", {
        "audience": "cohort", "cohort": cohort_a.cohort.pk, "title": "Bring your code books", "body": "ICD-10-CM and CPT.",
    }, content_type="application/json")
    assert created.status_code == 201 and created.json()["published_at"]
    student = school.client(school.student)
    rows = student.get("/api/v1/announcements/").json()["results"]
    assert [row["title"] for row in rows] == ["Bring your code books"]
    assert student.post(f"/api/v1/announcements/{rows[0]['id']}/read/").status_code == 204
    assert AnnouncementRead.objects.filter(user=school.student).count() == 1
    assert school.client(school.student2).get(f"/api/v1/announcements/{rows[0]['id']}/").status_code == 404


def test_the_api_refuses_an_instructor_posting_to_the_school(cohort_a):
    school = cohort_a.school
    response = school.client(school.instructor).post("/api/v1/announcements/", {
        "audience": "school", "title": "Closed Friday", "body": "Snow day.",
    }, content_type="application/json")
    assert response.status_code == 400
    assert not Announcement.objects.exists()
