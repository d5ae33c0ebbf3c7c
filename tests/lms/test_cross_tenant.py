"""Every route that takes an object id answers 404 to another school's member.

The walk reads the URL configuration, so a new route is covered without
editing this file; a route whose id kind is not known here fails the test
until it is added to ID_SOURCES.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessments.models import (
    Accommodation,
    Assessment,
    Attempt,
    AttemptItem,
    BankImport,
    CohortAssessment,
    KeyReview,
    Question,
    QuestionBank,
    QuestionVersion,
    RegradeJob,
)
from codesets.models import Code, Release, System
from cohorts import forum_moderation, forums
from cohorts.calendar_feed import calendar_feed_get_or_create
from cohorts.models import (
    Announcement,
    AnnouncementRead,
    CalendarFeed,
    Cohort,
    Enrollment,
    EnrollmentImport,
    ForumPost,
    ForumReport,
    ForumSubscription,
    ForumThread,
    ForumTopic,
    LiveSession,
    LiveSessionAttendance,
    SupportMessage,
    SupportRequest,
    Term,
)
from cohorts.support import request_open as support_request_open
from courses.models import (
    CostItem,
    Course,
    ExerciseAttempt,
    KeyLine,
    Lesson,
    LessonFile,
    LessonProgress,
    Module,
    ModulePrerequisite,
    PaymentPlan,
    Program,
)
from courses.views.files import url_name
from lms.models import Invitation, Membership, Notification
from lms.notifications.email import unsubscribe_token
from tests.factories import (
    CodeFactory,
    KeyLineFactory,
    LessonFactory,
    LessonFileFactory,
    LiveSessionFactory,
    ModuleFactory,
    NotificationFactory,
    ProgramCourseFactory,
    ReleaseFactory,
)

ASSESSMENT_MODELS = (QuestionBank, Question, QuestionVersion, Assessment, CohortAssessment, Accommodation, Attempt,
                     AttemptItem, RegradeJob, KeyReview, BankImport)

# Routes that are not the school's objects: the platform operators' admin
# (global, staff only) and allauth's signed, per-user keys.
EXCLUDED_MODULE_PREFIXES = ("django.contrib.admin", "allauth.")

ID_SOURCES = {
    "membership_id": lambda objs: objs["membership"].pk,
    "invitation_id": lambda objs: objs["invitation"].pk,
    "token": lambda objs: objs["invitation"].token,
    "release_id": lambda objs: objs["cpt_release"].pk,
    # Code routes: ICD-10-CM and HCPCS are shared by every school; a licensed CPT code is the school's own.
    "system": lambda objs: System.CPT,
    "code": lambda objs: objs["cpt_code"].code,
    "program_id": lambda objs: objs["program"].pk,
    "course_id": lambda objs: objs["course"].pk,
    "cost_item_id": lambda objs: objs["cost_item"].pk,
    "plan_id": lambda objs: objs["plan"].pk,
    "term_id": lambda objs: objs["term"].pk,
    "cohort_id": lambda objs: objs["cohort"].pk,
    "enrollment_id": lambda objs: objs["enrollment"].pk,
    "import_id": lambda objs: objs["enrollment_import"].pk,
    "module_id": lambda objs: objs["module"].pk,
    "lesson_id": lambda objs: objs["lesson"].pk,
    "file_id": lambda objs: objs["lesson_file"].pk,
    # The file's name in its URL is for people only; the file id decides.
    "name": lambda objs: url_name(objs["lesson_file"]),
    "notification_id": lambda objs: objs["notification"].pk,
    "announcement_id": lambda objs: objs["announcement"].pk,
    "session_id": lambda objs: objs["live_session"].pk,
    "unsubscribe_token": lambda objs: unsubscribe_token(membership_id=objs["membership"].pk, kinds=["enrollment.approved"]),
    # A member's private iCal feed: its token is the only key, valid on its own school's host only.
    "feed_token": lambda objs: objs["calendar_feed"].token,
    # A student's help request, answered by the school's registrars.
    "support_request_id": lambda objs: objs["support_request"].pk,
    # A cohort's forum: its general topic, a thread, a reply and a student's report of it.
    "topic_id": lambda objs: objs["forum_topic"].pk,
    "thread_id": lambda objs: objs["forum_thread"].pk,
    "post_id": lambda objs: objs["forum_post"].pk,
    "report_id": lambda objs: objs["forum_report"].pk,
    # Assessments: a cohort's scheduled practice exam and the student's attempt at it.
    "schedule_id": lambda objs: objs["exam"].scheduled.pk,
    "attempt_id": lambda objs: objs["attempt"].pk,
    "bank_id": lambda objs: objs["exam"].bank.pk,
    "question_id": lambda objs: objs["exam"].questions[0].pk,
    "assessment_id": lambda objs: objs["exam"].assessment.pk,
    "accommodation_id": lambda objs: objs["accommodation"].pk,
    "position": lambda objs: 1,  # an attempt's first question
    "job_id": lambda objs: objs["regrade"].pk,
    "review_id": lambda objs: objs["key_review"].pk,
    "bank_import_id": lambda objs: objs["bank_import"].pk,
}


# Routes whose owner is sent on (opening a notice goes to what it is about, a module's forum link to its
# topic, an attempt's page to its results unless its own student takes it); others answer 200 or 405.
OWNER_REDIRECTS = {"lms:notification_open", "cohorts:forum_module", "assessments:attempt_take"}

METHODS = ["get", "post", "patch", "put", "delete"]


def _snapshot(querysets) -> list[list[dict]]:
    """Every watched row; when a member was last seen is bookkeeping, not a change."""
    return [[{k: v for k, v in row.items() if k != "last_seen_at"} for row in rows.values()] for rows in querysets]


def _routes(resolver: URLResolver, namespace: str = "", inherited: tuple[str, ...] = ()) -> Iterator[tuple]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _routes(entry, ns, inherited + tuple(entry.pattern.regex.groupindex))
        elif isinstance(entry, URLPattern):
            kwargs = inherited + tuple(entry.pattern.regex.groupindex)
            if kwargs:
                yield namespace, entry, kwargs


def routes_with_ids() -> list[tuple[str, tuple[str, ...]]]:
    found = []
    for namespace, entry, kwargs in _routes(get_resolver()):
        module = getattr(entry.callback, "__module__", "")
        if module.startswith(EXCLUDED_MODULE_PREFIXES) or namespace.startswith("admin:"):
            continue
        assert entry.name, f"route {entry.pattern} takes {kwargs} but has no name; name it so it can be walked"
        found.append((f"{namespace}{entry.name}", kwargs))
    return found


ROUTES = routes_with_ids()
# Reference data every school shares (the ICD-10-CM indexes): no school owns these ids, so another school's
# member reads them as the owner does, and only someone outside every school is turned away.
SHARED_KWARGS = {"main_term_id": lambda objs: objs["index_main"].pk}
OWNED_ROUTES = [(name, kwargs) for name, kwargs in ROUTES if not set(kwargs) <= set(SHARED_KWARGS)]
SHARED_ROUTES = [(name, kwargs) for name, kwargs in ROUTES if set(kwargs) <= set(SHARED_KWARGS)]


def test_the_walk_finds_the_routes_we_know_of():
    names = {name for name, _ in ROUTES}
    assert {"lms:member_detail", "lms:invitation_accept", "api:member-detail", "api:invitation-detail"} <= names


def test_the_walk_finds_the_shared_index_routes():
    assert {"codes:index_term", "codes:external_term", "api:code-index-term"} <= {name for name, _ in SHARED_ROUTES}


@pytest.mark.parametrize(("route", "kwarg_names"), SHARED_ROUTES, ids=[name for name, _ in SHARED_ROUTES])
def test_shared_index_ids_answer_every_school_and_no_outsider(route, kwarg_names, school_a, school_b, outsider, icd10cm_index):
    from codesets.models import IndexTerm

    objects = {"index_main": IndexTerm.objects.get(release=icd10cm_index, kind="index", depth=0, title="Diabetes, diabetic")}
    url = reverse(route, kwargs={k: SHARED_KWARGS[k](objects) for k in kwarg_names})
    own = school_a.client(school_a.registrar).get(url)
    other = school_b.client(school_b.student).get(url)
    # The External Cause Index's page sends an Index term on to the Index's page.
    assert own.status_code in (200, 302) and other.status_code == own.status_code, (url, own.status_code, other.status_code)
    if own.status_code == 200:
        assert "hyperglycemia" in other.content.decode()
    stranger = school_a.client(outsider).get(url)
    anonymous = school_a.client().get(url)
    assert stranger.status_code in (302, 403, 404) and anonymous.status_code in (302, 401, 403), url
    assert "hyperglycemia" not in stranger.content.decode() + anonymous.content.decode()


@pytest.mark.parametrize(("route", "kwarg_names"), OWNED_ROUTES, ids=[name for name, _ in OWNED_ROUTES])
def test_other_schools_ids_answer_404(route, kwarg_names, school_a, school_b, invitation_a, cohort_a):
    program = ProgramCourseFactory(program__tenant=school_a.tenant, course=cohort_a.cohort.course).program
    enrollment_import = EnrollmentImport.objects.create(
        tenant=school_a.tenant, created_by=school_a.registrar, file_name="roster.csv", content="email\n"
    )
    cpt_release = ReleaseFactory(system=System.CPT, tenant=school_a.tenant)
    cpt_code = CodeFactory(release=cpt_release, code="0001T", description="Licensed descriptor of this school")
    # Published, in a module open from the cohort's first day: a lecture with its video, and an exercise's key.
    module = ModuleFactory(course=cohort_a.cohort.course, title="Seventh characters module")
    lesson = LessonFactory(module=module, kind="video", title="Seventh characters lecture")
    lesson_file = LessonFileFactory(lesson=lesson, name="northwind-lecture.mp4")
    KeyLineFactory(lesson__module=module)
    objects = {
        "membership": school_a.membership(school_a.student),
        "invitation": invitation_a,
        "cpt_release": cpt_release,
        "cpt_code": cpt_code,
        "program": program,
        "course": cohort_a.cohort.course,
        "cost_item": CostItem.objects.create(program=program, label="Tuition", amount=Decimal("4200.00")),
        "plan": PaymentPlan.objects.create(program=program, name="Six monthly payments", instalments=6),
        "term": cohort_a.cohort.term,
        "cohort": cohort_a.cohort,
        "enrollment": cohort_a.enrollment,
        "enrollment_import": enrollment_import,
        "module": module,
        "lesson": lesson,
        "lesson_file": lesson_file,
        "live_session": LiveSessionFactory(cohort=cohort_a.cohort, recorded=True),
        "notification": NotificationFactory(tenant=school_a.tenant, recipient=school_a.registrar, url="/catalogue/"),
        "announcement": Announcement.objects.create(
            tenant=school_a.tenant, audience="school", title="Northwind closes for Thanksgiving", body="Closed.",
            body_html="<p>Closed.</p>", author=school_a.registrar,
        ),
        "calendar_feed": calendar_feed_get_or_create(membership=school_a.membership(school_a.student)),
        "support_request": support_request_open(
            membership=school_a.membership(school_a.student), kind="financial_aid", subject="Northwind payment plan",
            body="Can I pay in six instalments?",
        ),
    }
    objects["forum_topic"] = forums.topics_ensure(cohort=cohort_a.cohort)[0]
    objects["forum_thread"] = forums.thread_start(
        membership=school_a.membership(school_a.student), topic=objects["forum_topic"], title="Northwind's E11.65 question",
        body="E11.65 or E11.9?",
    )
    objects["forum_post"] = forums.post_reply(membership=school_a.membership(school_a.instructor),
                                              thread=objects["forum_thread"], body="E11.65.")
    objects["forum_report"] = forum_moderation.post_report(membership=school_a.membership(school_a.student),
                                                 post=objects["forum_post"], reason="Checking the walk")
    from assessments.services import attempts as attempt_services
    from assessments.services import delivery
    from tests.assessments.conftest import make_exam

    objects["exam"] = make_exam(cohort_a)
    objects["attempt"] = attempt_services.attempt_start(membership=school_a.membership(school_a.student),
                                                        scheduled=objects["exam"].scheduled)
    objects["accommodation"] = delivery.accommodation_set(
        tenant=school_a.tenant, actor=school_a.registrar, membership=school_a.membership(school_a.student),
        time_multiplier=Decimal("1.5"),
    )
    objects["regrade"] = RegradeJob.objects.create(
        tenant=school_a.tenant, question=objects["exam"].questions[0], version=objects["exam"].questions[0].current,
        reason="Northwind fixed a key", requested_by=school_a.instructor,
    )
    objects["key_review"] = KeyReview.objects.create(
        tenant=school_a.tenant, question=objects["exam"].questions[0], release=ReleaseFactory(system=System.ICD10CM),
        reason="E11.65 was revised.",
    )
    objects["bank_import"] = BankImport.objects.create(
        tenant=school_a.tenant, bank=objects["exam"].bank, created_by=school_a.instructor, file_name="northwind.json",
        format="json", content="{}",
    )
    unknown = [k for k in kwarg_names if k not in ID_SOURCES]
    assert not unknown, f"{route} takes {unknown}: add how to find a school's object for it to ID_SOURCES"
    url = reverse(route, kwargs={k: ID_SOURCES[k](objects) for k in kwarg_names})
    # CPT rows only: the ICD-10-CM release other tests load stays in the database and is large.
    watched = (
        Membership.objects.all(),
        Invitation.objects.all(),
        Release.objects.filter(system=System.CPT),
        Code.objects.filter(system=System.CPT),
        Program.objects.all(),
        Course.objects.all(),
        CostItem.objects.all(),
        PaymentPlan.objects.all(),
        Term.objects.all(),
        Cohort.objects.all(),
        Enrollment.objects.all(),
        EnrollmentImport.objects.all(),
        Module.objects.all(),
        ModulePrerequisite.objects.all(),
        Lesson.objects.all(),
        LessonFile.objects.all(),
        KeyLine.objects.all(),
        LessonProgress.objects.all(),
        ExerciseAttempt.objects.all(),
        Notification.objects.all(),
        Announcement.objects.all(),
        AnnouncementRead.objects.all(),
        LiveSession.objects.all(),
        LiveSessionAttendance.objects.all(),
        CalendarFeed.objects.all(),
        SupportRequest.objects.all(),
        SupportMessage.objects.all(),
        ForumTopic.objects.all(),
        ForumThread.objects.all(),
        ForumPost.objects.all(),
        ForumReport.objects.all(),
        ForumSubscription.objects.all(),
        *(model.objects.all() for model in ASSESSMENT_MODELS),
    )

    # The owner can reach it (so a 404 below means something).
    own = school_a.client(school_a.registrar).get(url)
    expected = (302,) if route in OWNER_REDIRECTS else (200, 405)
    assert own.status_code in expected, f"{url} as its own registrar gave {own.status_code}"
    before = _snapshot(watched)

    intruder = school_b.client(school_b.registrar)
    for method in METHODS:
        response = getattr(intruder, method)(url, content_type="application/json") if method != "get" else intruder.get(url)
        if response.status_code == 405:
            continue
        assert response.status_code == 404, f"{method.upper()} {url} from another school gave {response.status_code}"
        assert school_a.tenant.name not in response.content.decode()
        assert cpt_code.description not in response.content.decode()
        assert lesson.title not in response.content.decode()
    assert _snapshot(watched) == before
