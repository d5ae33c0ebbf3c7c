"""Lesson files: served to the course's staff and its actively enrolled students only, with HTTP Range."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from cohorts.models import Enrollment
from tests.conftest import make_cohort
from tests.factories import CohortStaffFactory, LessonFactory, LessonFileFactory, MembershipFactory, ModuleFactory

DATA = bytes(range(256)) * 4  # 1024 bytes, each position's value is known
SIZE = len(DATA)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _in_term(cohort_a):
    """cohort_a's first day has come, so its first module is open (factory terms start in two weeks)."""
    starts = datetime.datetime.combine(cohort_a.cohort.term.starts_on, datetime.time(12), tzinfo=datetime.UTC)
    with time_machine.travel(starts + datetime.timedelta(days=1)):
        yield


@pytest.fixture
def lecture(cohort_a):
    """The video of a published lecture in cohort_a's course."""
    module = ModuleFactory(course=cohort_a.cohort.course)
    return LessonFileFactory(lesson=LessonFactory(module=module, kind="video"), name="Code structure.mp4", data=DATA)


def url(lesson_file) -> str:
    return reverse("courses:lesson_file", kwargs={"file_id": lesson_file.pk, "name": "lecture.mp4"})


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def fetch(cast, user, lesson_file, **headers):
    return cast.school.client(user).get(url(lesson_file), headers=headers)


# --- whole file and headers ------------------------------------------------------------


def test_a_whole_file_streams_with_200_and_its_headers(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture)
    assert response.status_code == 200
    assert response.streaming
    assert body(response) == DATA
    assert response["Content-Length"] == str(SIZE)
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Disposition"] == 'inline; filename="Code structure.mp4"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private"


def test_an_attachment_downloads(cohort_a, lecture):
    handout = LessonFileFactory(
        lesson=lecture.lesson, role="attachment", name="handout.pdf", content_type="application/pdf", data=b"%PDF-1.7"
    )
    response = fetch(cohort_a, cohort_a.school.student, handout)
    assert response["Content-Disposition"] == 'attachment; filename="handout.pdf"'
    assert response["Content-Type"] == "application/pdf"


def test_an_image_of_a_type_browsers_could_run_downloads_instead_of_rendering(cohort_a, lecture):
    drawing = LessonFileFactory(
        lesson=lecture.lesson, role="image", name="chart.svg", content_type="image/svg+xml", data=b"<svg></svg>"
    )
    assert fetch(cohort_a, cohort_a.school.student, drawing)["Content-Disposition"].startswith("attachment;")


def test_head_answers_the_headers_without_the_bytes(cohort_a, lecture):
    response = cohort_a.school.client(cohort_a.school.student).head(url(lecture))
    assert response.status_code == 200
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""


def test_only_get_and_head_are_allowed(cohort_a, lecture):
    assert cohort_a.school.client(cohort_a.school.registrar).post(url(lecture)).status_code == 405


def test_the_name_in_the_url_is_only_for_people(cohort_a, lecture):
    other = reverse("courses:lesson_file", kwargs={"file_id": lecture.pk, "name": "anything.mp4"})
    response = cohort_a.school.client(cohort_a.school.student).get(other)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'inline; filename="Code structure.mp4"'


def test_files_are_read_through_the_storage_api_so_disk_storage_works_too(cohort_a, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    on_disk = LessonFileFactory(lesson__module__course=cohort_a.cohort.course, data=DATA)
    assert str(tmp_path) in on_disk.file.path
    response = fetch(cohort_a, cohort_a.school.student, on_disk, Range="bytes=1000-")
    assert response.status_code == 206
    assert body(response) == DATA[1000:]


# --- Range -------------------------------------------------------------------------------


def test_a_byte_range_answers_206_with_exactly_those_bytes(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=0-99")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-99/{SIZE}"
    assert response["Content-Length"] == "100"
    assert body(response) == DATA[:100]
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"


def test_a_range_in_the_middle(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=300-555")
    assert response["Content-Range"] == f"bytes 300-555/{SIZE}"
    assert body(response) == DATA[300:556]


def test_an_open_range_runs_to_the_end(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=1000-")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-{SIZE - 1}/{SIZE}"
    assert body(response) == DATA[1000:]


def test_a_suffix_range_gives_the_last_bytes(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=-24")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {SIZE - 24}-{SIZE - 1}/{SIZE}"
    assert body(response) == DATA[-24:]


def test_a_suffix_longer_than_the_file_gives_all_of_it(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=-5000")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-{SIZE - 1}/{SIZE}"
    assert body(response) == DATA


def test_a_range_ending_past_the_end_stops_at_the_last_byte(cohort_a, lecture):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=1000-99999")
    assert response["Content-Range"] == f"bytes 1000-{SIZE - 1}/{SIZE}"
    assert body(response) == DATA[1000:]


@pytest.mark.parametrize("wanted", [f"bytes={SIZE}-", f"bytes={SIZE + 10}-{SIZE + 20}", "bytes=-0"])
def test_an_unsatisfiable_range_answers_416_with_the_size(cohort_a, lecture, wanted):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range=wanted)
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"
    assert response["Accept-Ranges"] == "bytes"
    assert response.content == b""


@pytest.mark.parametrize("wanted", ["bytes=0-9,20-29", "bytes=9-0", "items=0-9", "bytes=abc", "bytes=-"])
def test_several_or_malformed_ranges_are_ignored_and_the_whole_file_comes(cohort_a, lecture, wanted):
    response = fetch(cohort_a, cohort_a.school.student, lecture, Range=wanted)
    assert response.status_code == 200
    assert "Content-Range" not in response
    assert body(response) == DATA


def test_if_range_with_our_etag_keeps_the_range_and_another_sends_everything(cohort_a, lecture):
    etag = fetch(cohort_a, cohort_a.school.student, lecture)["ETag"]
    same = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=0-9", If_Range=etag)
    assert (same.status_code, body(same)) == (206, DATA[:10])
    stale = fetch(cohort_a, cohort_a.school.student, lecture, Range="bytes=0-9", If_Range='"an-older-copy"')
    assert (stale.status_code, body(stale)) == (200, DATA)


# --- who may fetch -------------------------------------------------------------------------


def test_the_courses_staff_get_a_draft_lessons_file(cohort_a):
    draft = LessonFileFactory(lesson__module__course=cohort_a.cohort.course, lesson__is_published=False, data=DATA)
    assert fetch(cohort_a, cohort_a.school.instructor, draft).status_code == 200
    assert fetch(cohort_a, cohort_a.school.registrar, draft).status_code == 200


def test_a_teaching_assistant_of_a_cohort_gets_the_file(cohort_a, lecture):
    assistant = MembershipFactory(tenant=cohort_a.school.tenant, role="student")
    CohortStaffFactory(cohort=cohort_a.cohort, membership=assistant, role="ta")
    assert fetch(cohort_a, assistant.user, lecture).status_code == 200


@pytest.mark.parametrize("draft", ["lesson", "module"])
def test_a_student_gets_404_for_a_file_of_a_draft(cohort_a, draft):
    hidden = LessonFileFactory(
        lesson__module__course=cohort_a.cohort.course, data=DATA,
        **{"lesson__is_published": False} if draft == "lesson" else {"lesson__module__is_published": False},
    )
    assert fetch(cohort_a, cohort_a.school.student, hidden).status_code == 404


def test_a_student_of_the_school_not_enrolled_in_the_course_gets_404(cohort_a, lecture):
    other = make_cohort(cohort_a.school)  # another course; student2 studies there
    other.enrollment.membership = cohort_a.school.membership(cohort_a.school.student2)
    other.enrollment.save()
    assert fetch(cohort_a, cohort_a.school.student2, lecture).status_code == 404


@pytest.mark.parametrize("state", ["applied", "waitlisted", "dropped", "completed"])
def test_a_student_without_an_active_place_gets_404(cohort_a, lecture, state):
    Enrollment.objects.filter(pk=cohort_a.enrollment.pk).update(state=state, waitlisted_at=timezone.now())
    assert fetch(cohort_a, cohort_a.school.student, lecture).status_code == 404


def test_another_schools_member_gets_404(cohort_a, lecture, school_b):
    response = school_b.client(school_b.registrar).get(url(lecture))
    assert response.status_code == 404
    assert DATA[:50] not in response.content


def test_a_signed_in_person_without_a_membership_gets_404(cohort_a, lecture, outsider):
    assert cohort_a.school.client(outsider).get(url(lecture)).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(cohort_a, lecture):
    response = cohort_a.school.client().get(url(lecture))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_missing_file_id_is_404(cohort_a):
    response = cohort_a.school.client(cohort_a.school.registrar).get(
        reverse("courses:lesson_file", kwargs={"file_id": 2**62, "name": "x.mp4"})
    )
    assert response.status_code == 404


def test_a_file_of_a_module_not_yet_open_is_not_found_for_a_student(cohort_a, lecture):
    later = ModuleFactory(course=cohort_a.cohort.course, release_offset_days=30)
    handout = LessonFileFactory(lesson=LessonFactory(module=later), role="attachment", name="week5.pdf",
                                content_type="application/pdf", data=b"%PDF-1.7")
    assert fetch(cohort_a, cohort_a.school.student, handout).status_code == 404
    assert fetch(cohort_a, cohort_a.school.instructor, handout).status_code == 200
