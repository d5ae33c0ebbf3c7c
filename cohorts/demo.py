"""Demo programs, terms, cohorts and enrollment for ``manage.py seed_demo``.

The catalogue is looked up by its natural keys (program slug, course code) and
only what is missing is created. The school year is dated relative to the day
the command runs, so it cannot be keyed by date: a school's year is seeded only
while the school has no terms at all, and left as is afterwards (a re-run,
even months later, adds nothing and changes nothing a registrar has edited).

Enrollment states go through the services, which check seats and
prerequisites; that is why the past term's completions are recorded before
anyone is placed in a course that requires them.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from cohorts.models import Cohort, Enrollment, Term
from cohorts.services import cohort_save, enrollment_admit, enrollment_apply, term_save
from courses.models import CostItem, Course, Credential, PaymentPlan, Prerequisite, Program, ProgramCourse
from lms.models import Membership, Role, Tenant, User

#: Makes (or finds) a demo login: email, full name, credentials. seed_demo passes its own.
PersonMaker = Callable[[str, str, str], User]

TERM_WEEKS = 12  # four quarter terms make the 12-month certificate
BREAK_BEFORE_CURRENT_WEEKS = 3
BREAK_AFTER_CURRENT_WEEKS = 2
CURRENT_STARTED_WEEKS_AGO = 5


# --- what the demo holds -------------------------------------------------------


@dataclass(frozen=True)
class CourseSpec:
    code: str
    title: str
    summary: str
    credit_hours: str
    requires: tuple[str, ...] = ()
    credential: str = Credential.NONE


@dataclass(frozen=True)
class ProgramSpec:
    slug: str
    name: str
    description: str
    length_months: int
    practicum_hours: int
    courses: tuple[CourseSpec, ...]
    costs: tuple[tuple[str, str, str], ...]  # kind, label, amount
    plans: tuple[tuple[str, str, int, str], ...]  # name, down payment, instalments, note


@dataclass(frozen=True)
class Section:
    term: str  # "past", "current" or "next"
    course: str
    number: int
    capacity: int
    meeting_pattern: str
    with_ta: bool = False

    def key(self) -> tuple[str, str, int]:
        return (self.term, self.course, self.number)


@dataclass(frozen=True)
class Place:
    """One student's enrollment, in the order it is made."""

    email: str
    section: tuple[str, str, int]
    state: str
    grade: str = ""


@dataclass(frozen=True)
class SchoolDemo:
    program: ProgramSpec
    registrar: str
    instructor: str
    sections: tuple[Section, ...]
    places: tuple[Place, ...]
    new_students: tuple[tuple[str, str], ...] = field(default=())  # email, full name


MEDICAL_CODING = ProgramSpec(
    slug="medical-coding-certificate",
    name="Medical Coding Certificate",
    description=(
        "A 12-month online certificate that takes you from medical terminology to the CPC exam: six courses "
        "over four terms, 80 hours of supervised practicum coding real (de-identified) records, and a capstone "
        "review for AAPC's Certified Professional Coder credential."
    ),
    length_months=12,
    practicum_hours=80,
    courses=(
        CourseSpec(
            "MCC-101", "Medical Terminology and Anatomy",
            "Word roots, prefixes and suffixes, and the body systems they describe, from the skin to the nervous "
            "system. You will read physician notes and operative reports the way a coder must: term by term.",
            "4.0",
        ),
        CourseSpec(
            "MCC-102", "Pathophysiology for Coders",
            "How common diseases develop, present and are treated, system by system, with the tests and findings "
            "you will meet in the record. Taken alongside MCC-101; it is what lets you code a diagnosis to the "
            "specificity the documentation supports.",
            "3.0",
        ),
        CourseSpec(
            "MCC-103", "ICD-10-CM Diagnosis Coding",
            "The conventions of ICD-10-CM and the Official Guidelines for Coding and Reporting: the Alphabetic "
            "Index, the Tabular List, Excludes1 and Excludes2 notes, placeholder X and seventh characters. You "
            "code the diagnoses of outpatient and inpatient records, chapter by chapter.",
            "4.0", requires=("MCC-101", "MCC-102"),
        ),
        CourseSpec(
            "MCC-104", "CPT and HCPCS Level II Procedure Coding",
            "CPT for procedures and services, from evaluation and management through surgery, radiology, pathology "
            "and medicine, with modifiers and NCCI edits. HCPCS Level II for the supplies, drugs, ambulance "
            "services and durable medical equipment that CPT does not cover.",
            "4.0", requires=("MCC-101",),
        ),
        CourseSpec(
            "MCC-105", "Specialty Coding, Revenue Cycle and Compliance",
            "Full encounters in cardiology, orthopedics, obstetrics and E/M across settings, coded with diagnoses "
            "and procedures together. Follows the claim from charge capture to payment, denial and appeal, and "
            "covers HIPAA, the False Claims Act and a coder's duty to query.",
            "3.0", requires=("MCC-103", "MCC-104"),
        ),
        CourseSpec(
            "MCC-106", "CPC Exam Review (Capstone)",
            "Review for AAPC's Certified Professional Coder exam: 100 multiple-choice questions in 4 hours, with "
            "your code books open. Timed practice exams with feedback by exam domain, test strategy, and the last "
            "of your practicum hours.",
            "2.0", requires=("MCC-101", "MCC-102", "MCC-103", "MCC-104", "MCC-105"), credential=Credential.CPC,
        ),
    ),
    costs=(
        (CostItem.Kind.TUITION, "Tuition, all six courses", "3900.00"),
        (CostItem.Kind.FEE, "Registration fee (non-refundable)", "150.00"),
        (CostItem.Kind.BOOKS, "Code books for the current year: ICD-10-CM, CPT Professional, HCPCS Level II", "349.00"),
        (CostItem.Kind.SOFTWARE, "Encoder and coding software subscription, 12 months", "240.00"),
        (CostItem.Kind.EXAM, "CPC exam voucher (AAPC, one attempt)", "499.00"),
    ),
    plans=(
        ("Pay in full", "0.00", 1, "Due by the first day of your first term."),
        ("Six monthly instalments", "638.00", 6, "The down payment is due at registration; instalments on the 1st."),
    ),
)

OUTPATIENT_CODING = ProgramSpec(
    slug="outpatient-coding-essentials",
    name="Outpatient Coding Essentials",
    description=(
        "A part-time evening certificate for physician-office and outpatient coding: three courses, 40 hours of "
        "practicum, and preparation for AHIMA's Certified Coding Associate (CCA) exam."
    ),
    length_months=12,
    practicum_hours=40,
    courses=(
        CourseSpec(
            "OCE-101", "Terminology, Anatomy and Disease",
            "The language of medicine and the body systems, with the common conditions seen in outpatient care. "
            "Everything later in the program is read through it.",
            "4.0",
        ),
        CourseSpec(
            "OCE-102", "Outpatient Diagnosis and Procedure Coding",
            "ICD-10-CM for the reasons for the visit; CPT and HCPCS Level II for the services, supplies and drugs "
            "given. You code physician-office, clinic and outpatient-surgery records with their modifiers.",
            "4.0", requires=("OCE-101",),
        ),
        CourseSpec(
            "OCE-103", "Coding Practice and CCA Exam Review",
            "Timed coding of mixed outpatient records, reimbursement basics and compliance, and practice exams "
            "for AHIMA's Certified Coding Associate credential.",
            "3.0", requires=("OCE-101", "OCE-102"), credential=Credential.CCA,
        ),
    ),
    costs=(
        (CostItem.Kind.TUITION, "Tuition, all three courses", "2400.00"),
        (CostItem.Kind.FEE, "Registration fee (non-refundable)", "100.00"),
        (CostItem.Kind.BOOKS, "Code books for the current year: ICD-10-CM, CPT Professional, HCPCS Level II", "349.00"),
        (CostItem.Kind.EXAM, "CCA exam voucher (AHIMA, one attempt)", "299.00"),
    ),
    plans=(
        ("Pay in full", "0.00", 1, "Due by the first day of your first term."),
        ("Four monthly instalments", "248.00", 4, "The down payment is due at registration."),
    ),
)

NW = "northwind.test"
DEMOS: dict[str, SchoolDemo] = {
    "northwind": SchoolDemo(
        program=MEDICAL_CODING,
        registrar=f"registrar@{NW}",
        instructor=f"instructor@{NW}",
        sections=(
            Section("past", "MCC-101", 1, 25, "Live office hours Tuesdays 7 pm Central"),
            Section("past", "MCC-102", 1, 25, "Live case review Thursdays 7 pm Central"),
            Section("current", "MCC-103", 1, 25, "Live office hours Tuesdays 7 pm Central"),
            Section("current", "MCC-104", 1, 25, "Live coding lab Thursdays 7 pm Central", with_ta=True),
            Section("next", "MCC-101", 1, 24, "Live office hours Tuesdays 7 pm Central"),
            Section("next", "MCC-101", 2, 2, "Small-group live lab Saturdays 10 am Central (2 seats)"),
            Section("next", "MCC-102", 1, 24, "Live case review Thursdays 7 pm Central"),
            Section("next", "MCC-105", 1, 25, "Live chart review Wednesdays 7 pm Central"),
        ),
        new_students=(
            (f"admitted@{NW}", "Jordan Reyes"),
            (f"admitted2@{NW}", "Maya Thompson"),
            (f"applicant@{NW}", "Alex Moreno"),
            (f"waitlisted@{NW}", "Chris Lindqvist"),
            (f"student3@{NW}", "Priya Shah"),
        ),
        places=(
            Place(f"student@{NW}", ("past", "MCC-101", 1), Enrollment.State.COMPLETED, "A"),
            Place(f"student@{NW}", ("past", "MCC-102", 1), Enrollment.State.COMPLETED, "A-"),
            Place(f"student2@{NW}", ("past", "MCC-101", 1), Enrollment.State.COMPLETED, "B+"),
            Place(f"student2@{NW}", ("past", "MCC-102", 1), Enrollment.State.COMPLETED, "B"),
            Place(f"student@{NW}", ("current", "MCC-103", 1), Enrollment.State.ACTIVE),
            Place(f"student@{NW}", ("current", "MCC-104", 1), Enrollment.State.ACTIVE),
            Place(f"student2@{NW}", ("current", "MCC-103", 1), Enrollment.State.ACTIVE),
            Place(f"student2@{NW}", ("current", "MCC-104", 1), Enrollment.State.ACTIVE),
            Place(f"student3@{NW}", ("past", "MCC-101", 1), Enrollment.State.COMPLETED, "A-"),
            Place(f"student3@{NW}", ("past", "MCC-102", 1), Enrollment.State.COMPLETED, "B+"),
            Place(f"student3@{NW}", ("current", "MCC-103", 1), Enrollment.State.ACTIVE),
            Place(f"student3@{NW}", ("current", "MCC-104", 1), Enrollment.State.ACTIVE),
            Place(f"admitted@{NW}", ("next", "MCC-101", 2), Enrollment.State.ACTIVE),
            Place(f"admitted2@{NW}", ("next", "MCC-101", 2), Enrollment.State.ACTIVE),
            Place(f"waitlisted@{NW}", ("next", "MCC-101", 2), Enrollment.State.WAITLISTED),
            Place(f"applicant@{NW}", ("next", "MCC-101", 1), Enrollment.State.APPLIED),
        ),
    ),
    "riverside": SchoolDemo(
        program=OUTPATIENT_CODING,
        registrar="registrar@riverside.test",
        instructor="instructor@riverside.test",
        sections=(Section("current", "OCE-101", 1, 20, "Live office hours Wednesdays 6 pm Pacific"),),
        new_students=(("student3@riverside.test", "Daniel Okafor"),),
        places=(
            Place("student@riverside.test", ("current", "OCE-101", 1), Enrollment.State.ACTIVE),
            Place("student2@riverside.test", ("current", "OCE-101", 1), Enrollment.State.ACTIVE),
            Place("student3@riverside.test", ("current", "OCE-101", 1), Enrollment.State.ACTIVE),
        ),
    ),
}


# --- the calendar ----------------------------------------------------------------


def term_season(starts_on: datetime.date) -> tuple[str, int]:
    """The season and academic year a term is named for, by its first day (December starts next year's winter)."""
    month = starts_on.month
    if month == 12:
        return "Winter", starts_on.year + 1
    if month <= 2:
        return "Winter", starts_on.year
    return ("Spring" if month <= 5 else "Summer" if month <= 8 else "Fall"), starts_on.year


def term_name(starts_on: datetime.date) -> str:
    season, year = term_season(starts_on)
    return f"{season} {year}"


def term_code(starts_on: datetime.date) -> str:
    """The part of a section code that names the term: FA26 for Fall 2026."""
    season, year = term_season(starts_on)
    return f"{season[:2].upper()}{year % 100:02d}"


def school_calendar(today: datetime.date) -> dict[str, dict[str, object]]:
    """A past, a current and a next quarter term around ``today``, Monday to Sunday.

    Terms start at least 14 weeks apart, more than a season is long, so their names never repeat.
    """
    week = datetime.timedelta(weeks=1)
    monday = today - datetime.timedelta(weeks=CURRENT_STARTED_WEEKS_AGO)
    current = monday - datetime.timedelta(days=monday.weekday())
    starts = {
        "past": current - (TERM_WEEKS + BREAK_BEFORE_CURRENT_WEEKS) * week,
        "current": current,
        "next": current + (TERM_WEEKS + BREAK_AFTER_CURRENT_WEEKS) * week,
    }
    return {key: _term_fields(start) for key, start in starts.items()}


def _term_fields(starts_on: datetime.date) -> dict[str, object]:
    week = datetime.timedelta(weeks=1)
    return {
        "name": term_name(starts_on),
        "starts_on": starts_on,
        "ends_on": starts_on + TERM_WEEKS * week - datetime.timedelta(days=1),
        # Applications open ten weeks ahead and close at the end of the first week.
        "enrollment_opens_on": starts_on - 10 * week,
        "enrollment_closes_on": starts_on + datetime.timedelta(days=6),
        "drop_deadline": starts_on + datetime.timedelta(days=13),
    }


# --- seeding -------------------------------------------------------------------------


@transaction.atomic
def seed_school_demo(*, tenant: Tenant, person: PersonMaker) -> str:
    """Give a demo school its program and, if it has no terms yet, its school year. Returns one summary line."""
    demo = DEMOS.get(tenant.slug)
    if demo is None:
        return f"{tenant.name}: no demo program for this school."
    program = _catalogue(tenant, demo.program)
    note = ""
    if Term.objects.filter(tenant=tenant).exists():
        note = " Already has its school year; left as is."
    else:
        _school_year(tenant, demo, person)
    _announcements(tenant)
    _live_sessions(tenant)
    _forums(tenant)
    return summarise(tenant, program) + note


def _announcements(tenant: Tenant) -> None:
    """A registrar's word to the school and an instructor's to a cohort in progress, once."""
    from cohorts.announcements import announcement_post
    from cohorts.models import Announcement, CohortStaff

    if Announcement.objects.filter(tenant=tenant).exists():
        return
    registrar = Membership.objects.filter(tenant=tenant, role=Role.REGISTRAR, is_active=True).select_related("user", "tenant").first()
    if registrar is not None:
        announcement_post(
            membership=registrar, audience="school", title="Practice exams open in week 10",
            body="Timed CPC practice exams open to every student in week 10: 100 questions in 4 hours, "
                 "open code book, as on the real exam. Bring the current year's ICD-10-CM, CPT and HCPCS books.",
        )
    today = timezone.localdate()
    staffed = (
        CohortStaff.objects.filter(tenant=tenant, cohort__term__starts_on__lte=today, cohort__term__ends_on__gte=today)
        .select_related("cohort", "membership__user", "membership__tenant").first()
    )
    if staffed is not None:
        announcement_post(
            membership=staffed.membership, audience="cohort", cohort=staffed.cohort, title="Office hours: sequencing diabetes codes",
            body="This week's office hours cover sequencing. Bring your questions on a patient with type 2 diabetes "
                 "and hyperglycemia who uses insulin every day: **E11.65** first, then **Z79.4** for the long-term insulin use.",
        )


DEMO_SESSIONS = (
    # (days from today, local hour, kind, title, description)
    (-14, 19, "office_hours", "Office hours: ICD-10-CM conventions",
     "Bring questions on NEC and NOS, the Excludes1 and Excludes2 notes, and \"code first\" instructions."),
    (-7, 19, "review", "Live review: the structure of an ICD-10-CM code",
     "We read the recorded lecture's examples together: category, etiology, site, severity and the 7th character."),
    (2, 19, "workshop", "Coding workshop: office visit levels 99202-99215",
     "We code five office-visit notes by medical decision making. Have the 2021 E/M guidelines open."),
    (5, 12, "office_hours", "Office hours: 7th characters for injuries",
     "Initial (A), subsequent (D) and sequela (S) encounters, with the placeholder X where a code is short."),
)
RECORDING = ("live/demo/icd10cm-code-structure.mp4", "live/demo/icd10cm-code-structure.vtt")


def _live_sessions(tenant: Tenant) -> None:
    """Each running cohort: two past sessions (recorded, attendance taken) and two coming this week, once."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    from cohorts.live_sessions import SessionFields, attendance_mark, session_schedule
    from cohorts.models import CohortStaff, LiveSession
    from courses.content_files import parse_webvtt, transcript_from_cues
    from courses.demo import MEDIA_DIR

    if LiveSession.objects.filter(tenant=tenant).exists():
        return
    now = timezone.now()
    stored = []
    for name in RECORDING:
        if not default_storage.exists(name):
            with (MEDIA_DIR / name.rsplit("/", 1)[-1]).open("rb") as handle:
                name = default_storage.save(name, File(handle))
        stored.append(name)
    transcript = transcript_from_cues(parse_webvtt((MEDIA_DIR / RECORDING[1].rsplit("/", 1)[-1]).read_bytes()))
    today = timezone.localdate()
    running = (
        CohortStaff.objects.filter(tenant=tenant, cohort__term__starts_on__lte=today, cohort__term__ends_on__gte=today)
        .select_related("cohort__term", "membership__user", "membership__tenant").order_by("cohort__section_code")
    )
    seen = set()
    for staffed in running:
        cohort, host = staffed.cohort, staffed.membership
        if cohort.pk in seen:
            continue
        seen.add(cohort.pk)
        zone = zoneinfo.ZoneInfo(cohort.time_zone)
        students = list(cohort.enrollments.filter(state=Enrollment.State.ACTIVE).order_by("pk").values_list("membership_id", flat=True))
        for days, hour, kind, title, description in DEMO_SESSIONS:
            day = cohort.local_today(now) + datetime.timedelta(days=days)
            starts_at = datetime.datetime.combine(day, datetime.time(hour), tzinfo=zone)
            if days > 0:
                session_schedule(membership=host, cohort=cohort, now=now, fields=SessionFields(
                    title=title, kind=kind, starts_at=starts_at, duration_minutes=60, host=host,
                    join_url=f"https://meet.example.edu/{cohort.section_code.lower()}", description=description,
                ))
                continue
            session = LiveSession.objects.create(
                tenant=tenant, cohort=cohort, title=title, kind=kind, description=description, starts_at=starts_at,
                duration_minutes=60, host=host, join_url=f"https://meet.example.edu/{cohort.section_code.lower()}",
                recording_file=stored[0], recording_type="video/mp4", captions_file=stored[1], transcript=transcript,
                recording_posted_at=starts_at + datetime.timedelta(hours=2), created_by=host.user,
            )
            marks = ("present", "present", "late", "absent", "excused")
            attendance_mark(membership=host, session=session, now=now,
                            marks={pk: marks[(i + days) % len(marks)] for i, pk in enumerate(students)})


@dataclass(frozen=True)
class ForumCase:
    """A coding case discussed in a cohort's general topic: a student asks, a classmate answers
    (partly wrong), the first student follows up under that answer, the instructor settles it."""

    title: str
    question: str
    classmate: str
    follow_up: str
    answer: str
    another: str  # a third student's reply, which the instructor's answer settles too
    help_subject: str  # the support request a student opens afterwards
    help_body: str


DIAGNOSIS_CASE = ForumCase(
    title="Type 2 diabetes, hypertension and CKD 3a: which codes, in what order?",
    question=(
        "From this week's practice set: a 68-year-old established patient comes in for her diabetes follow-up. "
        "The assessment reads *type 2 diabetes mellitus, chronic kidney disease stage 3a (eGFR 52), hypertension "
        "controlled on lisinopril, basal insulin nightly*.\n\nThe provider never writes that the kidney disease "
        "is caused by the diabetes. Can I still use E11.22, or do I code E11.9 and N18.31 separately?"
    ),
    classmate=(
        "I would use E11.22. In the Alphabetic Index, chronic kidney disease is listed under Diabetes, *with*, "
        "and \"with\" links the two conditions unless the provider says they are unrelated. Then N18.31 for "
        "stage 3a.\n\nFor the blood pressure I put I10, since the note says it is controlled."
    ),
    follow_up=(
        "Thanks, that settles the diabetes. But doesn't the same presumed link apply to hypertension and CKD? "
        "That would make it I12.9 rather than I10. And does Z79.4 belong on the claim for a type 2 patient on insulin?"
    ),
    answer=(
        "Good discussion: the diabetes is right, and the follow-up catches the one miss.\n\n"
        "- **E11.22** Type 2 diabetes mellitus with diabetic chronic kidney disease. \"With\" presumes the link "
        "unless the provider documents another cause (guideline I.A.15).\n"
        "- **I12.9**, not I10. ICD-10-CM presumes a cause-and-effect relationship between hypertension and CKD "
        "as well (guideline I.C.9.a.2); \"controlled\" does not change the code.\n"
        "- **N18.31** for stage 3a. E11.22 and I12.9 both ask for an additional code for the stage, and N18 "
        "says to code them first, so it follows them.\n"
        "- **Z79.4** for the daily insulin: E11 asks for it. E10 has no such note, since a type 1 patient "
        "uses insulin by definition.\n\n"
        "For a diabetes follow-up, E11.22 goes first: E11.22, I12.9, N18.31, Z79.4."
    ),
    another=(
        "I had E11.9 and N18.31 at first, because the note never says *diabetic* kidney disease. "
        "Where do the guidelines say that \"with\" links them on its own?"
    ),
    help_subject="Tutoring on code first and use additional code notes",
    help_body=(
        "Could I book a tutoring session this week? I follow the forum answer on E11.22 and I12.9, but I still "
        "mix up which note tells me to code first and which one to add a code. Any evening after 6 pm works for me."
    ),
)

PROCEDURE_CASE = ForumCase(
    title="Depo-Medrol 80 mg: J1040 or J1010, and how many units?",
    question=(
        "Practice note from the coding lab: an established patient with primary osteoarthritis of the right knee "
        "(M17.11) comes in for the steroid injection planned at her last visit. The physician injects the right "
        "knee with 80 mg of methylprednisolone acetate (Depo-Medrol), without ultrasound guidance.\n\n"
        "I have 20610 for the injection. For the drug, my old lab sheet says J1040 with 1 unit, but the encoder "
        "lists J1010 for methylprednisolone acetate. Which is it, and how many units?"
    ),
    classmate=(
        "J1010 × 1: it was one injection, so one unit. I would also bill the visit as 99213 with modifier 25, "
        "since there is always an exam before an injection."
    ),
    follow_up=(
        "Is modifier 25 right here, though? She came in only for the injection that was planned last time. "
        "Is there a separate visit to bill at all?"
    ),
    answer=(
        "The follow-up question has it.\n\n"
        "- **J1010** × 80. Its descriptor is methylprednisolone acetate, 1 mg, so each milligram is one unit: "
        "80 mg is 80 units, and J1010 × 1 would report only 1 mg. J1030 (40 mg) and J1040 (80 mg) were retired "
        "on 2024-03-31 when CMS moved to the 1 mg code, so update that lab sheet.\n"
        "- **20610** for an injection into a major joint without ultrasound guidance, with RT for the right "
        "knee where the payer asks for the side.\n"
        "- **M17.11** Unilateral primary osteoarthritis, right knee, on both lines.\n"
        "- No 99213 and no modifier 25. The visit was planned for the injection; the short exam and the "
        "decision to inject are part of 20610. Modifier 25 is for a significant, separately identifiable E/M "
        "service, such as a new problem worked up the same day."
    ),
    another=(
        "Our lab sheet has RT on the claim as well. Does the side go on 20610 or on the J code?"
    ),
    help_subject="Tutoring on drug units",
    help_body=(
        "Could someone go through HCPCS drug units with me? J1010 × 80 makes sense now, but I get lost when the "
        "code is not per 1 mg, like triamcinolone per 10 mg or ceftriaxone per 250 mg. Weekday evenings work best."
    ),
)

FORUM_CASES = {"MCC-104": PROCEDURE_CASE}  # the procedure-coding course; the others discuss a diagnosis case

QA_TOPIC = ("Case discussion: code this note before you read the others",
            "Post your codes first: the others' answers show once you have posted yours.")
QA_CASE = (
    "Case 1: a fall on an icy sidewalk",
    "Emergency department note, shortened:\n\n"
    "> 54-year-old woman slipped on ice on the sidewalk outside her office this morning and fell onto her "
    "outstretched right hand. X-ray: closed, dorsally angulated fracture of the distal right radius (Colles' "
    "fracture). Closed reduction and a sugar-tong splint; orthopedics follow-up in one week.\n\n"
    "Code the injury and the external causes of this visit, with a line on why for each code.",
    (
        "S52.531A, Colles' fracture of right radius, initial encounter for closed fracture: A because she is "
        "in active treatment. W00.0XXA for the fall on ice, with the placeholder X to reach the 7th character, "
        "and Y92.480 for the sidewalk.",
        "S52.531A, W00.0XXA and Y92.480, plus Y93.01 for walking, since Y93 is meant to go with the place code. "
        "I left out Y99 because the note does not say whether she was at work. Place and activity are reported "
        "at the initial encounter only.",
    ),
)


def _forums(tenant: Tenant) -> None:
    """Each running cohort: a case discussed in its general topic with the instructor's endorsed answer,
    a question-and-answer topic with a case and two answers, and a student's open tutoring request; once."""
    from cohorts.models import CohortStaff, ForumThread
    from lms.notifications.models import Notification

    if ForumThread.objects.filter(tenant=tenant).exists():
        return
    now = timezone.now()
    today = timezone.localdate()
    running = (
        CohortStaff.objects.filter(tenant=tenant, role="instructor", cohort__term__starts_on__lte=today,
                                   cohort__term__ends_on__gte=today)
        .select_related("cohort__term", "cohort__course", "membership__user", "membership__tenant")
        .order_by("cohort__section_code")
    )
    keys: list[str] = []
    seen = set()
    for n, staffed in enumerate(running):
        cohort = staffed.cohort
        if cohort.pk in seen:
            continue
        seen.add(cohort.pk)
        students = [e.membership for e in cohort.enrollments.filter(state=Enrollment.State.ACTIVE)
                    .select_related("membership__user", "membership__tenant").order_by("pk")]
        if len(students) < 2:
            continue
        zone = zoneinfo.ZoneInfo(cohort.time_zone)

        def at(days_ago: int, hour: int, minute: int = 0, cohort=cohort, zone=zone) -> datetime.datetime:
            day = cohort.local_today(now) - datetime.timedelta(days=days_ago)
            return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)

        case = FORUM_CASES.get(cohort.course.code, DIAGNOSIS_CASE)
        keys += _forum_case(cohort, staffed.membership, students, case, at)
        keys += _forum_qa(cohort, staffed.membership, students, at)
        keys += _support_request(cohort, students[(n + 1) % len(students)], case, at(1, 21, 5))
    # The posts are dated days ago; their notices are in the app already and mail nobody.
    Notification.objects.filter(tenant=tenant, key__in=keys, emailed_at__isnull=True).update(email_due_at=None)


def _forum_case(cohort: Cohort, instructor: Membership, students: list[Membership], case: ForumCase, at) -> list[str]:
    from cohorts import forum_moderation, forums
    from cohorts.models import ForumTopic

    forums.topics_ensure(cohort=cohort)
    first_day = datetime.datetime.combine(cohort.term.starts_on, datetime.time(8), tzinfo=zoneinfo.ZoneInfo(cohort.time_zone))
    ForumTopic.objects.filter(cohort=cohort).update(created_at=first_day)  # made with the cohort, as it would be
    general = ForumTopic.objects.get(cohort=cohort, kind=ForumTopic.Kind.GENERAL)
    asker, classmate = students[0], students[1]
    thread = forums.thread_start(membership=asker, topic=general, title=case.title, body=case.question, now=at(4, 19, 40))
    wrong = forums.post_reply(membership=classmate, thread=thread, body=case.classmate, now=at(4, 21, 15))
    another = []
    if len(students) > 2:
        another = [forums.post_reply(membership=students[2], thread=thread, body=case.another, now=at(4, 22, 40))]
    follow_up = forums.post_reply(membership=asker, thread=thread, body=case.follow_up, reply_to=wrong, now=at(3, 7, 50))
    answer = forums.post_reply(membership=instructor, thread=thread, body=case.answer, now=at(3, 12, 20))
    forum_moderation.post_endorse(membership=instructor, post=answer, now=at(3, 12, 25))
    return [f"forum.post:{post.pk}" for post in (wrong, *another, follow_up, answer)]


def _forum_qa(cohort: Cohort, instructor: Membership, students: list[Membership], at) -> list[str]:
    from cohorts import forums
    from cohorts.models import ForumTopic

    title, description = QA_TOPIC
    topic = forums.topic_add(membership=instructor, cohort=cohort, title=title, description=description,
                             answers_first=True)
    ForumTopic.objects.filter(pk=topic.pk).update(created_at=at(2, 8, 50))
    thread_title, opening, answers = QA_CASE
    thread = forums.thread_start(membership=instructor, topic=topic, title=thread_title, body=opening, now=at(2, 9))
    posts = [forums.post_reply(membership=student, thread=thread, body=body, now=at(days, hour))
             for student, body, (days, hour) in zip(students[:2], answers, [(2, 18), (1, 20)])]
    return [f"forum.post:{post.pk}" for post in posts]


def _support_request(cohort: Cohort, student: Membership, case: ForumCase, when: datetime.datetime) -> list[str]:
    from cohorts.support import request_open

    opened = request_open(membership=student, kind="tutoring", cohort=cohort, subject=case.help_subject,
                          body=case.help_body, now=when)
    return [f"support.message:{pk}" for pk in opened.messages.values_list("pk", flat=True)]


def _catalogue(tenant: Tenant, spec: ProgramSpec) -> Program:
    """Courses by code and the program by slug; only what is missing is created, nothing is overwritten."""
    courses: dict[str, Course] = {}
    new_codes: set[str] = set()
    for c in spec.courses:
        course = Course.objects.filter(tenant=tenant, code=c.code).first()
        if course is None:
            course = Course(tenant=tenant, code=c.code, title=c.title, summary=c.summary,
                            credit_hours=Decimal(c.credit_hours), credential=c.credential)
            _save(course)
            new_codes.add(c.code)
        courses[c.code] = course
    for c in spec.courses:
        if c.code in new_codes:
            for code in c.requires:
                _save(Prerequisite(tenant=tenant, course=courses[c.code], required=courses[code]))
    program = Program.objects.filter(tenant=tenant, slug=spec.slug).first()
    if program is None:
        program = _program(tenant, spec, [courses[c.code] for c in spec.courses])
    return program


def _program(tenant: Tenant, spec: ProgramSpec, courses: list[Course]) -> Program:
    program = Program(tenant=tenant, slug=spec.slug, name=spec.name, description=spec.description,
                      kind=Program.Kind.CERTIFICATE, length_months=spec.length_months,
                      practicum_hours=spec.practicum_hours)
    _save(program)
    for position, course in enumerate(courses, start=1):
        _save(ProgramCourse(tenant=tenant, program=program, course=course, position=position))
    for position, (kind, label, amount) in enumerate(spec.costs, start=1):
        _save(CostItem(tenant=tenant, program=program, kind=kind, label=label, amount=Decimal(amount), position=position))
    for name, down, instalments, note in spec.plans:
        _save(PaymentPlan(tenant=tenant, program=program, name=name, down_payment=Decimal(down),
                          instalments=instalments, note=note))
    return program


def _save(obj) -> None:
    obj.full_clean()
    obj.save()


def _school_year(tenant: Tenant, demo: SchoolDemo, person: PersonMaker) -> None:
    registrar = Membership.objects.select_related("user").get(tenant=tenant, user__email=demo.registrar)
    instructor = Membership.objects.get(tenant=tenant, user__email=demo.instructor)
    for email, name in demo.new_students:
        Membership.objects.get_or_create(tenant=tenant, user=person(email, name, ""), defaults={"role": Role.STUDENT})
    today = timezone.now().astimezone(zoneinfo.ZoneInfo(tenant.time_zone)).date()
    calendar = school_calendar(today)
    wanted = {s.term for s in demo.sections}
    terms = {
        key: term_save(tenant=tenant, actor=registrar.user, **calendar[key])
        for key in ("past", "current", "next") if key in wanted
    }
    cohorts = {s.key(): _cohort(tenant, s, terms[s.term], registrar, instructor) for s in demo.sections}
    for place in demo.places:
        _place(tenant, place, cohorts[place.section], registrar)


def _cohort(tenant: Tenant, section: Section, term: Term, registrar: Membership, instructor: Membership) -> Cohort:
    staff = [(instructor, "instructor")] + ([(registrar, "ta")] if section.with_ta else [])
    return cohort_save(
        tenant=tenant, actor=registrar.user, staff=staff,
        course=Course.objects.get(tenant=tenant, code=section.course), term=term,
        section_code=f"{section.course}-{term_code(term.starts_on)}-{section.number:02d}",
        capacity=section.capacity, time_zone=tenant.time_zone, meeting_pattern=section.meeting_pattern,
    )


def _place(tenant: Tenant, place: Place, cohort: Cohort, registrar: Membership) -> Enrollment:
    """Applicants apply themselves (attesting a diploma or GED); the registrar places everyone else."""
    student = Membership.objects.select_related("user").get(tenant=tenant, user__email=place.email)
    State = Enrollment.State
    if place.state in (State.APPLIED, State.WAITLISTED):
        enrollment = enrollment_apply(membership=student, cohort=cohort, attested_admission=True)
    elif place.state == State.COMPLETED:
        # A past term's grades are history: recorded as the gradebook left them, since a
        # concluded cohort takes nobody in through the services.
        enrollment = Enrollment.objects.create(
            cohort=cohort, membership=student, state=State.COMPLETED, attested_admission=True,
            final_grade=place.grade, decided_by=registrar.user,
        )
        _backdate(enrollment, cohort)
    else:
        enrollment = enrollment_admit(actor=registrar, cohort=cohort, membership=student, state=State.ACTIVE)
        _backdate(enrollment, cohort)
    if enrollment.state != place.state:
        raise RuntimeError(f"Demo data is inconsistent: {enrollment} should be {place.state}.")
    return enrollment


def _backdate(enrollment: Enrollment, cohort: Cohort) -> None:
    """Give a placed student the dates a real term would have: admitted before it began, graded after it ended."""
    term = cohort.term
    zone = zoneinfo.ZoneInfo(cohort.time_zone)

    def at(day: datetime.date) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(10), tzinfo=zone)

    now = timezone.now()
    dates = {
        "applied_at": at(term.enrollment_opens_on + datetime.timedelta(days=7)),
        "activated_at": at(term.starts_on - datetime.timedelta(days=14)),
    }
    if enrollment.state == Enrollment.State.COMPLETED:
        dates["ended_at"] = at(term.ends_on + datetime.timedelta(days=3))
    # Never a date in the future: next term's early admits were placed today.
    dates = {name: value for name, value in dates.items() if value < now}
    if dates:
        Enrollment.objects.filter(pk=enrollment.pk).update(**dates)


# --- the summary line ------------------------------------------------------------------


def summarise(tenant: Tenant, program: Program) -> str:
    """What the school has, in one line: the program, its terms, cohorts and enrollment by state."""
    program = Program.objects.annotate(n=Count("program_courses")).get(pk=program.pk)
    total = sum((c.amount for c in program.cost_items.all()), Decimal("0"))
    terms = ", ".join(t.name for t in Term.objects.filter(tenant=tenant).order_by("starts_on"))
    cohorts = Cohort.objects.filter(tenant=tenant).count()
    states = Counter(Enrollment.objects.filter(tenant=tenant).values_list("state", flat=True))
    by_state = ", ".join(
        f"{states[s]} {label.lower()}" for s, label in Enrollment.State.choices if states[s]
    ) or "none"
    return (
        f"{tenant.name}: {program.name} ({program.n} courses, ${total:,.2f}); "
        f"terms {terms or 'none'}; {cohorts} cohort{'' if cohorts == 1 else 's'}; enrollments: {by_state}."
    )
