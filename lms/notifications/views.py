"""Pages: the notifications list, the bell, settings per kind and channel, and unsubscribing by link."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from lms.models import Membership
from lms.notifications import preferences, service
from lms.notifications.email import unsubscribe_read
from lms.notifications.kinds import Mode
from lms.permissions import member_required

PAGE_SIZE = 25


def bell_context(request: HttpRequest) -> dict:
    count = service.unread_count(tenant=request.tenant, user=request.user)
    return {"bell_count": count, "bell_poll_seconds": settings.NOTIFICATION_BELL_POLL_SECONDS}


@member_required()
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("show") == "unread"
    notices = service.inbox(tenant=request.tenant, user=request.user).select_related("actor")
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "lms/notifications/list.html", {
        "page": page, "unread_only": unread_only, "querystring": "show=unread" if unread_only else "",
    })


@member_required()
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Follow a notice to what it is about; opening it marks it read."""
    notice = service.notification_get(tenant=request.tenant, user=request.user, notification_id=notification_id)
    service.mark_read(tenant=request.tenant, user=request.user, notification_ids=[notice.pk])
    if notice.url and url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None) and notice.url.startswith("/"):
        return redirect(notice.url)
    return redirect("lms:notification_list")


def _back(request: HttpRequest) -> str:
    back = request.POST.get("back", "")
    return back if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None) else ""


@require_POST
@member_required()
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    notice = service.notification_get(tenant=request.tenant, user=request.user, notification_id=notification_id)
    service.mark_read(tenant=request.tenant, user=request.user, notification_ids=[notice.pk])
    if request.htmx:
        notice.refresh_from_db()
        return render(request, "lms/notifications/partials/item_read.html", {"notice": notice, **bell_context(request)})
    return redirect(_back(request) or "lms:notification_list")


@require_POST
@member_required()
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = service.mark_read(tenant=request.tenant, user=request.user)
    messages.success(request, f"Marked {count} notification{'s' if count != 1 else ''} read." if count else "Nothing was unread.")
    return redirect(_back(request) or "lms:notification_list")


@member_required()
def notification_bell(request: HttpRequest) -> HttpResponse:
    """The bell alone, for the header's polling."""
    response = render(request, "lms/notifications/partials/bell.html", bell_context(request))
    response["Cache-Control"] = "no-store"
    return response


# --- settings --------------------------------------------------------------------------------


class PreferencesForm(forms.Form):
    """One choice per kind and channel, named ``<channel>:<kind>``."""

    def __init__(self, *args, choices: list[preferences.Choice], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rows = []
        for choice in choices:
            names = {}
            for channel in preferences.CHANNELS:
                name = f"{channel}:{choice.kind.code}"
                label = f"{choice.kind.label}: {'in the app' if channel == 'in_app' else 'by email'}"
                self.fields[name] = forms.ChoiceField(choices=Mode.choices, initial=choice.modes[channel], label=label)
                names[channel] = name
            self.rows.append((choice, names))

    def changes(self) -> dict[tuple[str, str], str]:
        return {tuple(reversed(name.split(":", 1))): mode for name, mode in self.cleaned_data.items()}

    def grouped_rows(self) -> list[tuple[str, list]]:
        groups: dict[str, list] = {}
        for choice, names in self.rows:
            groups.setdefault(choice.kind.group, []).append((choice, [self[names[c]] for c in preferences.CHANNELS]))
        return list(groups.items())


@member_required()
def notification_settings(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = PreferencesForm(request.POST or None, choices=preferences.preferences_for(membership))
    if request.method == "POST" and form.is_valid():
        try:
            preferences.preferences_update(membership=membership, changes=form.changes())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Your notification settings are saved.")
            return redirect("lms:notification_settings")
    return render(request, "lms/notifications/settings.html", {"form": form})


# --- unsubscribe by the link in an email -------------------------------------------------------


@csrf_exempt  # RFC 8058: the mail program posts "List-Unsubscribe=One-Click" with no page or cookie
def notification_unsubscribe(request: HttpRequest, unsubscribe_token: str) -> HttpResponse:
    """GET shows what the link turns off and asks to confirm (link scanners only GET); POST does it."""
    found = unsubscribe_read(unsubscribe_token)
    membership = None
    if found is not None:
        membership = Membership.objects.filter(pk=found[0], tenant=request.tenant).select_related("user").first()
    if membership is None:
        raise Http404("This unsubscribe link is not valid at this school.")
    membership_id, kinds = found
    choices = [c for c in preferences.preferences_for(membership) if c.kind.code in kinds]
    done = None
    if request.method == "POST":
        done = preferences.unsubscribe(membership=membership, kinds=kinds)
    return render(request, "lms/notifications/unsubscribe.html", {
        "choices": choices, "done": done, "email": membership.user.email,
    })


urlpatterns = [
    path("notifications/", notification_list, name="notification_list"),
    path("notifications/bell/", notification_bell, name="notification_bell"),
    path("notifications/read-all/", notification_read_all, name="notification_read_all"),
    path("notifications/settings/", notification_settings, name="notification_settings"),
    path("notifications/unsubscribe/<str:unsubscribe_token>/", notification_unsubscribe, name="notification_unsubscribe"),
    path("notifications/<int:notification_id>/", notification_open, name="notification_open"),
    path("notifications/<int:notification_id>/read/", notification_read, name="notification_read"),
]
