"""A student looks codes up in the encoder, reads a code's notes, browses the tabular and uses the lookup panel.

One journey in one test: the ICD-10-CM fixture reloads the whole tabular
after a transactional test emptied the database, which takes a while.
"""

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("heading", name="Welcome").wait_for()


def shoot_both_widths(page, shots, axe_check, label: str) -> None:
    axe_check(page)
    shots.take(page, label)
    page.set_viewport_size(PHONE)
    axe_check(page)
    shots.take(page, f"{label}-phone")
    page.set_viewport_size(DESKTOP)


def active_option_text(page) -> str:
    return page.evaluate(
        "() => { const id = document.getElementById('code-q').getAttribute('aria-activedescendant');"
        " return id ? document.getElementById(id).textContent : ''; }"
    )


def test_student_searches_reads_browses_and_picks_a_code(live_server, page, school, icd10cm, hcpcs, shots, axe_check):
    sign_in(page, live_server.url, school.student.email)

    # The encoder, from the main navigation, with the chapters to browse.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Encoder").click()
    page.get_by_role("heading", name="Encoder", level=1).wait_for()
    assert page.get_by_role("link", name="19", exact=True).is_visible()
    shoot_both_widths(page, shots, axe_check, "encoder")

    # Results arrive as the student types, without loading a new page.
    page.evaluate("window.stillTheSamePage = true")
    search = page.get_by_role("combobox", name="Search codes")
    search.press_sequentially("diabetes hyperg", delay=30)
    page.get_by_role("option", name="E11.65").wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.get_by_role("status").filter(has_text="results for").is_visible()
    assert search.get_attribute("aria-expanded") == "true"
    shoot_both_widths(page, shots, axe_check, "encoder-results")

    # Arrow keys move through the results; Enter opens the highlighted one.
    for _ in range(10):
        search.press("ArrowDown")
        if active_option_text(page).strip().startswith("E11.65"):
            break
    assert page.get_by_role("option", name="E11.65").get_attribute("aria-selected") == "true"
    shots.take(page, "encoder-highlighted")
    search.press("Enter")
    page.wait_for_url("**/codes/icd10cm/E11.65/")
    page.get_by_role("heading", name="E11.65 Type 2 diabetes mellitus with hyperglycemia", level=1).wait_for()

    # Its notes, the ones written on E11 included, and an Excludes1 link to follow.
    page.get_by_role("heading", name="Notes from above").wait_for()
    assert page.get_by_role("heading", name="From E11 Type 2 diabetes mellitus").is_visible()
    assert page.get_by_role("heading", name="Excludes1").first.is_visible()
    shoot_both_widths(page, shots, axe_check, "code-e11-65")
    page.get_by_role("link", name="E10.-", exact=True).first.click()
    page.wait_for_url("**/codes/icd10cm/E10/")
    page.get_by_role("heading", name="E10 Type 1 diabetes mellitus", level=1).wait_for()
    assert page.get_by_text("Not billable: choose a code below.").is_visible()

    # Escape clears the search and brings the tree back.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Encoder").click()
    search = page.get_by_role("combobox", name="Search codes")
    search.fill("S72")
    page.get_by_role("option", name="S72.001A").first.wait_for()
    search.press("Escape")
    page.get_by_role("link", name="19", exact=True).wait_for()
    assert search.input_value() == ""

    # Down the tabular: chapter, block, category, subcategories, the billable code.
    page.get_by_role("link", name="19", exact=True).click()
    page.get_by_role("heading", name="Codes below 19").wait_for()
    shoot_both_widths(page, shots, axe_check, "chapter-19")
    for code in ["S70-S79", "S72", "S72.0", "S72.00", "S72.001", "S72.001A"]:
        page.get_by_role("link", name=code, exact=True).first.click()
        page.wait_for_url(f"**/codes/icd10cm/{code}/")
    page.get_by_text("initial encounter for closed fracture").first.wait_for()
    assert page.get_by_role("heading", name="7th characters").is_visible()
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumbs.get_by_role("link", name="Chapter 19").is_visible()
    shoot_both_widths(page, shots, axe_check, "code-s72-001a")

    # HCPCS Level II has its own table, a hundred to a page.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Encoder").click()
    page.get_by_role("link", name="Browse HCPCS Level II codes and modifiers").click()
    page.get_by_role("heading", name="Browse HCPCS Level II", level=1).wait_for()
    shoot_both_widths(page, shots, axe_check, "browse-hcpcs")
    page.get_by_role("link", name="LT", exact=True).click()
    page.get_by_role("heading", name="HCPCS Level II record").wait_for()
    shoot_both_widths(page, shots, axe_check, "code-hcpcs-lt")

    # The lookup panel puts the picked code into the answer field.
    page.goto(f"{live_server.url}/codes/panel/")
    page.evaluate(
        "window.picked = null; document.addEventListener('code-picked', e => { window.picked = e.detail; })"
    )
    page.get_by_label("Code or words").press_sequentially("E11.65", delay=30)
    use = page.get_by_role("button", name="Use E11.65", exact=True)
    use.wait_for()
    shoot_both_widths(page, shots, axe_check, "panel")
    use.click()
    assert page.get_by_label("Diagnosis code").input_value() == "E11.65"
    assert page.evaluate("window.picked") == {
        "system": "icd10cm",
        "code": "E11.65",
        "description": "Type 2 diabetes mellitus with hyperglycemia",
    }
    page.locator("#code-panel-status").filter(has_text="E11.65 put in Diagnosis code.").wait_for()
    shots.take(page, "panel-picked")
