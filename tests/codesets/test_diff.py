"""Release diffs: which codes a new code-set year added, deleted or revised."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from codesets.diff import ChangedCode, release_diff
from codesets.models import Code, Release, System
from tests.factories import CodeFactory, ReleaseFactory, TenantFactory

pytestmark = pytest.mark.django_db


def release_with(codes: dict[str, str], **release_fields) -> Release:
    """A ready release holding ``codes`` (key -> description)."""
    release = ReleaseFactory(**release_fields)
    for key, description in codes.items():
        CodeFactory(release=release, code=key, key=key, description=description)
    return release


@pytest.fixture
def years() -> tuple[Release, Release]:
    # Only these two HCPCS years exist in this test (the session's shared sample is removed inside
    # the test's transaction and comes back when it rolls back).
    Release.objects.filter(system=System.HCPCS).delete()
    old = release_with({"A0001": "Alpha", "A0002": "Bravo", "A0003": "Charlie"}, version="2015")
    new = release_with({"A0001": "Alpha", "A0002": "Bravo, revised", "A0004": "Delta"}, version="2016")
    return old, new


def test_code_only_in_the_new_release_is_added(years):
    old, new = years
    assert release_diff(old=old, new=new).added == [ChangedCode("A0004", "A0004", None, "Delta")]


def test_code_only_in_the_old_release_is_deleted(years):
    old, new = years
    assert release_diff(old=old, new=new).deleted == [ChangedCode("A0003", "A0003", "Charlie", None)]


def test_code_with_a_new_description_is_revised_and_unchanged_codes_are_not_listed(years):
    old, new = years
    diff = release_diff(old=old, new=new)
    assert diff.revised == [ChangedCode("A0002", "A0002", "Bravo", "Bravo, revised")]
    assert diff.changed_keys == {"A0002", "A0003"}


def test_new_termination_date_makes_a_hcpcs_code_revised():
    old = release_with({"J0886": "Injection, epoetin alfa, 1000 units"})
    new = release_with({"J0886": "Injection, epoetin alfa, 1000 units"})
    Code.objects.filter(release=new).update(terminated_on=datetime.date(2015, 12, 31))
    [item] = release_diff(old=old, new=new).revised
    assert (item.key, item.description_changed, item.old_terminated_on, item.new_terminated_on) == (
        "J0886", False, None, datetime.date(2015, 12, 31))


def test_chapters_and_blocks_are_not_compared():
    old = ReleaseFactory(system=System.ICD10CM)
    new = ReleaseFactory(system=System.ICD10CM)
    CodeFactory(release=old, kind=Code.Kind.CHAPTER, code="4", key="4", description="Endocrine diseases (E00-E89)")
    CodeFactory(release=new, kind=Code.Kind.BLOCK, code="E08-E13", key="E08-E13", description="Diabetes mellitus")
    CodeFactory(release=old, kind=Code.Kind.CATEGORY, code="E11", key="E11", description="Type 2 diabetes mellitus")
    CodeFactory(release=new, kind=Code.Kind.CATEGORY, code="E11", key="E11", description="Type 2 diabetes mellitus")
    assert not release_diff(old=old, new=new)


def test_releases_of_different_code_sets_are_refused():
    hcpcs = release_with({"A0001": "Alpha"})
    icd = ReleaseFactory(system=System.ICD10CM)
    with pytest.raises(ValueError, match="different code sets"):
        release_diff(old=hcpcs, new=icd)


def test_cpt_releases_of_different_schools_are_refused():
    one = ReleaseFactory(system=System.CPT, tenant=TenantFactory(slug="northwind"))
    other = ReleaseFactory(system=System.CPT, tenant=TenantFactory(slug="riverside"))
    with pytest.raises(ValueError, match="different schools"):
        release_diff(old=one, new=other)


def test_release_still_loading_is_refused():
    old = release_with({"A0001": "Alpha"})
    loading = ReleaseFactory(status=Release.Status.LOADING)
    with pytest.raises(ValueError, match="not loaded"):
        release_diff(old=old, new=loading)


@pytest.mark.parametrize("size", [5, 300])
def test_query_count_does_not_grow_with_the_number_of_codes(django_assert_max_num_queries, size):
    old = ReleaseFactory()
    new = ReleaseFactory()
    for release, suffix in ((old, "old"), (new, "new")):
        Code.objects.bulk_create(
            Code(release=release, system=release.system, kind=Code.Kind.PROCEDURE, code=f"A{n:04d}",
                 key=f"A{n:04d}", description=f"Supply {n} {suffix}")
            for n in range(size)
        )
    with django_assert_max_num_queries(2):
        diff = release_diff(old=old, new=new)
    assert len(diff.revised) == size


def diff_command(*args: str) -> str:
    out = StringIO()
    call_command("codeset_diff", *args, stdout=out)
    return out.getvalue()


def test_command_reports_counts_then_added_deleted_and_revised(years):
    output = diff_command("hcpcs", "2015", "2016")
    assert output.splitlines()[0] == "HCPCS Level II 2015 -> HCPCS Level II 2016: 1 added, 1 deleted, 1 revised."
    added, deleted, revised = output.index("Added (1)"), output.index("Deleted (1)"), output.index("Revised (1)")
    assert added < output.index("A0004    Delta") < deleted < output.index("A0003    Charlie") < revised
    assert "    old: Bravo\n    new: Bravo, revised" in output[revised:]
    assert "A0001" not in output


def test_command_names_the_loaded_versions_when_one_is_unknown(years):
    with pytest.raises(CommandError, match=r"No loaded HCPCS Level II release '2017'\. Loaded versions: 2015, 2016\."):
        diff_command("hcpcs", "2016", "2017")


def test_command_refuses_an_unknown_code_set():
    with pytest.raises(CommandError, match="Unknown code set 'icd9'; choose one of: icd10cm, hcpcs, cpt"):
        diff_command("icd9", "2015", "2016")


def test_command_compares_cpt_only_within_the_named_school():
    northwind, riverside = TenantFactory(slug="northwind"), TenantFactory(slug="riverside")
    release_with({"99213": "Office visit"}, system=System.CPT, tenant=northwind, version="2025")
    release_with({"99213": "Office visit", "99214": "Longer visit"},
                 system=System.CPT, tenant=northwind, version="2026")
    release_with({"99215": "Secret"}, system=System.CPT, tenant=riverside, version="2026")
    assert "1 added, 0 deleted, 0 revised" in diff_command("cpt", "2025", "2026", "--tenant", "northwind")
    with pytest.raises(CommandError, match="Loaded versions: 2026"):
        diff_command("cpt", "2025", "2026", "--tenant", "riverside")
    with pytest.raises(CommandError, match="pass --tenant"):
        diff_command("cpt", "2025", "2026")
