"""Code formats and normalisation (screens only: validity is membership in a release)."""

from __future__ import annotations

import re

ICD10CM_KEY = re.compile(r"^[A-Z][0-9A-Z][0-9A-Z][0-9A-Z]{0,4}$")
HCPCS_KEY = re.compile(r"^[A-V][0-9]{4}$")
MODIFIER_KEY = re.compile(r"^([0-9]{2}|[0-9]P|[A-Z][0-9A-Z])$")
CPT_MODIFIER_KEY = re.compile(r"^[0-9][0-9P]$")  # CPT's own (25, 59, 1P); HCPCS Level II modifiers start with a letter
CPT_CATEGORIES = [
    (re.compile(r"^[0-9]{4}[0-9AMU]$"), "Category I"),
    (re.compile(r"^[0-9]{4}F$"), "Category II"),
    (re.compile(r"^[0-9]{4}T$"), "Category III"),
]


def to_key(text: str) -> str:
    """Upper case with spaces and dots removed: ' e11.65 ' -> 'E1165'."""
    return re.sub(r"[\s.]", "", text or "").upper()


def icd10cm_display(key: str) -> str:
    """The printed form of an ICD-10-CM key: the dot after the category."""
    return key if len(key) <= 3 else f"{key[:3]}.{key[3:]}"


def display(system: str, key: str) -> str:
    return icd10cm_display(key) if system == "icd10cm" else key


def cpt_category(key: str) -> str | None:
    for pattern, name in CPT_CATEGORIES:
        if pattern.match(key):
            return name
    return None


def looks_like_code(text: str) -> bool:
    """Whether a search text is a code or the start of one rather than words."""
    key = to_key(text)
    if " " in text.strip() or not re.fullmatch(r"[A-Z0-9]{1,8}", key):
        return False
    # One letter is where a code starts (S, Z); longer text is a code only if it has a digit.
    return len(key) == 1 or any(ch.isdigit() for ch in key)


def next_key(prefix: str) -> str:
    """The smallest key greater than every key that starts with ``prefix`` (keys are [0-9A-Z])."""
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    chars = list(prefix)
    while chars:
        last = chars.pop()
        index = alphabet.find(last)
        if 0 <= index < len(alphabet) - 1:
            return "".join(chars) + alphabet[index + 1]
    return "\x7f"
