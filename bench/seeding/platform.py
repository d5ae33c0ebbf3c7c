"""The bench school, its host, and its people: a registrar, instructors, students, applicants.

Everyone signs in with ``bench-password``. The password is hashed once and
the hash shared: PBKDF2 is slow on purpose (about half a second here), so
hashing per user would take longer than the whole rest of the seed.
"""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password

from bench.seeding.base import (
    HOST, MAIL_DOMAIN, NAME, PASSWORD, REGISTRAR_EMAIL, SLUG, TIME_ZONE, Counts, Seeding,
    applicant_email, instructor_email, student_email,
)
from bench.seeding.bulk import Inserter
from lms.models import Domain, Membership, Role, Tenant, User

FIRST_NAMES = (
    "Avery", "Blake", "Camila", "Darius", "Elena", "Farah", "Gabriel", "Hana", "Isaac", "Jamal",
    "Keiko", "Luis", "Maya", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tessa",
)
LAST_NAMES = (
    "Abbott", "Baker", "Chen", "Diaz", "Edwards", "Fischer", "Garcia", "Hughes", "Ibrahim", "Jensen",
    "Kowalski", "Lopez", "Moreno", "Nguyen", "Okafor", "Patel", "Quist", "Rossi", "Santos", "Tanaka",
    "Umar", "Vargas", "Walsh", "Xu", "Young",
)


def seed_school(ctx: Seeding) -> Counts:
    """The school and its one host."""
    ctx.tenant = Tenant.objects.create(
        name=NAME, slug=SLUG, time_zone=TIME_ZONE, accent_colour="#22577a",
        signup_policy=Tenant.SignupPolicy.INVITE_ONLY,
    )
    Domain.objects.create(tenant=ctx.tenant, host=HOST, is_primary=True)
    return {"Tenant": 1, "Domain": 1}


def people(ctx: Seeding) -> list[tuple[str, str, str, str]]:
    """(email, full name, role, credentials) of everyone, registrar first, then staff, students, applicants."""
    rows = [(REGISTRAR_EMAIL, "Rhea Registrar", Role.REGISTRAR, "")]
    rows += [(instructor_email(n), _name(n + 7), Role.INSTRUCTOR, "CPC, CCS") for n in range(1, ctx.size.cohorts + 1)]
    rows += [(student_email(n), _name(n), Role.STUDENT, "") for n in range(1, ctx.size.students + 1)]
    rows += [(applicant_email(n), _name(n + 3), Role.STUDENT, "") for n in range(1, ctx.size.applicants + 1)]
    return rows


def _name(n: int) -> str:
    return f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]}"


def seed_people(ctx: Seeding) -> Counts:
    """Users with verified primary addresses (allauth lets only those sign in) and their memberships."""
    ctx.password_hash = make_password(PASSWORD)
    everyone = people(ctx)
    joined = ctx.now - datetime.timedelta(days=60)
    with Inserter(User, copy=ctx.use_copy) as users:
        for email, name, _role, credentials in everyone:
            users.add(User(email=email, full_name=name, credentials=credentials, password=ctx.password_hash,
                           date_joined=joined))
    user_ids = dict(User.objects.filter(email__endswith=f"@{MAIL_DOMAIN}").values_list("email", "id"))
    with Inserter(EmailAddress, copy=ctx.use_copy) as addresses:
        for email, *_ in everyone:
            addresses.add(EmailAddress(user_id=user_ids[email], email=email, verified=True, primary=True))
    with Inserter(Membership, copy=ctx.use_copy) as memberships:
        for email, _full_name, role, _credentials in everyone:
            memberships.add(Membership(tenant=ctx.tenant, user_id=user_ids[email], role=role, joined_at=joined))
    _remember_people(ctx, everyone, user_ids)
    return {"User": users.count, "EmailAddress": addresses.count, "Membership": memberships.count}


def _remember_people(ctx: Seeding, everyone: list[tuple[str, str, str, str]], user_ids: dict[str, int]) -> None:
    membership_of = dict(Membership.objects.filter(tenant=ctx.tenant).values_list("user_id", "id"))
    ids = [membership_of[user_ids[email]] for email, *_ in everyone]
    staff = 1 + ctx.size.cohorts
    ctx.registrar_user_id = user_ids[REGISTRAR_EMAIL]
    ctx.instructor_ids = ids[1:staff]
    ctx.student_ids = ids[staff:staff + ctx.size.students]
    ctx.applicant_ids = ids[staff + ctx.size.students:]
