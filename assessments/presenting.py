"""An attempt's questions as a student sees them while taking it: no keys, choices in the attempt's order."""

from __future__ import annotations

from assessments.models import Attempt, AttemptItem


def item_for_student(item: AttemptItem) -> dict:
    version = item.version
    by_id = {c["id"]: c["text"] for c in version.choices}
    return {
        "position": item.position,
        "kind": version.question.kind,
        "prompt_html": version.prompt_html,
        "choices": [{"id": cid, "text": by_id[cid]} for cid in item.choice_order if cid in by_id],
        "items": [{"label": spec.get("label", ""), "prompt": spec.get("prompt", "")} for spec in version.items],
        "record_title": version.record_title,
        "record_text": version.record_text,
        "points": str(item.points),
        "response": item.response,
        "seq": item.seq,
        "saved_at": item.saved_at.isoformat() if item.saved_at else None,
    }


def attempt_items(attempt: Attempt) -> list[AttemptItem]:
    return list(attempt.items.select_related("version__question").order_by("position"))
