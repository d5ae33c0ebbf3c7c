"""factory_boy factories for the platform core."""

from __future__ import annotations

import datetime
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from codesets.models import Code, Release, System
from lms.models import AuditLogEntry, Domain, Invitation, Membership, Role, Tenant, User

PASSWORD = "correct-horse-battery"


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school{n}")
    time_zone = "America/New_York"


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    tenant = factory.SubFactory(TenantFactory)
    host = factory.LazyAttribute(lambda d: f"{d.tenant.slug}.test")
    is_primary = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(user=self, email=self.email, defaults={"verified": True, "primary": True})


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    tenant = factory.SubFactory(TenantFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.STUDENT


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    tenant = factory.SubFactory(TenantFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    role = Role.STUDENT
    base_url = factory.LazyAttribute(lambda i: f"http://{i.tenant.slug}.test/")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class AuditLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditLogEntry

    tenant = factory.SubFactory(TenantFactory)
    action = "membership.role_changed"
    target_type = "membership"
    target_repr = factory.Sequence(lambda n: f"member {n}")
    before = {"role": "student"}
    after = {"role": "instructor"}


class ReleaseFactory(factory.django.DjangoModelFactory):
    """A small ready release; pass ``system="cpt"`` with a ``tenant`` for a licensed CPT file."""

    class Meta:
        model = Release

    system = System.HCPCS
    version = factory.Sequence(lambda n: f"test-{n}")
    title = factory.LazyAttribute(lambda r: f"{r.system} {r.version}")
    effective_from = datetime.date(2026, 1, 1)
    status = Release.Status.READY
    tenant = None


class CodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Code

    release = factory.SubFactory(ReleaseFactory)
    tenant = factory.LazyAttribute(lambda c: c.release.tenant)
    system = factory.LazyAttribute(lambda c: c.release.system)
    kind = Code.Kind.PROCEDURE
    code = factory.Sequence(lambda n: f"A{n % 10000:04d}")
    key = factory.LazyAttribute(lambda c: c.code.replace(".", ""))
    description = factory.Sequence(lambda n: f"Test supply number {n}")
    billable = True


# --- catalogue, terms, cohorts, enrollment ------------------------------------


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Program"

    tenant = factory.SubFactory(TenantFactory)
    name = factory.Sequence(lambda n: f"Medical Coding Certificate {n}")
    slug = factory.Sequence(lambda n: f"coding-certificate-{n}")
    kind = "certificate"
    length_months = 12
    practicum_hours = 40


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Course"

    tenant = factory.SubFactory(TenantFactory)
    code = factory.Sequence(lambda n: f"MCC-{100 + n}")
    title = factory.Sequence(lambda n: f"Coding course {n}")
    credit_hours = 3


class ProgramCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.ProgramCourse"

    program = factory.SubFactory(ProgramFactory)
    course = factory.SubFactory(CourseFactory, tenant=factory.SelfAttribute("..program.tenant"))
    position = factory.Sequence(lambda n: n + 1)


class TermFactory(factory.django.DjangoModelFactory):
    """A term whose enrollment window is open today and which starts in two weeks."""

    class Meta:
        model = "cohorts.Term"

    tenant = factory.SubFactory(TenantFactory)
    name = factory.Sequence(lambda n: f"Term {n}")
    enrollment_opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    enrollment_closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=20))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=120))
    drop_deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Cohort"

    tenant = factory.SubFactory(TenantFactory)
    course = factory.SubFactory(CourseFactory, tenant=factory.SelfAttribute("..tenant"))
    term = factory.SubFactory(TermFactory, tenant=factory.SelfAttribute("..tenant"))
    section_code = factory.Sequence(lambda n: f"SEC-{n:04d}")
    capacity = 25
    # The cohort's local date is then the tests' timezone.localdate() at every hour of the
    # day, so dates like "the drop deadline was yesterday" mean the same to both.
    time_zone = "UTC"


class CohortStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.CohortStaff"

    cohort = factory.SubFactory(CohortFactory)
    membership = factory.SubFactory(
        MembershipFactory, tenant=factory.SelfAttribute("..cohort.tenant"), role=Role.INSTRUCTOR
    )
    role = "instructor"


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cohorts.Enrollment"

    cohort = factory.SubFactory(CohortFactory)
    membership = factory.SubFactory(MembershipFactory, tenant=factory.SelfAttribute("..cohort.tenant"))
    state = "active"
    attested_admission = True
    waitlisted_at = factory.LazyAttribute(lambda e: timezone.now() if e.state == "waitlisted" else None)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Module"

    course = factory.SubFactory(CourseFactory)
    tenant = factory.SelfAttribute("course.tenant")
    title = factory.Sequence(lambda n: f"Module {n}")
    kind = "icd10cm"
    position = factory.Sequence(lambda n: n)
    is_published = True


class LessonFactory(factory.django.DjangoModelFactory):
    """A published reading by default; pass kind="video" (duration_seconds=600) or kind="exercise"."""

    class Meta:
        model = "courses.Lesson"

    module = factory.SubFactory(ModuleFactory)
    tenant = factory.SelfAttribute("module.tenant")
    kind = "reading"
    title = factory.Sequence(lambda n: f"Lesson {n}")
    position = factory.Sequence(lambda n: n)
    is_published = True
    body = "## Reading\n\nCode to the highest specificity documented."
    body_html = "<h2>Reading</h2>\n<p>Code to the highest specificity documented.</p>"
    duration_seconds = factory.LazyAttribute(lambda o: 600 if o.kind == "video" else None)
    record_kind = factory.LazyAttribute(lambda o: "office_note" if o.kind == "exercise" else "")
    record_text = factory.LazyAttribute(
        lambda o: "Assessment: type 2 diabetes with hyperglycemia; on insulin daily." if o.kind == "exercise" else ""
    )


class KeyLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.KeyLine"

    lesson = factory.SubFactory(LessonFactory, kind="exercise")
    tenant = factory.SelfAttribute("lesson.tenant")
    position = factory.Sequence(lambda n: n)
    role = "principal"
    code = "E11.65"
    rationale = "Type 2 diabetes with hyperglycemia is documented."


class LessonProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.LessonProgress"

    enrollment = factory.SubFactory(EnrollmentFactory)
    tenant = factory.SelfAttribute("enrollment.tenant")
    lesson = factory.SubFactory(LessonFactory)


from django.core.files.base import ContentFile  # noqa: E402  (appended with the factory that needs it)


class LessonFileFactory(factory.django.DjangoModelFactory):
    """A stored file of a lesson (the lecture's video by default); pass ``data=b"..."`` for its bytes."""

    class Meta:
        model = "courses.LessonFile"

    class Params:
        data = bytes(range(256)) * 4

    lesson = factory.SubFactory(LessonFactory, kind="video")
    tenant = factory.SelfAttribute("lesson.tenant")
    role = "video"
    name = factory.Sequence(lambda n: f"lecture-{n}.mp4")
    content_type = "video/mp4"
    file = factory.LazyAttribute(lambda o: ContentFile(o.data, name=o.name))
    size = factory.LazyAttribute(lambda o: len(o.data))


class NotificationFactory(factory.django.DjangoModelFactory):
    """A notice showing in the app now, unread, with no email."""

    class Meta:
        model = "lms.Notification"

    tenant = factory.SubFactory(TenantFactory)
    recipient = factory.SubFactory(UserFactory)
    kind = "enrollment.approved"
    key = factory.Sequence(lambda n: f"test:{n}")
    title = factory.Sequence(lambda n: f"Notice number {n}")
    visible_at = factory.LazyFunction(timezone.now)


class LiveSessionFactory(factory.django.DjangoModelFactory):
    """Office hours two days from now, hosted by the cohort's first staff member."""

    class Meta:
        model = "cohorts.LiveSession"

    cohort = factory.SubFactory(CohortFactory)
    tenant = factory.SelfAttribute("cohort.tenant")
    title = factory.Sequence(lambda n: f"Office hours {n}")
    kind = "office_hours"
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(second=0, microsecond=0) + timedelta(days=2))
    duration_minutes = 60
    host = factory.LazyAttribute(lambda o: o.cohort.staff.first().membership)
    join_url = "https://meet.example.edu/office-hours"

    class Params:
        # Posted afterwards: a (tiny) MP4 and its captions.
        recorded = factory.Trait(
            recording_file=factory.LazyFunction(lambda: ContentFile(b"\x00\x00\x00\x18ftypmp42" + bytes(64), name="recording.mp4")),
            recording_type="video/mp4",
            captions_file=factory.LazyFunction(
                lambda: ContentFile(b"WEBVTT\n\n00:00.000 --> 00:02.000\nModifier 25 means a separate E/M service.\n", name="r.vtt")
            ),
            recording_posted_at=factory.LazyFunction(timezone.now),
        )
