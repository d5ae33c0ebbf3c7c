"""The encoder pages, read as a member of the school would read them, on the real ICD-10-CM April 2026 tabular."""

from __future__ import annotations

import re

import pytest

from tests.conftest import text


def hit_codes(body: str) -> list[str]:
    """The codes of the search results, in the order shown."""
    return re.findall(r'<span class="hit-code">([^<]+)</span>', body)


def breadcrumb_links(body: str) -> list[str]:
    nav = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', body, re.S).group(0)
    return re.findall(r'href="([^"]+)"', nav)


def section(body: str, heading_id: str) -> str:
    """The HTML of the <section> labelled by ``heading_id``."""
    match = re.search(rf'<section aria-labelledby="{heading_id}".*?</section>', body, re.S)
    assert match, f"no section {heading_id}"
    return match.group(0)


# --- search -------------------------------------------------------------------

def test_student_opens_the_encoder_with_a_search_box_and_the_chapters(school_a, icd10cm):
    response = school_a.client(school_a.student).get("/codes/")
    body = text(response)
    assert response.status_code == 200
    assert '<label for="code-q">Search codes</label>' in body
    assert 'type="search" id="code-q"' in body
    assert 'hx-trigger="input changed delay:150ms, search"' in body
    assert 'href="/codes/icd10cm/19/"' in body
    assert "Injury, poisoning and certain other consequences of external causes (S00-T88)" in body


@pytest.mark.parametrize("who", ["instructor", "registrar"])
def test_staff_open_the_encoder_too(school_a, icd10cm, who):
    assert school_a.client(getattr(school_a, who)).get("/codes/").status_code == 200


def test_every_member_sees_the_encoder_link(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/"))
    assert '<a href="/codes/">Encoder</a>' in body


def test_search_without_htmx_is_a_full_page_with_results(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "E11.65"}))
    assert "<html" in body
    assert 'value="E11.65"' in body
    assert hit_codes(body)[0] == "E11.65"
    assert "Type 2 diabetes mellitus with hyperglycemia" in body


def test_search_for_htmx_returns_only_the_results(school_a, icd10cm):
    response = school_a.client(school_a.student).get("/codes/search/", {"q": "E11.65"}, HTTP_HX_REQUEST="true")
    body = text(response)
    assert "<html" not in body
    assert 'id="code-q"' not in body
    assert hit_codes(body)[0] == "E11.65"
    assert '<span id="encoder-status" hx-swap-oob="innerHTML">1 result for “E11.65”.</span>' in body


def test_code_prefix_lists_the_code_itself_before_its_children(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "E11.6"}))
    codes = hit_codes(body)
    assert codes[0] == "E11.6"
    assert "E11.65" in codes
    assert all(code.startswith("E11.6") for code in codes)


def test_words_find_the_code_they_describe(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "diabetes hyperglycemia"}))
    assert "E11.65" in hit_codes(body)
    assert 'href="/codes/icd10cm/E11.65/"' in body


def test_results_show_the_billable_badge_and_system(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "E11.6"}, HTTP_HX_REQUEST="true"))
    first = re.search(r'<li>.*?</li>', body, re.S).group(0)
    assert ">header</span>" in first  # E11.6 has codes below it
    e1165 = re.search(r'<li>\s*<a class="hit"[^>]*href="/codes/icd10cm/E11.65/".*?</li>', body, re.S).group(0)
    assert ">billable</span>" in e1165
    assert "ICD-10-CM" in e1165


def test_search_can_be_limited_to_one_code_set(school_a, icd10cm, hcpcs):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "E", "system": "hcpcs"}))
    assert "E0100" in hit_codes(body)
    assert '<span class="hit-system">ICD-10-CM</span>' not in body


def test_a_query_with_no_match_says_so(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "zzqx"}))
    assert "No codes match “zzqx”." in body
    assert hit_codes(body) == []


def test_cpt_without_a_licensed_file_is_recognised_by_format(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "99213", "system": "cpt"}))
    assert hit_codes(body) == ["99213"]
    assert "format only" in body
    assert 'href="/codes/cpt/99213/"' not in body


# --- code pages -----------------------------------------------------------------

def test_code_page_shows_the_description_and_breadcrumbs(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/S72.001A/"))
    assert "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture" in body
    assert breadcrumb_links(body) == [
        "/codes/", "/codes/icd10cm/", "/codes/icd10cm/19/", "/codes/icd10cm/S70-S79/", "/codes/icd10cm/S72/",
        "/codes/icd10cm/S72.0/", "/codes/icd10cm/S72.00/", "/codes/icd10cm/S72.001/",
    ]
    assert "Billable: this code can be reported." in body
    assert "Release: ICD-10-CM FY2026, April 1, 2026 update" in body


def test_extension_code_marks_its_own_7th_character(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/S72.001A/"))
    assert "This code's 7th character is <strong>A</strong>." in body
    assert re.search(r'<tr class="is-current">\s*<th scope="row" class="code-cell">A</th>', body)


def test_header_code_asks_for_a_code_below_and_lists_its_children(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/S72.001/"))
    assert "Not billable: choose a code below." in body
    children = section(body, "children-heading")
    for code in ["S72.001A", "S72.001D", "S72.001S"]:
        assert f'<a href="/codes/icd10cm/{code}/">{code}</a>' in children
    assert '<th scope="col">Billable</th>' in children


def test_seventh_character_table_comes_from_the_category(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/S72.001/"))
    table = section(body, "seventh-heading")
    assert '<caption>From <a href="/codes/icd10cm/S72/">S72</a> Fracture of femur</caption>' in table
    characters = re.findall(r'<th scope="row" class="code-cell">(.)</th>', table)
    assert characters[:7] == ["A", "B", "C", "D", "E", "F", "G"]
    assert "subsequent encounter for closed fracture with delayed healing" in table


def test_code_page_shows_inherited_excludes1_with_a_link(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/E11.9/"))
    inherited = section(body, "inherited-heading")
    from_e11 = inherited[inherited.index("From <a href=\"/codes/icd10cm/E11/\">E11</a> Type 2 diabetes mellitus"):]
    excludes1 = from_e11[from_e11.index("<h4>Excludes1</h4>"):from_e11.index("</ul>", from_e11.index("<h4>Excludes1</h4>"))]
    assert re.search(r'type 1 diabetes mellitus \(<a href="/codes/icd10cm/E10/">E10\.-</a>\)', excludes1)


def test_code_page_groups_its_own_notes_by_kind(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/E11/"))
    notes = section(body, "notes-heading")
    headings = re.findall(r"<h3>([^<]+)</h3>", notes)
    assert headings == ["Includes", "Excludes1", "Use additional code"]
    assert '<a href="/codes/icd10cm/Z79.4/">Z79.4</a>' in notes


def test_block_page_lists_its_categories(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/E08-E13/"))
    children = section(body, "children-heading")
    assert re.findall(r'<a href="/codes/icd10cm/([^/]+)/">', children) == ["E08", "E09", "E10", "E11", "E13"]
    assert "Diabetes mellitus (E08-E13)" in body


def test_chapter_page_lists_its_blocks(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/19/"))
    children = section(body, "children-heading")
    assert '<a href="/codes/icd10cm/S70-S79/">S70-S79</a>' in children


def test_code_typed_without_the_dot_redirects_to_its_page(school_a, icd10cm):
    response = school_a.client(school_a.student).get("/codes/icd10cm/e1165/")
    assert response.status_code == 302
    assert response["Location"] == "/codes/icd10cm/E11.65/"


def test_unknown_code_is_not_found(school_a, icd10cm):
    response = school_a.client(school_a.student).get("/codes/icd10cm/E11.99/")
    assert response.status_code == 404
    assert "Not found" in text(response)


def test_unknown_system_is_not_found(school_a, icd10cm):
    assert school_a.client(school_a.student).get("/codes/icd9/250.00/").status_code == 404


def test_unknown_version_is_not_found(school_a, icd10cm):
    assert school_a.client(school_a.student).get("/codes/icd10cm/E11.9/?version=1999-01").status_code == 404


def test_hcpcs_code_page_shows_the_record_fields(school_a, hcpcs):
    body = text(school_a.client(school_a.student).get("/codes/hcpcs/LT/"))
    assert "Left side" in body
    assert "A modifier: it is reported with a procedure code, never on its own." in body
    record = section(body, "record-heading")
    assert "Short description" in record
    assert "Action code" in record


# --- browse -------------------------------------------------------------------------

def test_browse_icd10cm_lists_the_chapters(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/icd10cm/"))
    assert '<a href="/codes/icd10cm/4/">4</a>' in body
    assert "Endocrine, nutritional and metabolic diseases (E00-E89)" in body


def test_browse_hcpcs_pages_through_codes_and_modifiers(school_a, hcpcs):
    body = text(school_a.client(school_a.student).get("/codes/hcpcs/"))
    assert "codes and modifiers, in the order of the file; 1 to" in body
    assert len(re.findall(r'<td class="code-cell">', body)) <= 100


# --- panel ----------------------------------------------------------------------------

def test_panel_page_has_the_lookup_and_an_answer_field(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/panel/", {"q": "E11.65"}))
    assert 'data-answer-field="example-answer"' in body
    assert '<label for="example-answer">Diagnosis code</label>' in body
    assert 'data-use-code data-system="icd10cm" data-code="E11.65"' in body


def test_panel_search_for_htmx_returns_only_the_results(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/panel/", {"q": "E11.65"}, HTTP_HX_REQUEST="true"))
    assert "<html" not in body
    assert 'id="code-panel-q"' not in body
    assert "Use<span class=\"visually-hidden\"> E11.65</span>" in body


# --- who may see ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/codes/", "/codes/search/?q=E11", "/codes/icd10cm/E11.9/", "/codes/icd10cm/", "/codes/panel/"])
def test_anonymous_visitor_is_sent_to_sign_in(school_a, icd10cm, path):
    response = school_a.client().get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signed_in_outsider_gets_the_no_access_page(school_a, icd10cm, outsider):
    response = school_a.client(outsider).get("/codes/icd10cm/E11.9/")
    assert response.status_code == 403
    assert "You are not a member of this school" in text(response)
    assert "Type 2 diabetes" not in text(response)


def test_member_of_another_school_gets_the_no_access_page(school_a, school_b, icd10cm):
    response = school_a.client(school_b.student).get("/codes/search/", {"q": "E11.65"})
    assert response.status_code == 403
    assert "E11.65" not in text(response)


# --- queries do not grow with the data ----------------------------------------------------

@pytest.mark.parametrize("query, at_least", [("diabetes hyperglycemia", 5), ("S72", 50)])
def test_search_page_query_count_is_constant(school_a, icd10cm, query, at_least, django_assert_max_num_queries):
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(10):
        response = client.get("/codes/search/", {"q": query})
    assert len(hit_codes(text(response))) >= at_least


@pytest.mark.parametrize("code, children", [("E11.9", 0), ("E11", 10), ("19", 24)])
def test_code_page_query_count_is_constant(school_a, icd10cm_index, code, children, django_assert_max_num_queries):
    client = school_a.client(school_a.student)
    # with the header bell's count (then kept in the cache) and the Index entries that lead to the code
    with django_assert_max_num_queries(13):
        response = client.get(f"/codes/icd10cm/{code}/")
    assert response.status_code == 200
    body = text(response)
    rows = section(body, "children-heading").count("<tr>") - 1 if children else 0
    assert rows == children


def test_encoder_page_query_count_is_constant(school_a, icd10cm, hcpcs, django_assert_max_num_queries):
    client = school_a.client(school_a.student)
    with django_assert_max_num_queries(7):  # with the header bell's count (then kept in the cache)
        assert client.get("/codes/").status_code == 200


def test_a_corrected_typo_is_shown_above_the_results(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/search/", {"q": "femr fracture"}))
    assert "Showing results for <strong>femur fracture</strong>. You typed “femr fracture”." in body
    assert hit_codes(body)[0] == "S72"


def test_browse_cpt_without_a_licensed_file_is_not_found(school_a, icd10cm):
    assert school_a.client(school_a.student).get("/codes/cpt/").status_code == 404


# --- where to go from the encoder --------------------------------------------------

def test_registrar_without_a_cpt_file_is_linked_to_the_upload_page(school_a, icd10cm):
    body = text(school_a.client(school_a.registrar).get("/codes/"))
    assert '<a href="/codes/cpt/releases/">Upload your school\'s licensed CPT file</a>' in body


def test_registrar_searching_cpt_without_a_file_is_linked_to_the_upload_page(school_a, icd10cm):
    response = school_a.client(school_a.registrar).get(
        "/codes/search/", {"q": "99213", "system": "cpt"}, HTTP_HX_REQUEST="true"
    )
    assert '<a href="/codes/cpt/releases/">Upload your school\'s licensed CPT file</a>' in text(response)


@pytest.mark.parametrize("who", ["instructor", "student"])
def test_others_without_a_cpt_file_are_told_to_ask_their_registrar(school_a, icd10cm, who):
    body = text(school_a.client(getattr(school_a, who)).get("/codes/"))
    assert "If your school holds a CPT licence, ask your registrar to upload its CPT file." in body
    assert 'href="/codes/cpt/releases/"' not in body


def test_encoder_links_the_compact_lookup_panel(school_a, icd10cm):
    body = text(school_a.client(school_a.student).get("/codes/"))
    assert '<a href="/codes/panel/">Compact lookup panel</a>' in body
