"""REST API of course content: modules, lessons, a student's progress and exercise tries.

``views`` holds the endpoints, ``outputs`` and ``inputs`` their serializers.

Who sees what is decided in ``courses.selectors.content``: the course's staff
every module and lesson, drafts too; a student with an active enrollment the
published modules with their state in that cohort, and the published lessons
of the modules open to them. A lesson of a locked module is left out of the
lists and is a 404 by id, for progress and attempts too. Every lookup comes
first, so another school's id, or a course the caller has no place in, is a
404; only then is the role checked, and a role refusal is a 403.

Students never receive an exercise's answer key; the rationale of each line
comes back in the feedback of a try.
"""

from courses.api_content.views import CourseModulesView, LessonViewSet, ModuleViewSet  # noqa: F401
