"""Announcement pages: the list a member may read, posting one, and reading one (which marks it read)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone

from cohorts import announcements
from cohorts.models import Announcement, Term
from lms.forms import add_service_errors
from lms.permissions import is_registrar, member_required

PAGE_SIZE = 20
NOT_STAFF = "Only a cohort's staff and the school's registrars post announcements."


class AnnouncementForm(forms.Form):
    audience = forms.ChoiceField(label="For", choices=Announcement.Audience.choices)
    cohort = forms.ModelChoiceField(label="Cohort", queryset=None, required=False)
    term = forms.ModelChoiceField(label="Term", queryset=None, required=False)
    title = forms.CharField(max_length=announcements.TITLE_MAX)
    body = forms.CharField(label="Announcement", widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="Markdown: **bold**, *italic*, lists and links.")
    publish_at = forms.DateTimeField(
        label="Publish at", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Your time zone. Leave empty to publish now.",
    )

    def __init__(self, *args, membership, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = announcements.cohorts_to_post_to(membership)
        self.fields["cohort"].label_from_instance = lambda c: f"{c.section_code} {c.course.title}"
        if is_registrar(membership):
            self.fields["term"].queryset = Term.objects.filter(tenant_id=membership.tenant_id)
        else:
            self.fields["audience"].choices = [(Announcement.Audience.COHORT, "One cohort")]
            del self.fields["term"]


def _may_post(membership) -> bool:
    return is_registrar(membership) or announcements.cohorts_to_post_to(membership).exists()


@member_required()
def announcement_list(request: HttpRequest) -> HttpResponse:
    rows = announcements.announcements_visible_to(membership=request.membership)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "cohorts/announcements/list.html", {
        "page": page, "may_post": _may_post(request.membership), "now": timezone.now(),
    })


@member_required(_may_post, NOT_STAFF)
def announcement_create(request: HttpRequest) -> HttpResponse:
    form = AnnouncementForm(request.POST or None, membership=request.membership)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            posted = announcements.announcement_post(
                membership=request.membership, audience=data["audience"], title=data["title"], body=data["body"],
                cohort=data.get("cohort"), term=data.get("term"), publish_at=data.get("publish_at"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Posted." if posted.published_at else "Scheduled: it will be published at the time you chose.")
            return redirect("cohorts:announcement_detail", announcement_id=posted.pk)
    return render(request, "cohorts/announcements/form.html", {"form": form}, status=400 if form.errors else 200)


@member_required()
def announcement_detail(request: HttpRequest, announcement_id: int) -> HttpResponse:
    announcement = announcements.announcement_get_for(membership=request.membership, announcement_id=announcement_id)
    if announcement.published_at:
        announcements.announcement_read(membership=request.membership, announcement=announcement)
    return render(request, "cohorts/announcements/detail.html", {"announcement": announcement})


urlpatterns = [
    path("announcements/", announcement_list, name="announcement_list"),
    path("announcements/new/", announcement_create, name="announcement_create"),
    path("announcements/<int:announcement_id>/", announcement_detail, name="announcement_detail"),
]
