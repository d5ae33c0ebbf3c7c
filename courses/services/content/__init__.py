"""Writes of course content: modules and lessons in order, lesson files, answer keys, new versions of a course.

Each runs in one transaction, checks everything before it stores anything and
is audited. Uploads are judged by their bytes (``courses.content_files``) and
go through Django's storage under a random name; when a write is refused after
a file was stored, the file is removed again. Rows share stored files (a
duplicated course points at its original's), so a file leaves storage only
once no row names it, after the deletion commits.

Who may call these is the views' and API's business (``can_author_course``).
"""

from courses.services.content._shared import storing_files  # noqa: F401
from courses.services.content.keys import key_lines_replace  # noqa: F401
from courses.services.content.lessons import (  # noqa: F401
    lesson_delete,
    lesson_file_add,
    lesson_file_delete,
    lesson_move,
    lesson_save,
    lesson_set_published,
)
from courses.services.content.modules import module_delete, module_move, module_save, module_set_published  # noqa: F401
from courses.services.content.versions import course_duplicate  # noqa: F401
