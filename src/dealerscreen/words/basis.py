"""A profile's basis in one line for a report's reader (the summary: criteria/basis.py)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from dealerscreen.criteria.basis import KINDS, summarise
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.models.fields import show
from dealerscreen.words.labels import Messages


def basis_line(compiled: CompiledProfile, msgs: Messages) -> str:
    """'Basis of the score: of 100 points, 100 team's judgement; ...' in the language."""
    summary = summarise(compiled)

    def parts(counts: Mapping[str, Decimal | int]) -> str:
        shown = [
            msgs(f"basis.part.{k}", n=show(Decimal(counts[k])))
            for k in (*KINDS, "unstated")
            if counts.get(k)
        ]
        return msgs("basis.sep").join(shown) or "-"

    return msgs(
        "basis.line",
        max=show(summary.max_points),
        points=parts(summary.points),
        bonuses=parts(summary.bonus_points),
        gates=parts(summary.gates),
    )
