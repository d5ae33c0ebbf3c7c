"""Input serializers of the course content API: a student's reports and tries, the authors' writes.

They check shapes and types; the services check the rules and say what is
wrong in the same words the pages use.
"""

from __future__ import annotations

import math

from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from courses.models import KeyLine, KeyRole, Lesson, ModuleKind, RecordKind

LONGEST_LECTURE_SECONDS = 24 * 3600
COHORT_PARAM = OpenApiParameter(
    "cohort", int, description="Students in several cohorts of the course: which one (default: the newest term's)"
)


class ProgressIn(serializers.Serializer):
    position = serializers.FloatField(
        required=False, min_value=0, max_value=LONGEST_LECTURE_SECONDS,
        help_text="Lectures: where the player is (seconds). Without it the lesson is marked opened (a reading is then done).",
    )
    seconds_watched = serializers.FloatField(
        required=False, default=0, min_value=0, max_value=LONGEST_LECTURE_SECONDS,
        help_text="Seconds played since the last report, ending at position.",
    )
    cohort = serializers.IntegerField(required=False, min_value=1, max_value=2**62, help_text=COHORT_PARAM.description)

    def validate(self, data: dict) -> dict:
        for name in ("position", "seconds_watched"):
            if name in data and not math.isfinite(data[name]):
                raise serializers.ValidationError({name: "Must be a number of seconds."})
        return data


class AnswerLineIn(serializers.Serializer):
    code = serializers.CharField(allow_blank=True, max_length=20)
    modifiers = serializers.ListField(child=serializers.CharField(max_length=4), required=False, max_length=10)
    units = serializers.IntegerField(required=False, allow_null=True)


class AttemptIn(serializers.Serializer):
    lines = AnswerLineIn(many=True, help_text="The codes entered, principal diagnosis first.")
    cohort = serializers.IntegerField(required=False, min_value=1, max_value=2**62, help_text=COHORT_PARAM.description)




@extend_schema_field({"type": "string"})
class _ChoiceIn(serializers.ChoiceField):
    """A choice validated as usual but documented as a string naming its values.

    Each choice set already has its enum in the output schema; the same set
    in a request component as well would get a hashed enum name.
    """

    def __init__(self, choices, **kwargs) -> None:
        values = ", ".join(str(value) for value, _ in choices)
        kwargs["help_text"] = f"{kwargs.get('help_text', '')} One of: {values}.".strip()
        super().__init__(choices, **kwargs)


class ModuleIn(serializers.Serializer):
    title = serializers.CharField(max_length=150)
    kind = _ChoiceIn(ModuleKind.choices, required=False)
    specialty = serializers.CharField(max_length=60, allow_blank=True, required=False)
    summary = serializers.CharField(allow_blank=True, required=False)
    release_offset_days = serializers.IntegerField(
        min_value=0, max_value=730, required=False, help_text="Days after a cohort's first day; 0 opens on the first day."
    )
    requirements = serializers.ListField(
        child=serializers.DictField(), required=False,
        help_text='What completes it: [{"kind": "view_all"}, {"kind": "exercise_score", "min_score": 80}].',
    )
    is_published = serializers.BooleanField(required=False)
    prerequisites = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**62), required=False,
        help_text="Ids of other modules of the course to complete first; replaces the list when given.",
    )


class KeyLineIn(serializers.Serializer):
    role = _ChoiceIn(KeyRole.choices)
    code = serializers.CharField(max_length=20)
    requirement = serializers.ChoiceField(choices=KeyLine.Requirement.choices, required=False)
    group = serializers.CharField(max_length=10, allow_blank=True, required=False)
    modifiers = serializers.ListField(child=serializers.CharField(max_length=4), required=False, max_length=10)
    units = serializers.IntegerField(required=False)
    rationale = serializers.CharField(allow_blank=True, required=False)


def _text(max_length: int | None = None, **extra) -> serializers.CharField:
    return serializers.CharField(max_length=max_length, allow_blank=True, required=False, **extra)


class LessonIn(serializers.Serializer):
    """A lesson's fields; those of another kind are refused unless blank. Send files as multipart/form-data."""

    module = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Creating: the module it goes last in.")
    kind = _ChoiceIn(Lesson.Kind.choices, help_text="Creating: fixed from then on.")
    title = serializers.CharField(max_length=150)
    summary = _text(300)
    is_published = serializers.BooleanField(required=False, help_text="An exercise is published only with an answer key.")
    video = serializers.FileField(required=False, help_text="Video lectures: MP4 or WebM, judged by its bytes.")
    captions = serializers.FileField(required=False, help_text="Video lectures: WebVTT; a blank transcript is taken from it.")
    video_url = serializers.URLField(max_length=500, allow_blank=True, required=False)
    duration_seconds = serializers.IntegerField(min_value=1, max_value=LONGEST_LECTURE_SECONDS, required=False)
    transcript = _text(trim_whitespace=False)
    body = _text(trim_whitespace=False, help_text="Readings: Markdown; images as image:NAME.")
    textbook_title = _text(200)
    textbook_chapter = _text(120)
    textbook_pages = _text(40)
    instructions = _text(300)
    record_kind = _ChoiceIn(RecordKind.choices, allow_blank=True, required=False)
    patient_name = _text(120)
    patient_sex = _text(20)
    patient_birth_date = serializers.DateField(allow_null=True, required=False)
    record_number = _text(30)
    service_date = serializers.DateField(allow_null=True, required=False)
    provider = _text(120)
    facility = _text(120)
    record_text = _text(trim_whitespace=False, help_text="Exercises: the note the student codes from.")
    icd10cm_release = serializers.IntegerField(allow_null=True, required=False, help_text="Default: the current one.")
    hcpcs_release = serializers.IntegerField(allow_null=True, required=False, help_text="Default: the current one.")
    order_scored = serializers.BooleanField(required=False)
    key_lines = KeyLineIn(many=True, required=False, help_text="Exercises: replaces the answer key when given.")


class MoveIn(serializers.Serializer):
    direction = serializers.ChoiceField(choices=[("up", "One place earlier"), ("down", "One place later")])
