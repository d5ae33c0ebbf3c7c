"""Code references in what members write: E11.65, 99213 or J1100 link to the encoder's code page
when the code exists in a release the school can see (its own licensed CPT included)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.urls import reverse

from codesets.models import Code, System
from codesets.search import current_releases
from lms.models import Tenant

# ICD-10-CM with its dot (or a three-character category), CPT's five characters, HCPCS Level II.
CODE_REFERENCE = re.compile(
    r"(?<![\w.])(?:[A-TV-Z][0-9][0-9AB](?:\.[0-9A-Z]{1,4})?|[0-9]{4}[0-9FTU]|[A-V][0-9]{4})(?!\w|\.\w)"
)
MAX_CANDIDATES = 200  # a post that lists more is not one whose every code needs a link


def code_reference_links(*, tenant: Tenant, candidates: list[str]) -> Mapping[str, str]:
    """{candidate: URL of its code page} for the candidates that exist for the school (one query)."""
    candidates = candidates[:MAX_CANDIDATES]
    releases = current_releases(tenant=tenant)
    if not candidates or not releases:
        return {}
    found = Code.objects.filter(release__in=releases, code__in=candidates).values_list("system", "code")
    # A code that is both (rare: a five-digit CPT never looks like ICD-10-CM), the first system wins.
    order = {System.ICD10CM: 0, System.HCPCS: 1, System.CPT: 2}
    links: dict[str, str] = {}
    for system, code in sorted(found, key=lambda row: order.get(row[0], 9)):
        links.setdefault(code, reverse("codes:code", kwargs={"system": system, "code": code}))
    return links
