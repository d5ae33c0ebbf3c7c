"""The bell, the notifications list, settings per kind and channel, and unsubscribing by link."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from lms.models import Notification, NotificationPreference
from lms.notifications.email import unsubscribe_token
from lms.notifications.kinds import Channel, Mode
from tests.conftest import text
from tests.factories import NotificationFactory


def notice(school, user, **fields):
    return NotificationFactory(tenant=school.tenant, recipient=user, **fields)


def test_the_bell_shows_the_unread_count(school_a):
    notice(school_a, school_a.student)
    notice(school_a, school_a.student)
    page = text(school_a.client(school_a.student).get(reverse("lms:dashboard")))
    bell = re.search(r'<a href="/notifications/" id="bell".*?</a>', page, re.S).group(0)
    assert " ".join(re.sub(r"<[^>]+>", " ", bell).split()) == "Notifications 2 unread"


def test_the_bell_polls_for_its_count(school_a, django_capture_on_commit_callbacks):
    from lms.notifications.service import notify

    client = school_a.client(school_a.student)
    assert "bell-count" not in text(client.get(reverse("lms:notification_bell")))
    with django_capture_on_commit_callbacks(execute=True):
        notify(tenant=school_a.tenant, kind="enrollment.approved", recipients=[school_a.student], key="k", title="In")
    response = client.get(reverse("lms:notification_bell"))
    assert '<span class="bell-count" data-count="1">' in text(response)
    assert response["Cache-Control"] == "no-store"


def test_the_list_shows_only_ones_own_notices(school_a, school_b):
    notice(school_a, school_a.student, title="Your application to MCC-103-01 was declined")
    notice(school_a, school_a.student2, title="Someone else's notice")
    notice(school_b, school_a.student, title="A notice from another school")
    page = text(school_a.client(school_a.student).get(reverse("lms:notification_list")))
    assert "Your application to MCC-103-01 was declined" in page
    assert "Someone else's notice" not in page and "another school" not in page


def test_the_unread_tab_hides_read_notices(school_a):
    from django.utils import timezone

    notice(school_a, school_a.student, title="Already read", read_at=timezone.now())
    notice(school_a, school_a.student, title="Still unread")
    page = text(school_a.client(school_a.student).get(reverse("lms:notification_list") + "?show=unread"))
    assert "Still unread" in page and "Already read" not in page


def test_opening_a_notice_marks_it_read_and_goes_where_it_points(school_a):
    n = notice(school_a, school_a.student, url="/catalogue/")
    response = school_a.client(school_a.student).get(reverse("lms:notification_open", args=[n.pk]))
    assert response.status_code == 302 and response["Location"] == "/catalogue/"
    n.refresh_from_db()
    assert n.read_at is not None


def test_a_notice_pointing_off_site_opens_the_list_instead(school_a):
    n = notice(school_a, school_a.student, url="//evil.example/")
    response = school_a.client(school_a.student).get(reverse("lms:notification_open", args=[n.pk]))
    assert response["Location"] == reverse("lms:notification_list")


def test_marking_one_read_by_htmx_answers_the_item_and_the_bell(school_a):
    n = notice(school_a, school_a.student)
    notice(school_a, school_a.student)
    response = school_a.client(school_a.student).post(
        reverse("lms:notification_read", args=[n.pk]), HTTP_HX_REQUEST="true"
    )
    body = text(response)
    assert f'id="notice-{n.pk}"' in body and "is-unread" not in body.split('id="bell"')[0]
    assert 'hx-swap-oob="true"' in body and 'data-count="1"' in body


def test_mark_all_read(school_a):
    for _ in range(3):
        notice(school_a, school_a.student)
    other = notice(school_a, school_a.student2)
    response = school_a.client(school_a.student).post(reverse("lms:notification_read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=school_a.student, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_someone_elses_notice_answers_404_and_stays_unread(school_a):
    theirs = notice(school_a, school_a.student2)
    client = school_a.client(school_a.student)
    assert client.get(reverse("lms:notification_open", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("lms:notification_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_asks_a_constant_number_of_queries(school_a, rows, django_assert_max_num_queries):
    from tests.factories import UserFactory

    actor = UserFactory()
    for _ in range(rows):
        notice(school_a, school_a.student, actor=actor)
    client = school_a.client(school_a.student)
    client.get(reverse("lms:notification_list"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("lms:notification_list")).status_code == 200


def test_the_settings_page_lists_the_kinds_of_the_persons_role(school_a):
    student_page = text(school_a.client(school_a.student).get(reverse("lms:notification_settings")))
    registrar_page = text(school_a.client(school_a.registrar).get(reverse("lms:notification_settings")))
    assert "Application approved" in student_page and "New application" not in student_page
    assert "New application" in registrar_page and "Application approved" not in registrar_page


def _settings_post(school, user, **choices):
    client = school.client(user)
    page = client.get(reverse("lms:notification_settings"))
    data = {name: field.initial for name, field in page.context["form"].fields.items()}
    data.update(choices)
    return client.post(reverse("lms:notification_settings"), data)


def test_saving_settings_keeps_only_choices_that_differ_from_the_default(school_a):
    response = _settings_post(school_a, school_a.student, **{"email:enrollment.approved": "digest"})
    assert response.status_code == 302
    rows = list(NotificationPreference.objects.values_list("kind", "channel", "mode"))
    assert rows == [("enrollment.approved", "email", "digest")]
    _settings_post(school_a, school_a.student, **{"email:enrollment.approved": "immediate"})
    assert not NotificationPreference.objects.exists()


def test_a_choice_that_is_not_offered_is_refused_and_nothing_changes(school_a):
    response = _settings_post(
        school_a, school_a.student, **{"email:enrollment.approved": "off", "in_app:enrollment.declined": "hourly"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in text(response)
    assert not NotificationPreference.objects.exists()


def _unsubscribe_url(school, user, kinds=("enrollment.approved",)):
    token = unsubscribe_token(membership_id=school.membership(user).pk, kinds=list(kinds))
    return reverse("lms:notification_unsubscribe", args=[token])


def test_the_unsubscribe_link_asks_before_it_changes_anything(school_a):
    page = Client(HTTP_HOST=school_a.host).get(_unsubscribe_url(school_a, school_a.student))
    assert page.status_code == 200 and "Application approved" in text(page)
    assert not NotificationPreference.objects.exists()


def test_one_click_unsubscribe_works_without_a_session_or_csrf_token(school_a):
    client = Client(HTTP_HOST=school_a.host, enforce_csrf_checks=True)
    response = client.post(_unsubscribe_url(school_a, school_a.student), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert list(NotificationPreference.objects.values_list("kind", "channel", "mode")) == [
        ("enrollment.approved", Channel.EMAIL, Mode.OFF)
    ]


def test_an_unsubscribe_link_of_another_school_or_a_forged_one_answers_404(school_a, school_b):
    url = _unsubscribe_url(school_a, school_a.student)
    assert Client(HTTP_HOST=school_b.host).post(url).status_code == 404
    assert Client(HTTP_HOST=school_a.host).post(url[:-3] + "xx/").status_code == 404
    assert not NotificationPreference.objects.exists()


def test_unsubscribing_stops_a_digest_email_already_waiting(school_a):
    from django.utils import timezone

    waiting = notice(school_a, school_a.student, kind="enrollment.approved", email_mode=Mode.DIGEST,
                     email_due_at=timezone.now() + timezone.timedelta(hours=3))
    Client(HTTP_HOST=school_a.host).post(_unsubscribe_url(school_a, school_a.student))
    waiting.refresh_from_db()
    assert waiting.email_due_at is None
