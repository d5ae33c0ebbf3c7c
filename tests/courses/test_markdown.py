"""Readings: Markdown rendered to safe HTML, and the problems an author must fix before saving."""

from __future__ import annotations

from django.test import override_settings

from courses.markdown import reading_problems, render_reading

IMAGES = {"ekg.png": "/media/lessons/ekg.png", "Femur X-ray.jpg": "https://cdn.example.org/femur.jpg"}


def render(text: str) -> str:
    return render_reading(text, images=IMAGES)


def problems(text: str) -> list[str]:
    return reading_problems(text, images=IMAGES.keys())


# --- rendering ----------------------------------------------------------------------


def test_authors_h1_becomes_h2_and_lower_headings_follow():
    html = render("# Diabetes\n\n## Type 2\n\n###### Deepest\n")
    assert html == "<h2>Diabetes</h2>\n<h3>Type 2</h3>\n<h6>Deepest</h6>\n"


def test_headings_starting_at_h2_are_left_alone():
    assert render("## Type 2\n\n### With hyperglycemia\n") == "<h2>Type 2</h2>\n<h3>With hyperglycemia</h3>\n"


def test_tables_render_with_their_alignment():
    html = render("| Code | Meaning |\n|:-----|--------:|\n| E11 | Type 2 diabetes mellitus |\n")
    assert "<table>" in html
    assert '<th style="text-align:left">Code</th>' in html
    assert '<td style="text-align:right">Type 2 diabetes mellitus</td>' in html


def test_strikethrough_and_prose_html_are_kept():
    html = render("~~E11.9~~ E11.65<sup>1</sup> <abbr title=\"Tabular List\">TL</abbr> <kbd>Ctrl</kbd>+<kbd>F</kbd>")
    assert html == (
        '<p><s>E11.9</s> E11.65<sup>1</sup> <abbr title="Tabular List">TL</abbr> '
        "<kbd>Ctrl</kbd>+<kbd>F</kbd></p>\n"
    )


def test_script_is_removed_with_its_content():
    html = render("Before\n\n<script>alert('x')</script>\n\nAfter <script>steal()</script>")
    assert "script" not in html
    assert "alert" not in html
    assert "steal" not in html
    assert "<p>Before</p>" in html


def test_javascript_link_loses_its_href():
    html = render("[click](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(2)\">here</a>")
    assert "javascript" not in html.lower()
    assert html == '<p><a rel="noopener noreferrer">click</a> <a rel="noopener noreferrer">here</a></p>\n'


def test_event_attributes_are_removed():
    assert render('<img src="/x.png" onerror="alert(1)" alt="x">') == '<img src="/x.png" alt="x">'


def test_links_keep_safe_urls_and_get_rel():
    html = render("[CMS](https://www.cms.gov/) [next](../lesson-2/) [mail](mailto:help@example.org) [f](ftp://x/y)")
    assert '<a href="https://www.cms.gov/" rel="noopener noreferrer">CMS</a>' in html
    assert '<a href="../lesson-2/" rel="noopener noreferrer">next</a>' in html
    assert '<a href="mailto:help@example.org" rel="noopener noreferrer">mail</a>' in html
    assert '<a rel="noopener noreferrer">f</a>' in html


def test_image_name_resolves_to_the_uploaded_images_url():
    html = render('![EKG strip, lead II](image:ekg.png "Sinus rhythm") ![Femur](<image:Femur X-ray.jpg>)')
    assert '<img src="/media/lessons/ekg.png" alt="EKG strip, lead II" title="Sinus rhythm">' in html
    assert '<img src="https://cdn.example.org/femur.jpg" alt="Femur">' in html


def test_image_is_found_by_the_name_it_had_before_upload_renamed_it():
    html = render_reading("![EKG](<image:EKG Strip (lead II).png>)", images={"ekg-strip-lead-ii.png": "/m/ekg.png"})
    assert html == '<p><img src="/m/ekg.png" alt="EKG"></p>\n'


def test_missing_image_renders_its_description_without_a_source():
    assert render("![Chest film](image:chest.png)") == '<p><img alt="Chest film"></p>\n'


def test_code_about_html_is_shown_as_text():
    assert render("Write `<script>` like this.") == "<p>Write <code>&lt;script&gt;</code> like this.</p>\n"


# --- problems -----------------------------------------------------------------------


def test_a_clean_reading_has_no_problems():
    text = "# ICD-10-CM\n\nSee ![EKG](image:ekg.png) and [CMS](https://www.cms.gov/).\n\n```\n<script>\n```\n"
    assert problems(text) == []


def test_empty_reading_is_a_problem():
    assert problems(" \n\n ") == ["Write the reading."]


@override_settings(READING_MAX_CHARS=50)
def test_reading_over_the_limit_is_a_problem():
    assert problems("x" * 51) == ["The reading is 51 characters long; the limit is 50. Split it across lessons."]


def test_script_is_reported_with_its_line():
    assert problems("Intro\n\n<script>\nalert(1)\n</script>\n") == [
        "Readings cannot contain <script> (line 3): scripts are removed when the reading is shown. Remove it."
    ]


def test_inline_script_is_reported_with_its_line():
    assert problems("One\nTwo <script>x()</script>\n") == [
        "Readings cannot contain <script> (line 2): scripts are removed when the reading is shown. Remove it."
    ]


def test_iframe_style_and_form_are_reported():
    found = problems('<iframe src="https://x.example"></iframe>\n\n<style>p {}</style>\n\n<form><input></form>\n')
    assert [message.split(" (")[0] for message in found] == [
        "Readings cannot contain <iframe>",
        "Readings cannot contain <style>",
        "Readings cannot contain <form>",
    ]


def test_javascript_link_is_reported():
    assert problems("Text\n\n[click](javascript:alert(1))") == [
        "Readings cannot contain javascript: links (line 3): they run script and are removed when the reading "
        "is shown. Link to an https:// page instead."
    ]


def test_disguised_javascript_link_in_html_is_reported():
    found = problems('<a href="java&#x09;script:alert(1)">x</a>')
    assert found[0].startswith("Readings cannot contain javascript: links (line 1)")


def test_onerror_attribute_is_reported():
    assert problems('<img src="/x.png" onerror="alert(1)">') == [
        "Readings cannot use the onerror attribute (on <img>, line 1): event attributes run script and are "
        "removed when the reading is shown. Remove it."
    ]


def test_missing_image_is_reported():
    assert problems("Normal:\n\n![EKG](image:ekg.png)\n\nAbnormal:\n\n![EKG](image:ekg-afib.png)") == [
        "The reading shows image:ekg-afib.png (line 7), but no image of that name is uploaded to this lesson. "
        "Upload it below or fix the name."
    ]


def test_image_in_raw_html_is_pointed_to_markdown():
    assert problems('<img src="image:ekg.png" alt="EKG">') == [
        "Show an uploaded image with Markdown, not <img> (line 1): ![what it shows](image:ekg.png). "
        "image: names work only there."
    ]


def test_unsupported_link_scheme_is_reported():
    assert problems("[call](tel:+15555550100)") == [
        "The link tel:+15555550100 (line 1) cannot be used and would be removed: links must start with "
        "http://, https:// or mailto:, or point to a page of this site."
    ]
