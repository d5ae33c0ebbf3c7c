"""The assessments app's models: question banks and their versioned questions, assessments and
when each cohort takes them, accommodations, and attempts with their saved answers."""

from assessments.models.attempts import Accommodation, Attempt, AttemptItem, KeyReview, RegradeJob  # noqa: F401
from assessments.models.banks import BankImport, ExamDomain, Question, QuestionBank, QuestionKind, QuestionVersion  # noqa: F401
from assessments.models.delivery import (  # noqa: F401
    Assessment,
    AssessmentQuestion,
    BlueprintRule,
    CohortAssessment,
    ScoringPolicy,
    ShowWhen,
)
