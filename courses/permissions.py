"""Who may do what with the catalogue. One function per rule; pages and the API both call these."""

from __future__ import annotations

from courses.models import Program
from lms.models import Membership
from lms.permissions import is_member, is_registrar

can_manage_catalogue = is_registrar
can_see_unpublished_programs = is_registrar


def can_view_program(membership: Membership | None, program: Program) -> bool:
    """Students and instructors read published programs; registrars read drafts too."""
    if not is_member(membership) or program.tenant_id != membership.tenant_id:
        return False
    return program.is_published or can_see_unpublished_programs(membership)
