"""factory_boy factories for the platform core."""

from __future__ import annotations

import datetime
from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from codesets.models import Code, Release, System
from lms.models import AuditLogEntry, Domain, Invitation, Membership, Role, Tenant, User

PASSWORD = "correct-horse-battery"


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenant
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"School {n}")
    slug = factory.Sequence(lambda n: f"school{n}")
    time_zone = "America/New_York"


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    tenant = factory.SubFactory(TenantFactory)
    host = factory.LazyAttribute(lambda d: f"{d.tenant.slug}.test")
    is_primary = True


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Faker("name")

    @factory.post_generation
    def password(self, create: bool, extracted: str | None, **kwargs) -> None:
        self.set_password(extracted or PASSWORD)
        if create:
            self.save(update_fields=["password"])
            EmailAddress.objects.get_or_create(user=self, email=self.email, defaults={"verified": True, "primary": True})


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    tenant = factory.SubFactory(TenantFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.STUDENT


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    tenant = factory.SubFactory(TenantFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.test")
    role = Role.STUDENT
    base_url = factory.LazyAttribute(lambda i: f"http://{i.tenant.slug}.test/")
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class AuditLogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditLogEntry

    tenant = factory.SubFactory(TenantFactory)
    action = "membership.role_changed"
    target_type = "membership"
    target_repr = factory.Sequence(lambda n: f"member {n}")
    before = {"role": "student"}
    after = {"role": "instructor"}


class ReleaseFactory(factory.django.DjangoModelFactory):
    """A small ready release; pass ``system="cpt"`` with a ``tenant`` for a licensed CPT file."""

    class Meta:
        model = Release

    system = System.HCPCS
    version = factory.Sequence(lambda n: f"test-{n}")
    title = factory.LazyAttribute(lambda r: f"{r.system} {r.version}")
    effective_from = datetime.date(2026, 1, 1)
    status = Release.Status.READY
    tenant = None


class CodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Code

    release = factory.SubFactory(ReleaseFactory)
    tenant = factory.LazyAttribute(lambda c: c.release.tenant)
    system = factory.LazyAttribute(lambda c: c.release.system)
    kind = Code.Kind.PROCEDURE
    code = factory.Sequence(lambda n: f"A{n % 10000:04d}")
    key = factory.LazyAttribute(lambda c: c.code.replace(".", ""))
    description = factory.Sequence(lambda n: f"Test supply number {n}")
    billable = True
