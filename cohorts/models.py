"""Terms, cohorts (one run of a course in a term), their staff and enrollments."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from courses.models import Course, TenantChild
from lms.models import TIME_ZONE_CHOICES, Membership, Tenant, User


class Term(models.Model):
    """An academic term with fixed dates. Dates are calendar days in each cohort's own time zone."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="terms")
    name = models.CharField(max_length=80, help_text="For example Spring 2027.")
    starts_on = models.DateField("first day")
    ends_on = models.DateField("last day")
    enrollment_opens_on = models.DateField("enrollment opens")
    enrollment_closes_on = models.DateField("enrollment closes")
    drop_deadline = models.DateField("last day to drop")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "name"], name="term_name_unique_per_tenant"),
            models.CheckConstraint(condition=Q(starts_on__lt=models.F("ends_on")), name="term_starts_before_end"),
        ]
        indexes = [models.Index(fields=["tenant", "ends_on"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = "The last day must come after the first day."
        if self.enrollment_opens_on and self.enrollment_closes_on and self.enrollment_closes_on < self.enrollment_opens_on:
            errors["enrollment_closes_on"] = "Enrollment must close on or after the day it opens."
        if self.enrollment_opens_on and self.starts_on and self.enrollment_opens_on > self.starts_on:
            errors["enrollment_opens_on"] = "Enrollment must open on or before the term's first day."
        if self.enrollment_closes_on and self.ends_on and self.enrollment_closes_on > self.ends_on:
            errors.setdefault("enrollment_closes_on", "Enrollment must close by the term's last day.")
        if self.drop_deadline and self.starts_on and self.ends_on and not (
            self.starts_on <= self.drop_deadline <= self.ends_on
        ):
            errors["drop_deadline"] = "The last day to drop must fall within the term."
        if errors:
            raise ValidationError(errors)


class Cohort(models.Model):
    """One run of a course in a term, with its staff, capacity and time zone."""

    class State(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open for enrollment"
        IN_PROGRESS = "in_progress", "In progress"
        CONCLUDED = "concluded", "Concluded"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="cohorts")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="cohorts")
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="cohorts")
    section_code = models.CharField(
        max_length=32, help_text="Unique in the school, for example MCC-103-S27-01. CSV imports use it."
    )
    capacity = models.PositiveIntegerField(validators=[MinValueValidator(1)], default=25)
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="America/New_York")
    meeting_pattern = models.CharField(
        max_length=150, blank=True, help_text="For example: live office hours Tuesdays 7 pm."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-term__starts_on", "section_code"]
        constraints = [models.UniqueConstraint(fields=["tenant", "section_code"], name="cohort_section_unique_per_tenant")]

    def __str__(self) -> str:
        return f"{self.section_code} {self.course.title}"

    def clean(self) -> None:
        self.section_code = (self.section_code or "").strip().upper()
        if self.course_id and self.course.tenant_id != self.tenant_id:
            raise ValidationError({"course": "Choose a course of this school."})
        if self.term_id and self.term.tenant_id != self.tenant_id:
            raise ValidationError({"term": "Choose a term of this school."})

    def local_today(self, now: datetime.datetime | None = None) -> datetime.date:
        """Today's date where the cohort meets (its deadlines are local, DST-safe)."""
        now = now or timezone.now()
        return now.astimezone(zoneinfo.ZoneInfo(self.time_zone)).date()

    def state_on(self, today: datetime.date) -> str:
        term = self.term
        if today > term.ends_on:
            return self.State.CONCLUDED
        if today >= term.starts_on:
            return self.State.IN_PROGRESS
        if term.enrollment_opens_on <= today <= term.enrollment_closes_on:
            return self.State.OPEN
        return self.State.PLANNED

    @property
    def state(self) -> str:
        return self.state_on(self.local_today())

    def get_state_display(self) -> str:
        return self.State(self.state).label

    def enrollment_open_on(self, today: datetime.date) -> bool:
        """Applications are taken during the window (which may run into the term's first weeks)."""
        term = self.term
        return term.enrollment_opens_on <= today <= term.enrollment_closes_on and today <= term.ends_on

    @property
    def enrollment_is_open(self) -> bool:
        return self.enrollment_open_on(self.local_today())

    @property
    def is_concluded(self) -> bool:
        return self.state == self.State.CONCLUDED


class CohortStaff(TenantChild):
    class Role(models.TextChoices):
        INSTRUCTOR = "instructor", "Instructor"
        TA = "ta", "Teaching assistant"

    parent_field = "cohort"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="staff")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="staffed_cohorts")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.INSTRUCTOR)

    class Meta:
        ordering = ["cohort", "role", "id"]
        constraints = [models.UniqueConstraint(fields=["tenant", "cohort", "membership"], name="cohort_staff_unique")]

    def __str__(self) -> str:
        return f"{self.membership.user} ({self.get_role_display()}, {self.cohort.section_code})"


class Enrollment(TenantChild):
    """A student's place in a cohort. One row per student and cohort; its state moves through services."""

    class State(models.TextChoices):
        APPLIED = "applied", "Applied"
        WAITLISTED = "waitlisted", "Waitlisted"
        ACTIVE = "active", "Active"
        DROPPED = "dropped", "Dropped"
        DECLINED = "declined", "Declined"
        COMPLETED = "completed", "Completed"

    parent_field = "cohort"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrollments")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="enrollments")
    state = models.CharField(max_length=10, choices=State.choices, default=State.APPLIED)
    attested_admission = models.BooleanField(
        default=False, help_text="The student attested the program's admission requirement (diploma or GED)."
    )
    applied_at = models.DateTimeField(default=timezone.now)
    waitlisted_at = models.DateTimeField(null=True, blank=True, help_text="Waitlist order: earliest first.")
    activated_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When it was dropped, declined or completed.")
    reason = models.CharField(max_length=255, blank=True, help_text="Why it was last declined or dropped.")
    final_grade = models.CharField(max_length=8, blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["cohort", "applied_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "cohort", "membership"], name="one_enrollment_per_student_cohort"),
            models.CheckConstraint(
                condition=~Q(state="waitlisted") | Q(waitlisted_at__isnull=False), name="waitlisted_has_time"
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "state", "waitlisted_at"]),
            models.Index(fields=["tenant", "state"]),
            models.Index(fields=["membership", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.membership.user} in {self.cohort.section_code} ({self.get_state_display()})"


class PrerequisiteWaiver(TenantChild):
    """A registrar lets one student take courses that require ``course`` without having completed it."""

    parent_field = "membership"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="prerequisite_waivers")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=255)
    waived_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "membership", "course"], name="one_waiver_per_course")]

    def __str__(self) -> str:
        return f"{self.course.code} waived for {self.membership.user}"


class EnrollmentImport(models.Model):
    """A CSV of enrollments: previewed row by row, then applied whole by a Celery job, or not at all."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        QUEUED = "queued", "Queued"
        APPLYING = "applying", "Applying"
        APPLIED = "applied", "Applied"
        FAILED = "failed", "Failed"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="enrollment_imports")
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    file_name = models.CharField(max_length=255)
    content = models.TextField(help_text="The decoded CSV, kept so the job applies exactly what was previewed.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    rows = models.JSONField(default=list, help_text="The preview: per row, what will change or what is wrong.")
    error_count = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        return int(100 * self.processed / self.total) if self.total else 0


class Announcement(models.Model):
    """News for a cohort (its staff post it), or for a term's or the whole school's people (registrars).

    Published at ``publish_at``: at once, or later by the beat dispatcher, which claims it by
    setting ``published_at`` and then tells its audience through the notification service.
    """

    class Audience(models.TextChoices):
        COHORT = "cohort", "One cohort"
        TERM = "term", "Everyone in a term"
        SCHOOL = "school", "The whole school"

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="announcements")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="announcements")
    term = models.ForeignKey(Term, on_delete=models.CASCADE, null=True, blank=True, related_name="announcements")
    title = models.CharField(max_length=150)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False, help_text="The body rendered and sanitised when it was saved.")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    publish_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-publish_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(audience="cohort", cohort__isnull=False, term__isnull=True)
                           | Q(audience="term", term__isnull=False, cohort__isnull=True)
                           | Q(audience="school", term__isnull=True, cohort__isnull=True)),
                name="announcement_audience_matches_its_target",
            ),
        ]
        indexes = [
            models.Index(fields=["tenant", "-publish_at"]),
            models.Index(fields=["publish_at"], name="announcement_to_publish", condition=Q(published_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.title


class AnnouncementRead(TenantChild):
    """Someone has read an announcement: it leaves their dashboard."""

    parent_field = "announcement"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "announcement", "user"], name="one_read_per_announcement")]


class LiveSession(TenantChild):
    """Office hours, a live review or a coding workshop of one cohort, held on a video-meeting link.

    ``starts_at`` is an instant (stored in UTC, shown in each viewer's zone). Afterwards the
    staff post a recording (uploaded, with captions, or a link) and mark attendance.
    Reminders 24 hours and 1 hour ahead are found by the term-schedule dispatcher.
    """

    class Kind(models.TextChoices):
        OFFICE_HOURS = "office_hours", "Office hours"
        REVIEW = "review", "Live review session"
        WORKSHOP = "workshop", "Coding workshop"

    parent_field = "cohort"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="live_sessions")
    title = models.CharField(max_length=150)
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.OFFICE_HOURS)
    description = models.TextField(blank=True, help_text="What to bring or prepare (plain text).")
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    host = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="hosted_live_sessions")
    join_url = models.URLField("join link", max_length=500)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=255, blank=True)
    recording_url = models.URLField("recording link", max_length=500, blank=True)
    recording_file = models.FileField(upload_to="live/%Y/%m/", max_length=255, blank=True)
    recording_type = models.CharField(max_length=100, blank=True)
    captions_file = models.FileField(upload_to="live/%Y/%m/", max_length=255, blank=True)
    captions_language = models.CharField(max_length=12, blank=True, default="en")
    transcript = models.TextField(blank=True, help_text="Made from the captions when they are uploaded.")
    recording_posted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=600), name="live_session_duration_range"
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "starts_at"]),
            models.Index(fields=["starts_at"], name="live_session_to_remind", condition=Q(cancelled_at__isnull=True)),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    JOIN_EARLY = datetime.timedelta(minutes=10)

    def join_opens_at(self) -> datetime.datetime:
        return self.starts_at - self.JOIN_EARLY

    def can_join_at(self, now: datetime.datetime) -> bool:
        """The join link works from 10 minutes before the start until the end."""
        return self.cancelled_at is None and self.join_opens_at() <= now < self.ends_at

    @property
    def has_recording(self) -> bool:
        return bool(self.recording_file or self.recording_url)


class LiveSessionAttendance(TenantChild):
    """Staff marked a student of the cohort present, late, excused or absent at a session."""

    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        LATE = "late", "Late"
        EXCUSED = "excused", "Excused"
        ABSENT = "absent", "Absent"

    parent_field = "session"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices)
    marked_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    marked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "session", "membership"], name="one_attendance_per_student_session"),
        ]


class CalendarFeed(TenantChild):
    """A person's private iCal feed in one school: the token in its URL is the only key.

    Replacing it makes a new token (the old URL stops working); revoking deletes the row.
    """

    parent_field = "membership"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.membership}"


class ForumTopic(TenantChild):
    """A place in a cohort's forum: the general one, one per module, or one the staff added.

    In a question-and-answer topic a student sees others' replies only after posting their own."""

    class Kind(models.TextChoices):
        GENERAL = "general", "General"
        MODULE = "module", "Module"
        CUSTOM = "custom", "Added by staff"

    parent_field = "cohort"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="forum_topics")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    module = models.ForeignKey("courses.Module", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    title = models.CharField(max_length=150)
    description = models.CharField(max_length=300, blank=True)
    answers_first = models.BooleanField(
        "question and answer", default=False, help_text="Students post before they see the others' replies."
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["cohort", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["cohort"], condition=Q(kind="general"), name="one_general_topic_per_cohort"),
            models.UniqueConstraint(fields=["cohort", "module"], condition=Q(kind="module"), name="one_topic_per_module"),
            models.CheckConstraint(condition=Q(kind="module", module__isnull=False) | ~Q(kind="module"),
                                   name="module_topic_has_module"),
        ]

    def __str__(self) -> str:
        return self.title


class ForumThread(TenantChild):
    parent_field = "topic"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(ForumTopic, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    title = models.CharField(max_length=150)
    pinned = models.BooleanField(default=False)
    locked = models.BooleanField(default=False)
    post_count = models.PositiveIntegerField(default=0, help_text="Kept with every post, for lists.")
    last_post_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-id"]
        indexes = [models.Index(fields=["topic", "-pinned", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title


class ForumPost(TenantChild):
    """The thread's opening post, a reply, or a reply to a reply (kept one level deep: its
    ``parent`` is always a top-level post, and ``quoted`` the reply it answered)."""

    parent_field = "thread"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(ForumThread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    quoted = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    endorsed_at = models.DateTimeField(null=True, blank=True)
    endorsed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["thread", "created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at", "id"])]


class ForumPostRevision(TenantChild):
    """What a post said before an edit; staff read the history."""

    parent_field = "post"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(ForumPost, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    edited_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["post", "-edited_at", "-id"]


class ForumReadState(TenantChild):
    """How far a person has read a thread: every post after ``read_until`` is unread to them."""

    parent_field = "thread"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(ForumThread, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    read_until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "thread", "user"], name="one_read_state_per_thread")]


class ForumSubscription(TenantChild):
    """Following a thread (notices of its new posts); ``following`` False keeps an unfollow
    from being undone by the automatic subscription of the next reply."""

    parent_field = "thread"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(ForumThread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    following = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["tenant", "thread", "user"], name="one_subscription_per_thread")]


class ForumReport(TenantChild):
    """A member flagged a post for the staff, with a reason; the moderation queue lists the open ones."""

    class Outcome(models.TextChoices):
        HIDDEN = "hidden", "Post hidden"
        DISMISSED = "dismissed", "Dismissed"

    parent_field = "post"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(ForumPost, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "reporter"], condition=Q(resolved_at__isnull=True),
                                    name="one_open_report_per_post_and_person"),
        ]
        indexes = [models.Index(fields=["tenant", "created_at"], name="forum_report_open",
                                condition=Q(resolved_at__isnull=True))]


class SupportKind(models.TextChoices):
    ADVISING = "advising", "Academic advising"
    TUTORING = "tutoring", "Tutoring"
    TECHNICAL = "technical", "Technical support"
    FINANCIAL_AID = "financial_aid", "Financial aid"


class SupportHandler(TenantChild):
    """The registrar named this staff member to answer one kind of support request."""

    parent_field = "membership"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="support_kinds")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["tenant", "kind", "membership"], name="one_handler_row_per_kind"),
        ]


class SupportRequest(TenantChild):
    """A student's request for help: a conversation with the staff who handle its kind.

    ``waiting_since`` is when the student's oldest unanswered message was sent (empty once staff
    answered or the request closed), so the staff list shows what has waited longest first."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ANSWERED = "answered", "Answered"
        CLOSED = "closed", "Closed"

    parent_field = "requester"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    requester = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="support_requests")
    kind = models.CharField(max_length=20, choices=SupportKind.choices)
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               help_text="The course it is about, if any.")
    subject = models.CharField(max_length=150)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    waiting_since = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-last_message_at", "-id"]
        indexes = [
            models.Index(fields=["tenant", "status", "waiting_since"]),
            models.Index(fields=["requester", "-last_message_at"]),
        ]

    def __str__(self) -> str:
        return self.subject


class SupportMessage(TenantChild):
    parent_field = "request"
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    from_staff = models.BooleanField(default=False)
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["request", "created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at", "id"])]
