"""Fifty well-known XSS payloads as thread titles, post bodies, people's names, topic names and report
reasons: every forum page shows them as text. Nothing in the page's main content runs script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from cohorts import forum_moderation, forums
from lms.models import User
from tests.factories import EnrollmentFactory, MembershipFactory, UserFactory

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>",
    "<img src=`javascript:alert(1)`>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](https://example.com/x.png\" onerror=\"alert(1))",
    "<a href=\"jav&#x09;ascript:alert(1)\">tab</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">entities</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<div style=\"width: expression(alert(1))\">x</div>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<input onfocus=alert(1) autofocus>",
    "<select onfocus=alert(1) autofocus>",
    "<textarea onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<video><source onerror=\"alert(1)\">",
    "<audio src=x onerror=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
    "<a href=\"#\" onclick=\"alert(1)\">x</a>",
    "<p onmouseover=\"alert(1)\">hover</p>",
    "`<img src=x onerror=alert(1)>`\n\n    <script>alert(1)</script>",
    "E11.65 <img src=x onerror=alert('E11.65')> 99213",
]
assert len(PAYLOADS) == 50

DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "img", "style", "base", "meta", "link",
                  "video", "audio", "source", "marquee", "details", "body"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}


class _MainContent(HTMLParser):
    """The tags and attributes inside <main>, where what members wrote is shown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth:
            self.found.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1


def assert_inert(html: str, where: str) -> None:
    parser = _MainContent()
    parser.feed(html)
    assert parser.found, f"{where}: no main content was parsed"
    for tag, attrs in parser.found:
        assert tag not in DANGEROUS_TAGS, f"{where}: a <{tag}> came through"
        for name, value in attrs:
            assert not name.startswith("on"), f"{where}: <{tag} {name}=...> came through"
            assert name != "style", f"{where}: a style attribute came through on <{tag}>"
            if name in URL_ATTRIBUTES and value:
                squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not squeezed.startswith(("javascript:", "vbscript:", "data:")), f"{where}: {name}={value!r}"


@pytest.fixture
def forum_full_of_payloads(school_a, cohort_a):
    """Every payload is a thread title and body, a reply, a topic name, a name and a report reason."""
    teacher = school_a.membership(school_a.instructor)
    reporter = school_a.membership(school_a.student)
    topic = forums.topic_add(membership=teacher, cohort=cohort_a.cohort, title=PAYLOADS[0], description=PAYLOADS[2])
    threads = []
    for n, payload in enumerate(PAYLOADS):
        author = MembershipFactory(tenant=school_a.tenant, role="student",
                                   user=UserFactory(email=f"p{n}@northwind.test", full_name=payload[:150]))
        EnrollmentFactory(cohort=cohort_a.cohort, membership=author, state="active")
        thread = forums.thread_start(membership=author, topic=topic, title=payload[:150], body=payload)
        reply = forums.post_reply(membership=author, thread=thread, body=f"Reply: {payload}", reply_to=thread.posts.first())
        forum_moderation.post_report(membership=reporter, post=reply, reason=payload[:500])
        threads.append(thread)
    User.objects.filter(pk=school_a.student.pk).update(full_name=PAYLOADS[3])
    return topic, threads


def test_every_forum_page_shows_the_payloads_as_text(school_a, cohort_a, forum_full_of_payloads):
    topic, threads = forum_full_of_payloads
    student, staff = school_a.client(school_a.student), school_a.client(school_a.instructor)
    pages = {
        "forum": (student, reverse("cohorts:forum", args=[cohort_a.cohort.pk])),
        "topic": (student, reverse("cohorts:forum_topic", args=[topic.pk]) + "?page=1"),
        "topic page 2": (student, reverse("cohorts:forum_topic", args=[topic.pk]) + "?page=2"),
        "moderation": (staff, reverse("cohorts:forum_moderation")),
        "search": (student, reverse("cohorts:forum_search", args=[cohort_a.cohort.pk]) + "?q=alert"),
        "search for a code": (student, reverse("cohorts:forum_search", args=[cohort_a.cohort.pk]) + "?q=E11.65"),
    }
    for n, thread in enumerate(threads):
        pages[f"thread {n} (student)"] = (student, reverse("cohorts:forum_thread", args=[thread.pk]))
        pages[f"thread {n} (staff)"] = (staff, reverse("cohorts:forum_thread", args=[thread.pk]))
        reply = thread.posts.order_by("pk").last()
        pages[f"reply page {n}"] = (student, reverse("cohorts:forum_reply", args=[thread.pk]) + f"?to={reply.pk}")
        pages[f"report page {n}"] = (staff, reverse("cohorts:forum_post_report", args=[reply.pk]))
    for where, (client, url) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, f"{where}: {response.status_code}"
        assert_inert(response.content.decode(), where)


def test_the_payloads_are_still_readable_as_text(school_a, cohort_a, forum_full_of_payloads):
    _, threads = forum_full_of_payloads
    page = school_a.client(school_a.student).get(reverse("cohorts:forum_thread", args=[threads[0].pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_checker_catches_a_payload_that_got_through():
    with pytest.raises(AssertionError):
        assert_inert('<main><p>ok</p><img src=x onerror="alert(1)"></main>', "a planted page")
    with pytest.raises(AssertionError):
        assert_inert('<main><a href=" javascript:alert(1)">x</a></main>', "a planted link")
