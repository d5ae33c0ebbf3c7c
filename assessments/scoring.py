"""Scoring a coding answer against its key, after AAPC Practicode's published rules.

Score = credited lines / max(lines entered, required lines): every line entered
counts, so an extra code costs credit; an optional key line entered is credited
in full, so it never does. The code-set facts (is it a code in that year's
table, billable, 7th character, Excludes1, code-first order) come from
``codesets.check``; this module decides what they cost and says why, line by line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from codesets.check import CodeCheck, Finding, codes_check
from codesets.formats import HCPCS_KEY, cpt_category, display, to_key
from codesets.models import Code, Release, System
from codesets.search import current_releases
from lms.models import Tenant

ICD, HCPCS, CPT = System.ICD10CM.value, System.HCPCS.value, System.CPT.value
ROLES = ("principal", "secondary", "procedure", "supply")
REQUIREMENTS = ("required", "optional", "group")
ROLE_NAMES = {"principal": "principal diagnosis", "secondary": "secondary diagnosis", "procedure": "procedure", "supply": "supply"}
# What the check says makes a code unusable as entered.
INVALID_RULES = {"not_a_code", "bad_format", "header", "seventh_character", "placeholder", "terminated"}
# Findings that already tell the student what to enter instead; a category hint would only repeat them.
SPECIFIC_RULES = {"header", "seventh_character", "placeholder"}


@dataclass(frozen=True)
class KeyLine:
    role: str  # "principal" (principal / first-listed dx), "secondary" (secondary dx), "procedure", "supply"
    code: str
    requirement: str = "required"  # "required" | "optional" | "group" (one of a group)
    group: str = ""  # lines with requirement "group" and the same label form one "one of" group
    modifiers: tuple[str, ...] = ()
    units: int = 1
    rationale: str = ""

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"Unknown role {self.role!r}: use one of {', '.join(ROLES)}.")
        if self.requirement not in REQUIREMENTS:
            raise ValueError(f"Unknown requirement {self.requirement!r}: use one of {', '.join(REQUIREMENTS)}.")
        if self.requirement == "group" and not self.group:
            raise ValueError(f"{self.code} is one of a group but has no group label.")
        if self.units < 1:
            raise ValueError(f"{self.code} needs at least 1 unit.")


@dataclass(frozen=True)
class AnswerLine:
    code: str
    modifiers: tuple[str, ...] = ()
    units: int = 1


@dataclass(frozen=True)
class Reason:
    rule: str  # a check rule (not_a_code, header, excludes1, ...) or extra, modifier, units, principal_order, order, near_miss, missing
    message: str


@dataclass
class LineFeedback:
    index: int | None  # position in the answer; None for a key line that was not entered
    code: str
    status: str  # "correct", "partial", "wrong", "extra", "missing"
    credit: float
    reasons: list[Reason] = field(default_factory=list)
    rationale: str = ""
    role: str = ""


@dataclass
class ScoreResult:
    score: float
    credited: float
    denominator: int
    lines: list[LineFeedback]
    missed: list[LineFeedback]

    def as_dict(self) -> dict:
        """The result as plain data (what ``dataclasses.asdict`` gives, without its deep copies: graders call
        this for every response)."""
        return {"score": self.score, "credited": self.credited, "denominator": self.denominator,
                "lines": [_line_dict(line) for line in self.lines], "missed": [_line_dict(line) for line in self.missed]}


def _line_dict(line: LineFeedback) -> dict:
    return {"index": line.index, "code": line.code, "status": line.status, "credit": line.credit,
            "reasons": [{"rule": r.rule, "message": r.message} for r in line.reasons], "rationale": line.rationale,
            "role": line.role}


@dataclass
class _Key:
    index: int
    line: KeyLine
    key: str
    system: str
    modifiers: tuple[str, ...]

    @property
    def code(self) -> str:
        return display(self.system, self.key)

    @property
    def group(self) -> str:
        return self.line.group if self.line.requirement == "group" else ""


@dataclass
class _Entry:
    index: int
    line: AnswerLine
    key: str
    system: str
    modifiers: tuple[str, ...]
    check: CodeCheck | None = None
    match: _Key | None = None
    extra: str = ""  # why a line that names a key code still earns nothing (a duplicate, a second of a group)

    @property
    def code(self) -> str:
        return self.check.code if self.check else display(self.system, self.key)

    @property
    def exact(self) -> bool:
        return self.match is not None and _same_detail(self, self.match)


def _same_detail(entry: _Entry, k: _Key) -> bool:
    return (set(entry.modifiers), entry.line.units) == (set(k.modifiers), k.line.units)


@dataclass
class _Scoring:
    keys: list[_Key]
    entries: list[_Entry]
    partial: float
    set_findings: list[Finding]
    late: set[int]  # answer positions of secondary diagnoses out of the key's order (order_scored only)
    first_dx: _Entry | None


def score_coding_answer(*, tenant: Tenant, key: Sequence[KeyLine], answer: Sequence[AnswerLine],
                        releases: Mapping[str, Release] | None = None, partial_credit: float | Decimal = 0.5,
                        order_scored: bool = False) -> ScoreResult:
    """Score ``answer`` against ``key``, checking codes against the pinned ``releases`` (by system)
    or the school's current ones; ``partial_credit`` is the school's share for a right code with
    wrong modifiers or units."""
    partial = _policy(partial_credit)
    pinned = _pinned(releases)
    keys = [_Key(i, line, to_key(line.code), _key_system(line), _modifiers(line.modifiers)) for i, line in enumerate(key)]
    entries = _entries(tenant, answer, keys, pinned)
    set_findings = _check(tenant, entries, pinned)
    _match(entries, keys)
    _keep_one_per_group(entries)
    scoring = _Scoring(keys, entries, partial, set_findings, _out_of_order(entries) if order_scored else set(),
                       next((e for e in entries if e.system == ICD), None))
    lines = [_feedback(entry, scoring) for entry in entries]
    # An optional key line entered correctly neither earns nor costs: it counts in neither number,
    # so it can never stand in for a required line that is missing.
    counted = [line for line, entry in zip(lines, entries, strict=True) if not _optional_hit(line, entry)]
    credited = round(sum(line.credit for line in counted), 4)
    denominator = max(len(counted), _required_count(keys))
    score = round(credited / denominator, 4) if denominator else 0.0
    return ScoreResult(score=score, credited=credited, denominator=denominator, lines=lines, missed=_missed(keys, entries))


def _optional_hit(line: LineFeedback, entry: _Entry) -> bool:
    return entry.match is not None and entry.match.line.requirement == "optional" and line.status == "correct"


def _policy(value: float | Decimal) -> float:
    credit = float(value)
    if not 0 <= credit <= 1:  # also refuses NaN
        raise ValueError("partial_credit is a share of one line's credit, from 0 to 1.")
    return credit


def _pinned(releases: Mapping[str, Release] | None) -> dict[str, Release]:
    pinned = {system: release for system, release in (releases or {}).items() if release is not None}
    for system, release in pinned.items():
        if system not in (ICD, HCPCS, CPT) or release.system != system:
            raise ValueError(f"{release} cannot be pinned as the {system} release.")
    return pinned  # codes_check refuses another school's CPT file


def _modifiers(modifiers: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(to_key(m) for m in modifiers if to_key(m)))


def _key_system(line: KeyLine) -> str:
    if line.role in ("principal", "secondary"):
        return ICD
    return CPT if cpt_category(to_key(line.code)) else HCPCS


def _entries(tenant: Tenant, answer: Sequence[AnswerLine], keys: list[_Key], pinned: dict[str, Release]) -> list[_Entry]:
    """Answer lines with the system each code belongs to: the key's, where the key has that code,
    else the one its format says."""
    by_key = {k.key: k.system for k in keys}
    entries = []
    for index, line in enumerate(answer):
        key = to_key(line.code)
        entries.append(_Entry(index, line, key, by_key.get(key) or _format_system(line.code, key), _modifiers(line.modifiers)))
    ambiguous = [e for e in entries if e.key not in by_key and e.system == HCPCS]
    if ambiguous:
        _resolve_without_dot(tenant, ambiguous, keys, pinned)
    return entries


def _format_system(raw: str, key: str) -> str:
    if cpt_category(key):
        return CPT
    return HCPCS if HCPCS_KEY.match(key) and "." not in raw else ICD


def _resolve_without_dot(tenant: Tenant, entries: list[_Entry], keys: list[_Key], pinned: dict[str, Release]) -> None:
    """E1165 is both a diagnosis typed without its dot and a HCPCS-shaped code: the table that holds
    it decides; where neither does, a key with no HCPCS lines makes it a diagnosis."""
    releases = [pinned.get(s) or next(iter(current_releases(tenant=tenant, system=s)), None) for s in (ICD, HCPCS)]
    rows = Code.objects.filter(release__in=[r for r in releases if r], key__in={e.key for e in entries})
    held: dict[str, str] = {}
    for key, system in rows.exclude(kind=Code.Kind.MODIFIER).values_list("key", "system"):
        if system == ICD or key not in held:  # a diagnosis is the likelier reading of both
            held[key] = system
    for entry in entries:
        if entry.key in held:
            entry.system = held[entry.key]
        elif not any(k.system == HCPCS for k in keys):
            entry.system = ICD


def _check(tenant: Tenant, entries: list[_Entry], pinned: dict[str, Release]) -> list[Finding]:
    """One check per system, in answer order, so the set findings (Excludes1, code-first order) see
    the diagnoses as the student listed them."""
    set_findings: list[Finding] = []
    for system in (ICD, HCPCS, CPT):
        group = [e for e in entries if e.system == system]
        if not group:
            continue
        modifiers: dict[str, list[str]] = {}
        for entry in group:  # the check takes modifiers by code: the same code twice shares one list
            shared = modifiers.setdefault(display(system, entry.key), [])
            shared += [m for m in entry.modifiers if m not in shared]
        result = codes_check(tenant=tenant, system=system, codes=[e.line.code for e in group], modifiers=modifiers,
                             release=pinned.get(system))
        for entry, check in zip(group, result.codes, strict=True):
            entry.check = check
        set_findings += result.findings
    return set_findings


def _match(entries: list[_Entry], keys: list[_Key]) -> None:
    """Pair answer lines with key lines by code: exact matches (modifiers, units) first, so a
    bilateral pair (L3000-LT, L3000-RT) pairs up in any order; then the same code alone."""
    taken: set[int] = set()
    for exact_only in (True, False):
        for entry in (e for e in entries if e.match is None):
            entry.match = next((k for k in keys if k.index not in taken and k.key == entry.key
                                and (not exact_only or _same_detail(entry, k))), None)
            if entry.match is not None:
                taken.add(entry.match.index)
    for entry in entries:
        if entry.match is None and entry.key in {k.key for k in keys}:
            entry.extra = f"{entry.code} is entered more times than this case needs."


def _keep_one_per_group(entries: list[_Entry]) -> None:
    """One of a group earns credit once: the best match keeps it (exact before partial, then the first entered)."""
    by_group: dict[str, list[_Entry]] = {}
    for entry in entries:
        if entry.match is not None and entry.match.group:
            by_group.setdefault(entry.match.group, []).append(entry)
    for members in by_group.values():
        keep = min(members, key=lambda e: (not e.exact, e.index))
        for entry in members:
            if entry is not keep:
                entry.match = None
                entry.extra = f"{entry.code} is not needed: {keep.code} already counts, and one of them is enough."


def _out_of_order(entries: list[_Entry]) -> set[int]:
    """Required secondary diagnoses outside the longest run that follows the key's order, so one
    misplaced code costs one line, not every line after it."""
    seq = _ordered_secondaries(entries)
    run = [1] * len(seq)
    previous: list[int | None] = [None] * len(seq)
    for i, entry in enumerate(seq):
        for j in range(i):
            if seq[j].match.index < entry.match.index and run[j] + 1 > run[i]:
                run[i], previous[i] = run[j] + 1, j
    kept: set[int] = set()
    at = max(range(len(seq)), key=lambda i: (run[i], -i), default=None)
    while at is not None:
        kept.add(seq[at].index)
        at = previous[at]
    return {e.index for e in seq} - kept


def _ordered_secondaries(entries: list[_Entry]) -> list[_Entry]:
    """The lines whose order counts when the key scores order: required secondary diagnoses matched."""
    return [e for e in entries if e.match and e.match.line.role == "secondary" and e.match.line.requirement != "optional"]


def _feedback(entry: _Entry, scoring: _Scoring) -> LineFeedback:
    if entry.match is not None:
        status, credit, reasons = _matched(entry, scoring)
        role, rationale = entry.match.line.role, entry.match.line.rationale
    else:
        status, credit, reasons = _unmatched(entry, scoring)
        role, rationale = "", ""
    # A finding about the set (Excludes1, code-first order) names both codes: each of those lines shows it.
    if entry.system == ICD:
        reasons += [Reason(f.rule, f.reason) for f in scoring.set_findings if entry.code in f.codes]
    return LineFeedback(index=entry.index, code=entry.code, status=status, credit=credit, reasons=reasons,
                        rationale=rationale, role=role)


def _matched(entry: _Entry, scoring: _Scoring) -> tuple[str, float, list[Reason]]:
    k = entry.match
    reasons = _modifier_reasons(entry, k) + _units_reasons(entry, k)
    first = scoring.first_dx
    if k.line.role == "principal" and first is not entry:
        return "wrong", 0.0, [Reason("principal_order", f"{k.code} is the principal diagnosis and must be listed first, "
                                                        f"before {first.code}."), *reasons]
    if entry.index in scoring.late:
        order = ", ".join(e.code for e in sorted(_ordered_secondaries(scoring.entries), key=lambda e: e.match.index))
        return "wrong", 0.0, [Reason("order", f"{k.code} is out of order: list these secondary diagnoses as {order}."), *reasons]
    if not reasons:
        return "correct", 1.0, []
    if k.line.requirement == "optional":
        return "correct", 1.0, reasons  # an optional line entered never costs credit; the note still teaches
    return "partial", scoring.partial, reasons


def _modifier_reasons(entry: _Entry, k: _Key) -> list[Reason]:
    """Compared as sets; a modifier the key does not expect gets the check's word on it where it has one."""
    refused = _modifier_findings(entry.check)
    reasons = [Reason("modifier", f"Modifier {m} is missing on {k.code}.") for m in k.modifiers if m not in entry.modifiers]
    for m in entry.modifiers:
        if m not in k.modifiers:
            found = refused.get(m)
            reasons.append(Reason("modifier", found.reason if found else f"Modifier {m} is not right on {k.code} here."))
    return reasons


def _units_reasons(entry: _Entry, k: _Key) -> list[Reason]:
    if entry.line.units == k.line.units:
        return []
    expected = f"{k.line.units} unit" + ("s" if k.line.units != 1 else "")
    return [Reason("units", f"{k.code} is reported with {expected} here, not {entry.line.units}.")]


def _modifier_findings(check: CodeCheck) -> dict[str, Finding]:
    """The check's modifier findings by modifier: it writes one, in order, for every modifier it
    refuses (each one on an ICD-10-CM code, an unknown or malformed one elsewhere)."""
    # The check writes one "modifier" finding per refused modifier, in the order given; a CPT modifier
    # known by its form only (valid None) is not refused.
    refused = [m["modifier"] for m in check.modifiers if check.system == ICD or m["valid"] is False]
    return dict(zip(refused, (f for f in check.findings if f.rule == "modifier")))


def _unmatched(entry: _Entry, scoring: _Scoring) -> tuple[str, float, list[Reason]]:
    refused = _modifier_findings(entry.check)
    reasons = [Reason(f.rule, f.reason) for f in entry.check.findings if f.rule not in ("modifier", "format_only")]
    reasons += [Reason("modifier", refused[m].reason) for m in entry.modifiers if m in refused]
    if entry.extra:
        return "extra", 0.0, [Reason("extra", entry.extra), *reasons]
    hint = _near_miss(entry, scoring)
    if hint or any(r.rule in INVALID_RULES for r in reasons):
        return "wrong", 0.0, reasons + hint
    return "extra", 0.0, [Reason("extra", f"{entry.code} is not needed for this case."), *reasons]


def _near_miss(entry: _Entry, scoring: _Scoring) -> list[Reason]:
    """A diagnosis in the category of a key line still open: the student found the right place in the tabular."""
    if entry.system != ICD or any(f.rule in SPECIFIC_RULES for f in entry.check.findings):
        return []
    category = entry.key[:3]
    if not any(k.system == ICD and k.key[:3] == category for k in _open_keys(scoring.keys, scoring.entries)):
        return []
    if entry.check.valid:
        message = f"{entry.code} is in the right category ({category}) but not the most specific code for this record."
    else:
        message = f"{category} is the right category; look for the code below it that fits this record."
    return [Reason("near_miss", message)]


def _open_keys(keys: list[_Key], entries: list[_Entry]) -> list[_Key]:
    """Key lines nothing entered answers: unmatched, and not of a group already credited."""
    matched = {e.match.index for e in entries if e.match is not None}
    credited = {e.match.group for e in entries if e.match is not None and e.match.group}
    return [k for k in keys if k.index not in matched and not (k.group and k.group in credited)]


def _required_count(keys: list[_Key]) -> int:
    return sum(1 for k in keys if k.line.requirement == "required") + len({k.group for k in keys if k.group})


def _written(k: _Key) -> str:
    return "-".join([k.code, *k.modifiers])


def _missed(keys: list[_Key], entries: list[_Entry]) -> list[LineFeedback]:
    """Required key lines and required groups nothing entered answers, in key order, with their rationale."""
    missed: list[LineFeedback] = []
    seen_groups: set[str] = set()
    for k in _open_keys(keys, entries):
        if k.line.requirement == "optional" or (k.group and k.group in seen_groups):
            continue
        members = [m for m in keys if k.group and m.group == k.group] or [k]
        if k.group:
            seen_groups.add(k.group)
        names = " or ".join(_written(m) for m in members)
        message = f"{'One of ' if len(members) > 1 else ''}{names} ({ROLE_NAMES[k.line.role]}) is missing."
        rationale = " ".join(dict.fromkeys(m.line.rationale for m in members if m.line.rationale))
        missed.append(LineFeedback(index=None, code=k.code, status="missing", credit=0.0,
                                   reasons=[Reason("missing", message)], rationale=rationale, role=k.line.role))
    return missed
