"""Bulk enrollment from CSV: reading the file, the preview, applying it whole or not at all, invited students."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from cohorts import imports, tasks
from cohorts.import_rows import parse_import_csv, read_import_file
from cohorts.models import Enrollment, EnrollmentImport
from courses.models import Prerequisite
from lms import services as lms_services
from lms.models import AuditLogEntry, Invitation, Membership, Role, User
from tests.factories import CohortFactory, CourseFactory, EnrollmentFactory, InvitationFactory, MembershipFactory

HEADER = "email,full_name,section_code,state\n"
Status = EnrollmentImport.Status


@pytest.fixture
def registrar(school_a) -> Membership:
    return school_a.membership(school_a.registrar)


@pytest.fixture
def section(school_a):
    """MCC-103-S27-01, 25 seats: the school's student is active in it, nobody else."""
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-S27-01", capacity=25, course__code="MCC-103")
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    return cohort


def preview(registrar: Membership, body: str | bytes, file_name: str = "spring-roster.csv") -> EnrollmentImport:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return imports.enrollment_import_preview(tenant=registrar.tenant, actor=registrar, file_name=file_name, data=data)


def apply(registrar: Membership, record: EnrollmentImport, capture) -> EnrollmentImport:
    """Ask for the import to apply and run what is queued on commit (the eager Celery task, then its emails)."""
    with capture(execute=True):
        imports.enrollment_import_apply_request(tenant=registrar.tenant, actor=registrar, enrollment_import=record)
    record.refresh_from_db()
    return record


def state_of(cohort, user) -> str | None:
    row = Enrollment.objects.filter(cohort=cohort, membership__user=user).first()
    return row.state if row else None


def row(record: EnrollmentImport, line: int) -> dict:
    return next(r for r in record.rows if r["line"] == line)


# --- a good file ---------------------------------------------------------------------


@pytest.fixture
def good_file(school_a, school_b, section):
    waiting = MembershipFactory(tenant=school_a.tenant, role=Role.STUDENT, user__email="dana.waits@example.test")
    EnrollmentFactory(cohort=section, membership=waiting, state="waitlisted")
    return (
        HEADER
        + f"{school_a.student2.email},Priya Raman,MCC-103-S27-01,active\n"
        + "dana.waits@example.test,Dana Okafor,mcc-103-s27-01,Active\n"
        + f"{school_a.student.email},Sam Student,MCC-103-S27-01,active\n"
        + f"{school_b.student.email},Lee Transfer,MCC-103-S27-01,waitlisted\n"
        + "New.Coder@Example.test,Jordan Newcomer,MCC-103-S27-01,active\n"
    )


def test_preview_says_what_each_row_of_a_good_file_will_change(registrar, good_file):
    record = preview(registrar, good_file)
    assert record.status == Status.PREVIEWED and record.error_count == 0 and record.total == 5
    assert row(record, 2)["change"] == "new enrollment: active"
    assert row(record, 3)["change"] == "waitlisted \u2192 active"
    assert row(record, 4)["change"] == "no change"
    # An account at another school reads exactly like no account: the preview tells nobody who has one.
    assert row(record, 5)["change"] == "will be invited as a student first; when they accept: new enrollment: waitlisted"
    assert row(record, 6)["change"] == "will be invited as a student first; when they accept: new enrollment: active"
    assert row(record, 6)["email"] == "new.coder@example.test"


def test_preview_changes_nothing_but_the_import(registrar, good_file, section):
    before = list(Enrollment.objects.values_list("pk", "state"))
    preview(registrar, good_file)
    assert list(Enrollment.objects.values_list("pk", "state")) == before
    assert not Invitation.objects.exists()


def test_good_file_applies_every_row(registrar, good_file, section, school_a, school_b, django_capture_on_commit_callbacks):
    record = apply(registrar, preview(registrar, good_file), django_capture_on_commit_callbacks)
    assert record.status == Status.APPLIED
    assert record.processed == record.total == 5 and record.percent == 100
    assert state_of(section, school_a.student2) == "active"
    assert state_of(section, User.objects.get(email="dana.waits@example.test")) == "active"
    assert state_of(section, school_a.student) == "active"
    assert not Membership.objects.filter(tenant=school_a.tenant, user=school_b.student).exists()
    assert Invitation.objects.filter(tenant=school_a.tenant, email=school_b.student.email, status="pending").exists()
    assert "Applied 5 rows: 4 changes. 2 wait for the student" in record.message


def test_someone_with_an_account_elsewhere_joins_only_by_accepting(
    registrar, good_file, section, school_a, school_b, django_capture_on_commit_callbacks
):
    apply(registrar, preview(registrar, good_file), django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(tenant=school_a.tenant, email=school_b.student.email)
    lms_services.invitation_accept(tenant=school_a.tenant, invitation=invitation, user=school_b.student)
    assert school_a.tenant.memberships.get(user=school_b.student).role == Role.STUDENT
    assert state_of(section, school_b.student) == "waitlisted"


def test_unknown_person_is_invited_and_enrolled_after_accepting(
    registrar, good_file, section, school_a, django_capture_on_commit_callbacks
):
    record = apply(registrar, preview(registrar, good_file), django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(tenant=school_a.tenant, email="new.coder@example.test")
    assert invitation.role == Role.STUDENT and invitation.status == Invitation.Status.PENDING
    sent = [m for m in mail.outbox if m.to == ["new.coder@example.test"]]
    assert len(sent) == 1
    assert f"/invitations/{invitation.token}/" in sent[0].body
    assert row(record, 6)["pending"] is True and row(record, 6)["invitation_id"] == invitation.pk

    newcomer = User.objects.create_user(email="new.coder@example.test", password="a-long-pass-phrase-9")
    lms_services.invitation_accept(tenant=school_a.tenant, invitation=invitation, user=newcomer)

    assert state_of(section, newcomer) == "active"
    record.refresh_from_db()
    assert row(record, 6)["pending"] is False
    assert row(record, 6)["outcome"] == "Enrolled as active when they accepted the invitation."
    newcomer.refresh_from_db()
    assert newcomer.full_name == "Jordan Newcomer"


def test_accepting_after_the_cohort_filled_joins_but_says_why_not_enrolled(
    registrar, school_a, section, django_capture_on_commit_callbacks
):
    record = apply(registrar, preview(registrar, HEADER + "late@example.test,Robin Late,MCC-103-S27-01,active\n"), django_capture_on_commit_callbacks)
    section.capacity = 1  # the one seat is taken by the school's student
    section.save()
    invitation = Invitation.objects.get(email="late@example.test")
    newcomer = User.objects.create_user(email="late@example.test", password="a-long-pass-phrase-9")
    membership = lms_services.invitation_accept(tenant=school_a.tenant, invitation=invitation, user=newcomer)
    assert membership.is_active
    assert state_of(section, newcomer) is None
    record.refresh_from_db()
    assert row(record, 2)["outcome"] == "Not enrolled when they accepted: MCC-103-S27-01 is full (1 seats)."


def test_person_with_a_pending_student_invitation_is_enrolled_on_that_invitation(
    registrar, school_a, section, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(tenant=school_a.tenant, email="already.asked@example.test", role=Role.STUDENT)
    record = preview(registrar, HEADER + "already.asked@example.test,Alex Asked,MCC-103-S27-01,waitlisted\n")
    assert row(record, 2)["change"] == "has a pending invitation; when they accept: new enrollment: waitlisted"
    record = apply(registrar, record, django_capture_on_commit_callbacks)
    assert Invitation.objects.filter(email="already.asked@example.test").count() == 1
    assert row(record, 2)["invitation_id"] == invitation.pk
    user = User.objects.create_user(email="already.asked@example.test", password="a-long-pass-phrase-9")
    lms_services.invitation_accept(tenant=school_a.tenant, invitation=invitation, user=user)
    assert state_of(section, user) == "waitlisted"


def test_header_names_are_read_whatever_their_case_and_spacing():
    lines = parse_import_csv("\ufeff Email ,Full Name,SECTION CODE,state,notes\nA@B.test,Ann Bell,mcc-1,Active,x\n")
    assert [(l.line, l.email, l.name, l.section, l.state) for l in lines] == [(2, "a@b.test", "Ann Bell", "MCC-1", "active")]


# --- a bad row ------------------------------------------------------------------------


def test_file_with_one_bad_row_says_which_line_and_why_and_applies_nothing(
    registrar, good_file, section, school_a, django_capture_on_commit_callbacks
):
    bad = good_file + "casey@example.test,Casey Quinn,MCC-103-X,active\n"
    before = list(Enrollment.objects.values_list("pk", "state"))
    record = preview(registrar, bad)
    assert record.error_count == 1
    assert row(record, 7)["errors"] == ["no cohort with section MCC-103-X"]
    with pytest.raises(ValidationError) as refused:
        apply(registrar, record, django_capture_on_commit_callbacks)
    assert "Fix the file and upload it again" in str(refused.value)
    record.refresh_from_db()
    assert record.status == Status.PREVIEWED
    assert list(Enrollment.objects.values_list("pk", "state")) == before
    assert not Invitation.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("line", "error"),
    [
        ("not-an-email,Pat Doe,MCC-103-S27-01,active", "\u201cnot-an-email\u201d is not an email address"),
        ("pat@example.test,Pat Doe,MCC-103-S27-01,enrolled",
         "state must be one of applied, waitlisted, active, dropped (not \u201cenrolled\u201d)"),
        ("pat@example.test,,MCC-103-S27-01,active", "the full name is empty"),
        ("instructor@northwind.test,Ira Teach,MCC-103-S27-01,active",
         "instructor@northwind.test is an instructor of this school, not a student"),
        ("registrar@northwind.test,Rae Office,MCC-103-S27-01,active",
         "registrar@northwind.test is a registrar of this school, not a student"),
    ],
    ids=["email", "state", "name", "instructor", "registrar"],
)
def test_bad_rows_are_named_with_their_reason(registrar, section, line, error):
    record = preview(registrar, HEADER + line + "\n")
    assert row(record, 2)["errors"] == [error]
    assert row(record, 2)["change"] == ""


def test_duplicate_row_points_at_the_first(registrar, section, school_a):
    body = HEADER + f"{school_a.student2.email},Priya Raman,MCC-103-S27-01,active\n" * 2
    record = preview(registrar, body)
    assert row(record, 3)["errors"] == ["duplicate of line 2"]
    assert row(record, 2)["errors"] == []


def test_missing_prerequisite_is_named(registrar, section, school_a):
    foundations = CourseFactory(tenant=school_a.tenant, code="MCC-101")
    Prerequisite.objects.create(course=section.course, required=foundations)
    record = preview(registrar, HEADER + f"{school_a.student2.email},Priya Raman,MCC-103-S27-01,active\n")
    assert row(record, 2)["errors"] == ["missing prerequisite MCC-101"]


def test_capacity_is_counted_across_the_whole_file(registrar, school_a):
    cohort = CohortFactory(tenant=school_a.tenant, section_code="MCC-103-S27-01", capacity=3)
    EnrollmentFactory(cohort=cohort, membership=school_a.membership(school_a.student), state="active")
    people = [MembershipFactory(tenant=school_a.tenant, user__email=f"cohort{n}@example.test") for n in range(3)]
    body = HEADER + "".join(f"{m.user.email},Student {n},MCC-103-S27-01,active\n" for n, m in enumerate(people))
    record = preview(registrar, body)
    assert [bool(r["errors"]) for r in record.rows] == [False, False, True]
    assert row(record, 4)["errors"][0].startswith("MCC-103-S27-01 would be over capacity (3 seats): 1 are taken")


# --- refused files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00roster.xlsx", "This is not a text file (it looks like an Excel workbook"),
        (b"%PDF-1.7\nroster", "This is not a text file (it looks like a PDF)"),
        (b"email,full_name\x00,section_code,state\n", "This is not a text file."),
        (b"\xff\xfee\x00m\x00", "it is saved as UTF-16"),
        ((HEADER + "jose@example.test,Jos\u00e9 Pe\u00f1a,MCC-1,active\n").encode("latin-1"),
         "The file is not UTF-8 text: line 2 has a character that is not"),
        (b"email,name,section,state\n", "Line 1: the header row has no full_name, section_code columns."),
        (b"", "The file is empty."),
        (HEADER.encode(), "The file has a header row but no students in it."),
        ((HEADER + "a@b.test,A B,S,active\n" * 5001).encode(), "The file has 5,001 rows; the limit is 5,000."),
        (b"x" * (5 * 1024 * 1024 + 1), "The file is 5.0 MB; the limit is 5 MB."),
        (b'email,full_name,section_code,state\n"a@b.test,A\n', "not valid CSV"),
    ],
    ids=["xlsx", "pdf", "nul", "utf16", "latin1", "columns", "empty", "header-only", "rows", "size", "csv"],
)
def test_unreadable_files_are_refused_with_a_clear_message(registrar, data, message):
    with pytest.raises(ValidationError) as refused:
        read_import_file(data)
    assert message in " ".join(refused.value.message_dict["file"])
    with pytest.raises(ValidationError):
        preview(registrar, data)
    assert not EnrollmentImport.objects.exists()


def test_file_with_a_byte_order_mark_is_read(registrar, section, school_a):
    record = preview(registrar, ("\ufeff" + HEADER + f"{school_a.student2.email},Priya Raman,MCC-103-S27-01,active\n").encode())
    assert record.error_count == 0 and record.content.startswith("email")


# --- applying: all or nothing, once ------------------------------------------------------------


def test_row_that_went_bad_after_the_preview_fails_the_whole_file(
    registrar, good_file, section, school_a, school_b, django_capture_on_commit_callbacks
):
    record = preview(registrar, good_file)
    section.capacity = 2  # seats taken meanwhile: the file now needs 1 + 2 going active
    section.save()
    before = list(Enrollment.objects.values_list("pk", "state"))
    record = apply(registrar, record, django_capture_on_commit_callbacks)
    assert record.status == Status.FAILED
    # Lines 2, 3 and 6 go active; line 3 is the one past the seats left.
    assert record.message.startswith("line 3: MCC-103-S27-01 would be over capacity (2 seats)")
    assert record.message.endswith("2 rows have problems now. Nothing was changed.")
    assert list(Enrollment.objects.values_list("pk", "state")) == before
    assert not Membership.objects.filter(tenant=school_a.tenant, user=school_b.student).exists()
    assert not Invitation.objects.exists() and not mail.outbox


def test_service_refusal_mid_file_rolls_back_the_rows_before_it(
    registrar, good_file, section, school_a, django_capture_on_commit_callbacks, monkeypatch
):
    record = preview(registrar, good_file)
    real_admit = imports.services.enrollment_admit

    def admit(**kwargs):
        if kwargs["membership"].user.email == "dana.waits@example.test":
            raise ValidationError("MCC-103-S27-01 is full (25 seats).")
        return real_admit(**kwargs)

    monkeypatch.setattr(imports.services, "enrollment_admit", admit)
    record = apply(registrar, record, django_capture_on_commit_callbacks)
    assert record.status == Status.FAILED
    assert record.message == "line 3: MCC-103-S27-01 is full (25 seats). Nothing was changed."
    assert state_of(section, school_a.student2) is None  # line 2 ran first and was rolled back
    assert not Invitation.objects.exists()


def test_second_click_on_apply_does_nothing(registrar, good_file, django_capture_on_commit_callbacks):
    record = preview(registrar, good_file)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert imports.enrollment_import_apply_request(tenant=registrar.tenant, actor=registrar, enrollment_import=record)
        assert not imports.enrollment_import_apply_request(tenant=registrar.tenant, actor=registrar, enrollment_import=record)
    assert len(queued) == 1
    record.refresh_from_db()
    assert record.status == Status.QUEUED


def test_running_the_task_again_changes_nothing(registrar, good_file, section, django_capture_on_commit_callbacks):
    record = apply(registrar, preview(registrar, good_file), django_capture_on_commit_callbacks)
    enrollments = list(Enrollment.objects.order_by("pk").values())
    audit_count = AuditLogEntry.objects.count()
    sent = len(mail.outbox)  # the two invitations and the enrolled students' notices
    assert tasks.apply_enrollment_import(tenant_id=record.tenant_id, import_id=record.pk) is False
    assert list(Enrollment.objects.order_by("pk").values()) == enrollments
    assert AuditLogEntry.objects.count() == audit_count
    assert Invitation.objects.count() == 2 and len(mail.outbox) == sent
    assert sum("invited" in m.subject for m in mail.outbox) == 2


def test_task_with_another_schools_id_does_nothing(registrar, good_file, school_b, django_capture_on_commit_callbacks):
    record = preview(registrar, good_file)
    EnrollmentImport.objects.filter(pk=record.pk).update(status=Status.QUEUED)
    assert tasks.apply_enrollment_import(tenant_id=school_b.tenant.pk, import_id=record.pk) is False
    record.refresh_from_db()
    assert record.status == Status.QUEUED


def test_stale_claim_is_retaken_and_a_fresh_one_is_left_alone(registrar, good_file, section, school_a):
    record = preview(registrar, good_file)
    EnrollmentImport.objects.filter(pk=record.pk).update(
        status=Status.APPLYING, claimed_at=timezone.now() - timedelta(minutes=5)
    )
    assert imports.enrollment_imports_stuck() == []
    assert imports.enrollment_import_run(tenant_id=school_a.tenant.pk, import_id=record.pk) is False
    assert state_of(section, school_a.student2) is None

    EnrollmentImport.objects.filter(pk=record.pk).update(claimed_at=timezone.now() - timedelta(minutes=16))
    assert imports.enrollment_imports_stuck() == [(school_a.tenant.pk, record.pk)]
    assert imports.enrollment_import_run(tenant_id=school_a.tenant.pk, import_id=record.pk) is True
    record.refresh_from_db()
    assert record.status == Status.APPLIED
    assert state_of(section, school_a.student2) == "active"


def test_dispatcher_requeues_an_import_whose_message_was_lost(registrar, good_file, section, school_a):
    record = preview(registrar, good_file)
    EnrollmentImport.objects.filter(pk=record.pk).update(status=Status.QUEUED, claimed_at=timezone.now() - timedelta(minutes=3))
    assert tasks.requeue_stuck_enrollment_imports() == 1  # eager: the job runs at once
    record.refresh_from_db()
    assert record.status == Status.APPLIED
    assert tasks.requeue_stuck_enrollment_imports() == 0


def test_only_registrars_preview_or_apply(school_a, good_file):
    instructor = school_a.membership(school_a.instructor)
    with pytest.raises(ValidationError):
        preview(instructor, good_file)


# --- queries -------------------------------------------------------------------------------------


def _roster(school, cohorts, size: int) -> str:
    """``size`` rows: existing students across the cohorts, some enrolled, some invited, some unknown."""
    tenant = school.tenant
    users = User.objects.bulk_create([User(email=f"learner{n}@example.test", full_name=f"Learner {n}") for n in range(size)])
    members = Membership.objects.bulk_create(
        [Membership(tenant=tenant, user=u, role=Role.STUDENT) for u in users[: size // 2]]
    )
    Enrollment.objects.bulk_create(
        [Enrollment(tenant=tenant, cohort=cohorts[n % len(cohorts)], membership=m, state="applied") for n, m in enumerate(members[::2])]
    )
    Invitation.objects.bulk_create(
        [Invitation(tenant=tenant, email=f"asked{n}@example.test", role=Role.STUDENT, base_url="http://northwind.test/",
                    expires_at=timezone.now() + timedelta(days=5)) for n in range(size // 4)]
    )
    lines = [f"{u.email},{u.full_name},{cohorts[n % len(cohorts)].section_code},waitlisted" for n, u in enumerate(users)]
    lines += [f"asked{n}@example.test,Asked {n},{cohorts[0].section_code},applied" for n in range(size // 4)]
    return HEADER + "\n".join(lines) + "\n"


@pytest.mark.parametrize("size", [20, 300])
def test_preview_queries_do_not_grow_with_the_rows(registrar, school_a, size, django_assert_max_num_queries):
    cohorts = [CohortFactory(tenant=school_a.tenant, capacity=1000) for _ in range(4)]
    Prerequisite.objects.create(course=cohorts[1].course, required=CourseFactory(tenant=school_a.tenant))
    body = _roster(school_a, cohorts, size)
    # cohorts (+ staff), people, memberships, enrollments, invitations, prerequisites (3), the import and its audit entry
    with django_assert_max_num_queries(15):
        record = preview(registrar, body)
    assert record.total == size + size // 4
    assert any("missing prerequisite" in " ".join(r["errors"]) for r in record.rows)


# --- progress ------------------------------------------------------------------------------------


class _FakeSide:
    """Stands in for the second connection PostgreSQL runs use, recording what it is asked."""

    def __init__(self):
        self.executed: list[tuple[str, list]] = []
        self.closed = False

    def cursor(self):
        side = self

        class Cursor:
            def __enter__(self):
                return self

            def __exit__(self, *exc):
                return False

            def execute(self, sql, params=None):
                side.executed.append((sql, params))

        return Cursor()

    def close(self):
        self.closed = True


def test_progress_goes_through_its_own_connection_in_chunks(db):
    writer = imports.ProgressWriter(7)
    assert writer.side is None  # inside the test's transaction nothing outside could see it: no side connection
    writer.side, writer._sql = _FakeSide(), ["SET lock_timeout = '2s'", "UPDATE progress %s %s"]
    side = writer.side
    for done in range(1, 121):
        writer.report(done)
    writer.close()
    assert side.executed == [
        ("SET lock_timeout = '2s'", None), ("UPDATE progress %s %s", [50, 7]), ("UPDATE progress %s %s", [100, 7])
    ]
    assert side.closed and writer.side is None


def test_an_unexpected_error_fails_the_import_once_and_changes_nothing(registrar, good_file, section, monkeypatch):
    record = preview(registrar, good_file)
    EnrollmentImport.objects.filter(pk=record.pk).update(status=Status.QUEUED)
    before = list(Enrollment.objects.order_by("pk").values_list("pk", "state"))

    def broken(self, row):
        raise RuntimeError("a bug, not the database")

    monkeypatch.setattr(imports._Applier, "apply", broken)
    with pytest.raises(RuntimeError):
        tasks.apply_enrollment_import(tenant_id=record.tenant_id, import_id=record.pk)
    record.refresh_from_db()
    assert record.status == Status.FAILED
    assert "nothing was changed" in record.message
    assert list(Enrollment.objects.order_by("pk").values_list("pk", "state")) == before
    assert (record.tenant_id, record.pk) not in imports.enrollment_imports_stuck()


def test_a_waiting_import_is_enqueued_again_once_per_queue_timeout(registrar, good_file):
    record = preview(registrar, good_file)
    EnrollmentImport.objects.filter(pk=record.pk).update(
        status=Status.QUEUED, claimed_at=timezone.now() - timedelta(minutes=30)
    )
    assert (record.tenant_id, record.pk) in imports.enrollment_imports_stuck()
    assert (record.tenant_id, record.pk) not in imports.enrollment_imports_stuck()
