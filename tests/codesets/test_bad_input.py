"""Bad input to the encoder pages, the code-set API and the CPT upload.

Every probe is sent as a signed-in member of school_a (a registrar for the CPT
pages). The sensible answer is never a 500: a read answers 200 (nothing found)
or a 4xx with a message a person can act on, and a refused write changes
nothing: no release, no codes, no stored file, no audit entry, no queued load.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from codesets.cpt import cpt_upload_create
from codesets.models import Code, Release, System
from lms.models import AuditLogEntry
from tests.conftest import text

pytestmark = pytest.mark.django_db

SEARCH_API = "/api/v1/codes/"
CHECK_API = "/api/v1/codes/check/"

LONG_Q = "fracture " * 555 + "femur"  # 5,000 characters
assert len(LONG_Q) == 5000
PUNCTUATION = "()*\"':-"
# FTS5 and tsquery syntax, alone and around real words.
SPECIAL_QUERIES = [
    '"', "*", "NEAR", "AND", "OR", "NOT", "-", ":", "&", "|", "!", "^", "(", ")", "{", "}", "+",
    '"fracture', "fract*", "fracture NEAR femur", "NEAR(fracture femur)", "fracture AND femur", "fracture OR femur",
    "fracture NOT femur", "fracture -femur", "description:fracture", "{description}: fracture", "fracture & femur",
    "fracture | femur", "!fracture", "fracture:*", "fracture <-> femur", "'fracture'", "(fracture", "fracture)",
    "E11 AND", "S72 NEAR right", "S72 -", ":* & | !",
]
UNICODE_QUERIES = ["é", "😀", "café", "fracture 😀", "Ｅ１１", "ﬀ", "İ", "ß", "\u200b", "E11\u0301"]
ODD_IDS = ["dots", "dash", "E08-", "percent", "300-chars", "accent", "emoji", "code-nul", "nul", "block-nul"]
NO_VERSION = ("No release has that version.", "This school has no release of that code set.")
NUL_QUERIES = ["\x00", "E11\x00", "fracture\x00", "\x00fracture femur"]
ODD_CODES = ["..", "-", "E08-", "%", "E" * 300, "É11", "😀", "E11\x00", "\x00", "E08-E13\x00"]


def quoted(code: str) -> str:
    from urllib.parse import quote

    return quote(code, safe="")


def api_error(response) -> dict:
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert body["error"]["message"], body
    return body["error"]


# --- search API -----------------------------------------------------------------


def test_search_api_very_long_text_is_a_clear_400(icd10cm, school_a):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": LONG_Q})
    assert response.status_code == 400
    assert "search" in api_error(response)["fields"]


def test_search_api_punctuation_only_finds_nothing(icd10cm, school_a):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": PUNCTUATION})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert response.json()["results"] == []
    else:
        assert "search" in api_error(response)["fields"]


@pytest.mark.parametrize("query", SPECIAL_QUERIES)
def test_search_api_query_syntax_characters_are_plain_text(icd10cm, school_a, query):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": query})
    assert response.status_code == 200, response.content[:500]
    assert isinstance(response.json()["results"], list)


def test_search_api_words_around_operators_still_match(icd10cm, school_a):
    client = school_a.client(school_a.student)
    # Punctuation operators are ignored; NEAR, AND and the like are plain words (all words must match).
    for query in ["fracture & femur", "fracture | femur", "!fracture femur", '"fracture femur"', "fracture* -femur", "fracture:femur"]:
        results = client.get(SEARCH_API, {"search": query}).json()["results"]
        assert results, query


@pytest.mark.parametrize("query", UNICODE_QUERIES)
def test_search_api_unicode(icd10cm, school_a, query):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": query})
    assert response.status_code == 200, response.content[:500]


@pytest.mark.parametrize("query", NUL_QUERIES, ids=["nul", "code-nul", "word-nul", "nul-words"])
def test_search_api_nul_byte_is_a_clear_400(icd10cm, school_a, query):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": query})
    assert response.status_code == 400
    assert "search" in api_error(response)["fields"]


def test_search_api_bogus_system_is_a_clear_400(icd10cm, school_a):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": "E11", "system": "bogus"})
    assert response.status_code == 400
    assert "system" in api_error(response)["fields"]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", "9" * 1001])
def test_search_api_bad_page_is_a_clear_400(icd10cm, school_a, page):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": "E11", "page": page})
    assert response.status_code == 400
    assert "page" in api_error(response)["fields"]


def test_search_api_page_far_beyond_the_end_is_empty(icd10cm, school_a):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": "E11", "page": "99999999999999999999"})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        body = response.json()
        assert body["results"] == [] and body["next"] is None
    else:
        assert "page" in api_error(response)["fields"]


@pytest.mark.parametrize("page_size", ["0", "1000", "-5", "abc"])
def test_search_api_bad_page_size_is_a_clear_400(icd10cm, school_a, page_size):
    response = school_a.client(school_a.student).get(SEARCH_API, {"search": "E11", "page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in api_error(response)["fields"]


# --- search and encoder pages ---------------------------------------------------------


PAGE_QUERIES = [LONG_Q, PUNCTUATION, *SPECIAL_QUERIES, *UNICODE_QUERIES, *NUL_QUERIES]
PAGE_QUERY_IDS = ["long", "punctuation", *SPECIAL_QUERIES, *UNICODE_QUERIES, "nul", "code-nul", "word-nul", "nul-words"]


@pytest.mark.parametrize("path", ["/codes/", "/codes/search/"])
@pytest.mark.parametrize("query", PAGE_QUERIES, ids=PAGE_QUERY_IDS)
def test_search_page_odd_query(icd10cm, school_a, path, query):
    response = school_a.client(school_a.student).get(path, {"q": query})
    assert response.status_code == 200
    assert 'id="code-q"' in text(response)


@pytest.mark.parametrize("query", [LONG_Q, PUNCTUATION, "fracture NEAR femur", "😀", "E11\x00"],
                         ids=["long", "punctuation", "near", "emoji", "nul"])
def test_search_page_odd_query_for_htmx(icd10cm, school_a, query):
    response = school_a.client(school_a.student).get("/codes/search/", {"q": query}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200


def test_search_page_long_query_is_cut_not_refused(icd10cm, school_a):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": LONG_Q}))
    assert "fracture" in body


@pytest.mark.parametrize("system", ["bogus", "\x00", "ICD10CM", "cpt'--"])
def test_search_page_bogus_system_searches_everything(icd10cm, school_a, system):
    response = school_a.client(school_a.student).get("/codes/search/", {"q": "E11.65", "system": system})
    assert response.status_code == 200
    assert "E11.65" in text(response)


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999"])
def test_search_page_ignores_page(icd10cm, school_a, page):
    response = school_a.client(school_a.student).get("/codes/search/", {"q": "E11", "page": page, "page_size": "1000"})
    assert response.status_code == 200


# --- panel page -------------------------------------------------------------------------


@pytest.mark.parametrize("query", PAGE_QUERIES, ids=PAGE_QUERY_IDS)
def test_panel_odd_query(icd10cm, school_a, query):
    client = school_a.client(school_a.student)
    assert client.get("/codes/panel/", {"q": query}).status_code == 200
    assert client.get("/codes/panel/", {"q": query}, HTTP_HX_REQUEST="true").status_code == 200


# --- browse page --------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", ""])
def test_browse_hcpcs_odd_page_falls_back_to_a_page(school_a, hcpcs, page):
    response = school_a.client(school_a.student).get("/codes/hcpcs/", {"page": page})
    assert response.status_code == 200


@pytest.mark.parametrize("version", ["nonexistent", "x" * 300, "\x00", "2026-04\x00", "😀"])
def test_browse_odd_version_is_a_404_with_a_message(icd10cm, school_a, version):
    response = school_a.client(school_a.student).get("/codes/icd10cm/", {"version": version})
    assert response.status_code == 404
    assert any(message in text(response) for message in NO_VERSION)


def test_browse_bogus_system_is_a_404(icd10cm, school_a):
    response = school_a.client(school_a.student).get("/codes/bogus/")
    assert response.status_code == 404
    assert "Unknown code system." in text(response)


# --- code page ----------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["E11.65.", "E11 65", " e1165 "])
def test_code_page_untidy_code_redirects_to_the_code(icd10cm, school_a, code):
    response = school_a.client(school_a.student).get(f"/codes/icd10cm/{quoted(code)}/")
    assert response.status_code == 302
    assert response.url == "/codes/icd10cm/E11.65/"


@pytest.mark.parametrize("code", ODD_CODES, ids=ODD_IDS)
def test_code_page_odd_code_is_a_404_with_a_message(icd10cm, school_a, code):
    response = school_a.client(school_a.student).get(f"/codes/icd10cm/{quoted(code)}/")
    assert response.status_code == 404
    assert "is not in ICD-10-CM" in text(response)


@pytest.mark.parametrize("version", ["nonexistent", "x" * 300, "\x00", "2026-04\x00"], ids=["nonexistent", "300-chars", "nul", "version-nul"])
def test_code_page_odd_version_is_a_404_with_a_message(icd10cm, school_a, version):
    response = school_a.client(school_a.student).get("/codes/icd10cm/E11.65/", {"version": version})
    assert response.status_code == 404
    assert any(message in text(response) for message in NO_VERSION)


def test_code_page_bogus_system_is_a_404(icd10cm, school_a):
    response = school_a.client(school_a.student).get("/codes/bogus/E11.65/")
    assert response.status_code == 404
    assert "Unknown code system." in text(response)


# --- code detail API --------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["E11.65.", "E11 65", " e1165 "])
def test_detail_api_untidy_code_finds_the_code(icd10cm, school_a, code):
    response = school_a.client(school_a.student).get(f"/api/v1/codes/icd10cm/{quoted(code)}/")
    assert response.status_code == 200
    assert response.json()["code"] == "E11.65"


@pytest.mark.parametrize("code", ODD_CODES, ids=ODD_IDS)
def test_detail_api_odd_code_is_a_404_in_json(icd10cm, school_a, code):
    response = school_a.client(school_a.student).get(f"/api/v1/codes/icd10cm/{quoted(code)}/")
    assert response.status_code == 404
    assert "is not in ICD-10-CM" in api_error(response)["message"]


@pytest.mark.parametrize("version", ["nonexistent", "x" * 300, "\x00", "2026-04\x00"], ids=["nonexistent", "300-chars", "nul", "version-nul"])
def test_detail_api_odd_version_is_a_404_in_json(icd10cm, school_a, version):
    response = school_a.client(school_a.student).get("/api/v1/codes/icd10cm/E11.65/", {"version": version})
    assert response.status_code == 404
    assert api_error(response)["message"] in NO_VERSION


def test_detail_api_bogus_system_is_a_404_in_json(icd10cm, school_a):
    response = school_a.client(school_a.student).get("/api/v1/codes/bogus/E11.65/")
    assert response.status_code == 404
    assert api_error(response)["message"] == "Unknown code system."


# --- check API ------------------------------------------------------------------------------


def check(school, body, **extra):
    payload = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return school.client(school.student).post(CHECK_API, payload, content_type="application/json", **extra)


def test_check_numbers_as_codes_are_read_as_text_or_refused(icd10cm, school_a):
    response = check(school_a, {"system": "cpt", "codes": [99213, 12.5]})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert [c["input"] for c in response.json()["codes"]] == ["99213", "12.5"]
    else:
        assert "codes" in api_error(response)["fields"]


@pytest.mark.parametrize(
    "codes",
    [None, [None], [["E11.9"]], [{"code": "E11.9"}], [True], "E11.9", {"E11.9": 1}, [], [""], ["   "], 5],
    ids=["null", "null-item", "nested-list", "object-item", "bool-item", "string", "object", "empty", "blank", "spaces", "number"],
)
def test_check_codes_of_the_wrong_type_are_a_clear_400(icd10cm, school_a, codes):
    response = check(school_a, {"system": "icd10cm", "codes": codes})
    assert response.status_code == 400
    assert "codes" in api_error(response)["fields"]


def test_check_51_codes_is_a_clear_400(icd10cm, school_a):
    response = check(school_a, {"system": "icd10cm", "codes": ["E11.9"] * 51})
    assert response.status_code == 400
    assert "50" in str(api_error(response)["fields"]["codes"])


def test_check_50_codes_is_answered(icd10cm, school_a):
    codes = ["E11.9", "E10.9", "S72.001", "T36.0X1", "..", "-", "Z"] * 7 + ["E11.65"]
    response = check(school_a, {"system": "icd10cm", "codes": codes})
    assert response.status_code == 200
    assert len(response.json()["codes"]) == 50


def test_check_a_21_character_code_is_a_clear_400(icd10cm, school_a):
    response = check(school_a, {"system": "icd10cm", "codes": ["E" * 21]})
    assert response.status_code == 400
    assert "20" in str(api_error(response)["fields"]["codes"])


@pytest.mark.parametrize(
    "modifiers",
    [["LT"], "LT", 5, {"J1100": "LT"}, {"J1100": 5}, {"J1100": None}, {"J1100": {"LT": 1}}, {"J1100": [None]},
     {"J1100": [["LT"]]}, {"J1100": ["LTRTX"]}, {"J1100": ["LT", "RT", "50", "59", "25"]}, {"J1100": [""]}],
    ids=["list", "string", "number", "str-value", "int-value", "null-value", "dict-value", "null-item",
         "nested-item", "five-chars", "five-modifiers", "blank"],
)
def test_check_malformed_modifiers_are_a_clear_400(hcpcs, school_a, modifiers):
    response = check(school_a, {"system": "hcpcs", "codes": ["J1100"], "modifiers": modifiers})
    assert response.status_code == 400
    assert "modifiers" in api_error(response)["fields"]


def test_check_missing_system_is_a_clear_400(icd10cm, school_a):
    response = check(school_a, {"codes": ["E11.9"]})
    assert response.status_code == 400
    assert "system" in api_error(response)["fields"]


@pytest.mark.parametrize("system", ["bogus", None, ["icd10cm"], {"icd10cm": 1}, 1, ""])
def test_check_bad_system_is_a_clear_400(icd10cm, school_a, system):
    response = check(school_a, {"system": system, "codes": ["E11.9"]})
    assert response.status_code == 400
    assert "system" in api_error(response)["fields"]


GARBAGE_CODES = ["..", "-", "E08-", "%", "é", "😀", "X" * 20, "' OR 1=1 --", "E11.9", "99213", "0001F", "J1100", "LT", "1e5", "E1.1.6.5"]


@pytest.mark.parametrize("system", ["cpt", "hcpcs", "icd10cm"])
def test_check_mixed_garbage_is_answered_code_by_code(icd10cm, hcpcs, school_a, system):
    modifiers = {"J1100": ["..", "é", "LT", "9999"], "E11.9": ["-"], "99213": ["25"], "..": ["x"], "😀": ["😀"]}
    response = check(school_a, {"system": system, "codes": GARBAGE_CODES, "modifiers": modifiers})
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert [c["input"] for c in body["codes"]] == GARBAGE_CODES
    assert body["ok"] is False
    for result in body["codes"]:
        if result["valid"] is not True:
            assert result["findings"], result


def test_check_cpt_garbage_with_a_licensed_file(icd10cm, school_a):
    from tests.factories import CodeFactory, ReleaseFactory

    release = ReleaseFactory(system="cpt", tenant=school_a.tenant, version="2026")
    CodeFactory(release=release, code="99213", key="99213", description="Licensed test descriptor")
    response = check(school_a, {"system": "cpt", "codes": GARBAGE_CODES, "modifiers": {"99213": ["25", "."]}})
    assert response.status_code == 200, response.content[:500]
    assert [c["input"] for c in response.json()["codes"]] == GARBAGE_CODES


def test_check_duplicate_codes_are_answered(icd10cm, school_a):
    response = check(school_a, {"system": "icd10cm", "codes": ["E11.65", "e1165", "E11.65 ", "E10.9", "E10.9"]})
    assert response.status_code == 200
    assert len(response.json()["codes"]) == 5


@pytest.mark.parametrize(
    "body",
    ['["E11.9"]', '"E11.9"', "5", "true", "null", '[{"system": "icd10cm", "codes": ["E11.9"]}]'],
    ids=["list", "string", "number", "true", "null", "list-of-objects"],
)
def test_check_json_that_is_not_an_object_is_a_clear_400(icd10cm, school_a, body):
    response = check(school_a, body)
    assert response.status_code == 400
    api_error(response)


@pytest.mark.parametrize(
    "body",
    ['{"system": "icd10cm", "codes": ["E11.9"]', "{system: icd10cm}", "", "\x00", '{"system": "icd10cm", "codes": [NaN]}',
     b"\xff\xfe{}"],
    ids=["unclosed", "unquoted", "empty", "nul", "nan", "not-utf8"],
)
def test_check_malformed_json_is_a_clear_400(icd10cm, school_a, body):
    response = check(school_a, body)
    assert response.status_code == 400
    api_error(response)


# --- CPT upload ------------------------------------------------------------------------------

GOOD_CSV = "code,descriptor\n10001,Office visit test descriptor\n0001F,Quality measure test descriptor\n"


def csv_file(content: str | bytes, name: str = "cpt.csv") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def upload(school, content: str | bytes = GOOD_CSV, version: str = "2026", effective_from: str = "2026-01-01", name="cpt.csv"):
    return school.client(school.registrar).post(
        "/codes/cpt/releases/", {"upload_file": csv_file(content, name), "version": version, "effective_from": effective_from}
    )


def stored_uploads() -> list[str]:
    try:
        return sorted(default_storage.listdir("cpt-uploads")[1])
    except FileNotFoundError:
        return []


@pytest.fixture
def nothing_changes(school_a, django_capture_on_commit_callbacks):
    """Run a refused upload inside this; afterwards check it wrote nothing and queued nothing."""
    before = (stored_uploads(), AuditLogEntry.objects.count())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        yield
    assert not Release.objects.filter(system=System.CPT).exists()
    assert not Code.objects.filter(system=System.CPT).exists()
    assert (stored_uploads(), AuditLogEntry.objects.count()) == before
    assert not callbacks


def refused(response, message: str) -> None:
    assert response.status_code == 400
    assert message in text(response)


def test_upload_empty_file_is_refused(school_a, nothing_changes):
    refused(upload(school_a, b""), "The submitted file is empty.")


def test_upload_header_only_is_refused(school_a, nothing_changes):
    refused(upload(school_a, "code,descriptor\n"), "The file has no CPT codes in it.")


def test_upload_blank_lines_only_is_refused(school_a, nothing_changes):
    refused(upload(school_a, "\n\n \n,\n"), "The file has no CPT codes in it.")


def test_upload_200_character_version_is_refused(school_a, nothing_changes):
    refused(upload(school_a, version="9" * 200), "Ensure this value has at most 40 characters (it has 200).")


@pytest.mark.parametrize("version", ["", "-2026", "2026 edition", "2026é", "2026/01", "..", "2026\x00"],
                         ids=["empty", "leading-dash", "space", "accent", "slash", "dots", "nul"])
def test_upload_bad_version_is_refused(school_a, nothing_changes, version):
    response = upload(school_a, version=version)
    assert response.status_code == 400
    body = text(response)
    assert "Use letters, digits, dots and dashes" in body or "This field is required." in body or "Null characters are not allowed." in body


@pytest.mark.parametrize("effective_from", ["", "2026-02-30", "yesterday", "0000-01-01", "99999-01-01"])
def test_upload_bad_effective_date_is_refused(school_a, nothing_changes, effective_from):
    response = upload(school_a, effective_from=effective_from)
    assert response.status_code == 400
    assert "Enter a valid date." in text(response) or "This field is required." in text(response)


def test_upload_field_beyond_the_csv_limit_is_refused(school_a, nothing_changes):
    refused(upload(school_a, "code,descriptor\n10001," + "x" * 200_000 + "\n"), "the file is not valid CSV")


def test_upload_unterminated_quote_is_answered(school_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(school_a, 'code,descriptor\n10001,"Unterminated test descriptor\n0001F,Second\n')
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert Release.objects.get(system=System.CPT).status == Release.Status.READY


def test_upload_10000_valid_rows_loads_them_all(school_a, django_capture_on_commit_callbacks):
    content = "code,descriptor\n" + "".join(f"{n},Test procedure descriptor number {n}\n" for n in range(10000, 20000))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(school_a, content)
    assert response.status_code == 302, text(response)[:2000]
    release = Release.objects.get(tenant=school_a.tenant, system=System.CPT)
    assert (release.status, release.item_count, release.message) == ("ready", 10000, "")
    assert Code.objects.filter(release=release).count() == 10000
    body = school_a.client(school_a.student).get(SEARCH_API, {"system": "cpt", "search": "19999"}).json()
    assert body["results"][0]["description"] == "Test procedure descriptor number 19999"


def test_upload_1000_character_descriptor_is_kept_whole_or_refused(school_a, django_capture_on_commit_callbacks):
    descriptor = ("Long test descriptor " * 60)[:1000].strip() + "x"
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(school_a, f"code,descriptor\n10001,{descriptor}\n")
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        release = Release.objects.get(tenant=school_a.tenant, system=System.CPT)
        assert release.status == "ready", release.message
        assert Code.objects.get(release=release, key="10001").description == descriptor
        detail = school_a.client(school_a.student).get("/api/v1/codes/cpt/10001/")
        assert detail.status_code == 200 and detail.json()["description"] == descriptor
        page = school_a.client(school_a.student).get("/codes/cpt/10001/")
        assert page.status_code == 200
        words = school_a.client(school_a.student).get(SEARCH_API, {"system": "cpt", "search": "long test descriptor"}).json()
        assert [r["code"] for r in words["results"]] == ["10001"]
    else:
        assert "descriptor" in text(response)
        assert not Release.objects.filter(system=System.CPT).exists()


def test_upload_a_1000_character_code_is_refused(school_a, nothing_changes):
    refused(upload(school_a, "code,descriptor\n" + "1" * 1000 + ",Test descriptor\n"), "is not a CPT code")


def test_upload_of_a_version_that_is_loading_is_refused_and_changes_nothing(school_a, django_capture_on_commit_callbacks):
    release = cpt_upload_create(
        tenant=school_a.tenant, actor=school_a.registrar, upload_file=csv_file(GOOD_CSV),
        version="2026", effective_from=date(2026, 1, 1),
    )
    claimed_at = timezone.now()
    Release.objects.filter(pk=release.pk).update(status="loading", loaded_at=claimed_at, progress=40)
    before = Release.objects.values().get(pk=release.pk)
    audits, files = AuditLogEntry.objects.count(), stored_uploads()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(school_a, "code,descriptor\n20002,Replacement test descriptor\n", effective_from="2027-01-01")
    assert response.status_code == 400
    assert "CPT 2026 is loading right now; upload again when it has finished." in text(response)
    assert Release.objects.values().get(pk=release.pk) == before
    assert Release.objects.filter(system=System.CPT).count() == 1
    assert (AuditLogEntry.objects.count(), stored_uploads()) == (audits, files)
    with default_storage.open(before["upload"], "rb") as handle:
        assert handle.read() == GOOD_CSV.encode()
    assert not callbacks


def test_upload_with_a_very_long_file_name_is_accepted(school_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(school_a, name="x" * 1000 + ".csv")
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert Release.objects.get(system=System.CPT).status == "ready"


@pytest.mark.parametrize("release_id", ["99999999999999999999", "9223372036854775808", "2147483648"])
def test_release_pages_with_a_huge_id_are_a_404(school_a, release_id):
    client = school_a.client(school_a.registrar)
    assert client.get(f"/codes/cpt/releases/{release_id}/").status_code == 404
    assert client.get(f"/codes/cpt/releases/{release_id}/delete/").status_code == 404
    assert client.post(f"/codes/cpt/releases/{release_id}/delete/").status_code == 404
