"""The demo course content: every key code checked against the code sets, and the shape the loader expects."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest

from codesets.check import codes_check
from codesets.formats import HCPCS_KEY, MODIFIER_KEY, cpt_category, to_key
from cohorts.demo import DEMOS
from courses.demo_content import COURSES, Exercise, Key, Module, Reading, Video

pytestmark = pytest.mark.django_db

DX_ROLES = {"principal", "secondary"}
ROLES = DX_ROLES | {"procedure", "supply"}
REQUIREMENTS = {"required", "optional", "group"}
MODULE_KINDS = {"foundations", "icd10cm", "cpt", "hcpcs", "specialty", "revenue_cycle", "exam_review"}
RECORD_KINDS = {"office_note", "operative_report", "ed_record", "discharge_summary"}
PATIENT_FIELDS = {"name", "date_of_birth", "sex", "mrn", "date_of_service", "provider", "facility"}
SEQUENCE_RULES = {"excludes1", "code_first", "use_additional"}
# CPT (Level I) modifiers are the AMA's: the HCPCS file carries only Level II ones, so these are checked by
# format and against the short list the demo teaches.
CPT_MODIFIERS_TAUGHT = {"25"}
# The April 2026 ICD-10-CM table applies to dates of service from April 1 to September 30, 2026.
TABLE_IN_FORCE = (datetime.date(2026, 4, 1), datetime.date(2026, 9, 30))
DEMO_MEDIA = Path(__file__).resolve().parents[2] / "courses" / "demo_media"


def _lessons():
    for course, modules in COURSES.items():
        for module in modules:
            for lesson in module.lessons:
                yield course, module, lesson


def _exercises():
    for course, module, lesson in _lessons():
        if isinstance(lesson, Exercise):
            yield course, module, lesson


def _lines():
    for course, _, exercise in _exercises():
        for line in exercise.key:
            yield course, exercise, line


def _system(line: Key) -> str:
    if line.role in DX_ROLES:
        return "icd10cm"
    return "hcpcs" if HCPCS_KEY.match(to_key(line.code)) else "cpt"


def _entered(key: tuple[Key, ...], *, optional: bool = False) -> list[Key]:
    """What a student who gets it right enters: every required line and the first line of each group."""
    groups: set[str] = set()
    lines = []
    for line in key:
        if line.requirement == "group":
            if line.group in groups:
                continue
            groups.add(line.group)
        elif line.requirement == "optional" and not optional:
            continue
        lines.append(line)
    return lines


def _exercise(title: str) -> Exercise:
    return next(e for _, _, e in _exercises() if e.title == title)


# --- the codes ----------------------------------------------------------------------


def test_every_icd10cm_key_code_is_valid_and_billable_in_the_april_2026_table(icd10cm, school_a):
    codes = sorted({line.code for _, _, line in _lines() if _system(line) == "icd10cm"})
    result = codes_check(tenant=school_a.tenant, system="icd10cm", codes=codes)
    assert result.release == icd10cm
    failures = [
        (c.code, c.valid, c.billable, [f.reason for f in c.findings])
        for c in result.codes if not (c.valid and c.billable) or c.findings
    ]
    assert failures == []


def test_every_hcpcs_key_code_is_in_the_shipped_sample(hcpcs, school_a):
    codes = sorted({line.code for _, _, line in _lines() if _system(line) == "hcpcs"})
    result = codes_check(tenant=school_a.tenant, system="hcpcs", codes=codes)
    assert result.release == hcpcs
    assert [(c.code, [f.reason for f in c.findings]) for c in result.codes if not c.valid or c.findings] == []


def test_every_level_ii_modifier_is_in_the_shipped_sample(hcpcs, school_a):
    failures = []
    for course, exercise, line in _lines():
        if not line.modifiers or _system(line) == "icd10cm":
            continue
        result = codes_check(tenant=school_a.tenant, system=_system(line), codes=[line.code],
                             modifiers={line.code: list(line.modifiers)})
        for entry in result.codes[0].modifiers:
            if not entry["modifier"].isdigit() and not entry["valid"]:
                failures.append((course, exercise.title, line.code, entry["modifier"]))
    assert failures == []


def test_cpt_modifiers_are_well_formed_level_i_modifiers_the_demo_teaches():
    cpt_modifiers = {(line.code, m) for _, _, line in _lines() for m in line.modifiers if m.isdigit()}
    assert cpt_modifiers, "the demo must teach modifier 25"
    assert all(MODIFIER_KEY.match(m) and m in CPT_MODIFIERS_TAUGHT for _, m in cpt_modifiers)
    assert all(_system(Key("procedure", code, "")) == "cpt" for code, _ in cpt_modifiers)


def test_every_cpt_key_code_is_written_as_a_category_i_code():
    codes = {line.code for _, _, line in _lines() if _system(line) == "cpt"}
    assert codes
    assert sorted(c for c in codes if cpt_category(to_key(c)) != "Category I") == []


def test_each_key_sequences_its_diagnoses_as_the_tabular_notes_ask(icd10cm, school_a):
    """Required diagnoses (and the optional ones after them) in key order raise no Excludes1 or order finding."""
    failures = []
    for course, _, exercise in _exercises():
        for optional in (False, True):
            codes = [line.code for line in _entered(exercise.key, optional=optional) if line.role in DX_ROLES]
            result = codes_check(tenant=school_a.tenant, system="icd10cm", codes=codes)
            failures += [(course, exercise.title, f.rule, f.reason)
                         for f in result.findings if f.rule in SEQUENCE_RULES]
    assert failures == []


@pytest.mark.parametrize(("title", "wrong", "rule"), [
    ("Cough after a cold, in a former smoker", ["J20.9", "Z87.891", "F17.210"], "excludes1"),
    ("Type 2 diabetes, high sugars on insulin", ["E11.65", "E10.65", "Z79.4"], "excludes1"),
    ("Kidney disease and blood pressure above goal", ["N18.32", "I12.9"], "code_first"),
    ("Discharge: heart failure, hypertension and CKD stage 4", ["I50.33", "I13.0", "N18.4", "D63.1"], "code_first"),
    ("Discharge: heart failure, hypertension and CKD stage 4", ["I13.0", "I50.33", "D63.1", "N18.4"], "code_first"),
])
def test_the_mistake_a_case_teaches_is_caught_by_the_check(icd10cm, school_a, title, wrong, rule):
    exercise = _exercise(title)
    right = [line.code for line in _entered(exercise.key) if line.role in DX_ROLES]
    assert set(right) <= set(wrong) and right != wrong  # the right codes, with the tempting one or out of order
    result = codes_check(tenant=school_a.tenant, system="icd10cm", codes=wrong)
    assert rule in {f.rule for f in result.findings}


# --- what the content must teach -------------------------------------------------------


def _key_has(codes: set[str], **line_fields) -> bool:
    for _, _, exercise in _exercises():
        present = {line.code for line in exercise.key}
        if codes <= present and all(
            any(getattr(line, name) == value for line in exercise.key) for name, value in line_fields.items()
        ):
            return True
    return False


def test_the_cases_the_program_promises_are_there():
    assert _key_has({"E11.65", "Z79.4"})
    assert _key_has({"S72.031A"})
    assert _key_has({"I12.9", "N18.32"})
    assert _key_has({"T36.0X1A"})
    office_visit_with_procedure = [
        e for _, _, e in _exercises()
        if any(line.code in {"99213", "99214"} and "25" in line.modifiers for line in e.key)
        and any(line.role == "procedure" and line.code in {"11102", "17110"} for line in e.key)
    ]
    assert office_visit_with_procedure
    lines = [line for _, _, line in _lines()]
    assert any(line.requirement == "group" for line in lines)
    assert any(line.requirement == "optional" and line.code.startswith("W") for line in lines)
    assert any(line.role == "supply" and _system(line) == "hcpcs" for line in lines)
    assert any(line.units > 1 for line in lines)


def test_every_course_of_both_demo_programs_has_two_to_four_modules_with_every_kind_of_lesson():
    program_courses = {c.code for demo in DEMOS.values() for c in demo.program.courses}
    assert set(COURSES) == program_courses
    for course, modules in COURSES.items():
        assert 2 <= len(modules) <= 4, course
        kinds = {type(lesson) for module in modules for lesson in module.lessons}
        assert kinds == {Video, Reading, Exercise}, course


def test_there_are_enough_exercises_and_most_are_in_the_coding_courses():
    per_course = Counter(course for course, _, _ in _exercises())
    assert sum(per_course.values()) >= 16
    assert per_course["MCC-103"] + per_course["MCC-104"] > sum(per_course.values()) / 2


def test_modules_open_weekly_and_require_only_earlier_modules_of_their_course():
    for course, modules in COURSES.items():
        offsets = [m.release_offset_days for m in modules]
        assert offsets[0] == 0 and offsets == sorted(set(offsets)), course
        assert all(o % 7 == 0 for o in offsets), course
        earlier: set[str] = set()
        for module in modules:
            assert isinstance(module, Module) and module.kind in MODULE_KINDS
            assert set(module.requires) <= earlier, (course, module.title)
            assert bool(module.specialty) == (module.kind == "specialty"), module.title
            earlier.add(module.title)
        assert len(earlier) == len(modules), f"{course}: module titles repeat"


def test_module_requirements_are_registered_kinds_and_some_gate_on_an_exercise_score():
    gated = 0
    for _, modules in COURSES.items():
        for module in modules:
            kinds = [r["kind"] for r in module.requirements]
            assert set(kinds) <= {"view_all", "exercise_score"} and len(kinds) == len(set(kinds))
            for requirement in module.requirements:
                if requirement["kind"] == "exercise_score":
                    assert requirement["min_score"] in (70, 80)
                    assert any(isinstance(lesson, Exercise) for lesson in module.lessons), module.title
                    gated += bool(module.requires)
    assert gated >= 3


def test_every_exercise_is_a_fictional_record_dated_while_the_april_2026_table_is_in_force():
    for course, _, exercise in _exercises():
        assert exercise.record_kind in RECORD_KINDS, exercise.title
        assert set(exercise.patient) == PATIENT_FIELDS, exercise.title
        born = datetime.date.fromisoformat(exercise.patient["date_of_birth"])
        seen = datetime.date.fromisoformat(exercise.patient["date_of_service"])
        assert born < seen and TABLE_IN_FORCE[0] <= seen <= TABLE_IN_FORCE[1], exercise.title
        assert exercise.patient["sex"] in {"female", "male"}
        assert exercise.note.strip() and exercise.instructions.strip()


def test_every_key_line_is_well_formed():
    for course, exercise, line in _lines():
        where = (course, exercise.title, line.code)
        assert line.role in ROLES and line.requirement in REQUIREMENTS, where
        assert bool(line.group) == (line.requirement == "group"), where
        assert line.units >= 1 and line.rationale.strip(), where
        assert all(MODIFIER_KEY.match(m) for m in line.modifiers), where
        if line.role in DX_ROLES:
            assert not line.modifiers and line.units == 1, where
    for course, _, exercise in _exercises():
        dx = [line for line in exercise.key if line.role in DX_ROLES]
        assert dx and dx[0].role == "principal", exercise.title
        assert all(line.role == "secondary" for line in dx if line.requirement != "group"
                   and line is not dx[0]), exercise.title
        groups = Counter(line.group for line in exercise.key if line.group)
        assert all(n >= 2 for n in groups.values()), exercise.title
        assert len({line.code for line in exercise.key}) == len(exercise.key), exercise.title


def test_text_fits_the_lesson_and_key_fields():
    for course, module, lesson in _lessons():
        assert len(module.title) <= 150 and len(lesson.title) <= 150, lesson.title
        assert len(lesson.summary) <= 300, lesson.title
        if isinstance(lesson, Exercise):
            assert len(lesson.instructions) <= 300, lesson.title
            assert all(len(lesson.patient[f]) <= n for f, n in
                       {"name": 120, "mrn": 30, "provider": 120, "facility": 120}.items()), lesson.title
            for line in lesson.key:
                assert len(line.code) <= 10 and len(line.group) <= 10 and len(", ".join(line.modifiers)) <= 40


def test_readings_are_short_markdown_with_a_textbook_reference_on_some():
    readings = [lesson for _, _, lesson in _lessons() if isinstance(lesson, Reading)]
    for reading in readings:
        words = len(re.findall(r"\w+", reading.body))
        assert 150 <= words <= 400, (reading.title, words)
        assert reading.body.lstrip().startswith("## ") and not re.search(r"^# ", reading.body, re.M), reading.title
        assert len(reading.textbook) in (0, 3), reading.title
    assert sum(bool(r.textbook) for r in readings) >= 5


def test_one_video_plays_the_committed_lecture_and_the_rest_are_on_the_media_server():
    videos = [(course, lesson) for course, _, lesson in _lessons() if isinstance(lesson, Video)]
    local = [(course, v) for course, v in videos if v.media]
    assert [(course, v.media) for course, v in local] == [("MCC-103", "icd10cm-code-structure")]
    lecture = local[0][1]
    assert (DEMO_MEDIA / "icd10cm-code-structure.mp4").is_file()
    captions = (DEMO_MEDIA / "icd10cm-code-structure.vtt").read_text()
    h, m, s = re.findall(r"--> (\d\d):(\d\d):(\d\d\.\d+)", captions)[-1]
    assert abs(lecture.duration_seconds - (int(h) * 3600 + int(m) * 60 + float(s))) <= 3
    for phrase in ("E11", "E11.65", "S72.001A", "T36.0X1A", "placeholder X", "Tabular List"):
        assert phrase in lecture.transcript
    for course, video in videos:
        if not video.media:
            assert not video.media and re.fullmatch(r"https://media\.northwind\.example/\S+\.mp4", video.video_url)
        assert video.duration_seconds > 0 and video.transcript.count("\n\n") >= 1, video.title


# --- the keys score as the grader scores them --------------------------------------------


@pytest.mark.parametrize("optional", [False, True], ids=["required lines", "with the optional lines"])
def test_entering_each_key_scores_full_marks(icd10cm, hcpcs, school_a, optional):
    scoring = pytest.importorskip("assessments.scoring")
    failures = []
    for course, _, exercise in _exercises():
        key = [scoring.KeyLine(role=line.role, code=line.code, requirement=line.requirement, group=line.group,
                               modifiers=line.modifiers, units=line.units, rationale=line.rationale)
               for line in exercise.key]
        answer = [scoring.AnswerLine(code=line.code, modifiers=line.modifiers, units=line.units)
                  for line in _entered(exercise.key, optional=optional)]
        result = scoring.score_coding_answer(tenant=school_a.tenant, key=key, answer=answer,
                                             order_scored=exercise.order_scored)
        if result.score != 1.0:
            failures.append((course, exercise.title, result.score,
                             [(line.code, line.status, [r.message for r in line.reasons]) for line in result.lines
                              if line.status != "correct"]))
    assert failures == []
