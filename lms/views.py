"""Pages of the platform core. Thin: validate, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from lms import selectors, services
from lms.adapters import INVITATION_SESSION_KEY
from lms.forms import (
    DEFAULT_MEMBER_SORT,
    InviteForm,
    MemberFilterForm,
    MembershipForm,
    ProfileForm,
    SchoolSettingsForm,
    add_service_errors,
    sniff_image,
)
from lms.models import Role, Tenant
from lms.permissions import can_manage_members, can_manage_school, can_read_audit_log, member_required
from lms.tenancy import school_links

REGISTRARS_ONLY = "Only the school's registrars can manage members."

PAGE_SIZE = 50


@member_required()
def dashboard(request: HttpRequest) -> HttpResponse:
    context = {}
    if can_manage_members(request.membership):
        context["role_counts"] = selectors.member_role_counts(tenant=request.tenant)
        context["pending_invitations"] = selectors.invitation_pending_list(tenant=request.tenant).count()
    context.update(_dashboard_enrollment(request))
    from cohorts.announcements import unread_announcements
    from cohorts.live_sessions import upcoming_for

    context["new_announcements"] = unread_announcements(membership=request.membership)
    context["now"] = timezone.now()
    context["upcoming_sessions"] = upcoming_for(membership=request.membership, now=context["now"])
    return render(request, "lms/dashboard.html", context)


def _dashboard_enrollment(request: HttpRequest) -> dict:
    """My courses for students, cohorts taught for instructors, applications waiting for registrars."""
    from cohorts import permissions as cohort_permissions
    from cohorts import selectors as cohort_selectors

    membership = request.membership
    if cohort_permissions.is_student(membership):
        from courses.selectors.learning import attach_progress_percents

        enrollments = cohort_selectors.enrollments_of_student(membership=membership)
        return {"my_enrollments": attach_progress_percents(enrollments)}
    if cohort_permissions.can_manage_enrollment(membership):
        waiting = cohort_selectors.enrollment_queue(tenant=request.tenant, state="applied").count()
        return {"applications_waiting": waiting}
    if membership.role == "instructor":
        return {"taught_cohorts": cohort_selectors.cohort_list(membership=membership)}
    return {}


@member_required(can_manage_members, REGISTRARS_ONLY)
def member_list(request: HttpRequest) -> HttpResponse:
    filters = MemberFilterForm(request.GET or None)
    cleaned = filters.cleaned_data if filters.is_valid() else {}
    sort = cleaned.get("sort") or DEFAULT_MEMBER_SORT
    members = selectors.member_list(
        tenant=request.tenant,
        role=cleaned.get("role", ""),
        query=cleaned.get("q", ""),
        status=cleaned.get("status", ""),
        sort=sort,
    )
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "querystring": _querystring_without_page(request),
        "sort": sort,
        "sort_columns": _sort_columns(request, sort),
    }
    if request.htmx and not request.htmx.history_restore_request:  # a history restore wants the whole page
        return render(request, "lms/partials/member_table.html", context)
    context["invitations"] = selectors.invitation_pending_list(tenant=request.tenant)
    context["invite_form"] = InviteForm()
    return render(request, "lms/members.html", context)


def _querystring_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


MEMBER_SORT_COLUMNS = [("name", "Name"), ("email", "Email"), ("role", "Role"), ("joined", "Joined")]


def _sort_columns(request: HttpRequest, sort: str) -> dict[str, dict]:
    """Header links that sort by a column (again: the other way), keeping the filters."""
    query = request.GET.copy()
    query.pop("page", None)
    columns = {}
    for key, label in MEMBER_SORT_COLUMNS:
        query["sort"] = f"-{key}" if sort == key else key
        direction = {key: "ascending", f"-{key}": "descending"}.get(sort, "")
        columns[key] = {"label": label, "url": f"{request.path}?{query.urlencode()}", "aria_sort": direction}
    return columns


@member_required(can_manage_members, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def member_detail(request: HttpRequest, membership_id: int) -> HttpResponse:
    member = selectors.member_get(tenant=request.tenant, membership_id=membership_id)
    form = MembershipForm(request.POST or None, initial={"role": member.role, "is_active": member.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(
                tenant=request.tenant,
                actor=request.membership,
                membership=member,
                role=form.cleaned_data["role"],
                is_active=form.cleaned_data["is_active"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Saved changes to {member.user.email}.")
            return redirect("lms:member_list")
    return render(request, "lms/member_detail.html", {"member": member, "form": form})


@member_required(can_manage_members, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def member_invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                tenant=request.tenant,
                actor=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
                base_url=request.build_absolute_uri("/"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Invitation sent to {invitation.email} as {invitation.get_role_display()}.")
            return redirect("lms:member_list")
    return render(request, "lms/invite.html", {"form": form}, status=400 if form.errors else 200)


@member_required(can_manage_members, REGISTRARS_ONLY)
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, invitation_id: int) -> HttpResponse:
    """GET asks to confirm; POST revokes."""
    invitation = selectors.invitation_get(tenant=request.tenant, invitation_id=invitation_id)
    if request.method == "GET":
        return render(request, "lms/invitation_revoke.html", {"invitation": invitation})
    try:
        services.invitation_revoke(tenant=request.tenant, actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Revoked the invitation to {invitation.email}.")
    return redirect("lms:member_list")


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Anyone with the link sees the invitation; signing in or up accepts it."""
    invitation = selectors.invitation_get_by_token(tenant=request.tenant, token=token)
    context = {"invitation": invitation, "invited_school": request.tenant}
    if request.user.is_authenticated and invitation.accepted_by_id == request.user.pk:
        # Their own accepted invitation (signing up accepts it): they are in.
        return redirect("lms:dashboard")
    if not invitation.is_usable:
        return render(request, "lms/invitation.html", context, status=410)
    if not request.user.is_authenticated:
        # Remember the link so sign-up is open for this address even on an
        # invite-only school, and the new account joins with the right role.
        request.session[INVITATION_SESSION_KEY] = invitation.token
        from allauth.account.adapter import get_adapter

        get_adapter(request).stash_verified_email(request, invitation.email)
        return render(request, "lms/invitation.html", context)
    if request.method == "POST":
        try:
            services.invitation_accept(tenant=request.tenant, invitation=invitation, user=request.user)
        except ValidationError as exc:
            context["error"] = " ".join(exc.messages)
            return render(request, "lms/invitation.html", context, status=400)
        request.session.pop(INVITATION_SESSION_KEY, None)
        messages.success(request, f"Welcome to {request.tenant.name}.")
        return redirect("lms:dashboard")
    return render(request, "lms/invitation.html", context)


@member_required(can_manage_school, "Only the school's registrars can change its settings.")
@require_http_methods(["GET", "POST"])
def school_settings(request: HttpRequest) -> HttpResponse:
    # The form validates a copy, so a rejected form leaves the layout's school
    # untouched; the service writes and audits the change.
    form = SchoolSettingsForm(
        request.POST or None, request.FILES or None, instance=Tenant.objects.get(pk=request.tenant.pk)
    )
    if request.method == "POST":
        if form.is_valid():
            changes = {f: form.cleaned_data[f] for f in form.changed_data}
            if "logo" in changes and changes["logo"] is False:
                changes["logo"] = ""
            try:
                services.tenant_update_settings(tenant=request.tenant, actor=request.user, **changes)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "School settings saved.")
                return redirect("lms:school_settings")
    return render(request, "lms/school_settings.html", {"form": form}, status=400 if form.errors else 200)


@member_required(can_read_audit_log, "Only the school's registrars can read the audit log.")
def audit_log(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")
    entries = selectors.audit_log_list(tenant=request.tenant, action=action)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    actions = selectors.audit_log_actions(tenant=request.tenant)
    return render(
        request,
        "lms/audit_log.html",
        {"page": page, "actions": actions, "action": action, "querystring": _querystring_without_page(request)},
    )


def school_logo(request: HttpRequest) -> HttpResponse:
    logo = request.tenant.logo
    if not logo:
        raise Http404("This school has no logo.")
    handle = logo.open("rb")
    content_type = sniff_image(handle.read(16))
    handle.seek(0)
    if content_type is None:  # not an image we accepted: never serve it
        handle.close()
        raise Http404("This school has no logo.")
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@never_cache  # it shows the private calendar-feed link
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    show_credentials = request.user.credentials != "" or request.user.memberships.filter(
        role__in=[Role.INSTRUCTOR, Role.REGISTRAR], is_active=True
    ).exists()
    form = ProfileForm(request.POST or None, instance=request.user, show_credentials=show_credentials)
    if request.method == "POST" and form.is_valid():
        services.profile_update(
            user=request.user,
            full_name=form.cleaned_data["full_name"],
            time_zone=form.cleaned_data["time_zone"],
            credentials=form.cleaned_data.get("credentials"),
        )
        messages.success(request, "Profile saved.")
        return redirect("lms:profile")
    if request.method == "POST":
        request.user.refresh_from_db()
    from cohorts.calendar_feed import feed_url_for

    feed_url = feed_url_for(membership=request.membership) if request.membership else None
    return render(request, "lms/profile.html", {"form": form, "calendar_feed_url": feed_url},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def join_school(request: HttpRequest) -> HttpResponse:
    """A signed-in person from another school joins this open school as a student."""
    if request.membership is not None:
        return redirect("lms:dashboard")
    try:
        services.membership_join_open_school(tenant=request.tenant, user=request.user)
    except ValidationError as exc:
        return render(
            request, "lms/forbidden.html", {"message": " ".join(exc.messages)}, status=403
        )
    messages.success(request, f"Welcome to {request.tenant.name}. You have joined as a student.")
    return redirect("lms:dashboard")


@login_required
def my_schools(request: HttpRequest) -> HttpResponse:
    return render(request, "lms/my_schools.html", {"schools": school_links(request)})
