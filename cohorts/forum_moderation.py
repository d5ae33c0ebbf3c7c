"""Forum moderation: the staff pin and lock threads, hide, restore and endorse posts; any reader
reports a post with a reason, and the staff work through the open reports.

A hidden post keeps its place in the thread (its replies still read in order) but its text is
kept from students, from search and from the notices that had not reached anyone yet.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cohorts.forums import _require, can_read, is_forum_staff, opening_post_id
from cohorts.models import Cohort, CohortStaff, ForumPost, ForumReport, ForumThread
from lms.models import Membership, Role
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import notify, redact
from lms.permissions import is_member, is_registrar
from lms.selectors import object_id
from lms.services import audit_record

FORUM_REPORT = register(Kind(
    "forum.reported", "Forum post reported", "Forums",
    "A member reported a post in a forum you moderate.",
    {Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.DIGEST), Role.REGISTRAR: (Mode.IMMEDIATE, Mode.DIGEST)},
))
REASON_MAX = 500


def staff_cohorts(membership: Membership | None) -> QuerySet[Cohort]:
    """The cohorts whose forums this person moderates: a registrar's school, or the cohorts they staff."""
    if not is_member(membership):
        return Cohort.objects.none()
    cohorts = Cohort.objects.filter(tenant_id=membership.tenant_id)
    if is_registrar(membership):
        return cohorts
    return cohorts.filter(staff__membership=membership)


def may_moderate(membership: Membership | None) -> bool:
    return is_registrar(membership) or staff_cohorts(membership).exists()


def _staff_only(membership: Membership, cohort: Cohort) -> None:
    _require(is_forum_staff(membership, cohort), "Only the cohort's staff moderate its forum.")


@transaction.atomic
def thread_set(*, membership: Membership, thread: ForumThread, pinned: bool | None = None,
               locked: bool | None = None) -> ForumThread:
    """Pin or unpin, lock or unlock a thread (staff, also after the cohort concluded)."""
    thread = ForumThread.objects.select_for_update().select_related("topic__cohort").get(pk=thread.pk)
    _staff_only(membership, thread.topic.cohort)
    before = {"pinned": thread.pinned, "locked": thread.locked}
    if pinned is not None:
        thread.pinned = pinned
    if locked is not None:
        thread.locked = locked
    after = {"pinned": thread.pinned, "locked": thread.locked}
    if after != before:
        thread.save(update_fields=["pinned", "locked"])
        audit_record(tenant=membership.tenant, actor=membership.user, action="forum.thread_changed", target=thread,
                     before=before, after=after)
    return thread


def _post_for_update(post: ForumPost) -> ForumPost:
    return ForumPost.objects.select_for_update().select_related("thread__topic__cohort").get(pk=post.pk)


@transaction.atomic
def post_hide(*, membership: Membership, post: ForumPost, now: datetime.datetime | None = None) -> ForumPost:
    """Hide a post from students; it keeps its place (and its replies) in the thread. Its open reports
    are resolved as hidden, and its text leaves the notices it was sent in."""
    now = now or timezone.now()
    post = _post_for_update(post)
    _staff_only(membership, post.thread.topic.cohort)
    if post.hidden_at is None:
        post.hidden_at, post.hidden_by_id = now, membership.user_id
        post.endorsed_at = post.endorsed_by_id = None
        post.save(update_fields=["hidden_at", "hidden_by", "endorsed_at", "endorsed_by"])
        redact(tenant=membership.tenant, keys=[f"forum.post:{post.pk}"], body="The staff hid this post.", now=now)
        audit_record(tenant=membership.tenant, actor=membership.user, action="forum.post_hidden", target=post)
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=now, resolved_by=membership.user,
                                                          outcome=ForumReport.Outcome.HIDDEN)
    return post


@transaction.atomic
def post_restore(*, membership: Membership, post: ForumPost) -> ForumPost:
    post = _post_for_update(post)
    _staff_only(membership, post.thread.topic.cohort)
    if post.hidden_at is not None:
        post.hidden_at = post.hidden_by_id = None
        post.save(update_fields=["hidden_at", "hidden_by"])
        audit_record(tenant=membership.tenant, actor=membership.user, action="forum.post_restored", target=post)
    return post


@transaction.atomic
def post_endorse(*, membership: Membership, post: ForumPost, endorsed: bool = True,
                 now: datetime.datetime | None = None) -> ForumPost:
    """Staff mark a reply as a good answer (or take the mark back)."""
    post = _post_for_update(post)
    _staff_only(membership, post.thread.topic.cohort)
    _require(not endorsed or post.hidden_at is None, "Restore the post before endorsing it.")
    _require(not endorsed or post.pk != opening_post_id(post.thread_id), "Endorse a reply, not the question.")
    if endorsed and post.endorsed_at is None:
        post.endorsed_at, post.endorsed_by_id = now or timezone.now(), membership.user_id
    elif not endorsed:
        post.endorsed_at = post.endorsed_by_id = None
    post.save(update_fields=["endorsed_at", "endorsed_by"])
    return post


def _moderators(cohort: Cohort) -> set[int]:
    """Who hears of a report: the cohort's staff, or the school's registrars when it has none."""
    staff = set(CohortStaff.objects.filter(cohort=cohort, membership__is_active=True)
                .values_list("membership__user_id", flat=True))
    return staff or set(Membership.objects.filter(tenant_id=cohort.tenant_id, role=Role.REGISTRAR, is_active=True)
                        .values_list("user_id", flat=True))


def post_report(*, membership: Membership, post: ForumPost, reason: str,
                now: datetime.datetime | None = None) -> ForumReport:
    """Any member who reads the forum flags a post for the staff, once until it is dealt with."""
    cohort = post.thread.topic.cohort
    _require(can_read(membership, cohort), "You cannot report posts in this forum.")
    _require(post.author_id != membership.user_id, "You cannot report your own post; edit it instead.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Say what is wrong with the post."})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": f"Keep the reason under {REASON_MAX} characters."})
    now = now or timezone.now()
    try:
        with transaction.atomic():
            report = ForumReport.objects.create(tenant_id=post.tenant_id, post=post, reporter_id=membership.user_id,
                                                reason=reason, created_at=now)
            notify(tenant=membership.tenant, kind=FORUM_REPORT.code, recipients=_moderators(cohort),
                   actor=membership.user, key=f"forum.report:{report.pk}",
                   title=f"A post was reported in {post.thread.title}", subject=post.thread, body=reason,
                   url=reverse("cohorts:forum_moderation"), now=now)
    except IntegrityError:
        raise ValidationError("You have already reported this post; the staff will look at it.") from None
    return report


@transaction.atomic
def report_resolve(*, membership: Membership, report: ForumReport, outcome: str,
                   now: datetime.datetime | None = None) -> ForumReport:
    """Hide the reported post (which resolves every open report of it) or dismiss this report.
    The post is locked before its reports, in the order hiding from the thread page takes them."""
    post = _post_for_update(report.post)
    _staff_only(membership, post.thread.topic.cohort)
    report = ForumReport.objects.select_for_update().get(pk=report.pk)
    _require(report.resolved_at is None, "This report has already been dealt with.")
    if outcome == ForumReport.Outcome.HIDDEN:
        post_hide(membership=membership, post=post, now=now)
        report.refresh_from_db()
        return report
    _require(outcome == ForumReport.Outcome.DISMISSED, "Hide the post or dismiss the report.")
    report.resolved_at, report.resolved_by_id, report.outcome = now or timezone.now(), membership.user_id, outcome
    report.save(update_fields=["resolved_at", "resolved_by", "outcome"])
    return report


def moderation_queue(membership: Membership) -> QuerySet[ForumReport]:
    """Open reports in the forums this person moderates, oldest first."""
    return (ForumReport.objects.filter(tenant_id=membership.tenant_id, resolved_at__isnull=True,
                                       post__thread__topic__cohort__in=staff_cohorts(membership))
            .select_related("post__author", "post__thread__topic__cohort", "reporter").order_by("created_at", "id"))


def report_get_for(*, membership: Membership | None, report_id: object) -> ForumReport:
    """A report in a forum this person moderates, open or not; 404 for anyone else's."""
    report = (ForumReport.objects.filter(tenant_id=getattr(membership, "tenant_id", None), pk=object_id(report_id),
                                         post__thread__topic__cohort__in=staff_cohorts(membership))
              .select_related("post__thread__topic__cohort").first())
    if report is None:
        raise Http404("No such report.")
    return report
