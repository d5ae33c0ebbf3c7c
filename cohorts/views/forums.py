"""Forum pages: a cohort's topics, a topic's threads, a thread with its replies, posting, following,
search, and the staff's moderation (pin, lock, hide, endorse, reports, edit history)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from cohorts import forum_moderation, forum_reading, forum_search, forums
from cohorts.models import ForumReport, ForumThread
from lms.forms import add_service_errors
from lms.permissions import member_required

THREADS_PER_PAGE = 25
REPORTS_PER_PAGE = 50
MARKDOWN_HELP = "Markdown: **bold**, *italic*, lists, `code` and links. Codes such as E11.65 or 99213 link to the encoder."


class ThreadForm(forms.Form):
    title = forms.CharField(max_length=forums.TITLE_MAX)
    body = forms.CharField(label="Post", widget=forms.Textarea(attrs={"rows": 8}), max_length=forums.BODY_MAX,
                           help_text=MARKDOWN_HELP)


class ReplyForm(forms.Form):
    body = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}), max_length=forums.BODY_MAX,
                           help_text=MARKDOWN_HELP)


class EditForm(forms.Form):
    body = forms.CharField(label="Post", widget=forms.Textarea(attrs={"rows": 10}), max_length=forums.BODY_MAX,
                           help_text=MARKDOWN_HELP)


class TopicForm(forms.Form):
    title = forms.CharField(max_length=forums.TITLE_MAX)
    description = forms.CharField(max_length=300, required=False, help_text="One line under the topic's name.")
    answers_first = forms.BooleanField(
        label="Question and answer: students post their own answer before they see the others'", required=False)


class ReportForm(forms.Form):
    reason = forms.CharField(max_length=forum_moderation.REASON_MAX, widget=forms.Textarea(attrs={"rows": 3}),
                             label="What is wrong with this post?",
                             help_text="Only the cohort's staff see reports and who sent them.")


def _thread_context(request: HttpRequest, thread: ForumThread, reply_form: ReplyForm | None = None) -> dict:
    membership = request.membership
    cohort = thread.topic.cohort
    staff = forums.is_forum_staff(membership, cohort)
    page = forum_reading.thread_page(membership=membership, thread=thread, staff=staff)
    return {
        "cohort": cohort, "topic": thread.topic, "thread": thread, "page": page, "staff": staff,
        "can_write": forums.can_write(membership, cohort),
        "can_reply": forums.can_write(membership, cohort) and (not thread.locked or staff),
        "following": forums.is_following(user_id=membership.user_id, thread=thread),
        "reply_form": reply_form or ReplyForm(), "me": membership.user_id,
    }


def _back(request: HttpRequest, fallback: str) -> str:
    """Where a button's POST returns: the page it came from when it is on this site, else ``fallback``."""
    target = request.POST.get("next", "")
    safe = target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    return target if safe else fallback


# --- reading -----------------------------------------------------------------------------------


@member_required()
def forum_index(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = forums.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    forums.topics_ensure(cohort=cohort)
    staff = forums.is_forum_staff(request.membership, cohort)
    return render(request, "cohorts/forums/index.html", {
        "cohort": cohort, "topics": forum_reading.topics_with_counts(cohort=cohort, user_id=request.membership.user_id,
                                                             sees_all=staff),
        "staff": staff, "can_write": forums.can_write(request.membership, cohort),
        "open_reports": forum_moderation.moderation_queue(request.membership).filter(post__thread__topic__cohort=cohort).count()
        if staff else 0,
    })


@member_required()
def module_topic(request: HttpRequest, cohort_id: int, module_id: int) -> HttpResponse:
    """A module's topic in the cohort's forum (the course page links here without looking topics up)."""
    cohort = forums.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    topic = next((t for t in forums.topics_ensure(cohort=cohort) if t.module_id == module_id), None)
    if topic is None:
        raise Http404("That module has no topic in this forum.")
    return redirect("cohorts:forum_topic", topic_id=topic.pk)


@member_required()
def topic_detail(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = forums.topic_get_for(membership=request.membership, topic_id=topic_id)
    staff = forums.is_forum_staff(request.membership, topic.cohort)
    threads = forum_reading.threads_for_topic(topic=topic, user_id=request.membership.user_id, sees_all=staff)
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cohorts/forums/topic.html", {
        "cohort": topic.cohort, "topic": topic, "page": page,
        "can_write": forums.can_write(request.membership, topic.cohort), "staff": staff,
    })


@member_required()
def thread_detail(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = forums.thread_get_for(membership=request.membership, thread_id=thread_id)
    return render(request, "cohorts/forums/thread.html", _thread_context(request, thread))


@member_required()
def forum_search_page(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = forums.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    query = (request.GET.get("q") or "").strip()[:200]
    hits = forum_search.search(membership=request.membership, cohort=cohort, query=query) if query else []
    return render(request, "cohorts/forums/search.html", {"cohort": cohort, "query": query, "hits": hits})


@require_POST
@member_required()
def topic_mark_read(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = forums.topic_get_for(membership=request.membership, topic_id=topic_id)
    forums.mark_topic_read(user_id=request.membership.user_id, topic=topic)
    messages.success(request, f"Every thread in {topic.title} is marked read.")
    return redirect(_back(request, reverse("cohorts:forum_topic", args=[topic.pk])))


@require_POST
@member_required()
def thread_follow(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = forums.thread_get_for(membership=request.membership, thread_id=thread_id)
    following = request.POST.get("following") == "1"
    try:
        forums.follow(membership=request.membership, thread=thread, following=following)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "You will hear of new posts in this thread." if following
                         else "You will no longer hear of new posts in this thread.")
    return redirect("cohorts:forum_thread", thread_id=thread.pk)


# --- writing -----------------------------------------------------------------------------------


@member_required()
def thread_create(request: HttpRequest, topic_id: int) -> HttpResponse:
    topic = forums.topic_get_for(membership=request.membership, topic_id=topic_id)
    if not forums.can_write(request.membership, topic.cohort):
        return _read_only(request, topic.cohort)
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = forums.thread_start(membership=request.membership, topic=topic, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your thread is posted. You will hear of replies to it.")
            return redirect("cohorts:forum_thread", thread_id=thread.pk)
    return render(request, "cohorts/forums/thread_form.html", {"cohort": topic.cohort, "topic": topic, "form": form},
                  status=400 if form.errors else 200)


@member_required()
def thread_reply(request: HttpRequest, thread_id: int) -> HttpResponse:
    """POST a reply to the thread (or, with ``to``, to one of its posts); GET shows the post replied to."""
    thread = forums.thread_get_for(membership=request.membership, thread_id=thread_id)
    reply_to = None
    to = request.POST.get("to") or request.GET.get("to")
    if to:
        reply_to = forums.post_get_for(membership=request.membership, post_id=to)
        if reply_to.thread_id != thread.pk:
            raise Http404("No such post in this thread.")
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            post = forums.post_reply(membership=request.membership, thread=thread, body=form.cleaned_data["body"],
                                     reply_to=reply_to)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your reply is posted.")
            return redirect(reverse("cohorts:forum_thread", args=[thread.pk]) + f"#post-{post.pk}")
    if request.method == "POST" and reply_to is None:  # the form at the foot of the thread
        return render(request, "cohorts/forums/thread.html", _thread_context(request, thread, form), status=400)
    return render(request, "cohorts/forums/reply.html", {
        "cohort": thread.topic.cohort, "topic": thread.topic, "thread": thread, "reply_to": reply_to, "form": form,
        "can_reply": forums.can_write(request.membership, thread.topic.cohort)
        and (not thread.locked or forums.is_forum_staff(request.membership, thread.topic.cohort)),
    }, status=400 if form.errors else 200)


@member_required()
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = forums.post_get_for(membership=request.membership, post_id=post_id)
    if not forums.can_edit(request.membership, post):
        return render(request, "lms/forbidden.html", {
            "message": "Only its author (while the thread is open) or the cohort's staff edit a post."}, status=403)
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            forums.post_edit(membership=request.membership, post=post, body=form.cleaned_data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Your changes are saved; the earlier text is kept in the post's history.")
            return redirect(reverse("cohorts:forum_thread", args=[post.thread_id]) + f"#post-{post.pk}")
    return render(request, "cohorts/forums/edit.html", {"post": post, "thread": post.thread, "form": form},
                  status=400 if form.errors else 200)


@member_required()
def post_report(request: HttpRequest, post_id: int) -> HttpResponse:
    post = forums.post_get_for(membership=request.membership, post_id=post_id)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            forum_moderation.post_report(membership=request.membership, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Thank you. The cohort's staff will look at the post.")
            return redirect(reverse("cohorts:forum_thread", args=[post.thread_id]) + f"#post-{post.pk}")
    return render(request, "cohorts/forums/report.html", {"post": post, "thread": post.thread, "form": form},
                  status=400 if form.errors else 200)


def _read_only(request: HttpRequest, cohort) -> HttpResponse:
    message = ("This cohort has concluded: its forum is kept to read, not to post in." if cohort.is_concluded
               else "You can read this forum but not post in it.")
    return render(request, "lms/forbidden.html", {"message": message}, status=403)


# --- staff -------------------------------------------------------------------------------------


def _staff_or_403(request: HttpRequest, cohort) -> HttpResponse | None:
    if not forums.is_forum_staff(request.membership, cohort):
        return render(request, "lms/forbidden.html", {"message": "Only the cohort's staff moderate its forum."}, status=403)
    return None


@member_required()
def topic_create(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = forums.cohort_get_for(membership=request.membership, cohort_id=cohort_id)
    refused = _staff_or_403(request, cohort)
    if refused:
        return refused
    form = TopicForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            topic = forums.topic_add(membership=request.membership, cohort=cohort, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"The topic {topic.title} is open.")
            return redirect("cohorts:forum_topic", topic_id=topic.pk)
    return render(request, "cohorts/forums/topic_form.html", {"cohort": cohort, "form": form},
                  status=400 if form.errors else 200)


THREAD_ACTIONS = {
    "pin": ({"pinned": True}, "Pinned to the top of the topic."),
    "unpin": ({"pinned": False}, "Unpinned."),
    "lock": ({"locked": True}, "Locked: only staff can reply now."),
    "unlock": ({"locked": False}, "Unlocked: members can reply again."),
}


@require_POST
@member_required()
def thread_moderate(request: HttpRequest, thread_id: int) -> HttpResponse:
    thread = forums.thread_get_for(membership=request.membership, thread_id=thread_id)
    refused = _staff_or_403(request, thread.topic.cohort)
    if refused:
        return refused
    change, done = THREAD_ACTIONS.get(request.POST.get("action", ""), (None, ""))
    if change is None:
        messages.error(request, "Choose pin, unpin, lock or unlock.")
    else:
        forum_moderation.thread_set(membership=request.membership, thread=thread, **change)
        messages.success(request, done)
    return redirect("cohorts:forum_thread", thread_id=thread.pk)


@require_POST
@member_required()
def post_moderate(request: HttpRequest, post_id: int) -> HttpResponse:
    post = forums.post_get_for(membership=request.membership, post_id=post_id)
    refused = _staff_or_403(request, post.thread.topic.cohort)
    if refused:
        return refused
    action = request.POST.get("action", "")
    actions = {
        "hide": (lambda: forum_moderation.post_hide(membership=request.membership, post=post),
                 "Hidden from students. It keeps its place so its replies still read in order."),
        "restore": (lambda: forum_moderation.post_restore(membership=request.membership, post=post), "Restored."),
        "endorse": (lambda: forum_moderation.post_endorse(membership=request.membership, post=post), "Endorsed as a good answer."),
        "unendorse": (lambda: forum_moderation.post_endorse(membership=request.membership, post=post, endorsed=False),
                      "Endorsement taken back."),
    }
    if action not in actions:
        messages.error(request, "Choose hide, restore, endorse or unendorse.")
    else:
        run, done = actions[action]
        try:
            run()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
    fallback = reverse("cohorts:forum_thread", args=[post.thread_id]) + f"#post-{post.pk}"
    return redirect(_back(request, fallback))


@member_required()
def post_history(request: HttpRequest, post_id: int) -> HttpResponse:
    post = forums.post_get_for(membership=request.membership, post_id=post_id)
    refused = _staff_or_403(request, post.thread.topic.cohort)
    if refused:
        return refused
    revisions = post.revisions.select_related("edited_by").order_by("-edited_at", "-id")
    return render(request, "cohorts/forums/history.html", {"post": post, "thread": post.thread, "revisions": revisions})


@member_required(forum_moderation.may_moderate, "Only a cohort's staff and the school's registrars moderate forums.")
def moderation_queue(request: HttpRequest) -> HttpResponse:
    reports = forum_moderation.moderation_queue(request.membership)
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cohorts/forums/moderation.html", {"page": page})


@require_POST
@member_required()
def report_resolve(request: HttpRequest, report_id: int) -> HttpResponse:
    report = forum_moderation.report_get_for(membership=request.membership, report_id=report_id)
    outcome = request.POST.get("outcome", "")
    try:
        forum_moderation.report_resolve(membership=request.membership, report=report, outcome=outcome)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "The post is hidden." if outcome == ForumReport.Outcome.HIDDEN else "Report dismissed.")
    return redirect("cohorts:forum_moderation")


urlpatterns = [
    path("cohorts/<int:cohort_id>/forum/", forum_index, name="forum"),
    path("cohorts/<int:cohort_id>/forum/search/", forum_search_page, name="forum_search"),
    path("cohorts/<int:cohort_id>/forum/topics/new/", topic_create, name="forum_topic_create"),
    path("cohorts/<int:cohort_id>/forum/modules/<int:module_id>/", module_topic, name="forum_module"),
    path("forum/topics/<int:topic_id>/", topic_detail, name="forum_topic"),
    path("forum/topics/<int:topic_id>/new/", thread_create, name="forum_thread_create"),
    path("forum/topics/<int:topic_id>/read/", topic_mark_read, name="forum_topic_read"),
    path("forum/threads/<int:thread_id>/", thread_detail, name="forum_thread"),
    path("forum/threads/<int:thread_id>/reply/", thread_reply, name="forum_reply"),
    path("forum/threads/<int:thread_id>/follow/", thread_follow, name="forum_follow"),
    path("forum/threads/<int:thread_id>/moderate/", thread_moderate, name="forum_thread_moderate"),
    path("forum/posts/<int:post_id>/edit/", post_edit, name="forum_post_edit"),
    path("forum/posts/<int:post_id>/report/", post_report, name="forum_post_report"),
    path("forum/posts/<int:post_id>/moderate/", post_moderate, name="forum_post_moderate"),
    path("forum/posts/<int:post_id>/history/", post_history, name="forum_post_history"),
    path("forum/moderation/", moderation_queue, name="forum_moderation"),
    path("forum/reports/<int:report_id>/resolve/", report_resolve, name="forum_report_resolve"),
]
