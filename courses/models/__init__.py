"""The courses app's models: the catalogue, course content, and progress through it."""

from courses.models.catalogue import (  # noqa: F401
    MIN_PRACTICUM_HOURS,
    CostItem,
    Course,
    Credential,
    PaymentPlan,
    Prerequisite,
    Program,
    ProgramCourse,
    TenantChild,
    course_code_validator,
)
from courses.models.content import (  # noqa: F401
    KeyLine,
    KeyRole,
    Lesson,
    LessonFile,
    Module,
    ModuleKind,
    ModulePrerequisite,
    RecordKind,
)
from courses.models.progress import ExerciseAttempt, LessonProgress  # noqa: F401
