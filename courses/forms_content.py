"""Forms of the authoring pages: modules, lessons of each kind, answer keys, lesson files, new versions.

They read input; ``courses.services.content`` validates and saves, and the
views put its refusals on the fields they name (``add_service_errors``).
"""

from __future__ import annotations

import re

from django import forms

from codesets.models import Release, System
from courses.forms import ServiceModelForm
from courses.models import KeyLine, KeyRole, Lesson, LessonFile, Module
from courses.requirements import REGISTRY
from lms.forms import IdMultipleChoiceField
from lms.models import Tenant

REQUIREMENT_PREFIX = "requirement_"


def _requirement_field(kind: str) -> str:
    return f"{REQUIREMENT_PREFIX}{kind}"


def _param_field(kind: str, param: str) -> str:
    return f"{REQUIREMENT_PREFIX}{kind}__{param}"


class ModuleForm(ServiceModelForm):
    """A module; its completion requirements are one box per registered kind, each with its numbers."""

    prerequisites = IdMultipleChoiceField(
        label="Prerequisite modules",
        queryset=Module.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="A student opens this module only once these are complete.",
    )

    class Meta:
        model = Module
        fields = ["title", "kind", "specialty", "summary", "release_offset_days"]
        labels = {"release_offset_days": "Opens after (days)", "kind": "Kind", "specialty": "Specialty"}
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, course, **kwargs):
        super().__init__(*args, **kwargs)
        others = Module.objects.filter(tenant_id=course.tenant_id, course=course).order_by("position", "id")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
            self.initial.setdefault(
                "prerequisites", list(self.instance.prerequisite_links.values_list("required_id", flat=True))
            )
        self.fields["prerequisites"].queryset = others
        stored = {item.get("kind"): item for item in (self.instance.requirements or [])}
        for kind, requirement in REGISTRY.items():
            name = _requirement_field(kind)
            self.fields[name] = forms.BooleanField(
                label=requirement.label, required=False, label_suffix="", initial=kind in stored
            )
            for param in requirement.params:
                self.fields[_param_field(kind, param.name)] = forms.IntegerField(
                    label=param.label, min_value=param.minimum, max_value=param.maximum, required=False,
                    initial=stored.get(kind, {}).get(param.name, param.default),
                    help_text=f"From {param.minimum} to {param.maximum}; counts when “{requirement.label}” is ticked.",
                )
        if not self.fields["prerequisites"].queryset.exists():
            del self.fields["prerequisites"]

    def main_fields(self) -> list:
        return [self[name] for name in self.fields if not name.startswith(REQUIREMENT_PREFIX)]

    def requirement_groups(self) -> list[tuple]:
        """(the kind's box, its number fields) for each registered requirement, for the template's fieldset."""
        return [
            (self[_requirement_field(kind)], [self[_param_field(kind, p.name)] for p in requirement.params])
            for kind, requirement in REGISTRY.items()
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = []
        for kind, requirement in REGISTRY.items():
            if not cleaned.get(_requirement_field(kind)):
                continue
            item = {"kind": kind}
            for param in requirement.params:
                value = cleaned.get(_param_field(kind, param.name))
                if value is None and _param_field(kind, param.name) not in self.errors:
                    self.add_error(_param_field(kind, param.name), f"Give {param.label[:1].lower()}{param.label[1:]}.")
                item[param.name] = value
            chosen.append(item)
        cleaned["requirements"] = chosen
        return cleaned

    def service_fields(self) -> tuple[dict, list | None]:
        """(fields, prerequisites) for ``module_save``."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields["requirements"] = data["requirements"]
        prerequisites = list(data["prerequisites"]) if "prerequisites" in self.fields else []
        return fields, prerequisites


class LengthField(forms.CharField):
    """A lecture's length as 12:30, 1:02:30 or plain seconds; cleaned to whole seconds."""

    PATTERN = re.compile(r"^(?:(\d+):)?(?:(\d+):)?(\d+)$")

    def prepare_value(self, value):
        if isinstance(value, int):
            hours, rest = divmod(value, 3600)
            minutes, seconds = divmod(rest, 60)
            return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return value

    def to_python(self, value):
        text = (super().to_python(value) or "").strip()
        if not text:
            return None
        match = self.PATTERN.match(text)
        if not match:
            raise forms.ValidationError("Write the length as minutes:seconds (12:30) or hours:minutes:seconds (1:02:30).")
        parts = [int(part) for part in match.groups() if part is not None]
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + part
        if seconds < 1:
            raise forms.ValidationError("A lecture is at least one second long.")
        return seconds


class LessonForm(ServiceModelForm):
    """What every lesson has; each kind's form adds its own fields."""

    kind = ""
    file_fields: tuple[str, ...] = ()

    class Meta:
        model = Lesson
        fields = ["title", "summary"]
        widgets = {"summary": forms.TextInput()}

    def __init__(self, *args, tenant: Tenant, **kwargs):
        self.tenant = tenant
        super().__init__(*args, **kwargs)

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name not in self.file_fields}


class VideoLessonForm(LessonForm):
    kind = Lesson.Kind.VIDEO
    file_fields = ("video", "captions")

    video = forms.FileField(
        label="Video file", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm"}),
        help_text="MP4 (H.264) or WebM. A new file replaces the one uploaded before.",
    )
    video_url = forms.URLField(
        label="Or the video's URL", required=False, max_length=500, assume_scheme="https",
        help_text="Instead of a file: an https:// address of the video. Giving one replaces an uploaded video.",
    )
    duration_seconds = LengthField(label="Length", help_text="Minutes and seconds, for example 12:30.")
    captions = forms.FileField(
        label="Captions (WebVTT)", required=False, widget=forms.ClearableFileInput(attrs={"accept": ".vtt,text/vtt"}),
        help_text="A .vtt file; it replaces the captions uploaded before.",
    )

    class Meta(LessonForm.Meta):
        fields = ["title", "summary", "video_url", "duration_seconds", "transcript"]
        help_texts = {"transcript": "Left blank, it is taken from the captions."}
        widgets = {**LessonForm.Meta.widgets, "transcript": forms.Textarea(attrs={"rows": 6})}

    field_order = ["title", "summary", "video", "video_url", "duration_seconds", "captions", "transcript"]


class ReadingLessonForm(LessonForm):
    kind = Lesson.Kind.READING

    class Meta(LessonForm.Meta):
        fields = ["title", "summary", "body", "textbook_title", "textbook_chapter", "textbook_pages"]
        labels = {"body": "Reading (Markdown)"}
        help_texts = {
            "body": "Markdown: ## headings, **bold**, lists, tables, [links](https://…). Show an uploaded image "
            "with ![what it shows](image:NAME).",
            "textbook_title": "Optional: the book students read alongside, for example “Step-by-Step Medical Coding”.",
        }
        widgets = {**LessonForm.Meta.widgets, "body": forms.Textarea(attrs={"rows": 18, "class": "markdown-input"})}


class ExerciseLessonForm(LessonForm):
    kind = Lesson.Kind.EXERCISE

    icd10cm_release = forms.ModelChoiceField(
        label="ICD-10-CM release", queryset=Release.objects.none(), required=False, empty_label="The current release",
        help_text="The code set the answer key was written against.",
    )
    hcpcs_release = forms.ModelChoiceField(
        label="HCPCS Level II release", queryset=Release.objects.none(), required=False,
        empty_label="The current release",
    )

    class Meta(LessonForm.Meta):
        fields = [
            "title", "summary", "instructions", "record_kind", "patient_name", "patient_sex", "patient_birth_date",
            "record_number", "service_date", "provider", "facility", "record_text", "order_scored",
            "icd10cm_release", "hcpcs_release",
        ]
        labels = {"record_kind": "Kind of record", "patient_name": "Patient (fictional)", "patient_sex": "Sex"}
        help_texts = {
            "instructions": "For example: Assign the ICD-10-CM codes for this encounter.",
            "record_text": "The note as the physician wrote it. Use a fictional patient; never real health information.",
        }
        widgets = {
            **LessonForm.Meta.widgets,
            "record_text": forms.Textarea(attrs={"rows": 14}),
            "patient_birth_date": forms.DateInput(attrs={"type": "date"}),
            "service_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, system in (("icd10cm_release", System.ICD10CM), ("hcpcs_release", System.HCPCS)):
            self.fields[name].queryset = Release.objects.filter(
                system=system, status=Release.Status.READY, tenant__isnull=True
            ).order_by("-effective_from", "-id")
        self.fields["record_kind"].required = True
        self.fields["record_text"].required = True


LESSON_FORMS: dict[str, type[LessonForm]] = {
    form.kind: form for form in (VideoLessonForm, ReadingLessonForm, ExerciseLessonForm)
}


class KeyLineForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=KeyRole.choices)
    code = forms.CharField(label="Code", max_length=12, widget=forms.TextInput(attrs={"size": 9, "autocomplete": "off"}))
    requirement = forms.ChoiceField(label="Counts as", choices=KeyLine.Requirement.choices)
    group = forms.CharField(label="Group", max_length=10, required=False, widget=forms.TextInput(attrs={"size": 3}))
    modifiers = forms.CharField(label="Modifiers", max_length=40, required=False, widget=forms.TextInput(attrs={"size": 8}))
    units = forms.IntegerField(label="Units", min_value=1, max_value=999, initial=1, widget=forms.NumberInput(attrs={"size": 4}))
    rationale = forms.CharField(label="Rationale", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, default_role: str = KeyRole.PRINCIPAL, **kwargs):
        super().__init__(*args, **kwargs)
        # A blank row left as it was shown is "unchanged", so the formset skips it.
        self.fields["role"].initial = default_role
        self.fields["requirement"].initial = KeyLine.Requirement.REQUIRED


class BaseKeyLineFormSet(forms.BaseFormSet):
    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this line"
            form.fields["DELETE"].label_suffix = ""

    def lines(self) -> list[dict]:
        """The lines to save, in the order given: blank and deleted rows left out."""
        kept = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not (data.get("code") or "").strip():
                continue
            kept.append({name: data.get(name) for name in KeyLineForm.base_fields})
        return kept


KeyLineFormSet = forms.formset_factory(
    KeyLineForm, formset=BaseKeyLineFormSet, extra=1, can_delete=True, max_num=25, validate_max=True
)


def key_line_formset(data=None, *, lesson: Lesson | None, add_line: bool = False) -> BaseKeyLineFormSet:
    """The key's lines (a blank one to fill in); ``add_line`` gives one more blank row, keeping what was typed."""
    initial = [
        {"role": line.role, "code": line.code, "requirement": line.requirement, "group": line.group,
         "modifiers": line.modifiers, "units": line.units, "rationale": line.rationale}
        for line in (lesson.key_lines.order_by("position", "id") if lesson is not None and lesson.pk else [])
    ]
    has_principal = any(line["role"] == KeyRole.PRINCIPAL for line in initial)
    default_role = KeyRole.SECONDARY if has_principal else KeyRole.PRINCIPAL
    if data is not None and add_line:
        data = data.copy()
        total = f"key-{forms.formsets.TOTAL_FORM_COUNT}"
        try:
            index = min(int(data.get(total) or 0), KeyLineFormSet.max_num - 1)
        except ValueError:
            index = 0
        data[total] = str(index + 1)
        # The new row carries the values a blank row is shown with, so sent back untouched it stays "unchanged".
        for name, value in (("role", default_role), ("requirement", KeyLine.Requirement.REQUIRED), ("units", "1")):
            data.setdefault(f"key-{index}-{name}", value)
    return KeyLineFormSet(data, initial=initial, prefix="key", form_kwargs={"default_role": default_role})


class LessonFileForm(forms.Form):
    role = forms.ChoiceField(
        label="What it is",
        choices=[(LessonFile.Role.IMAGE, "An image shown in the reading"), (LessonFile.Role.ATTACHMENT, "An attachment to download")],
        initial=LessonFile.Role.IMAGE, widget=forms.RadioSelect,
    )
    upload = forms.FileField(label="File", help_text="Images: PNG, JPEG, GIF or WebP (no SVG). Attachments: PDF, Office, text.")
    name = forms.CharField(
        label="Name", max_length=100, required=False,
        help_text="The name the reading uses: image:NAME. Left blank, the file's own name.",
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "file_%s")  # the lesson page holds the lesson form too
        super().__init__(*args, **kwargs)


class DuplicateCourseForm(forms.Form):
    confirm = forms.BooleanField(
        label="Copy this course as a new version", label_suffix="",
        error_messages={"required": "Tick the box to confirm the copy."},
        help_text="Cohorts that run this version keep it; new cohorts can be given the new one.",
    )
