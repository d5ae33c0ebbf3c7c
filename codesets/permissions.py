"""Who may do what with code sets. One function per rule, as in lms/permissions.py."""

from __future__ import annotations

from lms.permissions import is_registrar

# Uploading or removing the school's licensed CPT file is a registrar's job:
# the licence is the school's, and the codes reach every course.
can_manage_code_sets = is_registrar
