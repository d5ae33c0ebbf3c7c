"""What assessments tell people: an assessment opened, one is due tomorrow, an attempt was graded."""

from __future__ import annotations

from lms.models import Role
from lms.notifications.kinds import NOW, SHOWN_MAILED_DAILY, Kind, Mode, register

ASSESSMENT_OPENED = register(Kind(
    "assessment.opened", "Assessment opens", "Assessments",
    "A quiz, assignment or practice exam of your cohort is open to take.",
    {Role.STUDENT: SHOWN_MAILED_DAILY},
))
ASSESSMENT_DUE = register(Kind(
    "assessment.due", "Assessment due tomorrow", "Assessments",
    "An assessment you have not submitted is due within a day.",
    {Role.STUDENT: NOW},
))
ASSESSMENT_GRADED = register(Kind(
    "assessment.graded", "Attempt graded", "Assessments",
    "Your attempt has been graded and its results are ready.",
    {Role.STUDENT: (Mode.IMMEDIATE, Mode.DIGEST)},
))
HAND_GRADING = register(Kind(
    "assessment.needs_grading", "Written answers to grade", "Assessments",
    "A submitted attempt of your cohort has written answers waiting for a grade.",
    {Role.INSTRUCTOR: SHOWN_MAILED_DAILY},
))
