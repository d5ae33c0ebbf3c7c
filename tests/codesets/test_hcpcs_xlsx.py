"""The HCPCS Level II workbook: the CMS October 2025 release (shipped and in ../shared) and workbooks that are not one."""

from __future__ import annotations

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from codesets.check import codes_check
from codesets.hcpcs import CURRENT_FILE
from codesets.hcpcs_xlsx import parse_rows, read_workbook
from codesets.management.commands.load_hcpcs import default_version, parse_start, release_title
from codesets.models import Code, Release, System
from tests.codesets.test_hcpcs import CMS_2016, code, load, loaded_for_module, require_cms_2016
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.django_db

CMS_2025_OCT = SHARED_DATA / "hcpcs-2025-oct" / "HCPC2025_OCT_ANWEB.xlsx"
OCT_1_2025 = datetime.date(2025, 10, 1)
SEP_30_2025 = datetime.date(2025, 9, 30)
HEADER = ["HCPC", "SEQNUM", "RECID", "LONG DESCRIPTION", "SHORT DESCRIPTION", "ADD DT", "ACT EFF DT", "TERM DT",
          "ACTION CD"]


def require_cms_2025_oct() -> None:
    if not CMS_2025_OCT.is_file():
        pytest.skip(f"the CMS October 2025 HCPCS workbook is not at {CMS_2025_OCT} (../shared/data is absent)")


@pytest.fixture(scope="module")
def cms_rows():
    """The rows of the CMS workbook in ../shared, read once (about a second)."""
    require_cms_2025_oct()
    return read_workbook(CMS_2025_OCT, effective_from=OCT_1_2025)


@pytest.fixture(scope="module")
def _current_loaded(django_db_setup, django_db_blocker):
    """The shipped workbook, loaded once for this module (about two seconds), committed, and removed afterwards.

    While it is here it is the newest HCPCS release, so the check service uses it.
    """
    with loaded_for_module(django_db_blocker, CURRENT_FILE, "2025-10") as release:
        yield release


@pytest.fixture
def current(_current_loaded, db) -> Release:
    return Release.objects.get(pk=_current_loaded.pk)


def workbook(path: Path, header: list[str], *rows: list[object]) -> Path:
    """A one-sheet workbook at ``path`` with ``header`` and ``rows``."""
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def a_row(**cells: object) -> list[object]:
    """A row under HEADER: a real procedure code unless cells say otherwise."""
    values = {"HCPC": "C9088", "SEQNUM": "0010", "RECID": "3",
              "LONG DESCRIPTION": "Instillation, bupivacaine and meloxicam, 1 mg/0.03 mg",
              "SHORT DESCRIPTION": "Instill, bupivac and meloxic", "ADD DT": "20220101", "ACT EFF DT": "20251001",
              "TERM DT": 20250930, "ACTION CD": "D", **cells}
    return [values[name] for name in HEADER]


def test_shipped_workbook_is_the_cms_file_byte_for_byte():
    require_cms_2025_oct()
    assert CURRENT_FILE.read_bytes() == CMS_2025_OCT.read_bytes()


def test_cms_workbook_holds_8463_procedure_codes_and_383_modifiers(cms_rows):
    kinds = [row.kind for row in cms_rows]
    assert (kinds.count(Code.Kind.PROCEDURE), kinds.count(Code.Kind.MODIFIER)) == (8463, 383)


def test_newest_added_and_effective_dates_are_october_1_2025(cms_rows):
    assert max(row.added_on for row in cms_rows if row.added_on) == OCT_1_2025
    assert max(row.effective_on for row in cms_rows if row.effective_on) == OCT_1_2025


def test_loaded_release_holds_every_row_of_the_shipped_workbook(current):
    codes = Code.objects.filter(release=current)
    assert codes.filter(kind=Code.Kind.PROCEDURE).count() == 8463
    assert codes.filter(kind=Code.Kind.MODIFIER).count() == 383
    assert (current.is_ready, current.item_count, current.source) == (True, 8846, "HCPC2025_OCT_ANWEB.xlsx")


def test_release_is_2025_10_from_october_1_to_december_31(current):
    assert (current.version, current.title) == ("2025-10", "HCPCS Level II 2025-10 (October 2025)")
    assert (current.effective_from, current.effective_to) == (OCT_1_2025, datetime.date(2025, 12, 31))


def test_the_7258_codes_without_a_termination_date_are_the_billable_ones(current):
    procedures = Code.objects.filter(release=current, kind=Code.Kind.PROCEDURE)
    assert procedures.filter(terminated_on__isnull=True).count() == 7258
    assert procedures.filter(billable=True).count() == current.billable_count == 7258
    assert not procedures.filter(terminated_on__isnull=True, billable=False).exists()


def test_code_terminated_on_september_30_is_kept_but_not_billable(current):
    c9088 = code(current, "C9088")
    assert c9088.description == "Instillation, bupivacaine and meloxicam, 1 mg/0.03 mg"
    assert (c9088.terminated_on, c9088.effective_on, c9088.action_code) == (SEP_30_2025, OCT_1_2025, "D")
    assert c9088.billable is False


def test_modifier_is_read_from_its_right_aligned_cell(current):
    a1, rt = code(current, "A1"), code(current, "RT")
    assert (a1.code, a1.kind, a1.billable, a1.description) == ("A1", Code.Kind.MODIFIER, False, "Dressing for one wound")
    assert rt.description == "Right side (used to identify procedures performed on the right side of the body)"
    assert rt.short_description == "Right side"


def test_long_description_is_whole_from_its_one_cell(current):
    g2211 = code(current, "G2211")
    assert len(g2211.description) > 80
    assert g2211.description.startswith("Visit complexity inherent to evaluation and management associated with "
                                        "medical care services that serve as the continuing focal point")
    assert g2211.description.endswith("visit, new or established)")
    assert g2211.short_description == "Complex e/m visit add on"


def test_dates_stored_as_numbers_and_as_text_read_alike(current):
    # C9088's termination date and L6034's added date are numbers in the CMS cells; C9174's are text.
    assert code(current, "C9088").terminated_on == code(current, "C9174").terminated_on == SEP_30_2025
    assert code(current, "L6034").added_on == OCT_1_2025


@pytest.mark.parametrize("value, expected", [
    ("20250930", SEP_30_2025), (20250930, SEP_30_2025), (20250930.0, SEP_30_2025), (" 20250930 ", SEP_30_2025),
    (datetime.datetime(2025, 9, 30), SEP_30_2025), ("", None), (None, None), (0, None), ("00000000", None),
], ids=repr)
def test_termination_date_as_text_number_or_blank(value, expected):
    [row] = parse_rows([HEADER, a_row(**{"TERM DT": value})], effective_from=OCT_1_2025)
    assert row.terminated_on == expected
    assert row.billable is (expected is None)


def test_columns_are_found_by_their_header_names_in_any_order(tmp_path):
    header = ["ACTION CD", "TERM_DT", "HCPC", "RECID", "SHORT DESCRIPTION", "LONG DESCRIPTION", "ACT EFF DT",
              "ADD DT", "PRICE1"]
    path = workbook(tmp_path / "HCPC2099_OCT_ANWEB.xlsx", header,
                    ["N", None, "   LT", 7, "Left side", "Left side (used to identify procedures performed on the "
                     "left side of the body)", 19970101, "19840101", ""])
    [lt] = read_workbook(path, effective_from=datetime.date(2099, 10, 1))
    assert (lt.code, lt.kind, lt.short_description, lt.action_code) == ("LT", Code.Kind.MODIFIER, "Left side", "N")
    assert (lt.added_on, lt.effective_on, lt.terminated_on) == (datetime.date(1984, 1, 1), datetime.date(1997, 1, 1), None)


def test_workbook_with_a_wrong_header_is_refused_naming_what_is_missing_and_nothing_is_loaded(tmp_path):
    header = [name for name in HEADER if name not in ("TERM DT", "ACTION CD")]
    path = workbook(tmp_path / "HCPC2099_OCT_ANWEB.xlsx", header, a_row()[:len(header)])
    with pytest.raises(CommandError, match="HCPC2099_OCT_ANWEB.xlsx is not a CMS HCPCS workbook") as raised:
        load(path)
    assert "row 1: the header row lacks TERM DT, ACTION CD" in str(raised.value)
    assert not Release.objects.filter(system=System.HCPCS, version="2099-10").exists()
    assert not Code.objects.filter(release__version="2099-10").exists()


BAD_ROWS = {
    "continuation row": (a_row(RECID="4"), "row 3: unknown record identification code '4' in column RECID"),
    "cpt code": (a_row(HCPC="99213"), "row 3: '99213' in column HCPC is not a HCPCS Level II code"),
    "long modifier": (a_row(HCPC="  ABC", RECID="7"), "row 3: 'ABC' in column HCPC is not a HCPCS modifier"),
    "code twice": (a_row(), "row 3: C9088 appears again (first at row 2)"),
    "bad date": (a_row(HCPC="C9174", **{"ADD DT": "2022-01-01"}), "row 3: added date '2022-01-01' is not a CCYYMMDD date"),
    "no description": (a_row(HCPC="C9174", **{"LONG DESCRIPTION": "  "}), "row 3: C9174 has no long description"),
}


@pytest.mark.parametrize("bad, message", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_bad_row_is_refused_naming_the_row_and_nothing_is_loaded(tmp_path, bad, message):
    path = workbook(tmp_path / "HCPC2099_OCT_ANWEB.xlsx", HEADER, a_row(), bad)
    with pytest.raises(CommandError, match=re.escape(message)):
        load(path)
    assert not Release.objects.filter(system=System.HCPCS, version="2099-10").exists()


def test_file_that_is_not_a_workbook_is_refused(tmp_path):
    path = tmp_path / "HCPC2099_OCT_ANWEB.xlsx"
    path.write_text("HCPC,SEQNUM,RECID\nA0021,00100,3\n")
    with pytest.raises(CommandError, match=r"is not a CMS HCPCS workbook .*row 1: not an Excel workbook"):
        load(path)


def test_empty_sheet_is_refused(tmp_path):
    path = workbook(tmp_path / "HCPC2099_OCT_ANWEB.xlsx", HEADER)
    with pytest.raises(CommandError, match="row 2: no HCPCS records found below the header row"):
        load(path)


def test_quarterly_file_name_gives_year_and_month_and_the_2016_files_keep_theirs():
    assert default_version(Path("/downloads/HCPC2025_OCT_ANWEB.xlsx")) == "2025-10"
    assert default_version(Path("HCPC2026_JAN_ANWEB_v2.xlsx")) == "2026-01"
    assert default_version(Path("/downloads/HCPC2016_CONTR_ANWEB.txt")) == "2016"
    assert (parse_start(None, "2025-10"), parse_start(None, "2016"), parse_start(None, "2016-sample")) == (
        OCT_1_2025, datetime.date(2016, 1, 1), datetime.date(2016, 1, 1))
    assert (release_title("2025-10"), release_title("2016")) == ("HCPCS Level II 2025-10 (October 2025)",
                                                                "HCPCS Level II 2016")


def test_version_and_effective_date_can_be_given_for_a_workbook(tmp_path):
    path = workbook(tmp_path / "hcpcs-export.xlsx", HEADER, a_row())
    load(path, "--version", "2025-q4", "--effective-from", "2025-09-01")
    release = Release.objects.get(system=System.HCPCS, version="2025-q4")
    assert (release.effective_from, release.title) == (datetime.date(2025, 9, 1), "HCPCS Level II 2025-q4")
    assert code(release, "C9088").billable is True  # still in force on September 1


def test_check_service_says_the_code_was_terminated_on_an_iso_date(current, school_a):
    result = codes_check(tenant=school_a.tenant, system=System.HCPCS, codes=["c9088"])
    [check] = result.codes
    assert result.release == current
    assert (check.valid, check.billable) == (True, False)
    assert [(f.rule, f.reason) for f in check.findings] == [("terminated", "C9088 was terminated on 2025-09-30.")]


def test_second_load_says_already_loaded_and_changes_nothing(current):
    loaded_at = current.loaded_at
    assert load(CURRENT_FILE).strip() == "HCPCS Level II 2025-10 is already loaded (use --force to reload)."
    current.refresh_from_db()
    assert current.loaded_at == loaded_at
    assert Code.objects.filter(release=current).count() == 8846


def diff_command(*args: str) -> str:
    out = StringIO()
    call_command("codeset_diff", *args, stdout=out)
    return out.getvalue()


def test_codeset_diff_from_2016_to_2025_10_counts_added_deleted_and_revised(current):
    require_cms_2016()
    load(CMS_2016)  # rolled back with the test (or found loaded)
    output = diff_command("hcpcs", "2016", "2025-10")
    assert output.splitlines()[0] == (
        "HCPCS Level II 2016 -> HCPCS Level II 2025-10: 2,757 added, 204 deleted, 828 revised.")
    added, deleted, revised = output.index("Added (2,757)"), output.index("Deleted (204)"), output.index("Revised (828)")
    # G2211 (the E/M complexity add-on, 2021) and L6034 (October 2025) came after 2016; C1879 is gone.
    assert added < output.index("\n  G2211    Visit complexity") < output.index("\n  L6034    Partial hand") < deleted
    assert deleted < output.index("\n  C1879    Tissue marker (implantable)") < revised
    # A9155 was terminated since (kept, with its date); A4221 was re-described.
    assert "\n  A9155\n    Artificial saliva, 30 ml\n    termination date: none -> 2025-03-31" in output[revised:]
    assert ("\n  A4221\n    old: Supplies for maintenance of drug infusion catheter, per week (list drug separately)\n"
            "    new: Supplies for maintenance of non-insulin drug infusion catheter") in output[revised:]
