"""What the bench asks for: the key pages of a student's and a staff member's day.

The same list drives the load (``bench/run.py``) and the in-process query
counts (``bench/queries.py``), so both measure the same requests.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from pathlib import Path

from bench.client import Response, Target, Visitor, form_body, request

STUDENT, INSTRUCTOR, REGISTRAR = "student", "instructor", "registrar"
LOGIN_PATH = "/accounts/login/"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Seeded:
    """The part of ``bench/seeded.json`` (written by ``manage.py bench_seed``) that the journeys use."""

    size: str
    host: str
    password: str
    students: list[str]
    instructor: str
    registrar: str
    cohort_id: int
    lessons: dict[str, list[int]]  # kind -> ids of the first cohort's lessons open today, in order
    student_count: int
    forum_topic_id: int | None = None  # the first cohort's general topic
    forum_thread_id: int | None = None  # its long thread (200 posts)
    exam_schedule_id: int | None = None  # its timed practice exam, open today
    index_main_term_id: int | None = None  # the Alphabetic Index's "Fracture, traumatic"

    @classmethod
    def load(cls, path: Path) -> Seeded:
        data = json.loads(path.read_text())
        return cls(
            size=str(data["size"]),
            host=data["host"],
            password=data["password"],
            students=list(data["student_emails"]),
            instructor=data["instructor_email"],
            registrar=data["registrar_email"],
            cohort_id=int(data["first_cohort_id"]),
            lessons={kind: [int(i) for i in ids] for kind, ids in data["lesson_ids"].items()},
            student_count=int(data.get("student_count", len(data["student_emails"]))),
            forum_topic_id=data.get("forum_topic_id"),
            forum_thread_id=data.get("forum_thread_id"),
            exam_schedule_id=data.get("exam_schedule_id"),
            index_main_term_id=data.get("index_main_term_id"),
        )


@dataclass(frozen=True)
class Endpoint:
    """One page or post, asked for by someone in ``role``."""

    name: str
    role: str | None  # who asks; None: anonymous (the ceiling)
    path: str
    method: str = "GET"
    json_body: bool = False  # the player's progress report

    def body(self, n: int) -> bytes:
        if not self.json_body:
            return b""
        # A lecture played on: the position moves, seconds watched grow a little each report.
        return json.dumps({"position": 5 + n % 60, "seconds_watched": 5}).encode()


CEILING = Endpoint("ceiling (constant, no DB)", None, "/-/ceiling")


DEFAULT_CODE = "icd10cm/E11.65"  # type 2 diabetes with hyperglycemia: what the search below finds


def endpoints(seeded: Seeded, *, code: str = DEFAULT_CODE) -> list[Endpoint]:
    """The key pages, the student's first, in the order a journey visits them."""
    c = seeded.cohort_id
    video = seeded.lessons["video"][0]
    first = datetime.date.today().replace(day=1)  # the calendar API's range: this month
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    pages = [
        Endpoint("dashboard", STUDENT, "/"),
        Endpoint("course page", STUDENT, f"/cohorts/{c}/learn/"),
        Endpoint("lesson: video", STUDENT, f"/cohorts/{c}/lessons/{video}/"),
    ]
    for kind in ("reading", "exercise"):
        if seeded.lessons.get(kind):
            pages.append(Endpoint(f"lesson: {kind}", STUDENT, f"/cohorts/{c}/lessons/{seeded.lessons[kind][0]}/"))
    pages += [
        Endpoint("progress post", STUDENT, f"/cohorts/{c}/lessons/{video}/progress/", method="POST", json_body=True),
        Endpoint("encoder search", STUDENT, "/codes/?q=diabetes"),
        Endpoint("code page", STUDENT, f"/codes/{code}/"),
    ]
    if seeded.index_main_term_id:  # the Index is loaded (a bench run with --no-codes has none)
        pages += [
            Endpoint("index search", STUDENT, "/codes/index/?q=fracture+femur+neck"),
            Endpoint("index search API", STUDENT, "/api/v1/codes/index/?search=diabetes+hyperglycemia"),
            Endpoint("drug table search", STUDENT, "/codes/drugs/?q=aspirin"),
            Endpoint("index main term (Fracture, traumatic)", STUDENT, f"/codes/index/{seeded.index_main_term_id}/"),
        ]
    pages += [
        Endpoint("notifications", STUDENT, "/notifications/"),
        Endpoint("notifications API", STUDENT, "/api/v1/notifications/?unread=1"),
        Endpoint("calendar", STUDENT, "/calendar/"),
        Endpoint("calendar API", STUDENT, f"/api/v1/calendar/?start={first:%Y-%m-%d}&end={after:%Y-%m-%d}"),
    ]
    if seeded.forum_thread_id:
        pages += [
            Endpoint("forum", STUDENT, f"/cohorts/{c}/forum/"),
            Endpoint("forum topic", STUDENT, f"/forum/topics/{seeded.forum_topic_id}/"),
            Endpoint("forum thread (200 posts)", STUDENT, f"/forum/threads/{seeded.forum_thread_id}/"),
            Endpoint("forum search", STUDENT, f"/cohorts/{c}/forum/search/?q=insulin+Z79.4"),
        ]
    if seeded.exam_schedule_id:
        pages += [
            Endpoint("assessments", STUDENT, f"/cohorts/{c}/assessments/"),
            Endpoint("assessment page", STUDENT, f"/assessments/{seeded.exam_schedule_id}/"),
        ]
    pages += [
        Endpoint("roster", INSTRUCTOR, f"/cohorts/{c}/roster/"),
        Endpoint("progress grid", INSTRUCTOR, f"/cohorts/{c}/progress/"),
        Endpoint("enrollment queue", REGISTRAR, "/enrollments/"),
    ]
    if seeded.exam_schedule_id:
        pages.append(Endpoint("exam's attempts (staff)", INSTRUCTOR, f"/assessments/{seeded.exam_schedule_id}/"))
    return pages


def ok(response: Response) -> bool:
    return 200 <= response.status < 300


async def send(target: Target, endpoint: Endpoint, visitor: Visitor | None, n: int) -> Response:
    headers = {}
    body = endpoint.body(n)
    if endpoint.method != "GET":
        headers = {
            "Content-Type": "application/json",
            "X-CSRFToken": visitor.cookies.get("csrftoken", "") if visitor else "",
            "Origin": target.origin,
            "Referer": f"{target.origin}{endpoint.path}",
        }
    return await request(target, endpoint.method, endpoint.path, visitor=visitor, body=body, headers=headers)


class SignInError(RuntimeError):
    pass


async def sign_in(target: Target, visitor: Visitor, email: str, password: str) -> tuple[Response, Response]:
    """allauth's form, as a person uses it: the page for its CSRF token, then the post; a session on success."""
    page = await request(target, "GET", LOGIN_PATH, visitor=visitor)
    match = CSRF_INPUT.search(page.body)
    if page.status != 200 or match is None:
        raise SignInError(f"sign-in page for {email}: {page.status} {page.body[:200]!r}")
    body, headers = form_body({"csrfmiddlewaretoken": match.group(1).decode(), "login": email, "password": password})
    headers.update({"Origin": target.origin, "Referer": f"{target.origin}{LOGIN_PATH}"})
    post = await request(target, "POST", LOGIN_PATH, visitor=visitor, body=body, headers=headers)
    if post.status != 302 or "/accounts/" in (post.header("location") or "") or "sessionid" not in visitor.cookies:
        raise SignInError(
            f"sign-in of {email}: {post.status} to {post.header('location')!r} (need a verified address and "
            f"the seeded password) {post.body[:200]!r}"
        )
    visitor.label = email
    return page, post
