"""How the audit log names what assessments record."""

from lms.audit import register_audit_labels

register_audit_labels(
    actions={
        "question_bank.created": "Question bank created",
        "question_bank.changed": "Question bank changed",
        "question_bank.imported": "Questions imported",
        "question.created": "Question written",
        "question.changed": "Question edited",
        "question.archived": "Question archived",
        "question.restored": "Question restored",
        "assessment.created": "Assessment created",
        "assessment.changed": "Assessment changed",
        "assessment.scheduled": "Assessment scheduled for a cohort",
        "assessment.schedule_changed": "Assessment dates changed",
        "attempt.score_changed": "Attempt score changed",
        "attempt.hand_graded": "Written answer graded",
        "accommodation.set": "Accommodation set",
    },
    fields={"points": "Points", "percent": "Percent", "reason": "Why", "time_multiplier": "Time multiplier",
            "extra_attempts": "Extra attempts", "close_extension_hours": "Close extended by (hours)"},
)
