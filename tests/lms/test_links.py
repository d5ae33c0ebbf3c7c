from django.urls import reverse

from lms.links import IdLink


def test_an_id_link_builds_what_reverse_builds():
    link = IdLink("cohorts:enrollment_approve")
    assert [link(pk) for pk in (1, 42, 987654)] == [
        reverse("cohorts:enrollment_approve", args=[pk]) for pk in (1, 42, 987654)
    ]


def test_an_id_link_keeps_its_leading_arguments():
    link = IdLink("courses:cohort_lesson", 7)
    assert link(7) == reverse("courses:cohort_lesson", args=[7, 7])
