"""Code references in members' posts: linked to the code page when the school has the code, and
a post's Markdown rendered safe (raw HTML shown as text, no images, scripts inert)."""

from __future__ import annotations

import re

import pytest

from codesets.models import System
from codesets.references import CODE_REFERENCE, code_reference_links
from courses.markdown import render_post
from tests.factories import CodeFactory, ReleaseFactory


def render(school, text: str) -> str:
    return render_post(text, pattern=CODE_REFERENCE,
                       code_links=lambda found: code_reference_links(tenant=school.tenant, candidates=found))


@pytest.fixture
def codes(school_a, school_b):
    icd = ReleaseFactory(system=System.ICD10CM)
    CodeFactory(release=icd, code="E11.65")
    CodeFactory(release=ReleaseFactory(system=System.HCPCS), code="J1100")
    CodeFactory(release=ReleaseFactory(system=System.CPT, tenant=school_a.tenant), code="99213")
    CodeFactory(release=ReleaseFactory(system=System.CPT, tenant=school_b.tenant), code="99214")


@pytest.mark.parametrize("word", ["E11.65", "99213", "J1100", "S72.001A", "E11", "0001T"])
def test_the_pattern_finds_code_shaped_words(word):
    assert CODE_REFERENCE.fullmatch(word)


@pytest.mark.parametrize("text", ["2026", "room 1204", "v1.2.3", "ABC12", "E11.65x", "x99213"])
def test_the_pattern_leaves_other_words_alone(text):
    assert not CODE_REFERENCE.search(text)


def test_codes_the_school_has_become_links_to_their_pages(school_a, codes):
    html = render(school_a, "Sequence E11.65 first; bill 99213 and J1100 for the injection.")
    assert '<a href="/codes/icd10cm/E11.65/"' in html
    assert '<a href="/codes/cpt/99213/"' in html
    assert '<a href="/codes/hcpcs/J1100/"' in html


def test_a_code_the_school_does_not_have_stays_text(school_a, codes):
    html = render(school_a, "Another school licensed 99214; A00.5 is not a code.")
    assert "<a" not in html and "99214" in html and "A00.5" in html


def test_code_spans_and_links_are_left_alone(school_a, codes):
    html = render(school_a, "`E11.65` and [see 99213](https://www.cms.gov/)")
    assert html.count("<a ") == 1 and "<code>E11.65</code>" in html


def test_all_candidates_are_looked_up_in_one_query(school_a, codes, django_assert_num_queries):
    text = " ".join(["E11.65", "99213", "J1100", "A01.1", "B20"] * 20)
    with django_assert_num_queries(2):  # the current releases, then the codes
        html = render(school_a, text)
    assert html.count('href="/codes/icd10cm/E11.65/"') == 20


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![tracker](https://evil.example/pixel.png)",
    '<a href="https://evil.example" onclick="alert(1)">x</a>',
])
def test_a_post_renders_inert(school_a, payload):
    tags = re.findall(r"<[^>]+>", render(school_a, payload))
    assert not [t for t in tags if re.match(r"</?(script|img)\b", t)], tags
    assert not [t for t in tags if re.search(r"\son\w+=|javascript:", t, re.I)], tags


def test_raw_html_is_shown_as_text(school_a):
    assert render(school_a, "<b>bold?</b>") == "<p>&lt;b&gt;bold?&lt;/b&gt;</p>\n"
