"""Authoring course content: modules and lessons in order, uploads checked by their bytes, answer keys, new versions."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from codesets.models import System
from courses.models import KeyLine, Lesson, LessonFile, Module, ModulePrerequisite, Prerequisite
from courses.services import content as services
from lms.models import AuditLogEntry
from tests.factories import CourseFactory, LessonFactory, ModuleFactory, ReleaseFactory

MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00\x00\x00\x08free" + b"\x00" * 64
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
VTT = (
    b"WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nAn ICD-10-CM code has three to seven characters.\n\n"
    b"00:00:06.000 --> 00:00:09.000\nThe first character is always a letter.\n"
)
SRT = b"1\n00:00:00,000 --> 00:00:03,000\nAn ICD-10-CM code has three to seven characters.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.fixture
def author(school_a):
    return {"tenant": school_a.tenant, "actor": school_a.instructor}


def new_module(author, course, title: str, **fields) -> Module:
    return services.module_save(**author, course=course, fields={"title": title, "kind": "icd10cm", **fields})


def new_lesson(author, module, kind: str, **fields) -> Lesson:
    defaults = {
        "video": {"title": "Code structure", "video_url": "https://videos.example.test/code-structure.mp4", "duration_seconds": 300},
        "reading": {"title": "Conventions", "body": "## Conventions\n\nCode to the highest specificity documented."},
        "exercise": {"title": "Diabetes", "record_kind": "office_note", "record_text": "Type 2 diabetes with hyperglycemia."},
    }[kind]
    return services.lesson_save(**author, module=module, fields={"kind": kind, **defaults, **fields})


# --- modules ---------------------------------------------------------------------------------


def test_new_modules_go_last_in_their_course(author, course):
    first = new_module(author, course, "Conventions")
    second = new_module(author, course, "Neoplasms")
    assert [first.position, second.position] == [1, 2]
    assert AuditLogEntry.objects.filter(action="module.created").count() == 2


def test_a_module_keeps_its_registered_requirements(author, course):
    module = new_module(author, course, "Diabetes", requirements=[{"kind": "exercise_score", "min_score": "75"}])
    module.refresh_from_db()
    assert module.requirements == [{"kind": "exercise_score", "min_score": 75}]


def test_an_unknown_requirement_is_refused_with_a_message(author, course):
    with pytest.raises(ValidationError) as refused:
        new_module(author, course, "Diabetes", requirements=[{"kind": "watch_twice"}])
    assert "“watch_twice” is not a completion requirement" in refused.value.message_dict["requirements"][0]
    assert not Module.objects.exists()


def test_a_prerequisite_that_closes_a_loop_is_refused(author, course):
    basics = new_module(author, course, "Basics")
    neoplasms = new_module(author, course, "Neoplasms")
    services.module_save(**author, course=course, module=neoplasms, fields={}, prerequisites=[basics])
    with pytest.raises(ValidationError) as refused:
        services.module_save(**author, course=course, module=basics, fields={}, prerequisites=[neoplasms])
    assert "“Neoplasms” already requires “Basics”" in refused.value.message_dict["prerequisites"][0]
    assert list(ModulePrerequisite.objects.values_list("module__title", "required__title")) == [("Neoplasms", "Basics")]


def test_a_loop_through_a_third_module_is_refused_too(author, course):
    a, b, c = (new_module(author, course, title) for title in ("A", "B", "C"))
    services.module_save(**author, course=course, module=b, fields={}, prerequisites=[a])
    services.module_save(**author, course=course, module=c, fields={}, prerequisites=[b])
    with pytest.raises(ValidationError):
        services.module_save(**author, course=course, module=a, fields={}, prerequisites=[c])


def test_a_prerequisite_from_another_course_is_refused(author, course, school_a):
    other = ModuleFactory(course=CourseFactory(tenant=school_a.tenant))
    module = new_module(author, course, "Neoplasms")
    with pytest.raises(ValidationError) as refused:
        services.module_save(**author, course=course, module=module, fields={}, prerequisites=[other])
    assert "other modules of this course" in refused.value.message_dict["prerequisites"][0]


def test_moving_a_module_up_swaps_it_with_the_one_before(author, course):
    a, b, c = (new_module(author, course, title) for title in ("A", "B", "C"))
    services.module_move(**author, module=c, direction="up")
    assert list(Module.objects.order_by("position").values_list("title", "position")) == [("A", 1), ("C", 2), ("B", 3)]
    assert AuditLogEntry.objects.get(action="module.moved").after == {"position": 2}


def test_the_first_module_cannot_move_up(author, course):
    a = new_module(author, course, "A")
    new_module(author, course, "B")
    with pytest.raises(ValidationError, match="“A” is already first."):
        services.module_move(**author, module=a, direction="up")


def test_hiding_a_module_is_recorded(author, course):
    module = new_module(author, course, "A", is_published=True)
    services.module_set_published(**author, module=module, published=False)
    module.refresh_from_db()
    assert module.is_published is False
    assert AuditLogEntry.objects.filter(action="module.hidden", target_id=str(module.pk)).exists()


def test_a_module_another_requires_cannot_be_deleted(author, course):
    basics = new_module(author, course, "Basics")
    later = new_module(author, course, "Neoplasms")
    services.module_save(**author, course=course, module=later, fields={}, prerequisites=[basics])
    with pytest.raises(ValidationError, match="“Neoplasms” requires “Basics”. Take it out of their prerequisites first."):
        services.module_delete(**author, module=basics)
    assert Module.objects.filter(pk=basics.pk).exists()


def test_deleting_a_module_closes_the_gap(author, course):
    a, b, c = (new_module(author, course, title) for title in ("A", "B", "C"))
    services.module_delete(**author, module=b)
    assert list(Module.objects.order_by("position").values_list("title", "position")) == [("A", 1), ("C", 2)]


def test_another_schools_module_is_refused(author, school_b):
    foreign = ModuleFactory(course=CourseFactory(tenant=school_b.tenant))
    with pytest.raises(ValidationError, match="another school"):
        services.module_set_published(**author, module=foreign, published=False)


# --- video lectures --------------------------------------------------------------------------


def test_an_uploaded_video_and_captions_are_stored_and_give_the_transcript(author, course, media):
    module = new_module(author, course, "A")
    lesson = services.lesson_save(
        **author, module=module, fields={"kind": "video", "title": "Code structure", "duration_seconds": 95},
        video=upload("Code Structure.MP4", MP4), captions=upload("code-structure.vtt", VTT),
    )
    files = {f.role: f for f in lesson.files.all()}
    assert (files["video"].content_type, files["video"].name) == ("video/mp4", "code-structure.mp4")
    assert files["captions"].content_type == "text/vtt"
    assert lesson.transcript == (
        "An ICD-10-CM code has three to seven characters.\n\nThe first character is always a letter."
    )
    assert len(stored_files(media)) == 2


def test_a_pdf_uploaded_as_a_video_is_refused_and_nothing_is_stored(author, course, media):
    module = new_module(author, course, "A")
    with pytest.raises(ValidationError) as refused:
        services.lesson_save(
            **author, module=module, fields={"kind": "video", "title": "Lecture", "duration_seconds": 60},
            video=upload("lecture.mp4", PDF, "video/mp4"), captions=upload("lecture.vtt", VTT),
        )
    assert refused.value.message_dict["video"] == [
        "This is not an MP4 or WebM video (it looks like a PDF). Export the lecture as MP4 (H.264) or WebM and upload it again."
    ]
    assert not Lesson.objects.exists() and not LessonFile.objects.exists()
    assert stored_files(media) == []


def test_srt_captions_are_refused_and_nothing_is_stored(author, course, media):
    module = new_module(author, course, "A")
    with pytest.raises(ValidationError) as refused:
        services.lesson_save(
            **author, module=module, fields={"kind": "video", "title": "Lecture", "duration_seconds": 60},
            video=upload("lecture.mp4", MP4), captions=upload("lecture.srt", SRT),
        )
    assert refused.value.message_dict["captions"][0].startswith("Line 1: Captions must be a WebVTT file")
    assert not LessonFile.objects.exists()
    assert stored_files(media) == []


def test_a_new_video_replaces_the_old_one_in_storage(author, course, media, django_capture_on_commit_callbacks):
    module = new_module(author, course, "A")
    lesson = services.lesson_save(
        **author, module=module, fields={"kind": "video", "title": "Lecture", "duration_seconds": 60},
        video=upload("first.mp4", MP4),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_save(**author, module=module, lesson=lesson, fields={}, video=upload("second.mp4", MP4))
    assert list(lesson.files.values_list("name", flat=True)) == ["second.mp4"]
    assert len(stored_files(media)) == 1


def test_a_url_replaces_the_uploaded_video(author, course, media, django_capture_on_commit_callbacks):
    module = new_module(author, course, "A")
    lesson = services.lesson_save(
        **author, module=module, fields={"kind": "video", "title": "Lecture", "duration_seconds": 60},
        video=upload("lecture.mp4", MP4),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_save(
            **author, module=module, lesson=lesson, fields={"video_url": "https://videos.example.test/lecture.webm"}
        )
    assert not lesson.files.exists()
    assert stored_files(media) == []


def test_the_audit_log_names_content_actions_in_words(author, course):
    from lms.audit import action_label

    new_module(author, course, "A")
    entry = AuditLogEntry.objects.get(action="module.created")
    assert action_label(entry.action) == "Module created"
    assert action_label("course.duplicated") == "Course copied as a new version"


def test_a_lecture_needs_a_video_and_its_length(author, course):
    module = new_module(author, course, "A")
    with pytest.raises(ValidationError) as refused:
        services.lesson_save(**author, module=module, fields={"kind": "video", "title": "Lecture"})
    errors = refused.value.message_dict
    assert errors["video"] == ["Upload the lecture's video (MP4 or WebM) or give its URL."]
    assert errors["duration_seconds"][0].startswith("Give the lecture's length")


def test_a_lessons_kind_is_fixed_when_it_is_created(author, course):
    lesson = new_lesson(author, new_module(author, course, "A"), "video")
    with pytest.raises(ValidationError) as refused:
        services.lesson_save(**author, module=lesson.module, lesson=lesson, fields={"kind": "reading"})
    assert "a lesson's kind is fixed when it is created" in refused.value.message_dict["kind"][0]


def test_new_lessons_go_last_and_move_within_their_module(author, course):
    module = new_module(author, course, "A")
    first, second = new_lesson(author, module, "video"), new_lesson(author, module, "reading")
    assert [first.position, second.position] == [1, 2]
    services.lesson_move(**author, lesson=second, direction="up")
    assert list(module.lessons.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]


# --- readings ---------------------------------------------------------------------------------


def test_a_reading_is_stored_rendered(author, course):
    lesson = new_lesson(author, new_module(author, course, "A"), "reading", body="## Conventions\n\nUse **NEC** sparingly.")
    assert lesson.body_html == "<h2>Conventions</h2>\n<p>Use <strong>NEC</strong> sparingly.</p>\n"


def test_a_reading_with_a_script_is_refused(author, course):
    module = new_module(author, course, "A")
    with pytest.raises(ValidationError) as refused:
        new_lesson(author, module, "reading", body="Intro\n\n<script>alert(1)</script>\n")
    assert refused.value.message_dict["body"] == [
        "Readings cannot contain <script> (line 3): scripts are removed when the reading is shown. Remove it."
    ]
    assert not Lesson.objects.exists()


def test_a_reading_that_shows_an_image_not_uploaded_is_refused(author, course):
    module = new_module(author, course, "A")
    with pytest.raises(ValidationError) as refused:
        new_lesson(author, module, "reading", body="![Femur](image:femur.png)")
    assert "image:femur.png (line 1), but no image of that name is uploaded" in refused.value.message_dict["body"][0]


def test_an_uploaded_image_is_shown_by_its_name(author, course, media):
    reading = new_lesson(author, new_module(author, course, "A"), "reading")
    image = services.lesson_file_add(**author, lesson=reading, role="image", upload=upload("Femur Neck.PNG", PNG))
    assert (image.name, image.content_type) == ("femur-neck.png", "image/png")
    reading = services.lesson_save(
        **author, module=reading.module, lesson=reading, fields={"body": "![Right femoral neck](image:femur-neck.png)"}
    )
    assert f'src="/courses/files/{image.pk}/femur-neck.png"' in reading.body_html


def test_an_svg_image_is_refused_and_nothing_is_stored(author, course, media):
    reading = new_lesson(author, new_module(author, course, "A"), "reading")
    with pytest.raises(ValidationError) as refused:
        services.lesson_file_add(**author, lesson=reading, role="image", upload=upload("chart.svg", SVG, "image/svg+xml"))
    assert "SVG drawings are not accepted because they can carry script." in refused.value.message_dict["upload"][0]
    assert not LessonFile.objects.exists()
    assert stored_files(media) == []


def test_an_image_the_reading_still_shows_cannot_be_deleted(author, course, media):
    reading = new_lesson(author, new_module(author, course, "A"), "reading")
    image = services.lesson_file_add(**author, lesson=reading, role="image", upload=upload("ekg.png", PNG))
    services.lesson_save(**author, module=reading.module, lesson=reading, fields={"body": "![EKG strip](image:ekg.png)"})
    with pytest.raises(ValidationError, match="The reading still shows image:ekg.png"):
        services.lesson_file_delete(**author, lesson_file=image)
    assert LessonFile.objects.filter(pk=image.pk).exists()


def test_a_deleted_attachment_leaves_storage(author, course, media, django_capture_on_commit_callbacks):
    reading = new_lesson(author, new_module(author, course, "A"), "reading")
    attachment = services.lesson_file_add(**author, lesson=reading, role="attachment", upload=upload("guidelines.pdf", PDF))
    assert attachment.content_type == "application/pdf"
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_file_delete(**author, lesson_file=attachment)
    assert not LessonFile.objects.exists()
    assert stored_files(media) == []


def test_two_images_of_one_name_are_refused(author, course, media):
    reading = new_lesson(author, new_module(author, course, "A"), "reading")
    services.lesson_file_add(**author, lesson=reading, role="image", upload=upload("ekg.png", PNG))
    with pytest.raises(ValidationError) as refused:
        services.lesson_file_add(**author, lesson=reading, role="image", upload=upload("EKG.png", PNG))
    assert refused.value.message_dict["name"] == ["This reading already has an image named “ekg.png”; choose another name."]
    assert len(stored_files(media)) == 1


# --- coding exercises and their answer keys -------------------------------------------------------


def test_an_exercise_pins_the_current_code_set_releases(author, course):
    icd = ReleaseFactory(system=System.ICD10CM, version="2099", effective_from=datetime.date(2098, 10, 1))
    hcpcs = ReleaseFactory(system=System.HCPCS, version="2099-01", effective_from=datetime.date(2099, 1, 1))
    lesson = new_lesson(author, new_module(author, course, "A"), "exercise")
    assert (lesson.icd10cm_release, lesson.hcpcs_release) == (icd, hcpcs)


def test_an_exercise_needs_its_note(author, course):
    with pytest.raises(ValidationError) as refused:
        new_lesson(author, new_module(author, course, "A"), "exercise", record_text="  ")
    assert refused.value.message_dict["record_text"] == ["Write the note the student codes from."]


def key(lesson, author, *lines):
    return services.key_lines_replace(**author, lesson=lesson, lines=list(lines))


@pytest.fixture
def exercise(author, course) -> Lesson:
    return new_lesson(author, new_module(author, course, "A"), "exercise")


def test_key_codes_are_saved_in_their_printed_form(author, exercise):
    key(
        exercise, author,
        {"role": "principal", "code": "e1165", "rationale": "Hyperglycemia is documented."},
        {"role": "secondary", "code": "z79.4"},
        {"role": "procedure", "code": "99213", "modifiers": "25"},
        {"role": "supply", "code": "a4253", "units": "2"},
    )
    rows = list(KeyLine.objects.filter(lesson=exercise).order_by("position").values_list("code", "modifiers", "units"))
    assert rows == [("E11.65", "", 1), ("Z79.4", "", 1), ("99213", "25", 1), ("A4253", "", 2)]
    assert AuditLogEntry.objects.filter(action="lesson.key_changed").exists()


def test_modifiers_may_come_as_a_list_or_a_comma_string(author, exercise):
    key(exercise, author, {"role": "procedure", "code": "27130", "modifiers": ["rt", "59"]},
        {"role": "procedure", "code": "20610", "modifiers": "lt, xs"})
    assert list(KeyLine.objects.order_by("position").values_list("modifiers", flat=True)) == ["RT, 59", "LT, XS"]


def test_a_key_with_two_principal_diagnoses_is_refused(author, exercise):
    with pytest.raises(ValidationError) as refused:
        key(exercise, author, {"role": "principal", "code": "E11.65"}, {"role": "principal", "code": "I10"})
    assert refused.value.messages == ["Lines 1 and 2 are both principal diagnoses; a claim has one. Make the others secondary."]
    assert not KeyLine.objects.exists()


def test_a_key_with_diagnoses_needs_a_principal_one(author, exercise):
    with pytest.raises(ValidationError) as refused:
        key(exercise, author, {"role": "secondary", "code": "E11.65"})
    assert refused.value.messages == ["Mark one diagnosis line as the principal (first-listed) diagnosis."]


def test_a_key_of_procedures_only_needs_no_principal(author, exercise):
    saved = key(exercise, author, {"role": "procedure", "code": "99213"}, {"role": "supply", "code": "E0114"})
    assert [line.code for line in saved] == ["99213", "E0114"]


def test_each_line_says_what_is_wrong_with_its_code(author, exercise):
    with pytest.raises(ValidationError) as refused:
        key(
            exercise, author,
            {"role": "principal", "code": "99213"},
            {"role": "supply", "code": "S72.001A"},
            {"role": "procedure", "code": "1234"},
        )
    messages = refused.value.messages
    assert messages[0].startswith("Line 1: 99213 is not an ICD-10-CM code.")
    assert messages[0].endswith("99213 looks like a CPT code: make the line a procedure.")
    assert messages[1] == "Line 2: S72.001A is not a HCPCS Level II code. Supplies are a letter A–V and four digits (A4253, E0114)."
    assert messages[2].startswith("Line 3: 1234 is not a CPT code")


def test_bad_modifiers_and_units_are_named_per_line(author, exercise):
    with pytest.raises(ValidationError) as refused:
        key(
            exercise, author,
            {"role": "principal", "code": "S72.001A", "modifiers": "RT"},
            {"role": "procedure", "code": "27236", "modifiers": "RIGHT", "units": "0"},
        )
    assert refused.value.messages == [
        "Line 1: diagnosis codes take no modifiers; modifiers go on procedure and supply lines.",
        "Line 2: RIGHT is not a modifier: a modifier is two characters, like 25, 59, LT or XS.",
        "Line 2: units must be a whole number from 1 to 999.",
    ]


def test_a_group_needs_at_least_two_lines(author, exercise):
    with pytest.raises(ValidationError) as refused:
        key(
            exercise, author,
            {"role": "principal", "code": "E11.65"},
            {"role": "secondary", "code": "Z79.4", "requirement": "group", "group": "a"},
        )
    assert refused.value.messages == [
        "Line 2: group A has only this line; a group needs at least two lines to choose from. "
        "Add another line to it, or make this line required."
    ]


def test_a_group_line_needs_its_label(author, exercise):
    with pytest.raises(ValidationError) as refused:
        key(exercise, author, {"role": "procedure", "code": "99213", "requirement": "group"})
    assert refused.value.messages[0] == "Line 1: name the group this line is one of (A, B…), the same on each line of the group."


def test_an_exercise_without_a_key_cannot_be_published(author, exercise):
    with pytest.raises(ValidationError, match="has no answer key yet"):
        services.lesson_set_published(**author, lesson=exercise, published=True)
    key(exercise, author, {"role": "principal", "code": "E11.65"})
    assert services.lesson_set_published(**author, lesson=exercise, published=True).is_published


# --- a new version ----------------------------------------------------------------------------------


def test_duplicating_a_course_copies_its_content_and_shares_its_files(author, course, school_a, media):
    foundations = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    Prerequisite.objects.create(course=course, required=foundations)
    basics = new_module(author, course, "Basics", is_published=True)
    neoplasms = new_module(author, course, "Neoplasms")
    services.module_save(**author, course=course, module=neoplasms, fields={}, prerequisites=[basics])
    reading = new_lesson(author, basics, "reading")
    image = services.lesson_file_add(**author, lesson=reading, role="image", upload=upload("ekg.png", PNG))
    services.lesson_save(**author, module=basics, lesson=reading, fields={"body": "![EKG](image:ekg.png)"})
    exercise = new_lesson(author, neoplasms, "exercise")
    key(exercise, author, {"role": "principal", "code": "C50.911"})

    copy = services.course_duplicate(**author, course=course)

    assert (copy.code, copy.version, copy.previous_version, copy.title) == ("MCC-201", 2, course, course.title)
    assert list(copy.prerequisites.all()) == [foundations]
    assert list(copy.modules.order_by("position").values_list("title", "is_published")) == [("Basics", True), ("Neoplasms", False)]
    new_neoplasms = copy.modules.get(title="Neoplasms")
    assert list(new_neoplasms.prerequisite_links.values_list("required__title", "required__course")) == [("Basics", copy.pk)]
    assert list(KeyLine.objects.filter(lesson__module=new_neoplasms).values_list("code", flat=True)) == ["C50.911"]
    copied_image = LessonFile.objects.get(lesson__module__course=copy)
    assert copied_image.pk != image.pk and copied_image.file.name == image.file.name
    assert f"/courses/files/{copied_image.pk}/ekg.png" in Lesson.objects.get(module__course=copy, kind="reading").body_html
    assert len(stored_files(media)) == 1
    assert AuditLogEntry.objects.get(action="course.duplicated").after["version"] == 2


def test_a_shared_file_stays_in_storage_while_another_version_uses_it(author, course, media, django_capture_on_commit_callbacks):
    reading = new_lesson(author, new_module(author, course, "A"), "reading")
    services.lesson_file_add(**author, lesson=reading, role="attachment", upload=upload("guidelines.pdf", PDF))
    services.course_duplicate(**author, course=course)
    with django_capture_on_commit_callbacks(execute=True):
        services.lesson_delete(**author, lesson=reading)
    assert LessonFile.objects.count() == 1
    assert len(stored_files(media)) == 1


def test_the_next_version_follows_the_highest(author, course, school_a):
    CourseFactory(tenant=school_a.tenant, code=course.code, version=4)
    assert services.course_duplicate(**author, course=course).version == 5


def test_moving_renumbers_lessons_whatever_positions_they_had(author, course):
    module = ModuleFactory(course=course)
    exercise = LessonFactory(module=module, kind="exercise", position=40)
    reading = LessonFactory(module=module, position=41)
    services.lesson_move(**author, lesson=reading, direction="up")
    assert list(module.lessons.order_by("position").values_list("pk", "position")) == [(reading.pk, 1), (exercise.pk, 2)]
