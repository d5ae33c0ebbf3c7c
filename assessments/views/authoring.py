"""Authoring pages: a course's question banks, the question editor (versioned), assessments and their
blueprints and dates, the keys to review after a code-set change, and a regrade's progress.

Registrars and the school's instructors write; a page they may not change answers 403, an object
they may not see 404. The editor is a plain form: choices and key lines are numbered rows, blank
rows are dropped, and "Preview scoring" scores a sample answer without saving anything.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from assessments import key_review, permissions, selectors
from assessments.domains import domains_ensure
from assessments.models import Assessment, KeyReview, Question, QuestionKind, RegradeJob, ScoringPolicy, ShowWhen
from assessments.preview import answer_from_text, preview_score
from assessments.services import delivery, questions
from cohorts.models import Cohort
from courses.models import Course, KeyRole, Module
from courses.selectors.content import authored_course_get
from lms.forms import add_service_errors
from lms.permissions import is_instructor, is_registrar, member_required
from lms.selectors import object_id

AUTHORS_ONLY = "Only the school's registrars and instructors write question banks and assessments."
CHOICE_ROWS = 6
KEY_ROWS = 6
CASE_ITEMS = 3
ROLES = KeyRole.choices
REQUIREMENTS = [("required", "Required"), ("optional", "Optional"), ("group", "One of a group")]


def _may_author(membership) -> bool:
    return is_registrar(membership) or is_instructor(membership)


def _author(request: HttpRequest, course: Course) -> None:
    if not permissions.can_author_assessments(request.membership, course):
        raise PermissionDenied(AUTHORS_ONLY)


# --- banks -------------------------------------------------------------------------------


class BankForm(forms.Form):
    title = forms.CharField(max_length=150)
    description = forms.CharField(max_length=300, required=False)


@member_required(_may_author, AUTHORS_ONLY)
@require_http_methods(["GET", "POST"])
def bank_list(request: HttpRequest, course_id: int) -> HttpResponse:
    course = authored_course_get(tenant=request.tenant, membership=request.membership, course_id=course_id)
    form = BankForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bank = questions.bank_create(tenant=request.tenant, actor=request.user, course=course, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Made the bank {bank.title}.")
            return redirect("assessments:bank_detail", bank_id=bank.pk)
    banks = course.question_banks.annotate(count=Count("questions", filter=Q(questions__is_archived=False))).order_by("title")
    assessments = course.assessments.select_related("bank").order_by("title")
    return render(request, "assessments/authoring/bank_list.html", {
        "course": course, "banks": banks, "assessments": assessments, "form": form,
        "assessment_form": AssessmentCreateForm(course=course),
    })


class QuestionFilter(forms.Form):
    domain = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(required=False, choices=[("", "Every kind"), *QuestionKind.choices])
    review = forms.BooleanField(required=False, label="Only keys to review")

    def __init__(self, *args, tenant, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["domain"].choices = [("", "Every domain"), *_domain_choices(tenant)]


def _domain_choices(tenant) -> list:
    groups: dict[str, list] = {}
    for domain in domains_ensure(tenant=tenant):
        groups.setdefault(domain.get_exam_display(), []).append(
            (domain.pk, f"{domain.group}: {domain.name}" if domain.group else domain.name))
    return list(groups.items())


@member_required(_may_author, AUTHORS_ONLY)
def bank_detail(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = selectors.bank_get_for(membership=request.membership, bank_id=bank_id)
    filters = QuestionFilter(request.GET or None, tenant=request.tenant)
    rows = bank.questions.select_related("current", "domain", "module").order_by("is_archived", "id")
    if filters.is_valid():
        if filters.cleaned_data["domain"]:
            rows = rows.filter(domain_id=filters.cleaned_data["domain"])
        if filters.cleaned_data["kind"]:
            rows = rows.filter(kind=filters.cleaned_data["kind"])
        if filters.cleaned_data["review"]:
            rows = rows.filter(needs_review=True)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "assessments/authoring/bank_detail.html", {
        "bank": bank, "course": bank.course, "page": page, "filters": filters,
        "kinds": QuestionKind.choices, "may_write": permissions.can_author_bank(request.membership, bank),
    })


# --- the question editor -----------------------------------------------------------------


class QuestionForm(forms.Form):
    domain = forms.TypedChoiceField(coerce=int, help_text="The exam content area it tests; results report by it.")
    module = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, help_text="The module it belongs to.")
    prompt = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown. Keep it to what the student needs.")
    points = forms.DecimalField(min_value=0.01, max_value=100, decimal_places=2, initial=1)
    rationale = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text="Why the answer is right; shown when answers are released.")
    rubric = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Written answers: what earns the points, so every grader grades alike.")
    record_title = forms.CharField(required=False, max_length=150, label="Record title", help_text="Operative report, Office note…")
    record_text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 10}), label="Health record",
                                  help_text="The document the student codes from (a fictional patient).")
    order_scored = forms.BooleanField(required=False, label="The order of secondary codes is scored")

    def __init__(self, *args, tenant, course: Course, kind: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["domain"].choices = _domain_choices(tenant)
        self.fields["module"].choices = [("", "No module"), *Module.objects.filter(course=course).values_list("pk", "title")]
        if kind != QuestionKind.WRITTEN:
            del self.fields["rubric"]
        if kind != QuestionKind.CASE:
            del self.fields["record_title"], self.fields["record_text"]
        if kind not in (QuestionKind.CODE, QuestionKind.CASE):
            del self.fields["order_scored"]


def _posted_choices(post) -> list[dict]:
    return [{"text": post.get(f"choice-{n}-text", "").strip(), "correct": post.get(f"choice-{n}-correct") == "on"}
            for n in range(1, CHOICE_ROWS + 3) if post.get(f"choice-{n}-text", "").strip()]


def _posted_key(post, prefix: str) -> list[dict]:
    lines = []
    for n in range(1, KEY_ROWS + 3):
        code = post.get(f"{prefix}-{n}-code", "").strip()
        if not code:
            continue
        lines.append({name: post.get(f"{prefix}-{n}-{name}", "").strip()
                      for name in ("role", "code", "requirement", "group", "modifiers", "units", "rationale")})
    return lines


def _posted_items(post, kind: str) -> list[dict]:
    count = 1 if kind == QuestionKind.CODE else CASE_ITEMS
    items = []
    for i in range(1, count + 1):
        key = _posted_key(post, f"item-{i}-line")
        label = post.get(f"item-{i}-label", "").strip()
        if key or label or kind == QuestionKind.CODE:
            items.append({"label": label, "prompt": post.get(f"item-{i}-prompt", "").strip(), "key": key})
    return items


def _editor_rows(kind: str, version, post=None) -> dict:
    """What the editor's numbered rows show: what was posted, else the version's, padded with blanks."""
    if post is not None:
        choices = _posted_choices(post)
        items = _posted_items(post, kind)
    else:
        choices = list(version.choices) if version else []
        items = [dict(item) for item in version.items] if version else []
    choices = choices + [{"text": "", "correct": False}] * max(0, CHOICE_ROWS - len(choices))
    wanted = 1 if kind == QuestionKind.CODE else CASE_ITEMS
    items = items + [{"label": "", "prompt": "", "key": []}] * max(0, wanted - len(items))
    for item in items:
        key = [dict(line) for line in item.get("key", [])]
        for line in key:
            if isinstance(line.get("modifiers"), list):
                line["modifiers"] = ", ".join(line["modifiers"])
        item["rows"] = key + [{"role": "", "code": "", "requirement": "required", "group": "", "modifiers": "",
                               "units": "", "rationale": ""}] * max(0, KEY_ROWS - len(key))
    return {"choices": choices, "items": items[:wanted]}


def _data(form: QuestionForm, post) -> dict:
    data = {**form.cleaned_data, "kind": form.kind, "points": str(form.cleaned_data["points"])}
    if form.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        data["choices"] = _posted_choices(post)
    if form.kind in (QuestionKind.CODE, QuestionKind.CASE):
        data["items"] = _posted_items(post, form.kind)
    return data


def _preview(request: HttpRequest, form: QuestionForm) -> dict | None:
    """Score the sample answer against the first item's key as typed, saving nothing."""
    items = _posted_items(request.POST, form.kind)
    text = request.POST.get("sample_answer", "")
    if not items:
        return {"error": "Write the key first."}
    try:
        result = preview_score(tenant=request.tenant, key=items[0]["key"], answer=answer_from_text(text),
                               order_scored=request.POST.get("order_scored") == "on")
    except ValidationError as exc:
        return {"error": " ".join(exc.messages)}
    return {"result": result, "percent": round(result.score * 100)}


def _editor(request: HttpRequest, bank, kind: str, question: Question | None) -> HttpResponse:
    version = question.current if question else None
    initial = {}
    if question is not None:
        initial = {"domain": question.domain_id, "module": question.module_id, "prompt": version.prompt,
                   "points": version.points, "rationale": version.rationale, "rubric": version.rubric,
                   "record_title": version.record_title, "record_text": version.record_text,
                   "order_scored": version.order_scored}
    form = QuestionForm(request.POST or None, initial=initial, tenant=request.tenant, course=bank.course, kind=kind)
    preview = None
    if request.method == "POST":
        permissions.can_author_bank(request.membership, bank) or _refuse()
        if "preview" in request.POST:
            form.is_valid()
            preview = _preview(request, form)
        elif form.is_valid():
            try:
                if question is None:
                    saved = questions.question_create(tenant=request.tenant, actor=request.user, bank=bank,
                                                      data=_data(form, request.POST))
                    messages.success(request, f"Question {saved.pk} saved.")
                else:
                    edited = questions.question_update(tenant=request.tenant, actor=request.user, question=question,
                                                       data=_data(form, request.POST))
                    saved = edited.question
                    if edited.regrade is not None:
                        messages.success(request, "Saved as a new version; the attempts that had it are being regraded.")
                        return redirect("assessments:regrade_detail", job_id=edited.regrade.pk)
                    messages.success(request, "Saved as a new version: attempts keep the one they were given."
                                     if edited.new_version else "Question saved.")
                return redirect("assessments:bank_detail", bank_id=bank.pk)
            except ValidationError as exc:
                add_service_errors(form, exc)
    errors = form.errors.as_data() if form.is_bound else {}
    return render(request, "assessments/authoring/question_form.html", {
        "bank": bank, "course": bank.course, "question": question, "kind": kind,
        "kind_label": QuestionKind(kind).label, "form": form, "rows": _editor_rows(kind, version, request.POST or None),
        "roles": ROLES, "requirements": REQUIREMENTS, "preview": preview,
        "choice_errors": [m for e in errors.get("choices", []) for m in e.messages] if errors else [],
        "item_errors": [m for e in errors.get("items", []) for m in e.messages] if errors else [],
        "sample_answer": request.POST.get("sample_answer", ""),
        "versions": question.versions.order_by("-number") if question else [],
    })


def _refuse():
    raise PermissionDenied(AUTHORS_ONLY)


@member_required(_may_author, AUTHORS_ONLY)
@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, bank_id: int) -> HttpResponse:
    bank = selectors.bank_get_for(membership=request.membership, bank_id=bank_id)
    kind = request.GET.get("kind") or request.POST.get("kind") or QuestionKind.SINGLE
    if kind not in QuestionKind.values:
        raise Http404("No such kind of question.")
    return _editor(request, bank, kind, None)


@member_required(_may_author, AUTHORS_ONLY)
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_get_for(membership=request.membership, question_id=question_id)
    return _editor(request, question.bank, question.kind, question)


@member_required(_may_author, AUTHORS_ONLY)
@require_POST
def question_archive(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.question_get_for(membership=request.membership, question_id=question_id)
    permissions.can_author_bank(request.membership, question.bank) or _refuse()
    restore = request.POST.get("restore") == "1"
    questions.question_archive(tenant=request.tenant, actor=request.user, question=question, archived=not restore)
    messages.success(request, f"Question {question.pk} {'restored' if restore else 'archived: it is never drawn again'}.")
    return redirect("assessments:bank_detail", bank_id=question.bank_id)


# --- assessments ----------------------------------------------------------------------------


class AssessmentCreateForm(forms.Form):
    title = forms.CharField(max_length=150)
    kind = forms.ChoiceField(choices=Assessment.Kind.choices)
    bank = forms.TypedChoiceField(coerce=int, label="Questions from")

    def __init__(self, *args, course: Course, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bank"].choices = list(course.question_banks.values_list("pk", "title"))
        for name in self.fields:
            self.fields[name].widget.attrs["id"] = f"id_new_{name}"


class AssessmentForm(forms.Form):
    title = forms.CharField(max_length=150)
    kind = forms.ChoiceField(choices=Assessment.Kind.choices)
    module = forms.TypedChoiceField(required=False, coerce=int, empty_value=None,
                                    help_text="A module quiz: the module can ask for it to be passed.")
    instructions = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Markdown.")
    time_limit_minutes = forms.IntegerField(required=False, min_value=1, max_value=24 * 60, label="Time limit (minutes)",
                                            help_text="Empty for none. A student's accommodation multiplies it.")
    attempts_allowed = forms.IntegerField(min_value=1, max_value=99)
    scoring_policy = forms.ChoiceField(choices=ScoringPolicy.choices, label="Which attempt counts")
    passing_percent = forms.DecimalField(min_value=0, max_value=100, decimal_places=2, label="Pass mark (%)")
    shuffle_questions = forms.BooleanField(required=False)
    shuffle_choices = forms.BooleanField(required=False)
    show_scores = forms.ChoiceField(choices=ShowWhen.choices, label="Scores are shown")
    show_answers = forms.ChoiceField(choices=ShowWhen.choices, label="Answers and feedback are shown")
    is_published = forms.BooleanField(required=False, label="Published (students see it in the cohorts it is scheduled for)")

    def __init__(self, *args, course: Course, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [("", "No module"), *Module.objects.filter(course=course).values_list("pk", "title")]


@member_required(_may_author, AUTHORS_ONLY)
@require_POST
def assessment_create(request: HttpRequest, course_id: int) -> HttpResponse:
    course = authored_course_get(tenant=request.tenant, membership=request.membership, course_id=course_id)
    form = AssessmentCreateForm(request.POST, course=course)
    if not form.is_valid():
        messages.error(request, "Name the assessment and choose its kind and bank.")
        return redirect("assessments:bank_list", course_id=course.pk)
    bank = course.question_banks.get(pk=form.cleaned_data["bank"])
    assessment = delivery.assessment_create(tenant=request.tenant, actor=request.user, course=course, bank=bank,
                                            data={"title": form.cleaned_data["title"], "kind": form.cleaned_data["kind"]})
    return redirect("assessments:assessment_edit", assessment_id=assessment.pk)


def _schedules(assessment: Assessment, membership) -> list[dict]:
    cohorts = list(Cohort.objects.filter(tenant_id=assessment.tenant_id, course_id=assessment.course_id)
                   .select_related("term").prefetch_related("staff").order_by("-term__starts_on", "section_code"))
    for cohort in cohorts:
        cohort.staff_ids = {s.membership_id for s in cohort.staff.all()}  # can_schedule reads it, no query each
    rows = {row.cohort_id: row for row in assessment.schedules.all()}
    return [{"cohort": c, "row": rows.get(c.pk), "may": permissions.can_schedule(membership, c)}
            for c in cohorts]


@member_required(_may_author, AUTHORS_ONLY)
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.assessment_get_for(membership=request.membership, assessment_id=assessment_id)
    course = assessment.course
    initial = {name: getattr(assessment, name) for name in delivery.SETTINGS} | {"module": assessment.module_id}
    form = AssessmentForm(request.POST if "settings" in request.POST else None, initial=initial, course=course)
    if request.method == "POST":
        _author(request, course)
        try:
            if "settings" in request.POST and form.is_valid():
                delivery.assessment_update(tenant=request.tenant, actor=request.user, assessment=assessment,
                                           data={**form.cleaned_data, "instructions": form.cleaned_data["instructions"] or ""})
                messages.success(request, "Settings saved.")
                return redirect("assessments:assessment_edit", assessment_id=assessment.pk)
            if "blueprint" in request.POST:
                rules = [{"domain": int(k.split("-")[1]), "count": int(v)} for k, v in request.POST.items()
                         if k.startswith("draw-") and v.strip().isdigit() and int(v) > 0]
                delivery.blueprint_set(tenant=request.tenant, actor=request.user, assessment=assessment, rules=rules)
                messages.success(request, "Blueprint saved." if rules else "Blueprint cleared: every attempt gets the chosen questions.")
                return redirect("assessments:assessment_edit", assessment_id=assessment.pk)
            if "fixed" in request.POST:
                ids = [int(v) for v in request.POST.getlist("question") if v.isdigit()]
                delivery.questions_set(tenant=request.tenant, actor=request.user, assessment=assessment, question_ids=ids)
                messages.success(request, f"{len(ids)} questions chosen.")
                return redirect("assessments:assessment_edit", assessment_id=assessment.pk)
        except ValidationError as exc:
            if "settings" in request.POST:
                add_service_errors(form, exc)
            else:
                for message in exc.messages:
                    messages.error(request, message)
    pool = dict(assessment.bank.questions.filter(is_archived=False).values_list("domain_id").annotate(n=Count("pk")))
    drawn = {r.domain_id: r.count for r in assessment.blueprint.all()}
    domains = [{"domain": d, "have": pool.get(d.pk, 0), "draw": drawn.get(d.pk, "")}
               for d in domains_ensure(tenant=request.tenant) if pool.get(d.pk) or d.pk in drawn]
    fixed = set(assessment.fixed_questions.values_list("question_id", flat=True))
    bank_questions = assessment.bank.questions.filter(is_archived=False).select_related("current", "domain").order_by("id")
    return render(request, "assessments/authoring/assessment_form.html", {
        "assessment": assessment, "course": course, "form": form, "domains": domains,
        "total_drawn": sum(drawn.values()), "bank_questions": bank_questions[:300], "fixed": fixed,
        "schedules": _schedules(assessment, request.membership),
    })


def _moment(request: HttpRequest, name: str):
    value = request.POST.get(name, "").strip()
    if not value:
        return None
    field = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M"])
    try:
        return field.clean(value)
    except ValidationError:
        raise ValidationError({name: "Enter a date and time."}) from None


@member_required(_may_author, AUTHORS_ONLY)
@require_POST
def assessment_schedule(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """Dates for one cohort, in the cohort's own time zone (a due time of 11:59 pm is the cohort's)."""
    import zoneinfo

    from django.utils import timezone

    assessment = selectors.assessment_get_for(membership=request.membership, assessment_id=assessment_id)
    cohort = Cohort.objects.filter(tenant=request.tenant, course_id=assessment.course_id,
                                   pk=object_id(request.POST.get("cohort"))).first()
    if cohort is None:
        raise Http404("No such cohort of this course.")
    if not permissions.can_schedule(request.membership, cohort):
        raise PermissionDenied("Only the cohort's staff and registrars set its dates.")
    try:
        with timezone.override(zoneinfo.ZoneInfo(cohort.time_zone)):
            moments = {name: _moment(request, name) for name in ("opens_at", "due_at", "closes_at")}
        penalty = request.POST.get("late_penalty_percent", "0").strip() or "0"
        delivery.schedule_set(tenant=request.tenant, actor=request.user, cohort=cohort, assessment=assessment,
                              late_penalty_percent=penalty, **moments)
        messages.success(request, f"Dates saved for {cohort.section_code}.")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, f"{cohort.section_code}: {message}")
    return redirect(f"{request.path.rsplit('schedule/', 1)[0]}#schedule")


# --- keys to review, regrades ------------------------------------------------------------------


@member_required(_may_author, AUTHORS_ONLY)
def review_list(request: HttpRequest) -> HttpResponse:
    rows = key_review.reviews_open(tenant_id=request.tenant.pk).order_by("created_at", "id")[:500]
    return render(request, "assessments/authoring/review_list.html", {"reviews": rows})


@member_required(_may_author, AUTHORS_ONLY)
@require_POST
def review_resolve(request: HttpRequest, review_id: int) -> HttpResponse:
    review = KeyReview.objects.filter(tenant=request.tenant, pk=object_id(review_id)).first()
    if review is None:
        raise Http404("No such review.")
    key_review.review_resolve(review=review, actor=request.user)
    messages.success(request, "Marked reviewed.")
    return redirect("assessments:review_list")


@member_required(_may_author, AUTHORS_ONLY)
def regrade_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    job = RegradeJob.objects.filter(tenant=request.tenant, pk=object_id(job_id)).select_related("question__bank").first()
    if job is None or not selectors.banks_visible_to(membership=request.membership).filter(pk=job.question.bank_id).exists():
        raise Http404("No such regrade.")
    template = "assessments/authoring/partials/regrade_progress.html" if request.htmx else "assessments/authoring/regrade.html"
    return render(request, template, {"job": job, "running": job.state in (RegradeJob.State.QUEUED, RegradeJob.State.RUNNING)})


urlpatterns = [
    path("authoring/courses/<int:course_id>/banks/", bank_list, name="bank_list"),
    path("authoring/courses/<int:course_id>/assessments/new/", assessment_create, name="assessment_create"),
    path("authoring/banks/<int:bank_id>/", bank_detail, name="bank_detail"),
    path("authoring/banks/<int:bank_id>/questions/new/", question_create, name="question_create"),
    path("authoring/questions/<int:question_id>/", question_edit, name="question_edit"),
    path("authoring/questions/<int:question_id>/archive/", question_archive, name="question_archive"),
    path("authoring/assessments/<int:assessment_id>/", assessment_edit, name="assessment_edit"),
    path("authoring/assessments/<int:assessment_id>/schedule/", assessment_schedule, name="assessment_schedule"),
    path("authoring/reviews/", review_list, name="review_list"),
    path("authoring/reviews/<int:review_id>/resolve/", review_resolve, name="review_resolve"),
    path("authoring/regrades/<int:job_id>/", regrade_detail, name="regrade_detail"),
]
