"""Help request pages: a student's "Get help" list and new request, one request's conversation,
the staff queue, and the registrar's page naming who handles each kind."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods, require_POST

from cohorts import support
from cohorts.models import SupportKind, SupportRequest
from lms.forms import IdMultipleChoiceField, add_service_errors
from lms.permissions import is_registrar, member_required

PAGE_SIZE = 25
STUDENTS_ONLY = "Help requests are for students; the staff the registrar names for each kind answer them."
NOT_STAFF = "The help request queue is for the school's staff; ask for help under Get help."
REGISTRARS_ONLY = "Only the school's registrars name who answers help requests."
QUEUE_STATUSES = [
    ("active", "Open and answered"),
    ("open", "Open: waiting for staff"),
    ("answered", "Answered"),
    ("closed", "Closed"),
    ("all", "Any status"),
]


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label="What do you need help with?", choices=SupportKind.choices, widget=forms.RadioSelect)
    cohort = forms.ModelChoiceField(label="Course it is about", queryset=None, required=False,
                                    empty_label="Not about one course")
    subject = forms.CharField(max_length=support.SUBJECT_MAX, help_text="A few words, e.g. “Video in module 3 will not play”.")
    body = forms.CharField(label="Your question", widget=forms.Textarea(attrs={"rows": 8}), max_length=support.BODY_MAX,
                           help_text="Say what you tried and what happened. Markdown: **bold**, *italic*, lists and links.")

    def __init__(self, *args, membership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = support.cohorts_to_ask_about(membership)
        self.fields["cohort"].label_from_instance = lambda c: f"{c.section_code} {c.course.title}"

    def kinds(self) -> list[dict]:
        """The kind choices with what each is for, for the radio list."""
        chosen = self["kind"].value()
        return [{"value": value, "label": label, "help": support.KIND_HELP[value], "checked": chosen == value}
                for value, label in SupportKind.choices]


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}), max_length=support.BODY_MAX,
                           help_text="Markdown: **bold**, *italic*, lists and links.")


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=QUEUE_STATUSES, required=False)
    kind = forms.ChoiceField(label="Kind", choices=[("", "All kinds"), *SupportKind.choices], required=False)
    q = forms.CharField(label="Subject or student", required=False, max_length=100)
    mine = forms.BooleanField(label="Only what is assigned to me", label_suffix="", required=False)


class HandlersForm(forms.Form):
    handlers = IdMultipleChoiceField(queryset=None, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, kind: str, candidates, **kwargs) -> None:
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        field = self.fields["handlers"]
        field.queryset = candidates
        field.label = f"Who answers {SupportKind(kind).label.lower()}"
        field.label_from_instance = lambda m: f"{m.user.display_name} ({m.get_role_display().lower()})"


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@member_required()
def support_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if not support.can_open(membership):
        if support.can_use_queue(membership):
            return redirect("cohorts:support_queue")
        return render(request, "lms/forbidden.html", {"message": STUDENTS_ONLY}, status=403)
    page = Paginator(support.my_requests(membership=membership), PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = [{"value": value, "label": label, "help": support.KIND_HELP[value]} for value, label in SupportKind.choices]
    return render(request, "cohorts/support/list.html", {"page": page, "kinds": kinds})


@member_required(support.can_open, STUDENTS_ONLY)
def support_new(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    initial = {"kind": request.GET["kind"]} if request.GET.get("kind") in SupportKind.values else {}
    form = RequestForm(request.POST or None, membership=membership, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = support.request_open(membership=membership, kind=data["kind"], subject=data["subject"],
                                          body=data["body"], cohort=data.get("cohort"))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Sent. You will be told here and by notification when staff reply.")
            return redirect("cohorts:support_detail", support_request_id=opened.pk)
    return render(request, "cohorts/support/new.html", {"form": form}, status=400 if form.errors else 200)


@member_required()
@require_http_methods(["GET", "POST"])
def support_detail(request: HttpRequest, support_request_id: int) -> HttpResponse:
    membership = request.membership
    support_request = support.request_get_for(membership, support_request_id)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            message = support.message_add(membership=membership, request=support_request, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Sent." if message.from_staff else "Sent. Staff will be told you wrote again.")
            return redirect(f"{support.request_url(support_request)}#message-{message.pk}")
    return render(request, "cohorts/support/detail.html", _detail_context(membership, support_request, form),
                  status=400 if form.errors else 200)


def _detail_context(membership, support_request: SupportRequest, form: ReplyForm) -> dict:
    may_answer = support.can_answer(membership, support_request)
    handlers = support.handlers_by_kind(tenant_id=membership.tenant_id)[support_request.kind] if may_answer else []
    return {
        "support_request": support_request, "thread": list(support.request_messages(support_request)), "form": form,
        "is_requester": support_request.requester_id == membership.pk, "may_answer": may_answer,
        "may_close": support.can_close(membership, support_request), "handlers": handlers,
        "back_to_queue": support.can_use_queue(membership) and support_request.requester_id != membership.pk,
    }


@require_POST
@member_required()
def support_close(request: HttpRequest, support_request_id: int) -> HttpResponse:
    support_request = support.request_get_for(request.membership, support_request_id)
    was_closed = support_request.status == SupportRequest.Status.CLOSED
    try:
        support.request_close(membership=request.membership, request=support_request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if not was_closed:
            messages.success(request, "Closed. Writing on it again opens it again.")
    return redirect("cohorts:support_detail", support_request_id=support_request.pk)


@member_required(support.is_staff_member, NOT_STAFF)
def support_queue(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if not support.can_use_queue(membership):  # staff the registrar has not named: who to send students to
        return render(request, "cohorts/support/not_handler.html", {
            "sections": _sections(support.handlers_by_kind(tenant_id=membership.tenant_id)),
        })
    data = request.GET.copy()
    data.setdefault("status", "active")
    filters = QueueFilterForm(data)
    cleaned = filters.cleaned_data if filters.is_valid() else {"status": "active"}
    rows = support.support_queue(membership=membership, status=cleaned.get("status") or "active",
                                 kind=cleaned.get("kind", ""), mine=cleaned.get("mine", False), query=cleaned.get("q", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"filters": filters, "page": page, "querystring": _querystring_without_page(request)}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "cohorts/support/_queue_table.html", context)
    context["waiting"] = support.waiting_count(membership=membership)
    return render(request, "cohorts/support/queue.html", context)


@member_required(is_registrar, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def support_handlers(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    candidates = support.handler_candidates(tenant_id=membership.tenant_id)
    current = support.handlers_by_kind(tenant_id=membership.tenant_id)
    posted = request.POST.get("kind") if request.method == "POST" else None
    forms_by_kind = {
        kind: HandlersForm(request.POST if kind == posted else None, kind=kind, candidates=candidates,
                           initial={"handlers": [m.pk for m in current[kind]]})
        for kind in SupportKind.values
    }
    bound = forms_by_kind.get(posted)
    if bound is not None and bound.is_valid():
        try:
            support.handlers_set(membership=membership, kind=posted, memberships=bound.cleaned_data["handlers"])
        except ValidationError as exc:
            add_service_errors(bound, exc)
        else:
            messages.success(request, f"Saved who answers {SupportKind(posted).label.lower()}.")
            return redirect("cohorts:support_handlers")
    sections = _sections(current, forms_by_kind, support.waiting_by_kind(tenant_id=membership.tenant_id))
    failed = request.method == "POST" and (bound is None or bool(bound.errors))
    return render(request, "cohorts/support/handlers.html", {"sections": sections, "has_staff": candidates.exists()},
                  status=400 if failed else 200)


def _sections(handlers: dict, forms_by_kind: dict | None = None, waiting: dict | None = None) -> list[dict]:
    """Per kind, in order: its name, what it is for, who answers it (and the form and open count, for the registrar)."""
    return [{"kind": kind, "label": label, "help": support.KIND_HELP[kind], "handlers": handlers[kind],
             "form": (forms_by_kind or {}).get(kind), "waiting": (waiting or {}).get(kind, 0)}
            for kind, label in SupportKind.choices]


urlpatterns = [
    path("help/", support_list, name="support_list"),
    path("help/new/", support_new, name="support_new"),
    path("help/queue/", support_queue, name="support_queue"),
    path("help/handlers/", support_handlers, name="support_handlers"),
    path("help/<int:support_request_id>/", support_detail, name="support_detail"),
    path("help/<int:support_request_id>/close/", support_close, name="support_close"),
]
