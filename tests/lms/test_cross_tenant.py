"""Every route that takes an object id answers 404 to another school's member.

The walk reads the URL configuration, so a new route is covered without
editing this file; a route whose id kind is not known here fails the test
until it is added to ID_SOURCES.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from codesets.models import Code, Release, System
from lms.models import Invitation, Membership
from tests.factories import CodeFactory, ReleaseFactory

# Routes that are not the school's objects: the platform operators' admin
# (global, staff only) and allauth's signed, per-user keys.
EXCLUDED_MODULE_PREFIXES = ("django.contrib.admin", "allauth.")

ID_SOURCES = {
    "membership_id": lambda objs: objs["membership"].pk,
    "invitation_id": lambda objs: objs["invitation"].pk,
    "token": lambda objs: objs["invitation"].token,
    "release_id": lambda objs: objs["cpt_release"].pk,
    # Code routes: ICD-10-CM and HCPCS are shared by every school; a licensed CPT code is the school's own.
    "system": lambda objs: System.CPT,
    "code": lambda objs: objs["cpt_code"].code,
}

METHODS = ["get", "post", "patch", "put", "delete"]


def _routes(resolver: URLResolver, namespace: str = "", inherited: tuple[str, ...] = ()) -> Iterator[tuple]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, ns, inherited + tuple(entry.pattern.regex.groupindex))
        elif isinstance(entry, URLPattern):
            kwargs = inherited + tuple(entry.pattern.regex.groupindex)
            if kwargs:
                yield namespace, entry, kwargs


def routes_with_ids() -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for namespace, entry, kwargs in _routes(get_resolver()):
        module = getattr(entry.callback, "__module__", "")
        if module.startswith(EXCLUDED_MODULE_PREFIXES) or namespace.startswith("admin:"):
            continue
        assert entry.name, f"route {entry.pattern} takes {kwargs} but has no name; name it so it can be walked"
        found.append((f"{namespace}{entry.name}", kwargs))
    return found


ROUTES = routes_with_ids()


def test_the_walk_finds_the_routes_we_know_of():
    names = {name for name, _ in ROUTES}
    assert {"lms:member_detail", "lms:invitation_accept", "api:member-detail", "api:invitation-detail"} <= names


@pytest.mark.parametrize(("route", "kwarg_names"), ROUTES, ids=[name for name, _ in ROUTES])
def test_other_schools_ids_answer_404(route, kwarg_names, school_a, school_b, invitation_a):
    cpt_release = ReleaseFactory(system=System.CPT, tenant=school_a.tenant)
    cpt_code = CodeFactory(release=cpt_release, code="0001T", description="Licensed descriptor of this school")
    objects = {
        "membership": school_a.membership(school_a.student),
        "invitation": invitation_a,
        "cpt_release": cpt_release,
        "cpt_code": cpt_code,
    }
    unknown = [k for k in kwarg_names if k not in ID_SOURCES]
    assert not unknown, f"{route} takes {unknown}: add how to find a school's object for it to ID_SOURCES"
    url = reverse(route, kwargs={k: ID_SOURCES[k](objects) for k in kwarg_names})
    # CPT rows only: the ICD-10-CM release other tests load stays in the database and is large.
    watched = (
        Membership.objects.all(),
        Invitation.objects.all(),
        Release.objects.filter(system=System.CPT),
        Code.objects.filter(system=System.CPT),
    )
    before = [list(rows.values()) for rows in watched]

    # The owner can reach it (so a 404 below means something).
    own = school_a.client(school_a.registrar).get(url)
    assert own.status_code in (200, 405), f"{url} as its own registrar gave {own.status_code}"

    intruder = school_b.client(school_b.registrar)
    for method in METHODS:
        response = getattr(intruder, method)(url, content_type="application/json") if method != "get" else intruder.get(url)
        if response.status_code == 405:
            continue
        assert response.status_code == 404, f"{method.upper()} {url} from another school gave {response.status_code}"
        assert school_a.tenant.name not in response.content.decode()
        assert cpt_code.description not in response.content.decode()
    assert [list(rows.values()) for rows in watched] == before
