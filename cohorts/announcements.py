"""Announcements: who may post to whom, who sees what, publishing now or later, and reading.

A cohort's staff post to their cohort; registrars to a cohort, everyone in a term, or the
whole school. Publishing is claimed with a conditional update on ``published_at``, so the
dispatcher and a post at the same moment tell the audience once.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from cohorts import permissions
from cohorts.models import Announcement, AnnouncementRead, Cohort, CohortStaff, Enrollment, Term
from cohorts.selectors import OPEN_STATES, cohort_ids_of
from courses.markdown import reading_problems, render_reading
from lms.models import Membership, Role
from lms.notifications.kinds import Kind, Mode, register
from lms.notifications.service import notify
from lms.permissions import is_member, is_registrar
from lms.selectors import object_id
from lms.services import audit_record

Audience = Announcement.Audience

ANNOUNCEMENT_POSTED = register(Kind(
    "announcement.posted", "Announcement", "Announcements",
    "Staff posted news for a cohort of yours, your term or the school.",
    {
        Role.STUDENT: (Mode.IMMEDIATE, Mode.IMMEDIATE),
        Role.INSTRUCTOR: (Mode.IMMEDIATE, Mode.DIGEST),
        Role.REGISTRAR: (Mode.IMMEDIATE, Mode.DIGEST),
    },
))
TITLE_MAX = 150
BODY_MAX = 20_000


def can_post(membership: Membership | None, *, audience: str, cohort: Cohort | None) -> bool:
    if is_registrar(membership):
        return True
    return audience == Audience.COHORT and cohort is not None and permissions.is_cohort_staff(membership, cohort)


def cohorts_to_post_to(membership: Membership) -> QuerySet[Cohort]:
    """The cohorts whose announcements this member may write."""
    if is_registrar(membership):
        return Cohort.objects.filter(tenant_id=membership.tenant_id).select_related("course", "term")
    staffed = CohortStaff.objects.filter(cohort=OuterRef("pk"), membership=membership)
    return Cohort.objects.filter(tenant_id=membership.tenant_id).filter(Exists(staffed)).select_related("course", "term")


# --- reading --------------------------------------------------------------------------------


def announcements_visible_to(*, membership: Membership | None, now: datetime.datetime | None = None) -> QuerySet[Announcement]:
    """Published announcements for the member's school, terms and cohorts (registrars see all, and
    every member sees the scheduled ones they wrote)."""
    if not is_member(membership):
        return Announcement.objects.none()
    rows = Announcement.objects.filter(tenant_id=membership.tenant_id).select_related("author", "cohort", "term")
    if is_registrar(membership):
        return rows
    cohorts = cohort_ids_of(membership=membership, student_states=(*OPEN_STATES, Enrollment.State.COMPLETED))
    terms = Cohort.objects.filter(pk__in=cohorts).values("term_id")
    audience = (
        Q(audience=Audience.SCHOOL) | Q(audience=Audience.TERM, term_id__in=terms) | Q(audience=Audience.COHORT, cohort_id__in=cohorts)
    )
    return rows.filter((audience & Q(published_at__isnull=False)) | Q(author_id=membership.user_id))


def announcement_get_for(*, membership: Membership | None, announcement_id: object) -> Announcement:
    found = announcements_visible_to(membership=membership).filter(pk=object_id(announcement_id)).first()
    if found is None:
        raise Http404("No such announcement.")
    return found


def unread_announcements(*, membership: Membership, limit: int = 3) -> list[Announcement]:
    """For the dashboard: published ones the member has not read yet, newest first."""
    read = AnnouncementRead.objects.filter(announcement=OuterRef("pk"), user_id=membership.user_id)
    rows = announcements_visible_to(membership=membership).filter(published_at__isnull=False).exclude(Exists(read))
    return list(rows.order_by("-published_at", "-id")[:limit])


def announcement_read(*, membership: Membership, announcement: Announcement) -> None:
    """Safe to repeat: a second read, or two at once, keeps the first."""
    try:
        with transaction.atomic():
            AnnouncementRead.objects.get_or_create(
                tenant_id=membership.tenant_id, announcement=announcement, user_id=membership.user_id
            )
    except IntegrityError:
        pass


# --- writing --------------------------------------------------------------------------------


@transaction.atomic
def announcement_post(
    *, membership: Membership, audience: str, title: str, body: str, cohort: Cohort | None = None,
    term: Term | None = None, publish_at: datetime.datetime | None = None, now: datetime.datetime | None = None,
) -> Announcement:
    """Post now, or schedule for ``publish_at``; the body is Markdown, stored sanitised."""
    now = now or timezone.now()
    errors: dict[str, str] = {}
    title, body = (title or "").strip(), (body or "").strip()
    if audience not in Audience.values:
        errors["audience"] = "Choose who the announcement is for."
    if not title:
        errors["title"] = "Give the announcement a title."
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Keep the title under {TITLE_MAX} characters."
    if not body:
        errors["body"] = "Write the announcement."
    elif len(body) > BODY_MAX:
        errors["body"] = f"The announcement is {len(body):,} characters long; the limit is {BODY_MAX:,}."
    else:
        problems = reading_problems(body, images=[])
        if problems:
            errors["body"] = " ".join(problems)
    if audience == Audience.COHORT and (cohort is None or cohort.tenant_id != membership.tenant_id):
        errors["cohort"] = "Choose one of your cohorts."
    if audience == Audience.TERM and (term is None or term.tenant_id != membership.tenant_id):
        errors["term"] = "Choose a term."
    if errors:
        raise ValidationError(errors)
    if not can_post(membership, audience=audience, cohort=cohort):
        raise ValidationError("Only a cohort's staff post to it, and only registrars to a term or the whole school.")
    if publish_at is not None and publish_at < now - datetime.timedelta(minutes=5):
        raise ValidationError({"publish_at": "Choose a time from now on, or leave it empty to post now."})
    announcement = Announcement.objects.create(
        tenant_id=membership.tenant_id, audience=audience, title=title, body=body,
        body_html=render_reading(body, images={}), author_id=membership.user_id,
        cohort=cohort if audience == Audience.COHORT else None, term=term if audience == Audience.TERM else None,
        publish_at=publish_at or now, created_at=now,
    )
    audit_record(tenant=membership.tenant, actor=membership.user, action="announcement.posted", target=announcement,
                 after={"title": title, "audience": audience, "publish_at": (publish_at or now).isoformat()})
    if announcement.publish_at <= now and announcement_publish(announcement_id=announcement.pk, now=now):
        announcement.published_at = now
    return announcement


def _audience_users(announcement: Announcement) -> set[int]:
    members = Membership.objects.filter(tenant_id=announcement.tenant_id, is_active=True)
    if announcement.audience == Audience.SCHOOL:
        return set(members.values_list("user_id", flat=True))
    cohorts = [announcement.cohort_id] if announcement.audience == Audience.COHORT else list(
        Cohort.objects.filter(term_id=announcement.term_id).values_list("pk", flat=True)
    )
    students = Enrollment.objects.filter(cohort_id__in=cohorts, state__in=OPEN_STATES).values("membership_id")
    staff = CohortStaff.objects.filter(cohort_id__in=cohorts).values("membership_id")
    return set(members.filter(Q(pk__in=students) | Q(pk__in=staff)).values_list("user_id", flat=True))


def announcement_publish(*, announcement_id: int, now: datetime.datetime | None = None) -> bool:
    """Publish once: the claim is the conditional update of ``published_at``. Returns False if
    it was published already or is not due."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = Announcement.objects.filter(pk=announcement_id, published_at__isnull=True, publish_at__lte=now).update(
            published_at=now
        )
        if not claimed:
            return False
        announcement = Announcement.objects.select_related("tenant", "author", "cohort", "term").get(pk=announcement_id)
        where = announcement.cohort.section_code if announcement.cohort else (
            announcement.term.name if announcement.term else announcement.tenant.name
        )
        notify(
            tenant=announcement.tenant, kind=ANNOUNCEMENT_POSTED.code, recipients=_audience_users(announcement),
            key=f"announcement:{announcement.pk}", title=f"{where}: {announcement.title}",
            body=_plain_preview(announcement.body), url=reverse("cohorts:announcement_detail", args=[announcement.pk]),
            actor=announcement.author, subject=announcement, now=now,
        )
    return True


def _plain_preview(body: str, limit: int = 280) -> str:
    text = " ".join(body.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def announcements_due(*, now: datetime.datetime | None = None, limit: int = 200) -> list[int]:
    now = now or timezone.now()
    return list(
        Announcement.objects.filter(published_at__isnull=True, publish_at__lte=now)
        .order_by("publish_at").values_list("pk", flat=True)[:limit]
    )


def publish_due_announcements(*, now: datetime.datetime | None = None) -> int:
    """Beat dispatcher: publish what is due. Two at once publish each announcement once."""
    return sum(announcement_publish(announcement_id=pk, now=now) for pk in announcements_due(now=now))


__all__ = [
    "ANNOUNCEMENT_POSTED", "announcement_get_for", "announcement_post", "announcement_publish", "announcement_read",
    "announcements_visible_to", "can_post", "cohorts_to_post_to", "publish_due_announcements", "unread_announcements",
]
