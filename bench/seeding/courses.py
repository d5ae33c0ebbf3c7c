"""Course content and the students' progress through it.

Each course has 8 modules of 6 lessons (two lectures, two readings, two
coding exercises), released weekly from the cohort's first day. Progress
follows what a month into term looks like: most students finished the first
modules, fewer the later ones, some stopped mid-lecture, and exercises took
one to four tries. Exercise answers are scored once per case by the real
scorer, so stored scores and feedback are what a student would have seen.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo
from collections.abc import Iterator
from decimal import Decimal

from bench.seeding.base import TIME_ZONE, Counts, LessonInfo, Seeding, Variant
from bench.seeding.bulk import Inserter, foreign_keys_checked_after, insert
from bench.seeding.courses_text import CASES, CODE_TABLE, COURSES, READING, TRANSCRIPT, Case
from codesets.models import System
from codesets.search import current_releases
from courses.markdown import render_reading
from courses.models import (
    CostItem, Course, ExerciseAttempt, KeyLine, Lesson, LessonProgress, Module, Program, ProgramCourse,
)
from courses.services.learning import exercise_score

VIDEO, READING_, EXERCISE = Lesson.Kind.VIDEO, Lesson.Kind.READING, Lesson.Kind.EXERCISE
LESSON_KINDS = (VIDEO, READING_, VIDEO, EXERCISE, READING_, EXERCISE)  # the order within every module
WEEK = 7
# Share of students who finished at least 1, 2, 3... of the modules open so far.
FINISHED_AT_LEAST = (0.92, 0.78, 0.58, 0.36, 0.12, 0.05, 0.02, 0.01)
TRIES, TRY_WEIGHTS = (1, 2, 3, 4), (45, 30, 15, 10)
LESSON_GAP = datetime.timedelta(minutes=25)  # a student's pace through one sitting


def seed_catalogue(ctx: Seeding) -> Counts:
    """A certificate program of the size's courses, in order."""
    tenant = ctx.tenant
    program = Program.objects.create(
        tenant=tenant, name="Bench Medical Coding Certificate", slug="bench-certificate", length_months=12,
        description="The program the bench school runs: ICD-10-CM, CPT, HCPCS Level II and specialty coding.",
    )
    specs = COURSES[: ctx.size.courses]
    courses = [Course(tenant=tenant, code=code, title=title, credential=credential,
                      summary=f"{title}: lectures, readings and coding practice on real records.")
               for code, title, credential, _kind, _modules in specs]
    insert(Course, courses)
    ids = dict(Course.objects.filter(tenant=tenant).values_list("code", "id"))
    ctx.course_ids = [ids[spec[0]] for spec in specs]
    links = [ProgramCourse(tenant=tenant, program=program, course_id=course_id, position=n)
             for n, course_id in enumerate(ctx.course_ids, start=1)]
    insert(ProgramCourse, links)
    CostItem.objects.create(tenant=tenant, program=program, label="Tuition", amount=Decimal("3900.00"))
    return {"Program": 1, "Course": len(courses), "ProgramCourse": len(links), "CostItem": 1}


def seed_content(ctx: Seeding) -> Counts:
    """Modules, lessons and answer keys for every course; then each case's answers scored."""
    modules = insert(Module, [module for course in range(ctx.size.courses) for module in _modules(ctx, course)])
    stored = Module.objects.filter(tenant=ctx.tenant).values_list("id", "course_id", "position")
    module_ids = {(course_id, position): module_id for module_id, course_id, position in stored}
    releases = {r.system: r for r in current_releases(tenant=ctx.tenant)}
    lessons, cases = [], {}
    for course_index, course_id in enumerate(ctx.course_ids):
        for position in range(ctx.size.modules):
            for lesson, case in _lessons(ctx, course_index, position, module_ids[course_id, position], releases):
                lessons.append(lesson)
                cases[lesson.module_id, lesson.position] = case
    insert(Lesson, lessons)
    key_lines = _remember_lessons(ctx, cases)
    insert(KeyLine, key_lines)
    _score_variants(ctx)
    return {"Module": modules, "Lesson": len(lessons), "KeyLine": len(key_lines)}


def _modules(ctx: Seeding, course_index: int) -> list[Module]:
    code, _title, _credential, kind, titles = COURSES[course_index]
    return [
        Module(
            tenant=ctx.tenant, course_id=ctx.course_ids[course_index], title=titles[p % len(titles)], kind=kind,
            summary=f"Week {p + 1} of {code}.", position=p, release_offset_days=WEEK * p, is_published=True,
            # Every fourth module also asks for a passing exercise average, so both requirement kinds are timed.
            requirements=[{"kind": "view_all"}, *([{"kind": "exercise_score", "min_score": 70}] if p % 4 == 3 else [])],
        )
        for p in range(ctx.size.modules)
    ]


def _lessons(
    ctx: Seeding, course_index: int, module: int, module_id: int, releases: dict
) -> Iterator[tuple[Lesson, int | None]]:
    topic = COURSES[course_index][4][module % 8]
    for position in range(ctx.size.lessons_per_module):
        kind = LESSON_KINDS[position % len(LESSON_KINDS)]
        number = f"{module + 1}.{position + 1}"
        lesson = Lesson(tenant=ctx.tenant, module_id=module_id, kind=kind, position=position, is_published=True)
        case = None
        if kind == VIDEO:
            _video(lesson, topic, number, course_index, module * 7 + position)
        elif kind == READING_:
            _reading(lesson, topic, number, module)
        else:
            case = (course_index * 3 + module * 2 + position) % len(CASES)
            _exercise(ctx, lesson, CASES[case], number, releases)
        yield lesson, case


def _video(lesson: Lesson, topic: str, number: str, course_index: int, spread: int) -> None:
    lesson.title = f"Lecture {number}: {topic}"
    lesson.summary = f"This week's recorded lecture: {topic}."
    lesson.video_url = f"https://media.bench.test/lectures/{COURSES[course_index][0].lower()}/{number}.mp4"
    lesson.duration_seconds = 360 + 60 * (spread % 15)  # 6 to 20 minutes
    lesson.transcript = "\n\n".join([TRANSCRIPT.format(topic=topic)] * 4)  # about a page, as a real one


def _reading(lesson: Lesson, topic: str, number: str, module: int) -> None:
    rows = [CODE_TABLE[(module + i) % len(CODE_TABLE)] for i in range(4)]
    lesson.title = f"Reading {number}: {topic}"
    lesson.summary = f"Read this before the week's coding exercises: {topic}."
    lesson.body = READING.format(topic=topic, rows="\n".join(f"| {code} | {text} |" for code, text in rows))
    lesson.body_html = _rendered(lesson.body)
    lesson.textbook_title = "Step-by-Step Medical Coding"
    lesson.textbook_chapter, lesson.textbook_pages = f"Chapter {module + 1}", f"{40 + 30 * module}-{62 + 30 * module}"


@functools.lru_cache(maxsize=512)
def _rendered(body: str) -> str:
    """What the authoring service stores on save; both readings of a module share a body, render it once."""
    return render_reading(body, images={})


def _exercise(ctx: Seeding, lesson: Lesson, case: Case, number: str, releases: dict) -> None:
    lesson.title = f"Coding exercise {number}: {case.title}"
    lesson.summary = "Code the encounter; feedback names the reason per line."
    lesson.instructions = "Code the diagnoses for this encounter (ICD-10-CM). List the first-listed diagnosis first."
    lesson.record_kind, lesson.record_text = case.record_kind, case.note
    lesson.patient_name, lesson.patient_sex = f"Patient {number}", ("female", "male")[len(case.title) % 2]
    lesson.patient_birth_date = datetime.date(1960, 1, 1) + datetime.timedelta(days=97 * len(case.title))
    lesson.record_number, lesson.service_date = f"BC-{number.replace('.', '')}00", ctx.now.date()
    lesson.provider, lesson.facility = "Dana Whitlock, MD", "Bench College Teaching Clinic"
    lesson.icd10cm_release = releases.get(System.ICD10CM)
    lesson.hcpcs_release = releases.get(System.HCPCS)


def _remember_lessons(ctx: Seeding, cases: dict[tuple[int, int], int | None]) -> list[KeyLine]:
    """Lesson ids by course for the progress step, and the key lines of every exercise."""
    rows = Lesson.objects.filter(tenant=ctx.tenant).order_by("module__position", "position").values_list(
        "id", "module_id", "module__course_id", "module__position", "position", "kind", "duration_seconds"
    )
    ctx.lessons = {course_id: [] for course_id in ctx.course_ids}
    key_lines = []
    for lesson_id, module_id, course_id, module, position, kind, duration in rows:
        case = cases[module_id, position]
        ctx.lessons[course_id].append(LessonInfo(lesson_id, module, kind, duration, case))
        for n, (role, code, rationale) in enumerate(CASES[case].key if case is not None else ()):
            key_lines.append(KeyLine(tenant=ctx.tenant, lesson_id=lesson_id, position=n, role=role, code=code,
                                     rationale=rationale))
    return key_lines


def _score_variants(ctx: Seeding) -> None:
    """Right, partial (last line missing) and wrong (a near miss first) answers, scored as the page would."""
    first_lesson = {}
    for info in (i for lessons in ctx.lessons.values() for i in lessons if i.case is not None):
        first_lesson.setdefault(info.case, info.id)
    lessons = Lesson.objects.select_related("tenant", "icd10cm_release", "hcpcs_release").in_bulk(
        list(first_lesson.values())
    )
    for case, lesson_id in first_lesson.items():
        codes = [code for _role, code, _ in CASES[case].key]
        answers = (codes, codes[:-1], [CASES[case].wrong, *codes[1:]])
        ctx.variants[case] = [_variant(lessons[lesson_id], answer) for answer in answers]


def _variant(lesson: Lesson, codes: list[str]) -> Variant:
    lines = [{"code": code, "modifiers": [], "units": 1} for code in codes]
    result = exercise_score(lesson=lesson, lines=lines)
    return Variant(answer=lines, score=result.score, feedback=result.as_dict())


def seed_progress(ctx: Seeding) -> Counts:
    """Progress rows (and exercise tries) for every active enrollment, in the lessons of its cohort's course."""
    opened = _opened_modules(ctx)
    by_course = {course_id: [[i for i in lessons if i.module == m] for m in range(opened)]
                 for course_id, lessons in ctx.lessons.items()}
    with (
        foreign_keys_checked_after([LessonProgress, ExerciseAttempt], enabled=ctx.use_copy),
        Inserter(LessonProgress, copy=ctx.use_copy) as progress,
        Inserter(ExerciseAttempt, copy=ctx.use_copy) as tries,
    ):
        out = {LessonProgress: progress, ExerciseAttempt: tries}
        for enrollment_id, cohort_id in ctx.enrollments:
            for model, row in _enrollment_rows(ctx, enrollment_id, by_course[ctx.cohort_course[cohort_id]]):
                out[model].add(row)
    return {"LessonProgress": progress.count, "ExerciseAttempt": tries.count}


def module_opens_at(ctx: Seeding, module: int) -> datetime.datetime:
    """Midnight in the cohort's zone on the release day, as courses.selectors.learning computes it."""
    day = ctx.term_starts_on + datetime.timedelta(days=WEEK * module)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=zoneinfo.ZoneInfo(TIME_ZONE))


def _opened_modules(ctx: Seeding) -> int:
    return sum(1 for m in range(ctx.size.modules) if module_opens_at(ctx, m) <= ctx.now)


# Progress rows are dicts of attnames, not instances: at 600,000 rows (size school) building
# model instances took longer than writing the rows (see bench/seeding/bulk.py).
Rows = Iterator[tuple[type, dict]]


def _enrollment_rows(ctx: Seeding, enrollment_id: int, modules: list[list[LessonInfo]]) -> Rows:
    rng = ctx.rng
    r = rng.random()
    finished = sum(1 for share in FINISHED_AT_LEAST[: len(modules)] if r < share)
    for index, lessons in enumerate(modules[: finished + 1]):
        done = len(lessons) if index < finished else rng.randrange(len(lessons))
        when = _sitting(ctx, index)
        for lesson in lessons[:done]:
            yield from _completed(ctx, enrollment_id, lesson, when)
            when += LESSON_GAP
        if index == finished and lessons[done].kind == VIDEO and rng.random() < 0.5:
            yield LessonProgress, _mid_lecture(ctx, enrollment_id, lessons[done], when)  # resume lands here


def _sitting(ctx: Seeding, module: int) -> datetime.datetime:
    """When the student sat down to the module: some day of its week, never later than a few hours ago."""
    opens = module_opens_at(ctx, module)
    room = min(datetime.timedelta(days=5), ctx.now - opens - datetime.timedelta(hours=4))
    return opens + max(room, datetime.timedelta(0)) * ctx.rng.random()


def _completed(ctx: Seeding, enrollment_id: int, lesson: LessonInfo, when: datetime.datetime) -> Rows:
    row = {"tenant_id": ctx.tenant.pk, "enrollment_id": enrollment_id, "lesson_id": lesson.id,
           "first_viewed_at": when, "reported_at": when, "completed_at": when}
    if lesson.kind == VIDEO:
        seconds = float(lesson.duration)
        row.update(position_seconds=seconds, watched_seconds=seconds, watched_ranges=[[0.0, seconds]],
                   completed_at=when + datetime.timedelta(seconds=0.9 * seconds),
                   reported_at=when + datetime.timedelta(seconds=seconds))
    elif lesson.kind == EXERCISE:
        attempts = _attempts(ctx, enrollment_id, lesson, when)
        yield from ((ExerciseAttempt, a) for a in attempts)
        row.update(tries=len(attempts), best_score=max(a["score"] for a in attempts),
                   completed_at=attempts[0]["created_at"], reported_at=attempts[-1]["created_at"])
    yield LessonProgress, row


def _attempts(ctx: Seeding, enrollment_id: int, lesson: LessonInfo, when: datetime.datetime) -> list[dict]:
    rng = ctx.rng
    right, partial, wrong = ctx.variants[lesson.case]
    count = rng.choices(TRIES, TRY_WEIGHTS)[0]
    picks = [rng.choice((partial, wrong)) for _ in range(count - 1)] + [right if rng.random() < 0.75 else partial]
    return [
        {"tenant_id": ctx.tenant.pk, "enrollment_id": enrollment_id, "lesson_id": lesson.id, "answer": v.answer,
         "score": v.score, "feedback": v.feedback, "created_at": when + datetime.timedelta(minutes=3 * (n + 1))}
        for n, v in enumerate(picks)
    ]


def _mid_lecture(ctx: Seeding, enrollment_id: int, lesson: LessonInfo, when: datetime.datetime) -> dict:
    at = round(lesson.duration * ctx.rng.uniform(0.1, 0.8), 1)
    return {"tenant_id": ctx.tenant.pk, "enrollment_id": enrollment_id, "lesson_id": lesson.id,
            "first_viewed_at": when, "position_seconds": at, "watched_seconds": at, "watched_ranges": [[0.0, at]],
            "reported_at": when + datetime.timedelta(seconds=at)}
