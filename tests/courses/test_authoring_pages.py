"""Authoring pages: the course builder, module and lesson forms, uploads, answer keys and new versions."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Course, KeyLine, Lesson, LessonFile, Module, ModulePrerequisite
from tests.conftest import text
from tests.courses.test_authoring_services import MP4, PDF, PNG, SVG, VTT, stored_files
from tests.factories import CourseFactory, KeyLineFactory, LessonFactory, ModuleFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def instructor(school_a):
    return school_a.client(school_a.instructor)


def modules_of(course, *titles, **fields) -> list[Module]:
    return [ModuleFactory(course=course, title=title, position=i, **fields) for i, title in enumerate(titles, start=1)]


# --- who may author ------------------------------------------------------------------------------


def test_instructors_find_the_builder_from_the_navigation(school_a, course, instructor):
    page = text(instructor.get("/courses/authoring/"))
    assert '>Author courses</a>' in page
    assert f'href="/courses/{course.pk}/content/"' in page


def test_a_student_may_not_author(school_a, course):
    client = school_a.client(school_a.student)
    assert client.get("/courses/authoring/").status_code == 403
    response = client.get(f"/courses/{course.pk}/content/")
    assert response.status_code == 403
    assert "Only the school's registrars and instructors can author courses." in text(response)
    assert "Author courses" not in text(client.get("/"))


def test_another_schools_registrar_gets_404_for_this_schools_content(school_a, school_b, course):
    module = ModuleFactory(course=course)
    lesson = LessonFactory(module=module)
    intruder = school_b.client(school_b.registrar)
    for url in (
        f"/courses/{course.pk}/content/", f"/courses/modules/{module.pk}/edit/", f"/courses/lessons/{lesson.pk}/edit/",
        f"/courses/modules/{module.pk}/lessons/new/video/", f"/courses/{course.pk}/duplicate/",
    ):
        assert intruder.get(url).status_code == 404, url
    assert intruder.post(f"/courses/modules/{module.pk}/publish/", {"published": "no"}).status_code == 404
    assert intruder.post(f"/courses/lessons/{lesson.pk}/delete/").status_code == 404
    assert Module.objects.get(pk=module.pk).is_published and Lesson.objects.filter(pk=lesson.pk).exists()


def test_a_student_gets_404_for_another_schools_course_and_403_for_their_own(school_a, school_b, course):
    foreign = CourseFactory(tenant=school_b.tenant)
    client = school_a.client(school_a.student)
    assert client.get(f"/courses/{foreign.pk}/content/").status_code == 404
    assert client.get(f"/courses/{course.pk}/content/").status_code == 403


# --- the builder -------------------------------------------------------------------------------------


def test_the_builder_shows_modules_in_order_with_their_state_and_lessons(school_a, course, instructor):
    basics, neoplasms = modules_of(course, "Basics", "Neoplasms")
    neoplasms.is_published, neoplasms.release_offset_days = False, 14
    neoplasms.requirements = [{"kind": "exercise_score", "min_score": 80}]
    neoplasms.save()
    ModulePrerequisite.objects.create(module=neoplasms, required=basics)
    LessonFactory(module=neoplasms, kind="exercise", title="Breast cancer, right")
    page = text(instructor.get(f"/courses/{course.pk}/content/"))
    assert page.index("1. Basics") < page.index("2. Neoplasms")
    assert "14 days after the cohort's first day" in page
    assert "Average at least 80% on the module's coding exercises" in page
    assert "View every lesson" in page
    assert re.search(r"<dt>Requires</dt><dd>Basics</dd>", page)
    assert "Breast cancer, right" in page and "No answer key yet" in page
    assert '<span class="badge badge-hidden">Hidden</span>' in page
    assert f'href="/courses/{course.pk}/preview/"' in page and "Preview as a student" in page
    assert "Duplicate as a new version" in page


def test_the_builder_keeps_a_constant_number_of_queries(school_a, course, instructor, django_assert_max_num_queries):
    def fill(lessons: int) -> None:
        for module in modules_of(course, *[f"Module {n}" for n in range(5)]):
            for _ in range(lessons // 5):
                KeyLineFactory(lesson=LessonFactory(module=module, kind="exercise"))

    fill(5)
    with django_assert_max_num_queries(10):
        assert instructor.get(f"/courses/{course.pk}/content/").status_code == 200
    Module.objects.all().delete()
    fill(60)
    assert Lesson.objects.count() == 60
    with django_assert_max_num_queries(10):
        response = instructor.get(f"/courses/{course.pk}/content/")
    assert text(response).count("1 answer line") == 60


def test_moving_a_module_without_javascript_redirects_to_the_builder(course, instructor):
    first, second = modules_of(course, "Basics", "Neoplasms")
    response = instructor.post(f"/courses/modules/{second.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert response["Location"] == f"/courses/{course.pk}/content/?focus=module-{second.pk}-down"
    assert list(Module.objects.order_by("position").values_list("title", flat=True)) == ["Neoplasms", "Basics"]
    page = text(instructor.get(response["Location"]))
    assert f'id="module-{second.pk}-down" autofocus' in page
    assert "Moved “Neoplasms” up: it is now module 1." in page


def test_moving_with_htmx_swaps_the_list_and_keeps_focus_on_the_moved_button(course, instructor):
    a, b, c = modules_of(course, "A", "B", "C")
    response = instructor.post(f"/courses/modules/{c.pk}/move/", {"direction": "up"}, **HTMX)
    page = text(response)
    assert page.startswith('<div id="course-outline"')
    assert f'id="module-{c.pk}-up" autofocus' in page
    assert page.index("2. C") < page.index("3. B")
    assert '<p id="outline-status" hx-swap-oob="innerHTML">Moved “C” up: it is now module 2.</p>' in page


def test_moving_a_lesson_down(course, instructor):
    module = ModuleFactory(course=course)
    first = LessonFactory(module=module, title="First")
    LessonFactory(module=module, title="Second")
    instructor.post(f"/courses/lessons/{first.pk}/move/", {"direction": "down"})
    assert list(module.lessons.order_by("position").values_list("title", flat=True)) == ["Second", "First"]


def test_publishing_with_htmx_shows_the_new_state(course, instructor):
    (module,) = modules_of(course, "Basics", is_published=False)
    response = instructor.post(f"/courses/modules/{module.pk}/publish/", {"published": "yes"}, **HTMX)
    assert '<span class="badge badge-published">Published</span>' in text(response)
    assert f'id="module-{module.pk}-publish" autofocus>Hide' in text(response)
    assert Module.objects.get(pk=module.pk).is_published


def test_an_exercise_without_a_key_is_not_published(course, instructor):
    lesson = LessonFactory(module=ModuleFactory(course=course), kind="exercise", is_published=False, title="Diabetes")
    response = instructor.post(f"/courses/lessons/{lesson.pk}/publish/", {"published": "yes"}, follow=True)
    assert "“Diabetes” has no answer key yet; write the key before publishing the exercise." in text(response)
    assert not Lesson.objects.get(pk=lesson.pk).is_published


# --- modules ---------------------------------------------------------------------------------------------


def test_the_module_form_offers_every_registered_requirement(course, instructor):
    page = text(instructor.get(f"/courses/{course.pk}/modules/new/"))
    assert "<legend>Completion requirements</legend>" in page
    assert 'name="requirement_view_all"' in page and 'name="requirement_exercise_score"' in page
    assert 'name="requirement_exercise_score__min_score"' in page


def test_an_instructor_adds_a_module_with_a_requirement(course, instructor):
    (basics,) = modules_of(course, "Basics")
    response = instructor.post(f"/courses/{course.pk}/modules/new/", {
        "title": "Diabetes mellitus", "kind": "icd10cm", "release_offset_days": "7", "prerequisites": [basics.pk],
        "requirement_exercise_score": "on", "requirement_exercise_score__min_score": "85",
    })
    assert response.status_code == 302
    module = Module.objects.get(title="Diabetes mellitus")
    assert (module.position, module.release_offset_days, module.is_published) == (2, 7, False)
    assert module.requirements == [{"kind": "exercise_score", "min_score": 85}]
    assert list(module.prerequisite_links.values_list("required__title", flat=True)) == ["Basics"]


def test_a_prerequisite_loop_is_refused_on_the_form(course, instructor):
    basics, neoplasms = modules_of(course, "Basics", "Neoplasms")
    ModulePrerequisite.objects.create(module=neoplasms, required=basics)
    response = instructor.post(f"/courses/modules/{basics.pk}/edit/", {
        "title": "Basics", "kind": "icd10cm", "release_offset_days": "0", "prerequisites": [neoplasms.pk],
    })
    assert response.status_code == 400
    assert "“Neoplasms” already requires “Basics”" in text(response)
    assert not ModulePrerequisite.objects.filter(module=basics).exists()


def test_a_module_another_requires_is_not_deleted(course, instructor):
    basics, neoplasms = modules_of(course, "Basics", "Neoplasms")
    ModulePrerequisite.objects.create(module=neoplasms, required=basics)
    assert "Neoplasms requires this module" in text(instructor.get(f"/courses/modules/{basics.pk}/delete/"))
    response = instructor.post(f"/courses/modules/{basics.pk}/delete/", follow=True)
    assert "“Neoplasms” requires “Basics”." in text(response)
    assert Module.objects.filter(pk=basics.pk).exists()


def test_deleting_a_module_after_confirming(course, instructor):
    (module,) = modules_of(course, "Basics")
    LessonFactory(module=module)
    assert "its 1 lesson are deleted" in text(instructor.get(f"/courses/modules/{module.pk}/delete/"))
    instructor.post(f"/courses/modules/{module.pk}/delete/")
    assert not Module.objects.exists() and not Lesson.objects.exists()


# --- lessons -------------------------------------------------------------------------------------------------


def test_an_instructor_uploads_a_lecture_with_captions(course, instructor, media):
    (module,) = modules_of(course, "Basics")
    response = instructor.post(f"/courses/modules/{module.pk}/lessons/new/video/", {
        "title": "Code structure", "duration_seconds": "1:35",
        "video": SimpleUploadedFile("structure.mp4", MP4), "captions": SimpleUploadedFile("structure.vtt", VTT),
    })
    assert response.status_code == 302
    lesson = Lesson.objects.get(title="Code structure")
    assert (lesson.kind, lesson.duration_seconds) == ("video", 95)
    assert lesson.transcript.startswith("An ICD-10-CM code has three to seven characters.")
    assert sorted(lesson.files.values_list("role", flat=True)) == ["captions", "video"]


def test_a_pdf_as_the_lecture_video_gets_a_message_and_stores_nothing(course, instructor, media):
    (module,) = modules_of(course, "Basics")
    response = instructor.post(f"/courses/modules/{module.pk}/lessons/new/video/", {
        "title": "Code structure", "duration_seconds": "10:00", "video": SimpleUploadedFile("structure.mp4", PDF, "video/mp4"),
    })
    assert response.status_code == 400
    page = text(response)
    assert "This is not an MP4 or WebM video (it looks like a PDF)." in page
    assert 'aria-describedby="id_video_helptext id_video_error"' in page
    assert not Lesson.objects.exists() and not LessonFile.objects.exists()
    assert stored_files(media) == []


def test_a_reading_with_a_script_gets_a_message(course, instructor):
    (module,) = modules_of(course, "Basics")
    response = instructor.post(f"/courses/modules/{module.pk}/lessons/new/reading/", {
        "title": "Conventions", "body": "Intro\n\n<script>steal()</script>",
    })
    assert response.status_code == 400
    assert "Readings cannot contain <script> (line 3)" in text(response)
    assert not Lesson.objects.exists()


def test_editing_a_reading_renders_it_again(course, instructor):
    lesson = LessonFactory(module=ModuleFactory(course=course), title="Fractures")
    response = instructor.post(f"/courses/lessons/{lesson.pk}/edit/", {
        "title": "Fractures of the femur", "body": "Code **S72.001A** for the initial encounter.", "textbook_pages": "212-219",
    })
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert (lesson.title, lesson.textbook_pages) == ("Fractures of the femur", "212-219")
    assert lesson.body_html == "<p>Code <strong>S72.001A</strong> for the initial encounter.</p>\n"


def test_deleting_a_lesson_after_confirming(course, instructor):
    module = ModuleFactory(course=course)
    lesson = LessonFactory(module=module, kind="video", title="Code structure")
    assert "Delete the lesson “Code structure”?" in text(instructor.get(f"/courses/lessons/{lesson.pk}/delete/"))
    response = instructor.post(f"/courses/lessons/{lesson.pk}/delete/")
    assert response["Location"] == f"/courses/{course.pk}/content/#module-{module.pk}"
    assert not Lesson.objects.exists()


def test_a_reading_that_shows_a_missing_image_gets_a_message(course, instructor):
    lesson = LessonFactory(module=ModuleFactory(course=course), title="Fractures")
    response = instructor.post(f"/courses/lessons/{lesson.pk}/edit/", {"title": "Fractures", "body": "![Femur](image:femur.png)"})
    assert response.status_code == 400
    assert "no image of that name is uploaded to this lesson" in text(response)
    assert Lesson.objects.get(pk=lesson.pk).body == LessonFactory._meta.declarations["body"]


def test_a_readings_page_lists_its_images_with_the_reference_to_paste(course, instructor, media):
    lesson = LessonFactory(module=ModuleFactory(course=course))
    response = instructor.post(f"/courses/lessons/{lesson.pk}/files/", {
        "role": "image", "upload": SimpleUploadedFile("Femur Neck.png", PNG),
    }, follow=True)
    page = text(response)
    assert "Uploaded “femur-neck.png”." in page
    assert "<code>![what it shows](image:femur-neck.png)</code>" in page
    image = LessonFile.objects.get()
    assert f'action="/courses/lesson-files/{image.pk}/delete/"' in page


def test_an_svg_upload_gets_a_message_and_stores_nothing(course, instructor, media):
    lesson = LessonFactory(module=ModuleFactory(course=course))
    response = instructor.post(f"/courses/lessons/{lesson.pk}/files/", {
        "role": "image", "upload": SimpleUploadedFile("chart.svg", SVG, "image/svg+xml"),
    })
    assert response.status_code == 400
    assert "SVG drawings are not accepted because they can carry script." in text(response)
    assert not LessonFile.objects.exists()
    assert stored_files(media) == []


def test_deleting_an_attachment_from_the_reading(course, instructor, media):
    lesson = LessonFactory(module=ModuleFactory(course=course))
    instructor.post(f"/courses/lessons/{lesson.pk}/files/", {
        "role": "attachment", "upload": SimpleUploadedFile("guidelines.pdf", PDF),
    })
    attachment = LessonFile.objects.get()
    response = instructor.post(f"/courses/lesson-files/{attachment.pk}/delete/")
    assert response["Location"] == f"/courses/lessons/{lesson.pk}/edit/#files-heading"
    assert not LessonFile.objects.exists()


def exercise_post(**extra) -> dict:
    data = {
        "title": "Diabetes follow-up", "record_kind": "office_note", "record_text": "Type 2 diabetes with hyperglycemia.",
        "key-TOTAL_FORMS": "2", "key-INITIAL_FORMS": "0", "key-MIN_NUM_FORMS": "0", "key-MAX_NUM_FORMS": "25",
        "key-0-role": "principal", "key-0-code": "e1165", "key-0-requirement": "required", "key-0-units": "1",
        "key-1-role": "secondary", "key-1-code": "Z79.4", "key-1-requirement": "required", "key-1-units": "1",
    }
    data.update(extra)
    return data


def test_an_exercise_is_saved_with_its_answer_key(course, instructor):
    (module,) = modules_of(course, "Diabetes")
    response = instructor.post(f"/courses/modules/{module.pk}/lessons/new/exercise/", exercise_post())
    assert response.status_code == 302
    lesson = Lesson.objects.get(kind="exercise")
    assert list(lesson.key_lines.order_by("position").values_list("role", "code")) == [("principal", "E11.65"), ("secondary", "Z79.4")]


def test_a_bad_answer_key_keeps_the_exercise_unsaved_and_says_which_line(course, instructor):
    (module,) = modules_of(course, "Diabetes")
    response = instructor.post(
        f"/courses/modules/{module.pk}/lessons/new/exercise/", exercise_post(**{"key-1-role": "principal"})
    )
    assert response.status_code == 400
    assert "Lines 1 and 2 are both principal diagnoses; a claim has one." in text(response)
    assert not Lesson.objects.exists() and not KeyLine.objects.exists()


def test_add_a_line_gives_another_row_without_saving(course, instructor):
    (module,) = modules_of(course, "Diabetes")
    response = instructor.post(f"/courses/modules/{module.pk}/lessons/new/exercise/", exercise_post(add_line="1"))
    assert response.status_code == 200
    page = text(response)
    assert "<legend>Line 3</legend>" in page and 'value="e1165"' in page
    assert 'name="key-2-units" value="1"' in page
    assert not Lesson.objects.exists()


def test_a_blank_line_left_as_shown_is_not_saved(course, instructor):
    (module,) = modules_of(course, "Diabetes")
    blank_row = {"key-TOTAL_FORMS": "3", "key-2-role": "principal", "key-2-requirement": "required", "key-2-units": "1"}
    response = instructor.post(f"/courses/modules/{module.pk}/lessons/new/exercise/", exercise_post(**blank_row))
    assert response.status_code == 302
    assert KeyLine.objects.count() == 2


def test_the_exercise_page_shows_its_key(course, instructor):
    lesson = LessonFactory(module=ModuleFactory(course=course), kind="exercise")
    KeyLineFactory(lesson=lesson, code="E11.65")
    page = text(instructor.get(f"/courses/lessons/{lesson.pk}/edit/"))
    assert "<legend>Answer key</legend>" in page and 'value="E11.65"' in page
    assert 'name="add_line"' in page


# --- a new version --------------------------------------------------------------------------------------------


def test_duplicating_a_course_from_its_builder(course, instructor):
    (module,) = modules_of(course, "Basics")
    LessonFactory(module=module)
    page = text(instructor.get(f"/courses/{course.pk}/duplicate/"))
    assert "Duplicate MCC-201 as version 2" in page
    refused = instructor.post(f"/courses/{course.pk}/duplicate/", {})
    assert refused.status_code == 400 and "Tick the box to confirm the copy." in text(refused)
    response = instructor.post(f"/courses/{course.pk}/duplicate/", {"confirm": "on"})
    copy = Course.objects.get(code="MCC-201", version=2)
    assert response["Location"] == f"/courses/{copy.pk}/content/"
    assert list(Lesson.objects.filter(module__course=copy).values_list("title", flat=True)) == [module.lessons.get().title]


def test_the_course_pages_link_to_the_builder(school_a, course):
    registrar = school_a.client(school_a.registrar)
    assert 'href="/courses/authoring/"' in text(registrar.get("/courses/"))
    assert f'href="/courses/{course.pk}/content/"' in text(registrar.get(f"/courses/{course.pk}/edit/"))
