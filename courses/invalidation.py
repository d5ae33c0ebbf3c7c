"""What moves a course's ``content_revision`` on: every write to the rows a course outline copies.

The outline's structure (modules, lessons, prerequisites) is kept per process
under the course's id, creation time and revision (courses/selectors/
learning.py, ``course_modules``). The revision is read with the course row
the page loads anyway, so a change is seen by every process on its next
request, with no shared cache to clear. The bump runs in the same
transaction as the change: a reader sees the old revision with the old
rows, or the new with the new.

Saves and deletes send signals (a module's cascade deletes its lessons one
by one, each with its signal). Writes that bypass them call
``content_changed`` themselves: the bulk renumbering in
courses/services/content/_shared.py and the Markdown re-render of a course
copy. Bulk inserts only ever create new courses, which start at revision 0.
Progress rows are not structure and never bump it.
"""

from __future__ import annotations

from django.db.models import F, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from courses.models import Course, Lesson, Module, ModulePrerequisite


def content_changed(course_id: int | None) -> None:
    if course_id is not None:
        Course.objects.filter(pk=course_id).update(content_revision=F("content_revision") + 1)


@receiver(post_save, sender=Module, dispatch_uid="courses.content_changed_on_module_save")
@receiver(post_delete, sender=Module, dispatch_uid="courses.content_changed_on_module_delete")
def module_changed(sender, instance: Module, **kwargs) -> None:
    content_changed(instance.course_id)


@receiver(post_save, sender=Lesson, dispatch_uid="courses.content_changed_on_lesson_save")
@receiver(post_delete, sender=Lesson, dispatch_uid="courses.content_changed_on_lesson_delete")
@receiver(post_save, sender=ModulePrerequisite, dispatch_uid="courses.content_changed_on_prerequisite_save")
@receiver(post_delete, sender=ModulePrerequisite, dispatch_uid="courses.content_changed_on_prerequisite_delete")
def module_row_changed(sender, instance: Lesson | ModulePrerequisite, **kwargs) -> None:
    """A lesson or a prerequisite link: its module names the course (one UPDATE with a subquery)."""
    course = Module.objects.filter(pk=instance.module_id).values("course_id")
    Course.objects.filter(pk=Subquery(course)).update(content_revision=F("content_revision") + 1)
