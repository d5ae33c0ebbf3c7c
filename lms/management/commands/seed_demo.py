"""Create the two demo schools and their people. Safe to run again."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from assessments.demo import seed_assessments
from cohorts.demo import seed_school_demo
from courses.demo import seed_course_content
from lms.env import env_int
from lms.models import Domain, Membership, Notification, Role, Tenant, User

DEMO_PASSWORD = "codecohort-demo"

SCHOOLS = [
    {
        "slug": "northwind",
        "name": "Northwind College of Health",
        "accent_colour": "#1f5f8b",
        "time_zone": "America/Chicago",
        "signup_policy": Tenant.SignupPolicy.OPEN,
        "hosts": ["localhost", "127.0.0.1"],
        "mail": "northwind.test",
        "people": {
            "registrar": ("Renata Okafor", ""),
            "instructor": ("Ian Castillo", "CPC, CCS"),
            "student": ("Sam Patel", ""),
            "student2": ("Dana Whitfield", ""),
        },
    },
    {
        "slug": "riverside",
        "name": "Riverside Coding Academy",
        "accent_colour": "#6b3d8f",
        "time_zone": "America/Los_Angeles",
        "signup_policy": Tenant.SignupPolicy.INVITE_ONLY,
        "hosts": ["riverside.localhost"],
        "mail": "riverside.test",
        "people": {
            "registrar": ("Rowan Eastman", ""),
            "instructor": ("Imani Brooks", "CPC, RHIT"),
            "student": ("Lee Nakamura", ""),
            "student2": ("Priya Raman", ""),
        },
    },
]

ROLE_OF = {"registrar": Role.REGISTRAR, "instructor": Role.INSTRUCTOR, "student": Role.STUDENT, "student2": Role.STUDENT}


class Command(BaseCommand):
    help = "Create the demo schools (Northwind on localhost, Riverside on riverside.localhost) and their people."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        started = timezone.now()
        summaries: list[str] = []
        for spec in SCHOOLS:
            tenant = self._school(spec)
            for local, (name, credentials) in spec["people"].items():
                email = f"{local}@{spec['mail']}"
                user = self._person(email, name, credentials)
                Membership.objects.get_or_create(tenant=tenant, user=user, defaults={"role": ROLE_OF[local]})
            summaries.append(seed_school_demo(tenant=tenant, person=self._person))
            summaries.append(seed_course_content(tenant=tenant))
            summaries.append(seed_assessments(tenant=tenant))
            port = env_int("PORT", 8000)  # the port `make run` serves on
            people = Membership.objects.filter(tenant=tenant, is_active=True).count()
            self.stdout.write(f"{tenant.name}: http://{spec['hosts'][0]}:{port}/ ({people} people)")
        # The demo's notices show in the app; seeding emails nobody (the tasks find nothing due).
        Notification.objects.filter(created_at__gte=started, emailed_at__isnull=True).update(email_due_at=None)
        for summary in summaries:
            self.stdout.write(summary)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready; every demo login uses the password {DEMO_PASSWORD!r}."))

    def _school(self, spec: dict) -> Tenant:
        tenant, created = Tenant.objects.get_or_create(
            slug=spec["slug"],
            defaults={k: spec[k] for k in ("name", "accent_colour", "time_zone", "signup_policy")},
        )
        for index, host in enumerate(spec["hosts"]):
            Domain.objects.get_or_create(host=host, defaults={"tenant": tenant, "is_primary": index == 0})
        return tenant

    def _person(self, email: str, name: str, credentials: str) -> User:
        user, created = User.objects.get_or_create(
            email=email, defaults={"full_name": name, "credentials": credentials}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        return user
