"""Which attempts count: the assessment's scoring policy (highest, latest, average) over the graded ones."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assessments.models import Attempt, ScoringPolicy

CENT = Decimal("0.01")


def counted_percent(attempts: list[Attempt], policy: str) -> Decimal | None:
    """The grade from ``attempts`` (any order) under ``policy``; None until one is graded."""
    graded = sorted((a for a in attempts if a.state == Attempt.State.GRADED and a.percent is not None), key=lambda a: a.number)
    if not graded:
        return None
    if policy == ScoringPolicy.LATEST:
        return graded[-1].percent
    if policy == ScoringPolicy.AVERAGE:
        return (sum((a.percent for a in graded), start=Decimal(0)) / len(graded)).quantize(CENT, ROUND_HALF_UP)
    return max(a.percent for a in graded)
