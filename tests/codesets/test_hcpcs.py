"""The HCPCS Level II loader: the CMS 2016 file, the shipped sample and files that are not in the layout."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from codesets.hcpcs import SAMPLE_FILE, SAMPLE_VERSION, decode, parse_lines, read_file
from codesets.loading import release_purge
from codesets.management.commands.load_hcpcs import default_version
from codesets.models import Code, Release, System
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.django_db

CMS_2016 = SHARED_DATA / "hcpcs-2016" / "HCPC2016_CONTR_ANWEB.txt"
JAN_1_2016 = datetime.date(2016, 1, 1)


def load(path: Path, *args: str) -> str:
    out = StringIO()
    call_command("load_hcpcs", str(path), *args, stdout=out)
    return out.getvalue()


def require_cms_2016() -> None:
    if not CMS_2016.is_file():
        pytest.skip(f"the CMS 2016 HCPCS file is not at {CMS_2016} (../shared/data is absent)")


@contextmanager
def loaded_for_module(django_db_blocker, path: Path, version: str) -> Iterator[Release]:
    """``path`` loaded (committed) as HCPCS ``version`` for a module's tests, and removed afterwards."""
    with django_db_blocker.unblock():
        load(path, "--force")
        release = Release.objects.get(system=System.HCPCS, version=version)
    yield release
    with django_db_blocker.unblock():
        release_purge(release)
        release.delete()


@pytest.fixture(scope="module")
def _cms_2016_loaded(django_db_setup, django_db_blocker):
    """The real 2016 file, loaded once for this module (a load takes about a second) and removed afterwards.

    It is committed, so the tests here that need the conftest ``hcpcs`` sample look it up by version.
    """
    require_cms_2016()
    with loaded_for_module(django_db_blocker, CMS_2016, "2016") as release:
        yield release


@pytest.fixture
def cms_2016(_cms_2016_loaded, db) -> Release:
    return Release.objects.get(pk=_cms_2016_loaded.pk)


def code(release: Release, key: str) -> Code:
    return Code.objects.get(release=release, key=key)


def sample_lines() -> list[str]:
    return SAMPLE_FILE.read_bytes().decode("ascii").split("\r\n")


def test_2016_file_loads_every_procedure_code_and_modifier(cms_2016):
    codes = Code.objects.filter(release=cms_2016)
    assert codes.filter(kind=Code.Kind.PROCEDURE).count() == 5956
    assert codes.filter(kind=Code.Kind.MODIFIER).count() == 337
    assert cms_2016.is_ready
    assert (cms_2016.effective_from, cms_2016.effective_to) == (JAN_1_2016, datetime.date(2016, 12, 31))


def test_load_reports_progress_and_counts_procedure_codes_and_modifiers_separately():
    require_cms_2016()
    output = load(CMS_2016, "--version", "2016-again")
    assert "5,956 procedure codes (5,507 billable) and 337 modifiers" in output
    assert "2,000 of 6,293 items" in output


def test_long_description_joins_its_continuation_lines(cms_2016):
    assert code(cms_2016, "E0114").description == (
        "Crutches underarm, other than wood, adjustable or fixed, pair, with pads, tips and handgrips"
    )


def test_long_description_spaces_are_normalised_across_seven_lines(cms_2016):
    description = code(cms_2016, "TC").description
    assert description.startswith("Technical component; under certain circumstances, a charge may be made for the "
                                  "technical component alone; under those circumstances")
    assert description.endswith("will then be used to build customary and prevailing profiles")
    assert "  " not in description


def test_first_line_gives_short_description_dates_and_action_code(cms_2016):
    j1100 = code(cms_2016, "J1100")
    assert j1100.description == "Injection, dexamethasone sodium phosphate, 1 mg"
    assert j1100.short_description == "Dexamethasone sodium phos"
    assert (j1100.added_on, j1100.effective_on, j1100.terminated_on) == (
        datetime.date(1982, 1, 1), datetime.date(2001, 1, 1), None)
    assert j1100.action_code == "N"
    assert (j1100.kind, j1100.billable, j1100.code, j1100.parent_id) == (Code.Kind.PROCEDURE, True, "J1100", None)


def test_code_terminated_before_the_release_is_kept_but_not_billable(cms_2016):
    c9455 = code(cms_2016, "C9455")
    assert c9455.description == "Injection, siltuximab, 10 mg"
    assert (c9455.terminated_on, c9455.action_code) == (datetime.date(2015, 12, 31), "D")
    assert c9455.billable is False


def test_modifiers_lt_and_rt_carry_their_cms_descriptions(cms_2016):
    lt, rt = code(cms_2016, "LT"), code(cms_2016, "RT")
    assert lt.description == "Left side (used to identify procedures performed on the left side of the body)"
    assert rt.description == "Right side (used to identify procedures performed on the right side of the body)"
    assert (lt.kind, lt.billable, lt.short_description) == (Code.Kind.MODIFIER, False, "Left side")


def test_second_run_says_already_loaded_and_changes_nothing(cms_2016):
    loaded_at = cms_2016.loaded_at
    output = load(CMS_2016)
    assert "HCPCS Level II 2016 is already loaded" in output
    cms_2016.refresh_from_db()
    assert cms_2016.loaded_at == loaded_at
    assert Code.objects.filter(release=cms_2016).count() == 5956 + 337


def _with_line(lines: list[str], index: int, line: str) -> list[str]:
    return [*lines[:index], line, *lines[index:]]


MALFORMED = {
    "short record": (lambda lines: _with_line(lines, 2, lines[0][:200]), "line 3: first line of", "column 293"),
    "long record": (lambda lines: _with_line(lines, 2, lines[0] + "X"), "line 3: record is 321 characters", "320"),
    "unknown recid": (lambda lines: _with_line(lines, 2, lines[0][:10] + "5" + lines[0][11:]),
                      "line 3: unknown record identification code '5'", "3, 4, 7 or 8"),
    "orphan continuation": (lambda lines: ["A4253002004strips".ljust(91), *lines],
                            "line 1: continuation of A4253 with no first line", ""),
    "csv export": (lambda lines: ["HCPC,SEQNUM,RECID,LONG DESCRIPTION", *lines], "line 1:", "320"),
}


@pytest.mark.parametrize("malformation", MALFORMED.values(), ids=MALFORMED.keys())
def test_file_not_in_the_layout_is_refused_naming_the_line_and_nothing_is_loaded(tmp_path, malformation):
    make, message, detail = malformation
    bad = tmp_path / "HCPC2099_CONTR_ANWEB.txt"
    bad.write_bytes("\r\n".join(make(sample_lines())).encode("ascii"))
    with pytest.raises(CommandError, match=message) as raised:
        load(bad)
    assert detail in str(raised.value)
    assert not Release.objects.filter(system=System.HCPCS, version="2099").exists()
    assert not Code.objects.filter(release__version="2099").exists()


def test_sample_file_loads_as_2016_sample_with_j1100_and_lt():
    load(SAMPLE_FILE)  # or finds it loaded by an earlier test's fixture
    hcpcs = Release.objects.get(system=System.HCPCS, version=SAMPLE_VERSION)
    assert (hcpcs.version, hcpcs.is_ready) == (SAMPLE_VERSION, True)
    assert code(hcpcs, "J1100").short_description == "Dexamethasone sodium phos"
    assert code(hcpcs, "LT").kind == Code.Kind.MODIFIER
    assert Code.objects.filter(release=hcpcs, kind=Code.Kind.PROCEDURE).count() == 147
    assert Code.objects.filter(release=hcpcs, kind=Code.Kind.MODIFIER).count() == 49


def test_sample_records_are_copied_whole_from_the_cms_file():
    require_cms_2016()
    full = {row.key: row for row in read_file(CMS_2016, effective_from=JAN_1_2016)}
    for row in read_file(SAMPLE_FILE, effective_from=JAN_1_2016):
        assert row == full[row.key]


def test_version_and_effective_date_can_be_given(tmp_path):
    copy = tmp_path / "hcpcs-demo.txt"
    copy.write_bytes(SAMPLE_FILE.read_bytes())
    load(copy, "--version", "2016-q2", "--effective-from", "2016-04-01")
    release = Release.objects.get(system=System.HCPCS, version="2016-q2")
    assert (release.effective_from, release.effective_to) == (datetime.date(2016, 4, 1), datetime.date(2016, 12, 31))
    assert release.source == "hcpcs-demo.txt"


def test_default_version_is_the_year_in_the_file_name():
    assert default_version(Path("/downloads/HCPC2016_CONTR_ANWEB.txt")) == "2016"
    assert default_version(SAMPLE_FILE) == "2016-sample"
    with pytest.raises(CommandError, match="pass --version"):
        default_version(Path("codes.txt"))


def test_lf_line_ends_read_like_crlf():
    crlf = parse_lines(sample_lines(), effective_from=JAN_1_2016)
    lf = parse_lines(SAMPLE_FILE.read_bytes().replace(b"\r\n", b"\n").decode("ascii").split("\n"),
                     effective_from=JAN_1_2016)
    assert lf == crlf


def test_latin_1_and_utf_8_descriptions_decode_to_the_same_text():
    assert decode("Mepilex\u00ae dressing".encode("latin-1")) == "Mepilex\u00ae dressing"
    assert decode("Mepilex\u00ae dressing".encode("utf-8")) == "Mepilex\u00ae dressing"
