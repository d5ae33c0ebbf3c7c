"""A student codes from the Index as coders do: look the term up, follow it to the Tabular, finish the code there.

One journey in one test: the index fixture reloads the whole Index (and the tabular) after a transactional
test emptied the database.
"""

import pytest

from tests.e2e.test_encoder import DESKTOP, shoot_both_widths, sign_in

pytestmark = pytest.mark.e2e


def check(page, base_url: str, code: str) -> dict:
    """Ask the check service about one ICD-10-CM code as the signed-in student (session and CSRF cookie)."""
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(f"{base_url}/api/v1/codes/check/", data={"system": "icd10cm", "codes": [code]},
                                 headers={"X-CSRFToken": token, "Referer": base_url + "/"})
    assert response.ok, response.text()
    return response.json()


def test_student_follows_the_index_to_the_tabular_and_uses_both_tables(live_server, page, school, icd10cm_index, shots, axe_check):
    page.set_viewport_size(DESKTOP)
    sign_in(page, live_server.url, school.student.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Encoder").click()
    page.get_by_role("navigation", name="Code books").get_by_role("link", name="Index").click()
    page.get_by_role("heading", name="Index to Diseases and Injuries", level=1).wait_for()

    # A closed fracture of the neck of the right femur: the main term first, as she types.
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Search the Alphabetic Index").press_sequentially("fracture femur neck", delay=20)
    entry = page.get_by_role("link", name="Fracture, traumatic; femur, femoral; upper end; neck", exact=True)
    entry.wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.get_by_text("incomplete: finish it in the Tabular").first.is_visible()
    shoot_both_widths(page, shots, axe_check, "index-search")

    # The main term's page opens at the entry, indented as the printed Index.
    entry.click()
    page.wait_for_url("**/codes/index/*/#t*")
    page.get_by_role("heading", name="Fracture, traumatic", level=1).wait_for()
    row = page.locator("li.index-row:target")
    assert "neck" in row.inner_text() and "S72.00-" in row.inner_text()
    shoot_both_widths(page, shots, axe_check, "index-main-term")

    # S72.00- is not a code yet: the Tabular finishes it (right femur, then the 7th character).
    row.get_by_role("link", name="S72.00-").click()
    page.wait_for_url("**/codes/icd10cm/S72.00/")
    assert page.get_by_text("Not billable: choose a code below.").is_visible()
    assert check(page, live_server.url, "S72.00")["ok"] is False
    page.get_by_role("link", name="S72.001", exact=True).click()
    page.wait_for_url("**/codes/icd10cm/S72.001/")
    page.get_by_role("link", name="S72.001A", exact=True).click()
    page.get_by_role("heading", name="S72.001A Fracture of unspecified part of neck of right femur, initial encounter for closed fracture", level=1).wait_for()
    page.get_by_role("heading", name="Index entries that lead here").wait_for()
    shoot_both_widths(page, shots, axe_check, "index-code-s72-001a")
    result = check(page, live_server.url, "S72.001A")
    assert result["ok"] is True and result["codes"][0]["billable"] is True

    # A malignant primary neoplasm of the breast, in the Table of Neoplasms.
    page.get_by_role("navigation", name="Code books").get_by_role("link", name="Neoplasms").click()
    page.get_by_role("heading", name="Table of Neoplasms", level=1).wait_for()
    shoot_both_widths(page, shots, axe_check, "neoplasm-table")
    page.get_by_label("Search by site").press_sequentially("breast", delay=20)
    breast = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="breast (connective tissue) (glandular tissue) (soft parts)"))
    breast.wait_for()
    headers = page.get_by_role("columnheader").all_inner_texts()
    column = [h.replace("\n", " ") for h in headers].index("Malignant Primary")
    cell = breast.get_by_role("cell").nth(column - 1)
    assert cell.inner_text().startswith("C50.9-")
    shoot_both_widths(page, shots, axe_check, "neoplasm-breast")
    cell.get_by_role("link").click()
    page.wait_for_url("**/codes/icd10cm/C50.9/")

    # An accidental aspirin poisoning, in the Table of Drugs: then its 7th character from the Tabular.
    page.get_by_role("navigation", name="Code books").get_by_role("link", name="Drugs").click()
    page.get_by_role("heading", name="Table of Drugs and Chemicals", level=1).wait_for()
    assert page.get_by_text("Every code here lacks its 7th character").is_visible()
    page.get_by_label("Search by substance").press_sequentially("aspirin", delay=20)
    aspirin = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Aspirin (aluminum) (soluble)"))
    aspirin.wait_for()
    shoot_both_widths(page, shots, axe_check, "drug-aspirin")
    aspirin.get_by_role("link", name="T39.011", exact=True).click()
    page.wait_for_url("**/codes/icd10cm/T39.011/")
    assert check(page, live_server.url, "T39.011")["ok"] is False
    page.get_by_role("link", name="T39.011A", exact=True).click()
    page.wait_for_url("**/codes/icd10cm/T39.011A/")
    assert page.get_by_text("Billable: this code can be reported.").is_visible()
    shoot_both_widths(page, shots, axe_check, "drug-t39-011a")
    assert check(page, live_server.url, "T39.011A")["ok"] is True
