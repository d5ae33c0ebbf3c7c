"""Question-bank files: export (JSON, CSV), import previewed row by row, applied whole or not at all by a job."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.domains import domain_add
from assessments.models import BankImport, ExamDomain, Question
from assessments.services import bank_io, questions
from cohorts.models import CohortStaff
from lms.models import AuditLogEntry
from tests.assessments.conftest import single
from tests.conftest import text
from tests.factories import CourseFactory, ModuleFactory

Status = BankImport.Status
CSV_HEADER = "kind,domain,module,prompt,choice_a,choice_b,choice_c,choice_d,choice_e,choice_f,correct,points,rationale\n"


def preview(school, bank, body: str | bytes | dict, name: str = "questions.json") -> BankImport:
    if isinstance(body, dict):
        body = json.dumps(body)
    data = body.encode("utf-8") if isinstance(body, str) else body
    return bank_io.bank_import_preview(tenant=school.tenant, actor=school.membership(school.instructor), bank=bank,
                                       file_name=name, data=data)


def apply(school, record: BankImport, capture) -> BankImport:
    """Ask for the import and run what is queued on commit (the eager Celery task)."""
    with capture(execute=True):
        bank_io.bank_import_apply_request(tenant=school.tenant, actor=school.membership(school.instructor),
                                          bank_import=record)
    record.refresh_from_db()
    return record


def bank_file(*rows: dict) -> dict:
    return {"format": "codecohort-question-bank", "version": 1, "bank": {"title": "Review"}, "questions": list(rows)}


def new_bank(school, course=None, title="Imported bank"):
    course = course or CourseFactory(tenant=school.tenant)
    return questions.bank_create(tenant=school.tenant, actor=school.instructor, course=course, title=title)


def prompts(bank) -> list[str]:
    return list(Question.objects.filter(bank=bank).order_by("id").values_list("current__prompt", flat=True))


@pytest.fixture
def full_bank(school_a, exam):
    """The exam's six single-choice questions plus one of each other kind, one in the course's second module,
    and an archived one."""
    course = exam.bank.course
    ModuleFactory(course=course, position=1)
    second = ModuleFactory(course=course, position=2)

    def add(data: dict) -> Question:
        return questions.question_create(tenant=school_a.tenant, actor=school_a.instructor, bank=exam.bank, data=data)

    add({"kind": "multiple", "domain": "cpc:icd10cm", "module": second.pk, "points": "2.50",
         "prompt": "Which codes are in chapter 4 of ICD-10-CM?",
         "choices": [{"text": "E11.9", "correct": True}, {"text": "I10"}, {"text": "E78.5", "correct": True}]})
    add({"kind": "code", "domain": "cpc:icd10cm", "prompt": "Code the diagnosis: type 2 diabetes with hyperglycemia.",
         "items": [{"key": [{"role": "principal", "code": "E11.65"}]}]})
    add({"kind": "written", "domain": "ccs:provider-queries", "prompt": "When do you query the provider?",
         "rubric": "Conflicting or incomplete documentation."})
    archived = add(single("cpc:em", "An archived question", "99213", ["99214"]))
    questions.question_archive(tenant=school_a.tenant, actor=school_a.instructor, question=archived)
    return exam.bank


# --- export --------------------------------------------------------------------------------


def test_json_export_names_domains_by_code_and_modules_by_position(full_bank):
    exported = bank_io.bank_export_json(bank=full_bank)
    assert exported["format"] == "codecohort-question-bank" and exported["version"] == 1
    assert exported["bank"] == {"title": "CPC review bank", "description": "", "course": full_bank.course.code}
    by_prompt = {q["prompt"]: q for q in exported["questions"]}
    assert len(by_prompt) == 9 and "An archived question" not in by_prompt
    multiple = by_prompt["Which codes are in chapter 4 of ICD-10-CM?"]
    assert multiple["domain"] == "cpc:icd10cm" and multiple["module"] == 2 and multiple["points"] == "2.50"
    assert multiple["choices"] == [{"text": "E11.9", "correct": True}, {"text": "I10", "correct": False},
                                   {"text": "E78.5", "correct": True}]
    assert by_prompt["When do you query the provider?"]["domain"] == "ccs:provider-queries"
    assert by_prompt["A new patient office visit with low MDM is"]["module"] is None


def test_csv_export_holds_the_choice_questions_with_their_right_letters(full_bank):
    lines = bank_io.bank_export_csv(bank=full_bank).splitlines()
    assert lines[0] + "\n" == CSV_HEADER
    assert len(lines) == 1 + 7  # six single, one multiple; code, written and archived left out
    assert "multiple,cpc:icd10cm,2,Which codes are in chapter 4 of ICD-10-CM?,E11.9,I10,E78.5,,,,a;c,2.50," in lines
    assert "single,cpc:em,,A new patient office visit with low MDM is,99203,99213,99202,99204,,,a,1.00,99203 is right." in lines


def test_export_page_downloads_a_file_named_after_the_bank(school_a, full_bank):
    client = school_a.client(school_a.instructor)
    response = client.get(f"/authoring/banks/{full_bank.pk}/export/?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    code = full_bank.course.code.lower()
    assert response["Content-Disposition"] == f'attachment; filename="{code}-cpc-review-bank.csv"'
    response = client.get(f"/authoring/banks/{full_bank.pk}/export/")
    assert response["Content-Disposition"] == f'attachment; filename="{code}-cpc-review-bank.json"'
    assert len(json.loads(response.content)["questions"]) == 9


# --- round trip ------------------------------------------------------------------------------


def test_export_then_import_into_another_courses_bank_gives_the_same_questions(
    school_a, full_bank, django_capture_on_commit_callbacks
):
    other_course = CourseFactory(tenant=school_a.tenant)
    ModuleFactory(course=other_course, position=1)
    second = ModuleFactory(course=other_course, position=2)
    target = new_bank(school_a, other_course)
    exported = bank_io.bank_export_json(bank=full_bank)

    record = preview(school_a, target, json.dumps(exported, indent=2))
    assert record.error_count == 0 and record.total == 9
    record = apply(school_a, record, django_capture_on_commit_callbacks)

    assert record.status == Status.DONE and record.message == "Imported 9 questions"
    assert bank_io.bank_export_json(bank=target)["questions"] == exported["questions"]
    assert Question.objects.get(bank=target, kind="multiple").module == second


# --- preview ---------------------------------------------------------------------------------


def test_a_file_with_bad_rows_previews_every_rows_errors_and_creates_nothing(school_a, exam):
    target = new_bank(school_a)
    before = Question.objects.count()
    record = preview(school_a, target, bank_file(
        single("cpc:em", "An established patient visit with moderate MDM is", "99214", ["99213"]),
        {"kind": "single", "domain": "cpc:em", "prompt": "Two right answers",
         "choices": [{"text": "99202", "correct": True}, {"text": "99203", "correct": True}]},
        {"kind": "single", "domain": "cpc:nowhere", "module": 3, "prompt": "", "choices": []},
        "not a question",
    ))
    assert record.status == Status.PREVIEWED and record.total == 4 and record.error_count == 3
    assert [row["errors"] for row in record.rows] == [
        [],
        ["choices: Mark exactly one choice correct."],
        [f"module: {target.course.code} has no modules yet: leave the module empty.",
         "domain: Choose the exam domain this question tests.", "prompt: Write the question.",
         "choices: Give from 2 to 10 choices.", "choices: Mark exactly one choice correct."],
        ["This entry is not a question: each is an object with kind, domain, prompt…"],
    ]
    assert record.rows[0]["summary"] == "An established patient visit with moderate MDM is"
    assert Question.objects.count() == before


def test_a_file_with_errors_cannot_be_applied(school_a, exam, django_capture_on_commit_callbacks):
    target = new_bank(school_a)
    record = preview(school_a, target, bank_file({"kind": "single", "domain": "cpc:em", "prompt": "No choices"}))
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(ValidationError) as refused:
        bank_io.bank_import_apply_request(tenant=school_a.tenant, actor=school_a.membership(school_a.instructor),
                                          bank_import=record)
    assert refused.value.messages == [
        "This file has 1 question with problems, so nothing can be imported. Fix the file and upload it again."]
    assert callbacks == []
    record.refresh_from_db()
    assert record.status == Status.PREVIEWED and prompts(target) == []


def test_summary_is_the_prompts_first_80_characters(school_a, exam):
    long_prompt = "A 45-year-old patient presents with " + "x" * 200
    record = preview(school_a, new_bank(school_a), bank_file(single("cpc:em", long_prompt, "99213", ["99214"])))
    assert record.rows[0]["summary"] == long_prompt[:80]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"%PDF-1.7 binary", "This is not a text file (it looks like a PDF)."),
        (b"PK\x03\x04\x14\x00workbook", "This is not a text file (it looks like an Excel workbook or another zipped file)."),
        ((CSV_HEADER + "single,cpc:em,,Caf\u00e9 visit,99203,99213,,,,,a,,\n").encode("cp1252"),
         "The file is not UTF-8 text: line 2"),
        (b"x" * (2 * 1024 * 1024 + 1), "The file is 2.0 MB; the limit is 2 MB."),
        (b'{"questions": [}', "The file is not valid JSON: line 1, column 16"),
        (b'{"format": "moodle-xml", "questions": []}', 'This JSON is not a CodeCohort question bank'),
        (b"single,cpc:em,,A prompt,99203,99213,,,,,a,,\n", "The header row has no kind, domain, prompt, choice_a, choice_b, correct columns."),
        ((CSV_HEADER + "single,cpc:em,,Visit,99203,99213,,,,,a,,\n" * 2001).encode(), "The file has 2,001 questions; the limit is 2,000."),
    ],
    ids=["pdf", "xlsx", "cp1252", "size", "json-syntax", "json-format", "csv-header", "rows"],
)
def test_a_file_that_cannot_be_read_is_refused_with_why(school_a, exam, body, message):
    with pytest.raises(ValidationError) as refused:
        preview(school_a, exam.bank, body, name="questions.csv")
    assert refused.value.message_dict["file"][0].startswith(message)
    assert not BankImport.objects.exists()


def test_a_utf8_byte_order_mark_is_fine(school_a, exam):
    body = ("\ufeff" + CSV_HEADER + "single,cpc:em,,Visit,99203,99213,,,,,a,,\n").encode("utf-8")
    record = preview(school_a, new_bank(school_a), body, name="questions.csv")
    assert record.format == "csv" and record.error_count == 0


# --- applying -----------------------------------------------------------------------------------


def test_apply_is_all_or_nothing_when_a_row_fails_at_apply_time(school_a, exam, django_capture_on_commit_callbacks):
    ours = domain_add(tenant=school_a.tenant, name="Chart auditing")
    target = new_bank(school_a)
    record = preview(school_a, target, bank_file(
        single("cpc:em", "First", "99213", ["99214"]),
        single("school:chart-auditing", "Second", "Yes", ["No"]),
        single("cpc:em", "Third", "99203", ["99204"]),
    ))
    assert record.error_count == 0
    ours.delete()  # the second question's domain is gone by the time the job runs

    record = apply(school_a, record, django_capture_on_commit_callbacks)

    assert record.status == Status.FAILED and record.processed == 0
    assert record.message == "Question 2: domain: Choose the exam domain this question tests. Nothing was imported."
    assert prompts(target) == []
    assert not AuditLogEntry.objects.filter(action="question_bank.imported").exists()


def test_running_the_job_twice_creates_the_questions_once(school_a, exam, django_capture_on_commit_callbacks):
    target = new_bank(school_a)
    record = preview(school_a, target, bank_file(*(single("cpc:em", f"Visit {n}", "99213", ["99214"]) for n in range(3))))
    record = apply(school_a, record, django_capture_on_commit_callbacks)
    assert bank_io.bank_import_run(tenant_id=school_a.tenant.pk, import_id=record.pk) is False
    assert apply(school_a, record, django_capture_on_commit_callbacks).status == Status.DONE  # a second click
    assert prompts(target) == ["Visit 0", "Visit 1", "Visit 2"]
    assert record.message == "Imported 3 questions" and record.processed == record.total == 3
    imported = AuditLogEntry.objects.get(action="question_bank.imported")
    assert imported.actor == school_a.instructor and imported.after == {"file_name": "questions.json", "questions": 3}


def test_a_dead_workers_claim_is_taken_again_and_lost_jobs_are_found(school_a, exam):
    target = new_bank(school_a)
    queued = preview(school_a, target, bank_file(single("cpc:em", "Lost", "99213", ["99214"])))
    running = preview(school_a, target, bank_file(single("cpc:em", "Stale", "99213", ["99214"])))
    fresh = preview(school_a, target, bank_file(single("cpc:em", "Working", "99213", ["99214"])))
    now = timezone.now()
    BankImport.objects.filter(pk=queued.pk).update(status=Status.QUEUED, claimed_at=now - timedelta(minutes=3))
    BankImport.objects.filter(pk=running.pk).update(status=Status.RUNNING, claimed_at=now - timedelta(minutes=11))
    BankImport.objects.filter(pk=fresh.pk).update(status=Status.RUNNING, claimed_at=now - timedelta(minutes=1))

    assert sorted(bank_io.bank_imports_stuck()) == sorted([(school_a.tenant.pk, queued.pk), (school_a.tenant.pk, running.pk)])
    assert bank_io.bank_import_run(tenant_id=school_a.tenant.pk, import_id=fresh.pk) is False
    assert bank_io.bank_import_run(tenant_id=school_a.tenant.pk, import_id=running.pk) is True
    assert prompts(target) == ["Stale"]


# --- CSV ------------------------------------------------------------------------------------------


def test_csv_of_choice_questions_imports_them(school_a, exam, django_capture_on_commit_callbacks):
    course = CourseFactory(tenant=school_a.tenant)
    module = ModuleFactory(course=course)
    target = new_bank(school_a, course)
    body = CSV_HEADER + (
        'single,cpc:em,1,"A new patient visit, low MDM",99203,99213,99202,,,,B,2,Low MDM is 99203? No: b.\n'
        "Multiple,cpc:icd10cm,,Chapter 4 codes,E11.9,I10,E78.5,,,,a;c,,\n"
    )
    record = apply(school_a, preview(school_a, target, body, name="review.csv"), django_capture_on_commit_callbacks)
    assert record.format == "csv" and record.status == Status.DONE
    first, second = Question.objects.filter(bank=target).order_by("id").select_related("current", "domain")
    assert (first.kind, first.domain.code, first.module, first.current.points) == ("single", "em", module, 2)
    assert first.current.prompt == "A new patient visit, low MDM" and first.current.correct_choice_ids == ["b"]
    assert second.kind == "multiple" and second.current.correct_choice_ids == ["a", "c"]


def test_csv_rows_only_a_csv_can_get_wrong_are_named(school_a, exam):
    body = CSV_HEADER + "code,cpc:em,,Code it,,,,,,,,,\nsingle,cpc:em,,Pick,99203,99213,,,,,d,,\n"
    record = preview(school_a, new_bank(school_a), body, name="review.csv")
    assert record.rows[0]["errors"][0].startswith("kind: A CSV holds choice questions only")
    assert record.rows[1]["errors"][0] == "correct: Choice d is marked correct but is empty."


# --- pages -------------------------------------------------------------------------------------------


def upload(school, bank, body: bytes, name: str = "questions.json", user=None):
    client = school.client(user or school.instructor)
    return client.post(f"/authoring/banks/{bank.pk}/import/", {"file": SimpleUploadedFile(name, body)})


def test_author_uploads_previews_and_confirms_the_import(school_a, exam, django_capture_on_commit_callbacks):
    target = new_bank(school_a)
    client = school_a.client(school_a.instructor)
    form = text(client.get(f"/authoring/banks/{target.pk}/import/"))
    assert '<label for="id_file">Question file (JSON or CSV):</label>' in form
    assert 'aria-describedby="id_file_helptext"' in form and "single and multiple choice questions only" in form

    response = upload(school_a, target, json.dumps(bank_file(single("cpc:em", "Visit", "99213", ["99214"]))).encode())
    record = BankImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/authoring/bank-imports/{record.pk}/"
    page = text(client.get(response["Location"]))
    assert re.search(r"1 question:\s+0 with problems", page) and "Import 1 question" in page
    assert '<th scope="row">1</th>' in page and "<caption" in page

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(f"/authoring/bank-imports/{record.pk}/")
    assert confirmed.status_code == 302 and confirmed["Location"] == f"/authoring/bank-imports/{record.pk}/"
    done = text(client.get(confirmed["Location"]))
    assert "Importing questions.json: every question, or none if one fails." in done
    assert "Imported 1 question." in done and "every 2s" not in done
    assert prompts(target) == ["Visit"]


def test_preview_page_lists_problems_first_and_offers_no_import(school_a, exam):
    target = new_bank(school_a)
    upload(school_a, target, json.dumps(bank_file(
        single("cpc:em", "Fine", "99213", ["99214"]), {"kind": "single", "domain": "cpc:em", "prompt": "Broken"},
    )).encode())
    record = BankImport.objects.get()
    page = text(school_a.client(school_a.instructor).get(f"/authoring/bank-imports/{record.pk}/"))
    assert "question 2: choices: Give from 2 to 10 choices." in page
    assert page.index("Broken") < page.index("Fine")
    assert "Nothing can be imported" in page and "Import 2 questions" not in page


@pytest.mark.parametrize(
    ("body", "message"),
    [(b"x" * (2 * 1024 * 1024 + 1), "The file is 2.0 MB; the limit is 2 MB."),
     (b"kind,prompt\nsingle,Visit\n", "The header row has no domain, choice_a, choice_b, correct columns.")],
    ids=["size", "header"],
)
def test_refused_upload_says_why_on_the_file_field(school_a, exam, body, message):
    response = upload(school_a, exam.bank, body, name="questions.csv")
    page = text(response)
    assert response.status_code == 400 and message in page
    assert 'aria-describedby="id_file_helptext id_file_error"' in page
    assert not BankImport.objects.exists()


def test_queued_import_polls_its_progress_every_two_seconds_until_done(school_a, exam):
    record = preview(school_a, new_bank(school_a), bank_file(*(single("cpc:em", f"V{n}", "99213", ["99214"]) for n in range(4))))
    BankImport.objects.filter(pk=record.pk).update(status=Status.RUNNING, processed=1)
    client = school_a.client(school_a.instructor)
    page = text(client.get(f"/authoring/bank-imports/{record.pk}/"))
    assert f'hx-get="/authoring/bank-imports/{record.pk}/" hx-trigger="every 2s"' in page
    polled = client.get(f"/authoring/bank-imports/{record.pk}/", HTTP_HX_REQUEST="true")
    assert polled.status_code == 200 and "1 of 4 questions (25%)" in text(polled) and "<html" not in text(polled)
    BankImport.objects.filter(pk=record.pk).update(status=Status.DONE, processed=4, message="Imported 4 questions")
    done = client.get(f"/authoring/bank-imports/{record.pk}/", HTTP_HX_REQUEST="true")
    assert done.status_code == 286 and "Imported 4 questions." in text(done)


def test_student_gets_404_on_the_pages_and_the_api(school_a, exam):
    record = preview(school_a, exam.bank, bank_file(single("cpc:em", "Visit", "99213", ["99214"])))
    client = school_a.client(school_a.student)
    for url in (f"/authoring/banks/{exam.bank.pk}/export/", f"/authoring/banks/{exam.bank.pk}/import/",
                f"/authoring/bank-imports/{record.pk}/", f"/api/v1/question-banks/{exam.bank.pk}/export/",
                f"/api/v1/question-banks/{exam.bank.pk}/import/{record.pk}/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/authoring/bank-imports/{record.pk}/").status_code == 404
    assert client.post(f"/api/v1/question-banks/{exam.bank.pk}/import/{record.pk}/apply/").status_code == 404
    assert client.post(f"/api/v1/question-banks/{exam.bank.pk}/import/",
                       {"file": SimpleUploadedFile("q.json", b"{}")}).status_code == 404
    record.refresh_from_db()
    assert record.status == Status.PREVIEWED and BankImport.objects.count() == 1


def test_a_teaching_assistant_finds_no_bank(school_a, cohort_a, exam):
    CohortStaff.objects.create(cohort=cohort_a.cohort, membership=school_a.membership(school_a.student2), role="ta")
    response = school_a.client(school_a.student2).get(f"/authoring/banks/{exam.bank.pk}/import/")
    assert response.status_code == 404


def test_a_reader_who_may_not_write_gets_403_and_changes_nothing(school_a, exam, monkeypatch):
    # No role reads banks without writing them today; the rule is checked all the same.
    monkeypatch.setattr("assessments.views.bank_io.can_author_bank", lambda membership, bank: False)
    monkeypatch.setattr("assessments.api_bank_io.can_author_bank", lambda membership, bank: False)
    client = school_a.client(school_a.instructor)
    response = client.get(f"/authoring/banks/{exam.bank.pk}/import/")
    assert response.status_code == 403 and "Only the course's authors" in text(response)
    body = json.dumps(bank_file(single("cpc:em", "Visit", "99213", ["99214"]))).encode()
    assert upload(school_a, exam.bank, body).status_code == 403
    api = client.post(f"/api/v1/question-banks/{exam.bank.pk}/import/", {"file": SimpleUploadedFile("q.json", body)})
    assert api.status_code == 403
    assert client.get(f"/authoring/banks/{exam.bank.pk}/export/").status_code == 200  # reading is still allowed
    assert not BankImport.objects.exists()


def test_another_schools_import_is_not_found(school_a, school_b, exam):
    record = preview(school_a, exam.bank, bank_file(single("cpc:em", "Visit", "99213", ["99214"])))
    client = school_b.client(school_b.registrar)
    assert client.get(f"/authoring/bank-imports/{record.pk}/").status_code == 404
    assert client.post(f"/authoring/bank-imports/{record.pk}/").status_code == 404
    record.refresh_from_db()
    assert record.status == Status.PREVIEWED


# --- API -----------------------------------------------------------------------------------------------


def test_api_previews_an_upload_then_applies_it(school_a, exam, django_capture_on_commit_callbacks):
    target = new_bank(school_a)
    client = school_a.client(school_a.instructor)
    body = (CSV_HEADER + "single,cpc:em,,Visit,99203,99213,,,,,a,,\nsingle,cpc:em,,Visit 2,99203,99213,,,,,a,,\n").encode()
    created = client.post(f"/api/v1/question-banks/{target.pk}/import/", {"file": SimpleUploadedFile("q.csv", body)})
    assert created.status_code == 201
    data = created.json()
    assert (data["status"], data["format"], data["total"], data["error_count"]) == ("previewed", "csv", 2, 0)
    assert data["rows"][0] == {"number": 1, "kind": "single", "domain": "cpc:em", "summary": "Visit", "errors": []}

    with django_capture_on_commit_callbacks(execute=True):
        queued = client.post(f"/api/v1/question-banks/{target.pk}/import/{data['id']}/apply/")
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    detail = client.get(f"/api/v1/question-banks/{target.pk}/import/{data['id']}/").json()
    assert (detail["status"], detail["processed"], detail["percent"]) == ("done", 2, 100)
    assert prompts(target) == ["Visit", "Visit 2"]


def test_api_refuses_a_bad_file_and_an_import_with_errors(school_a, exam):
    client = school_a.client(school_a.instructor)
    refused = client.post(f"/api/v1/question-banks/{exam.bank.pk}/import/",
                          {"file": SimpleUploadedFile("q.json", b"%PDF-1.4")})
    assert refused.status_code == 400
    assert refused.json()["error"]["fields"]["file"][0].startswith("This is not a text file (it looks like a PDF)")
    record = preview(school_a, exam.bank, bank_file({"kind": "single", "domain": "cpc:em", "prompt": "Broken"}))
    response = client.post(f"/api/v1/question-banks/{exam.bank.pk}/import/{record.pk}/apply/")
    assert response.status_code == 400 and "Fix the file and upload it again" in response.json()["error"]["message"]


def test_api_exports_json_and_csv(school_a, full_bank):
    client = school_a.client(school_a.instructor)
    as_json = client.get(f"/api/v1/question-banks/{full_bank.pk}/export/")
    assert as_json.status_code == 200 and len(as_json.json()["questions"]) == 9
    as_csv = client.get(f"/api/v1/question-banks/{full_bank.pk}/export/?format=csv")
    assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv")
    assert as_csv.content.decode().splitlines()[0] + "\n" == CSV_HEADER
    assert as_csv["Content-Disposition"].endswith('-cpc-review-bank.csv"')


def test_an_import_is_found_only_under_its_own_bank(school_a, exam):
    record = preview(school_a, exam.bank, bank_file(single("cpc:em", "Visit", "99213", ["99214"])))
    other = new_bank(school_a)
    client = school_a.client(school_a.instructor)
    assert client.get(f"/api/v1/question-banks/{other.pk}/import/{record.pk}/").status_code == 404


# --- queries ---------------------------------------------------------------------------------------------


def _grow(school, bank, count: int) -> BankImport:
    domain = ExamDomain.objects.get(tenant=school.tenant, exam="cpc", code="em")
    for n in range(count):
        questions.question_create(tenant=school.tenant, actor=school.instructor, bank=bank,
                                  data=single(str(domain.pk), f"Visit {n}", "99213", ["99214"]))
    for _ in range(count):
        record = preview(school, bank, bank_io.bank_export_json(bank=bank))
    return record


@pytest.mark.parametrize("count", [2, 12])
def test_export_and_import_pages_ask_the_same_queries_whatever_the_size(school_a, exam, count,
                                                                       django_assert_max_num_queries):
    record = _grow(school_a, exam.bank, count)
    client = school_a.client(school_a.instructor)
    urls = [f"/authoring/banks/{exam.bank.pk}/export/?format=json", f"/authoring/banks/{exam.bank.pk}/export/?format=csv",
            f"/authoring/banks/{exam.bank.pk}/import/", f"/authoring/bank-imports/{record.pk}/",
            f"/api/v1/question-banks/{exam.bank.pk}/export/?format=csv",
            f"/api/v1/question-banks/{exam.bank.pk}/import/{record.pk}/"]
    client.get(urls[0])
    for url in urls:
        with django_assert_max_num_queries(6):
            assert client.get(url).status_code == 200
    assert text(client.get(urls[3])).count('<th scope="row">') == 6 + count


def test_json_values_of_the_wrong_type_are_named_not_guessed(school_a, exam):
    record = preview(school_a, new_bank(school_a), bank_file(
        {"kind": "single", "domain": "12", "prompt": ["Visit"], "choices": "a;b"},
        {"kind": "code", "domain": "cpc:em", "prompt": "Code it", "items": [{"key": [{"role": "procedure", "modifiers": 25}]}]},
    ))
    assert record.rows[0]["errors"] == [
        "prompt: Write the question as text.",
        "choices: Give the choices as a list of objects with text and correct (true or false).",
        "domain: Write the domain as its code, such as cpc:em, not as an id.",
    ]
    assert record.rows[1]["errors"][0].startswith("items: Give the items as a list of objects with label, prompt and key")
