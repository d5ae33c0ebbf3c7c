"""Output serializers of the course content API: modules, lessons of each kind, progress, feedback on a try."""

from __future__ import annotations

import math

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from courses.models import KeyLine, Lesson, LessonFile, LessonProgress, Module, ModuleKind, RecordKind
from courses.requirements import module_requirements
from courses.selectors.content import ContentAccess
from courses.selectors.learning import AVAILABLE, COMPLETE, IN_PROGRESS, LOCKED
from courses.views.files import lesson_file_url

STATES = [(LOCKED, "Locked"), (AVAILABLE, "Available"), (IN_PROGRESS, "In progress"), (COMPLETE, "Complete")]


def _absolute(request: Request | None, url: str) -> str:
    return request.build_absolute_uri(url) if request is not None else url


# --- output: modules --------------------------------------------------------------


class ModuleLessonOut(serializers.Serializer):
    id = serializers.IntegerField()
    # A plain string here: one enum used by two components would get a hashed name in the schema.
    kind = serializers.CharField(help_text="video, reading or exercise (as a lesson's kind).")
    title = serializers.CharField()
    position = serializers.IntegerField()
    is_published = serializers.BooleanField()


class RequirementOut(serializers.Serializer):
    kind = serializers.CharField(help_text="A registered requirement kind: view_all, exercise_score…")
    description = serializers.CharField()
    params = serializers.DictField(help_text="The requirement's settings, for example {\"min_score\": 80}.")
    met = serializers.BooleanField(allow_null=True, help_text="Students: whether they meet it; null for staff.")
    detail = serializers.CharField(allow_blank=True, help_text="Students: how far they are (\"3 of 5 lessons done\").")


class ModuleProgressOut(serializers.Serializer):
    done = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.IntegerField()


class ModuleOut(serializers.Serializer):
    """A module; for a student, with its state in their cohort (staff see it as authored: state null)."""

    id = serializers.IntegerField()
    course = serializers.IntegerField(source="course_id")
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=ModuleKind.choices)
    specialty = serializers.CharField(allow_blank=True)
    summary = serializers.CharField(allow_blank=True)
    position = serializers.IntegerField()
    release_offset_days = serializers.IntegerField(help_text="Opens this many days after a cohort's first day.")
    is_published = serializers.BooleanField()
    prerequisites = serializers.ListField(
        child=serializers.IntegerField(), source="required_ids", help_text="Ids of the modules to complete first."
    )
    requirements = serializers.SerializerMethodField(help_text="What completes the module.")
    lessons = serializers.SerializerMethodField(help_text="In order; a student's locked module lists none.")
    state = serializers.SerializerMethodField()
    opens_at = serializers.SerializerMethodField(
        help_text="Students: when it opens in their cohort (midnight in the cohort's time zone)."
    )
    locked_reasons = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()

    def _state(self, module: Module):
        access: ContentAccess = self.context["access"]
        return None if access.is_staff else access.module_state(module.pk)

    @extend_schema_field(RequirementOut(many=True))
    def get_requirements(self, module: Module) -> list[dict]:
        state = self._state(module)
        statuses = state.requirements if state else []
        rows = []
        for i, (requirement, params) in enumerate(module_requirements(module)):
            judged = statuses[i] if i < len(statuses) else None
            rows.append({
                "kind": requirement.kind, "description": requirement.describe(params),
                "params": {k: v for k, v in params.items() if k != "kind"},
                "met": judged.met if judged else None, "detail": judged.detail if judged else "",
            })
        return rows

    @extend_schema_field(ModuleLessonOut(many=True))
    def get_lessons(self, module: Module) -> list[dict]:
        state = self._state(module)
        if state is not None and state.is_locked:
            return []
        return ModuleLessonOut(module.lesson_list, many=True).data

    @extend_schema_field(serializers.ChoiceField(choices=STATES, allow_null=True))
    def get_state(self, module: Module) -> str | None:
        state = self._state(module)
        return state.state if state else None

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_opens_at(self, module: Module) -> str | None:
        state = self._state(module)
        # Midnight in the cohort's own time zone, with its offset, as the release rule says.
        return state.opens_at.isoformat() if state and state.opens_at else None

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_locked_reasons(self, module: Module) -> list[str]:
        state = self._state(module)
        if state is None:
            return []
        return [f"Opens on {state.opens_at.date().isoformat()}." if r == "opens" else r for r in state.locked_reasons]

    @extend_schema_field(ModuleProgressOut(allow_null=True))
    def get_progress(self, module: Module) -> dict | None:
        state = self._state(module)
        return {"done": state.done, "total": state.total, "percent": state.percent} if state else None


# --- output: lessons ----------------------------------------------------------------


class FileOut(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.ChoiceField(choices=LessonFile.Role.choices)
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    language = serializers.CharField(allow_blank=True)
    url = serializers.SerializerMethodField(help_text="Served to the course's staff and enrolled students; takes Range.")

    def get_url(self, lesson_file: LessonFile) -> str:
        return _absolute(self.context.get("request"), lesson_file_url(lesson_file))


def _files(lesson: Lesson, role: str) -> list[LessonFile]:
    return [f for f in lesson.files.all() if f.role == role]


class VideoOut(serializers.Serializer):
    url = serializers.CharField(allow_null=True, help_text="The uploaded video (through the file URL) or the external URL.")
    source = serializers.ChoiceField(choices=[("file", "Uploaded file"), ("external", "External URL")], allow_null=True)
    content_type = serializers.CharField(allow_blank=True)
    duration_seconds = serializers.IntegerField(allow_null=True)
    captions = FileOut(many=True, help_text="WebVTT captions, one per language.")
    transcript = serializers.CharField(allow_blank=True)


class TextbookOut(serializers.Serializer):
    title = serializers.CharField()
    chapter = serializers.CharField(allow_blank=True)
    pages = serializers.CharField(allow_blank=True)


class ReadingOut(serializers.Serializer):
    body_html = serializers.CharField(allow_blank=True, help_text="Rendered from Markdown and sanitised.")
    textbook = TextbookOut(allow_null=True)
    attachments = FileOut(many=True)
    images = FileOut(many=True, help_text="The images the reading shows.")


class RecordOut(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RecordKind.choices, allow_blank=True)
    kind_label = serializers.CharField(allow_blank=True)
    patient_name = serializers.CharField(allow_blank=True)
    patient_sex = serializers.CharField(allow_blank=True)
    patient_birth_date = serializers.DateField(allow_null=True)
    record_number = serializers.CharField(allow_blank=True)
    service_date = serializers.DateField(allow_null=True)
    provider = serializers.CharField(allow_blank=True)
    facility = serializers.CharField(allow_blank=True)


class PinnedReleaseOut(serializers.Serializer):
    id = serializers.IntegerField()
    system = serializers.CharField()
    version = serializers.CharField()


class KeyLineOut(serializers.ModelSerializer):
    modifiers = serializers.ListField(child=serializers.CharField(), source="modifier_list")

    class Meta:
        model = KeyLine
        fields = ["id", "position", "role", "code", "requirement", "group", "modifiers", "units", "rationale"]


class ExerciseOut(serializers.Serializer):
    record = RecordOut(help_text="The simulated record's header (a fictional patient).")
    note = serializers.CharField(allow_blank=True)
    instructions = serializers.CharField(allow_blank=True)
    order_scored = serializers.BooleanField(help_text="Whether the order of secondary codes is scored.")
    icd10cm_release = PinnedReleaseOut(allow_null=True)
    hcpcs_release = PinnedReleaseOut(allow_null=True)
    key_lines = KeyLineOut(many=True, required=False, help_text="The answer key: present for the course's staff only.")


class ProgressOut(serializers.Serializer):
    lesson = serializers.IntegerField(source="lesson_id")
    enrollment = serializers.IntegerField(source="enrollment_id")
    position = serializers.FloatField(source="position_seconds", help_text="Resume here (seconds).")
    watched_seconds = serializers.FloatField(help_text="Seconds of the lecture played, each counted once.")
    watched_percent = serializers.SerializerMethodField(help_text="Lectures: share watched; 90 completes it.")
    completed = serializers.BooleanField(source="is_complete")
    completed_at = serializers.DateTimeField(allow_null=True)
    tries = serializers.IntegerField(help_text="Exercises: tries so far.")
    best_score = serializers.FloatField(allow_null=True, help_text="Exercises: the best score, 0 to 1.")

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_watched_percent(self, progress: LessonProgress) -> int | None:
        return watched_percent(progress.lesson, progress)


def watched_percent(lesson: Lesson, progress: LessonProgress | None) -> int | None:
    if not lesson.duration_seconds:
        return None
    watched = progress.watched_seconds if progress else 0
    return min(100, math.floor(100 * watched / lesson.duration_seconds))


class LessonOut(serializers.Serializer):
    """A lesson; only the object of its kind (video, reading or exercise) is filled, the others are null."""

    id = serializers.IntegerField()
    course = serializers.IntegerField(source="module.course_id")
    module = serializers.IntegerField(source="module_id")
    kind = serializers.ChoiceField(choices=Lesson.Kind.choices)
    title = serializers.CharField()
    summary = serializers.CharField(allow_blank=True)
    position = serializers.IntegerField()
    is_published = serializers.BooleanField()
    video = serializers.SerializerMethodField()
    reading = serializers.SerializerMethodField()
    exercise = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField(help_text="Students: their progress in this lesson; null for staff.")

    @extend_schema_field(VideoOut(allow_null=True))
    def get_video(self, lesson: Lesson) -> dict | None:
        if lesson.kind != Lesson.Kind.VIDEO:
            return None
        uploaded = next(iter(_files(lesson, LessonFile.Role.VIDEO)), None)
        request = self.context.get("request")
        if uploaded is not None:
            url, source, content_type = _absolute(request, lesson_file_url(uploaded)), "file", uploaded.content_type
        else:
            url, source, content_type = lesson.video_url or None, ("external" if lesson.video_url else None), ""
        return {
            "url": url, "source": source, "content_type": content_type,
            "duration_seconds": lesson.duration_seconds, "transcript": lesson.transcript,
            "captions": FileOut(_files(lesson, LessonFile.Role.CAPTIONS), many=True, context=self.context).data,
        }

    @extend_schema_field(ReadingOut(allow_null=True))
    def get_reading(self, lesson: Lesson) -> dict | None:
        if lesson.kind != Lesson.Kind.READING:
            return None
        textbook = None
        if lesson.has_textbook:
            textbook = {"title": lesson.textbook_title, "chapter": lesson.textbook_chapter, "pages": lesson.textbook_pages}
        return {
            "body_html": lesson.body_html, "textbook": textbook,
            "attachments": FileOut(_files(lesson, LessonFile.Role.ATTACHMENT), many=True, context=self.context).data,
            "images": FileOut(_files(lesson, LessonFile.Role.IMAGE), many=True, context=self.context).data,
        }

    @extend_schema_field(ExerciseOut(allow_null=True))
    def get_exercise(self, lesson: Lesson) -> dict | None:
        if lesson.kind != Lesson.Kind.EXERCISE:
            return None
        record = {
            "kind": lesson.record_kind, "kind_label": lesson.get_record_kind_display() if lesson.record_kind else "",
            **{name: getattr(lesson, name) for name in (
                "patient_name", "patient_sex", "patient_birth_date", "record_number", "service_date", "provider",
                "facility",
            )},
        }
        data = {
            "record": RecordOut(record).data, "note": lesson.record_text, "instructions": lesson.instructions,
            "order_scored": lesson.order_scored,
            "icd10cm_release": PinnedReleaseOut(lesson.icd10cm_release).data if lesson.icd10cm_release else None,
            "hcpcs_release": PinnedReleaseOut(lesson.hcpcs_release).data if lesson.hcpcs_release else None,
        }
        if self.context["access"].is_staff:  # never the key to a student
            data["key_lines"] = KeyLineOut(lesson.key_lines.all(), many=True).data
        return data

    @extend_schema_field(ProgressOut(allow_null=True))
    def get_progress(self, lesson: Lesson) -> dict | None:
        access: ContentAccess = self.context["access"]
        progress = access.progress_of(lesson.pk)
        if progress is None:
            return None
        progress.lesson = lesson
        return ProgressOut(progress).data



class ReasonOut(serializers.Serializer):
    rule = serializers.CharField(help_text="not_a_code, header, seventh_character, excludes1, code_first, extra, modifier…")
    message = serializers.CharField()


class LineFeedbackOut(serializers.Serializer):
    index = serializers.IntegerField(allow_null=True, help_text="Position in the answer; null for a key line not entered.")
    code = serializers.CharField()
    status = serializers.ChoiceField(choices=["correct", "partial", "wrong", "extra", "missing"])
    credit = serializers.FloatField()
    reasons = ReasonOut(many=True)
    rationale = serializers.CharField(allow_blank=True)
    role = serializers.CharField(allow_blank=True)


class AttemptOut(serializers.Serializer):
    score = serializers.FloatField(help_text="0 to 1: credited lines / max(lines entered, required lines).")
    credited = serializers.FloatField()
    denominator = serializers.IntegerField()
    lines = LineFeedbackOut(many=True, help_text="Per line entered, in the order entered.")
    missed = LineFeedbackOut(many=True, help_text="Key lines that were not entered.")
    tries = serializers.IntegerField(allow_null=True, help_text="Null for a staff preview, which stores nothing.")
    best_score = serializers.FloatField(allow_null=True)
    attempt = serializers.IntegerField(allow_null=True, help_text="Id of the stored try; null for a staff preview.")
