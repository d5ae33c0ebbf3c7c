"""Is this a code, is it billable, what is missing, and do these codes go together?

The graders of quizzes and coding exercises call ``codes_check`` too, so every
finding carries a machine-readable rule, a reason a student can read, and the
tabular note it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codesets import memo as memos
from codesets.formats import CPT_MODIFIER_KEY, HCPCS_KEY, ICD10CM_KEY, MODIFIER_KEY, cpt_category, display, to_key
from codesets.models import Code, NoteKind, Release, SeventhCharacter, System
from codesets.search import current_releases
from codesets.selectors import notes_for
from lms.models import Tenant

SEQUENCE_KINDS = (NoteKind.EXCLUDES1, NoteKind.CODE_FIRST, NoteKind.USE_ADDITIONAL)
HEADINGS = (Code.Kind.CHAPTER, Code.Kind.BLOCK)
_MISS = object()


def _current(tenant: Tenant, system: str) -> Release | None:
    return next(iter(memos.current(tenant.pk, system, lambda: current_releases(tenant=tenant, system=system))), None)


def _stamp(release: Release) -> tuple:
    """A release as the memo knows it: its id and when it was loaded (a reload into the same row is another load)."""
    return (release.pk, release.loaded_at)


def _remembered(name: str, keys, load, *, keep: bool = True) -> dict:
    """``load(missing keys) -> {key: value}`` for the keys the active memo (if any) lacks; a key ``load``
    does not answer is remembered as None. ``keep=False`` (a release not ready) reads without remembering."""
    memo = memos.active() if keep else None
    found, missing = {}, []
    for key in dict.fromkeys(keys):
        hit = getattr(memo, name).get(key, _MISS) if memo is not None else _MISS
        if hit is _MISS:
            missing.append(key)
        else:
            found[key] = hit
    if missing:
        loaded = load(missing)
        for key in missing:
            found[key] = loaded.get(key)
            if memo is not None:
                memo.put(name, key, found[key])
    return found


@dataclass
class SourceNote:
    kind: str
    text: str
    code: str  # the item the note sits on (E11, a block, a chapter)
    description: str


@dataclass
class Finding:
    rule: str  # not_a_code, bad_format, header, seventh_character, placeholder, excludes1, code_first, use_additional, modifier, terminated, format_only
    reason: str
    codes: list[str] = field(default_factory=list)
    note: SourceNote | None = None


@dataclass
class CodeCheck:
    input: str
    code: str  # normalised, printed form
    system: str
    valid: bool | None  # None: CPT checked by format only
    billable: bool | None
    description: str = ""
    kind: str = ""
    missing: dict | None = None  # {"what": "seventh_character", "allowed": [{"character", "description"}]}
    modifiers: list[dict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class CheckResult:
    system: str
    release: Release | None
    codes: list[CodeCheck]
    findings: list[Finding]  # about the set: conflicts and order

    @property
    def ok(self) -> bool:
        return all(c.valid is not False and c.billable is not False and not c.findings for c in self.codes) and not self.findings


def codes_check(*, tenant: Tenant, system: str, codes: list[str], modifiers: dict[str, list[str]] | None = None,
                release: Release | None = None) -> CheckResult:
    """Check ``codes`` (in the order given) against the school's current release of ``system``, or against
    ``release`` where given (an exercise pins the code-set year its key was written for)."""
    if release is None:
        release = _current(tenant, system)
    elif release.system != system or release.tenant_id not in (None, tenant.pk):
        # A pinned release comes from stored data; another school's licensed CPT file must never be read.
        raise ValueError(f"{release} cannot be used to check {System(system).label} codes for this school.")
    keys = [to_key(c) for c in codes]
    found = _found(release, keys)
    checks = [_check_one(system, release, raw, key, found.get(key)) for raw, key in zip(codes, keys, strict=True)]
    _missing_parts(release, checks, found)
    _check_modifiers(tenant, checks, modifiers or {})
    set_findings = _set_findings(checks, found) if system == System.ICD10CM else []
    return CheckResult(system=system, release=release, codes=checks, findings=set_findings)


def _found(release: Release | None, keys) -> dict[str, Code]:
    if release is None or not keys:
        return {}

    stamp = _stamp(release)

    def load(wanted: list) -> dict:
        rows = Code.objects.filter(release=release, key__in=[key for *_, key in wanted]).exclude(kind__in=HEADINGS)
        return {(*stamp, c.key): c for c in rows}

    found = _remembered("codes", [(*stamp, key) for key in keys], load, keep=release.is_ready)
    return {key: code for (*_, key), code in found.items() if code is not None}


def _check_one(system: str, release: Release | None, raw: str, key: str, code: Code | None) -> CodeCheck:
    check = CodeCheck(input=raw, code=display(system, key), system=system, valid=code is not None,
                      billable=code.billable if code else False)
    if code is not None:
        check.description, check.kind = code.description, code.kind
        if code.terminated_on:
            check.findings.append(Finding("terminated", f"{check.code} was terminated on {code.terminated_on.isoformat()}."))
        return check
    if system == System.CPT and release is None:
        return _cpt_by_format(check, key)
    pattern = {System.ICD10CM: ICD10CM_KEY, System.HCPCS: HCPCS_KEY}.get(system)
    if pattern is not None and not pattern.match(key) or (system == System.CPT and not cpt_category(key)):
        check.findings.append(Finding("bad_format", f"“{raw}” is not in {System(system).label} code format."))
    else:
        where = str(release) if release else f"any loaded {System(system).label} release"
        check.findings.append(Finding("not_a_code", f"{check.code} is not a code in {where}."))
    return check


def _cpt_by_format(check: CodeCheck, key: str) -> CodeCheck:
    category = cpt_category(key)
    check.billable = None
    if category:
        check.valid = None
        check.description = f"CPT {category} code"
        check.findings.append(Finding("format_only", f"{key} is written like a CPT {category} code; this school has no licensed CPT file to confirm it."))
    else:
        check.valid = False
        check.findings.append(Finding("bad_format", f"“{check.input}” is not written like a CPT code (five characters: 99213, 0001F, 0075T)."))
    return check


def _placeholder_keys(key: str) -> list[str]:
    """T3601A -> T360X1A, ...: where placeholder X may have been left out before the 7th character."""
    if not 4 <= len(key) < 7:
        return []
    pad = "X" * (7 - len(key))
    return [key[:p] + pad + key[p:] for p in range(len(key) - 1, 2, -1)]


def _without_placeholders(key: str) -> str:
    """S0105X -> S0105: the code a placeholder-padded key hangs from (X may also be a real character,
    so this is only a second guess after the key as written)."""
    stripped = key.rstrip("X")
    return stripped if len(stripped) >= 3 else key


def _seventh_parents(check: CodeCheck) -> tuple[str, list[str]]:
    """For an invalid code, what may be wrong with its 7th character and which parent keys to try."""
    key = to_key(check.code)
    if len(key) == 7:  # a 7th character that the code does not take: S5250 1Z, S0105XZ
        return "wrong", list(dict.fromkeys([key[:-1], _without_placeholders(key[:-1])]))
    if 4 <= len(key) < 7 and key.endswith("X"):  # padded to 7 but the 7th left out: W171XX, S0105X
        return "missing", [_without_placeholders(key)]
    return "", []


def _missing_parts(release: Release | None, checks: list[CodeCheck], found: dict[str, Code]) -> None:
    """Headers, a missing or wrong 7th character, a missing placeholder X (ICD-10-CM only)."""
    if release is None or release.system != System.ICD10CM:
        return
    headers = {c.code: found[to_key(c.code)] for c in checks if c.valid and not c.billable}
    seventh = {c.code: _seventh_parents(c) for c in checks if not c.valid}
    placeholders = {c.code: _placeholder_keys(to_key(c.code)) for c in checks if not c.valid}
    candidates = {k for keys in placeholders.values() for k in keys} | {k for _, keys in seventh.values() for k in keys}
    extra = _found(release, sorted(candidates))
    parents = [*headers.values(), *(extra[k] for _, keys in seventh.values() for k in keys if k in extra)]
    children = _children(parents)
    tables = _seventh_tables(parents)
    for check in checks:
        key = to_key(check.code)
        kind, keys = seventh.get(check.code, ("", []))
        parent = next((extra[k] for k in keys if k in extra and _takes_seventh(extra[k], children)), None)
        if check.code in headers:
            _explain_header(check, headers[check.code], children, tables)
        elif parent is not None and kind == "wrong":
            allowed = _allowed(parent, children, tables)
            check.findings = [Finding("seventh_character", f"{key[-1]} is not a 7th character {parent.code} takes; "
                                      f"use one of {', '.join(a['character'] for a in allowed)}.", [parent.code])]
            check.missing = {"what": "seventh_character", "allowed": allowed}
        elif parent is not None and kind == "missing":
            check.findings = []
            _explain_header(check, parent, children, tables)
        elif any(k in extra for k in placeholders.get(check.code, [])):
            target = next(extra[k] for k in placeholders[check.code] if k in extra)
            check.findings = [Finding("placeholder", f"{check.code} needs placeholder X to reach the 7th character: did you mean {target.code}?", [target.code])]
            check.missing = {"what": "placeholder", "suggestion": target.code}


def _takes_seventh(code: Code, children: dict[int, list[Code]]) -> bool:
    below = children.get(code.pk, [])
    return bool(below) and all(c.kind == Code.Kind.EXTENSION for c in below)


def _children(parents: list[Code]) -> dict[int, list[Code]]:
    def load(ids: list[int]) -> dict[int, list[Code]]:
        out: dict[int, list[Code]] = {pk: [] for pk in ids}
        for child in Code.objects.filter(parent_id__in=ids).only("id", "parent_id", "code", "key", "kind").order_by("position"):
            out[child.parent_id].append(child)
        return out

    return {pk: rows for pk, rows in _remembered("children", [p.pk for p in parents], load).items() if rows}


def _seventh_tables(codes: list[Code]) -> dict[int, dict[str, str]]:
    """The 7th-character table that applies at each code (its own, else the nearest ancestor's)."""
    def load(ids: list[int]) -> dict[int, dict[str, str]]:
        loaded: dict[int, dict[str, str]] = {pk: {} for pk in ids}
        for row in SeventhCharacter.objects.filter(code_id__in=ids):
            loaded[row.code_id][row.character] = row.description
        return loaded

    ids = sorted({i for c in codes for i in [c.pk, *c.lineage]})
    rows = {pk: table for pk, table in _remembered("sevenths", ids, load).items() if table}
    out = {}
    for code in codes:
        chain = [code.pk, *reversed(code.lineage)]
        out[code.pk] = next((rows[i] for i in chain if i in rows), {})
    return out


def _allowed(parent: Code, children: dict[int, list[Code]], tables: dict[int, dict[str, str]]) -> list[dict]:
    table = tables.get(parent.pk, {})
    made = [c.key[-1] for c in children.get(parent.pk, []) if c.kind == Code.Kind.EXTENSION]
    return [{"character": ch, "description": table.get(ch, ""), "code": display(System.ICD10CM, parent.key.ljust(6, "X") + ch)} for ch in made]


def _explain_header(check: CodeCheck, code: Code, children: dict[int, list[Code]], tables) -> None:
    below = children.get(code.pk, [])
    if below and all(c.kind == Code.Kind.EXTENSION for c in below):
        allowed = _allowed(code, children, tables)
        check.missing = {"what": "seventh_character", "allowed": allowed}
        check.findings.append(Finding(
            "seventh_character",
            f"{check.code} needs a 7th character: " + ", ".join(f"{a['character']} ({a['description']})" for a in allowed) + ".",
            [a["code"] for a in allowed],
        ))
    else:
        names = [c.code for c in below]
        span = f"{names[0]} to {names[-1]}" if len(names) > 1 else (names[0] if names else "")
        check.findings.append(Finding("header", f"{check.code} is a header, not a billable code: choose one of the {len(names)} codes below it ({span}).", names))


def _check_modifiers(tenant: Tenant, checks: list[CodeCheck], modifiers: dict[str, list[str]]) -> None:
    """Modifiers by the code they go with: two characters, and a modifier of the current HCPCS release."""
    wanted = {c.code: modifiers.get(c.input, modifiers.get(c.code, [])) for c in checks}
    keys = {to_key(m) for mods in wanted.values() for m in mods}
    hcpcs = _current(tenant, System.HCPCS)
    known = {}
    if keys and hcpcs is not None:
        stamp = _stamp(hcpcs)

        def load(wanted: list) -> dict:
            rows = Code.objects.filter(release=hcpcs, kind=Code.Kind.MODIFIER, key__in=[k for *_, k in wanted])
            return {(*stamp, key): description for key, description in rows.values_list("key", "description")}

        found = _remembered("modifiers", [(*stamp, key) for key in sorted(keys)], load, keep=hcpcs.is_ready)
        known = {key: description for (*_, key), description in found.items() if description is not None}
    for check in checks:
        for raw in wanted[check.code]:
            key = to_key(raw)
            entry = {"input": raw, "modifier": key, "valid": key in known, "description": known.get(key, "")}
            check.modifiers.append(entry)
            if check.system == System.ICD10CM:
                check.findings.append(Finding("modifier", f"ICD-10-CM codes take no modifiers ({key}).", [check.code]))
            elif not MODIFIER_KEY.match(key):
                check.findings.append(Finding("modifier", f"“{raw}” is not a modifier: modifiers are two characters (25, 59, LT, XS).", [check.code]))
            elif key not in known and CPT_MODIFIER_KEY.match(key):
                # 25, 59, 1P... are CPT's own, published with the AMA's file, not with HCPCS: known by form only.
                entry.update(valid=None, description="CPT modifier (checked by its form)")
            elif key not in known:
                where = str(hcpcs) if hcpcs else "the loaded HCPCS modifiers"
                check.findings.append(Finding("modifier", f"{key} is not a modifier in {where}.", [check.code]))


def _set_findings(checks: list[CodeCheck], found: dict[str, Code]) -> list[Finding]:
    """Excludes1 pairs and code-first / use-additional order, from notes on each code and its ancestors."""
    present = [(i, found[to_key(c.code)]) for i, c in enumerate(checks) if c.valid]
    if len(present) < 2:
        return []
    def load_notes(ids: list[int]) -> dict[int, list]:
        loaded: dict[int, list] = {pk: [] for pk in ids}
        for note in notes_for(ids).filter(kind__in=SEQUENCE_KINDS):
            list(note.references.all())  # fetched with the note, kept with it
            loaded[note.code_id].append(note)
        return loaded

    def load_holders(ids: list[int]) -> dict[int, Code]:
        return {c.pk: c for c in Code.objects.filter(pk__in=ids).only("id", "code", "description")}

    holder_ids = sorted({i for _, code in present for i in [code.pk, *code.lineage]})
    by_holder = {pk: notes for pk, notes in _remembered("notes", holder_ids, load_notes).items() if notes}
    holders = _remembered("holders", sorted(by_holder), load_holders)
    findings: list[Finding] = []
    reported: set[tuple] = set()
    for i, code in present:
        for holder_id in [code.pk, *reversed(code.lineage)]:
            for note in by_holder.get(holder_id, []):
                for j, other in present:
                    if j == i or holder_id in other.lineage or holder_id == other.pk:
                        continue
                    if any(not ref.qualified and ref.covers(other.key) for ref in note.references.all()):
                        finding = _sequence_finding(note, holders[holder_id], code, other, i, j)
                        pair = (note.kind, *sorted([code.pk, other.pk]))
                        if finding and pair not in reported:
                            reported.add(pair)
                            findings.append(finding)
    return findings


def _sequence_finding(note, holder: Code, code: Code, other: Code, i: int, j: int) -> Finding | None:
    source = SourceNote(kind=note.kind, text=note.text, code=holder.code, description=holder.description)
    at = f"under {holder.code} {holder.description}: “{note.text}”"
    if note.kind == NoteKind.EXCLUDES1:
        return Finding("excludes1", f"{code.code} and {other.code} cannot be reported together (Excludes1 {at}).",
                       [code.code, other.code], source)
    if note.kind == NoteKind.CODE_FIRST and j > i:
        return Finding("code_first", f"{other.code} must be listed before {code.code} (Code first {at}).",
                       [other.code, code.code], source)
    if note.kind == NoteKind.USE_ADDITIONAL and j < i:
        return Finding("use_additional", f"{other.code} is an additional code and goes after {code.code} (Use additional code {at}).",
                       [code.code, other.code], source)
    return None
