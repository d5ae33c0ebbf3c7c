"""The exam domains questions are tagged with: the CPC's and the CCS's as their boards publish
them, and any a school adds. Every school gets the built-in ones the first time it needs them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.text import slugify

from assessments.models import ExamDomain
from lms.models import Tenant

CPC = ExamDomain.Exam.CPC
CCS = ExamDomain.Exam.CCS

# AAPC's CPC exam content areas; surgery is one area per body system, rolled up as "Surgery".
CPC_DOMAINS = [
    ("em", "Evaluation and management", ""),
    ("anesthesia", "Anesthesia", ""),
    ("surgery-integumentary", "Integumentary system", "Surgery"),
    ("surgery-musculoskeletal", "Musculoskeletal system", "Surgery"),
    ("surgery-respiratory", "Respiratory system", "Surgery"),
    ("surgery-cardiovascular", "Cardiovascular system", "Surgery"),
    ("surgery-digestive", "Digestive system", "Surgery"),
    ("surgery-urinary", "Urinary system", "Surgery"),
    ("surgery-reproductive", "Male and female reproductive systems", "Surgery"),
    ("surgery-nervous", "Nervous system", "Surgery"),
    ("surgery-eye-ear", "Eye and ear", "Surgery"),
    ("radiology", "Radiology", ""),
    ("pathology-laboratory", "Pathology and laboratory", ""),
    ("medicine", "Medicine", ""),
    ("icd10cm", "ICD-10-CM", ""),
    ("hcpcs", "HCPCS Level II", ""),
    ("guidelines", "Coding guidelines", ""),
    ("compliance", "Compliance and regulatory", ""),
    ("terminology-anatomy", "Medical terminology and anatomy", ""),
]
# AHIMA's CCS exam content outline (the four domains of the outline in use since 2023).
CCS_DOMAINS = [
    ("coding-knowledge", "Coding knowledge and skills", ""),
    ("coding-documentation", "Coding documentation", ""),
    ("provider-queries", "Provider queries", ""),
    ("regulatory-compliance", "Regulatory, guidelines and compliance", ""),
]
BUILT_IN = {CPC: CPC_DOMAINS, CCS: CCS_DOMAINS}


def domains_ensure(*, tenant: Tenant) -> QuerySet[ExamDomain]:
    """The school's domains, adding the built-in ones it lacks (safe to run at once from two requests)."""
    have = set(ExamDomain.objects.filter(tenant=tenant, exam__in=BUILT_IN).values_list("exam", "code"))
    missing = [
        ExamDomain(tenant=tenant, exam=exam, code=code, name=name, group=group, position=position)
        for exam, rows in BUILT_IN.items()
        for position, (code, name, group) in enumerate(rows)
        if (exam, code) not in have
    ]
    if missing:
        ExamDomain.objects.bulk_create(missing, ignore_conflicts=True)
    return domains_of(tenant=tenant)


def domains_of(*, tenant: Tenant) -> QuerySet[ExamDomain]:
    return ExamDomain.objects.filter(tenant=tenant).order_by("exam", "position", "name")


def domain_get(*, tenant: Tenant, domain_id: object) -> ExamDomain | None:
    """The school's domain with this id; None for missing, foreign and malformed alike."""
    try:
        pk = int(str(domain_id))
    except (TypeError, ValueError):
        return None
    return ExamDomain.objects.filter(tenant=tenant, pk=pk).first() if 0 < pk < 2**62 else None


def domain_by_code(*, tenant: Tenant, code: str) -> ExamDomain | None:
    """``cpc:em``, ``ccs:provider-queries`` or a school's ``school:<slug>``; a bare code is looked up in CPC first."""
    exam, _, slug = code.strip().lower().rpartition(":")
    domains = domains_ensure(tenant=tenant)
    if exam:
        return domains.filter(exam=exam, code=slug).first()
    return next((d for exam in (CPC, CCS, ExamDomain.Exam.SCHOOL) for d in domains if d.exam == exam and d.code == slug), None)


def domain_add(*, tenant: Tenant, name: str, group: str = "") -> ExamDomain:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Name the domain."})
    code = slugify(name)[:60] or "domain"
    position = ExamDomain.objects.filter(tenant=tenant, exam=ExamDomain.Exam.SCHOOL).count()
    try:
        with transaction.atomic():
            return ExamDomain.objects.create(tenant=tenant, exam=ExamDomain.Exam.SCHOOL, code=code, name=name[:120],
                                             group=group[:60], position=position)
    except IntegrityError:
        raise ValidationError({"name": f"The school already has a domain called {name}."}) from None
