from django.apps import AppConfig


class CohortsConfig(AppConfig):
    name = "cohorts"
    verbose_name = "Terms, cohorts and enrollment"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Connects the hook that enrolls invited students of a CSV import when they accept.
        # The schedule module registers its notification kinds.
        from django.db.models.signals import post_save

        import cohorts.forum_requirements  # noqa: F401  (registers the "post in the module's topic" requirement)
        import cohorts.support  # noqa: F401  (its notification kinds and audit labels)
        from cohorts import announcements, forum_moderation, forums, imports, live_sessions, schedule  # noqa: F401
        from cohorts.calendar_feed import forget_feed_when_access_ends
        from cohorts.models import Enrollment
        from lms.audit import register_audit_labels
        from lms.models import Membership, User

        post_save.connect(forget_feed_when_access_ends, sender=Membership, dispatch_uid="calendar-feed-membership")
        post_save.connect(forget_feed_when_access_ends, sender=User, dispatch_uid="calendar-feed-user")

        register_audit_labels(
            actions={
                "term.created": "Term created",
                "forum.thread_changed": "Forum thread pinned or locked",
                "forum.post_hidden": "Forum post hidden",
                "forum.post_restored": "Forum post restored",
                "term.changed": "Term changed",
                "cohort.created": "Cohort created",
                "cohort.changed": "Cohort changed",
                "enrollment.applied": "Applied to a cohort",
                "enrollment.approved": "Application approved",
                "enrollment.waitlisted": "Approved onto the waitlist",
                "enrollment.promoted": "Promoted from the waitlist",
                "enrollment.declined": "Application declined",
                "enrollment.dropped": "Dropped",
                "enrollment.completed": "Completed with a final grade",
                "enrollment.admitted": "Enrolled by the registrar",
                "prerequisite.waived": "Prerequisite waived",
                "announcement.posted": "Announcement posted",
                "live_session.scheduled": "Live session scheduled",
                "live_session.changed": "Live session changed",
                "live_session.cancelled": "Live session cancelled",
                "live_session.recording_posted": "Recording posted",
                "live_session.attendance": "Attendance taken",
                "calendar_feed.created": "Calendar feed link made",
                "calendar_feed.replaced": "Calendar feed link replaced",
                "calendar_feed.revoked": "Calendar feed turned off",
            },
            fields={
                "starts_on": "First day",
                "ends_on": "Last day",
                "enrollment_opens_on": "Enrollment opens",
                "enrollment_closes_on": "Enrollment closes",
                "drop_deadline": "Last day to drop",
                "course": "Course",
                "term": "Term",
                "section_code": "Section",
                "capacity": "Seats",
                "meeting_pattern": "Meets",
                "staff": "Staff",
                "state": "State",
                "reason": "Reason",
                "final_grade": "Final grade",
                "student": "Student",
                "missing_prerequisites": "Missing prerequisites",
                "starts_at": "Starts",
                "duration": "Minutes",
                "title": "Title",
            },
            values={"enrollment.state": dict(Enrollment.State.choices)},
        )
