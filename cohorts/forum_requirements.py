"""Posting in the module's forum topic as a module's completion requirement (courses/requirements.py).

Registered from ``CohortsConfig.ready``, so the module editor offers it beside the others. A post
counts when its author is the enrollment's student, it sits in a thread of the module's topic in
the enrollment's own cohort, and it is not hidden: a post the staff hid stops counting.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, F

from cohorts.models import Enrollment, ForumTopic
from courses.requirements import ModuleFacts, Param, Requirement, RequirementStatus, register


@register
class ForumPostRequirement(Requirement):
    kind = "forum_post"
    label = "Post in the module's forum topic"
    params = (Param("posts", "Posts needed", minimum=1, maximum=20, default=1),)

    def describe(self, params: Mapping[str, Any]) -> str:
        needed = params.get("posts", 1)
        return self.label if needed == 1 else f"Post {needed} times in the module's forum topic"

    def gather(self, *, modules: list, enrollment_ids: list[int]) -> dict[tuple[int, int], int]:
        """{(enrollment id, module id): posts}, for the modules that ask for posts: one query."""
        module_ids = [m.pk for m in modules if any(item.get("kind") == self.kind for item in m.requirements or [])]
        if not module_ids or not enrollment_ids:
            return {}
        posts = "cohort__forum_topics__threads__posts"
        rows = (
            # One filter() call, so every condition is on the same topic and the same post.
            Enrollment.objects.filter(**{
                "pk__in": enrollment_ids,
                "cohort__forum_topics__kind": ForumTopic.Kind.MODULE,
                "cohort__forum_topics__module_id__in": module_ids,
                f"{posts}__author_id": F("membership__user_id"),
                f"{posts}__hidden_at__isnull": True,
            })
            .values_list("pk", "cohort__forum_topics__module_id")
            .annotate(n=Count(posts))
            .order_by()
        )
        return {(enrollment_id, module_id): n for enrollment_id, module_id, n in rows}

    def status(self, params: Mapping[str, Any], facts: ModuleFacts) -> RequirementStatus:
        needed = params.get("posts", 1)
        have = (facts.gathered or {}).get((facts.enrollment_id, facts.module.pk), 0)
        detail = f"{min(have, needed)} of {needed} post{'' if needed == 1 else 's'}"
        return RequirementStatus(have >= needed, self.describe(params), detail)
