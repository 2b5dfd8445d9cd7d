"""Needs review: decisions that rest on a line the applicant missed by little (#12).

The profile's `review_margin` says how little: points below the next tier, or an amount
of a fact a gate compares (2 stores when the team asks for 3). An applicant shut out
only by gates it misses within the margin, or within the points of the next tier, is
flagged for a person to look at; so is a tie across a city's quota line that no
criterion broke (separation.py). Read off the decision and the facts already read:
one call of each relaxed gate, no search.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.result import GATE, TIER, ReviewFlag
from dealerscreen.rules.compare import OPS


class Decided(Protocol):
    """What this module reads of the engine's `Decision` (the engine calls it while it
    explains, so it names the shape, not the engine)."""

    @property
    def complete(self) -> bool: ...
    @property
    def eligible(self) -> bool: ...
    @property
    def total(self) -> Decimal: ...
    @property
    def gates(self) -> tuple[bool | None, ...]: ...
    def failed(self, compiled: CompiledProfile) -> tuple[str, ...]: ...


def near_misses(
    compiled: CompiledProfile, decision: Decided, applicant: Any
) -> tuple[ReviewFlag, ...]:
    """The gate thresholds and the tier this applicant misses within the review margin.

    Gates count only when every requirement it fails is missed within the margin: a
    review could not change the outcome of an applicant that fails another one anyway."""
    margin = compiled.profile.review_margin
    if margin is None or not decision.complete:
        return ()
    if decision.eligible:
        if margin.points is None or decision.total is None:
            return ()
        above = [t for t in compiled.tiers if t.min_points > decision.total]
        if above:
            nearest = min(above, key=lambda t: t.min_points)
            if nearest.min_points - decision.total <= margin.points:
                return (
                    ReviewFlag(
                        TIER, nearest.id, None, decision.total, nearest.min_points, margin.points
                    ),
                )
        return ()
    by_index = {n.index: n for n in compiled.near_gates}
    flags: list[ReviewFlag] = []
    for i, ((gate, _), value) in enumerate(zip(compiled.gates, decision.gates, strict=True)):
        if value if value is not None else gate.missing == "pass":  # engine.gate_passes
            continue
        near = by_index.get(i)
        if near is None or near.relaxed(applicant) is not True:
            return ()  # missed by more than the margin, or a fact not stated
        for leaf in near.leaves:
            fact = leaf.get(applicant)
            if fact is not None and not OPS[leaf.op](fact, leaf.threshold):
                flags.append(
                    ReviewFlag(
                        GATE, gate.id, leaf.field, fact, leaf.threshold, leaf.margin, leaf.op
                    )
                )
    # the requirements not met, read only now: most applicants not eligible miss one by
    # more than the margin, and have returned above
    if len({f.id for f in flags}) != len(decision.failed(compiled)):
        return ()  # a required fact is missing: not a near miss
    return tuple(flags)
