"""Each scoring kind: points from facts, None when the fact is missing, exact decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter

from dealerscreen.rules import Scoring
from dealerscreen.rules.base import BindError, ScoreFn
from tests.helpers import applicant, context


def compile_(spec: dict[str, Any], max_points: str = "10") -> ScoreFn:
    return (
        TypeAdapter(Scoring).validate_python(spec).compile(context(), ("s",), Decimal(max_points))
    )


BANDS = {
    "kind": "bands",
    "field": "site.street_frontage_m",
    "bands": [
        {"max": 15, "points": 0},
        {"min": 15, "max": 26, "points": 3},
        {"min": 26, "points": 6},
    ],
}
STEPS_LOWER = {
    "kind": "thresholds",
    "field": "finance.debt_ratio_pct",
    "better": "lower",
    "steps": [{"at": 70, "points": 2}, {"at": 50, "points": 5}],
}
STEPS_HIGHER = {
    "kind": "thresholds",
    "field": "customers.satisfaction_score",
    "steps": [{"at": 80, "points": 3}, {"at": 90, "points": 5}],
}
LOOKUP = {
    "kind": "lookup",
    "field": "after_sales.repair_qualification_class",
    "table": {1: 8, 2: 6, 3: 2},
}
LINEAR = {
    "kind": "linear",
    "field": "after_sales.certified_technicians",
    "zero_at": 0,
    "full_at": 20,
}
LINEAR_DOWN = {"kind": "linear", "field": "finance.debt_ratio_pct", "zero_at": 80, "full_at": 40}
BOOLEAN = {
    "kind": "boolean",
    "condition": {
        "kind": "compare",
        "field": "site.tenure",
        "op": "in",
        "value": ["owned", "leased"],
    },
}
CASES = {
    "kind": "cases",
    "default": 0,
    "cases": [
        {
            "when": {"kind": "compare", "field": "standing.top100_rank", "op": "le", "value": 20},
            "points": 10,
        },
        {
            "when": {
                "kind": "compare",
                "field": "standing.stores_in_province",
                "op": "ge",
                "value": 5,
            },
            "points": 4,
        },
    ],
}


@pytest.mark.parametrize(
    ("spec", "facts", "points"),
    [
        (BANDS, {"site__street_frontage_m": 14.9}, "0"),
        (BANDS, {"site__street_frontage_m": 15}, "3"),
        (BANDS, {"site__street_frontage_m": 26}, "6"),
        (BANDS, {}, None),
        (STEPS_LOWER, {"finance__debt_ratio_pct": 50}, "5"),
        (STEPS_LOWER, {"finance__debt_ratio_pct": 69.9}, "2"),
        (STEPS_LOWER, {"finance__debt_ratio_pct": 71}, "0"),
        (STEPS_HIGHER, {"customers__satisfaction_score": 95}, "5"),
        (STEPS_HIGHER, {"customers__satisfaction_score": 85}, "3"),
        (LOOKUP, {"after_sales__repair_qualification_class": 2}, "6"),
        (LINEAR, {"after_sales__certified_technicians": 15}, "7.5"),
        (LINEAR, {"after_sales__certified_technicians": 99}, "10"),
        (LINEAR, {"after_sales__certified_technicians": 0}, "0"),
        (LINEAR_DOWN, {"finance__debt_ratio_pct": 60}, "5"),
        (LINEAR_DOWN, {"finance__debt_ratio_pct": 30}, "10"),
        (BOOLEAN, {"site__tenure": "owned"}, "10"),
        (BOOLEAN, {"site__tenure": "none"}, "0"),
        (BOOLEAN, {}, None),
        (CASES, {"standing": {"kind": "national_dealer_group", "top100_rank": 7}}, "10"),
        (CASES, {"standing": {"kind": "regional_merchant", "stores_in_province": 6}}, "4"),
        (CASES, {"standing": {"kind": "regional_merchant", "stores_in_province": 1}}, None),
    ],
)
def test_scoring(spec: dict[str, Any], facts: dict[str, Any], points: str | None) -> None:
    out = compile_(spec)(applicant(**facts))
    assert out.points == (Decimal(points) if points is not None else None), out.text
    if points is not None:
        assert isinstance(out.points, Decimal)


def test_linear_points_are_exact_decimals() -> None:
    out = compile_(LINEAR, "7")(applicant(after_sales__certified_technicians=15))
    assert out.points == Decimal("5.25")


@pytest.mark.parametrize(
    ("spec", "check"),
    [
        ({**BANDS, "bands": [{"min": 0, "points": 11}]}, "points-over-max"),
        ({**BANDS, "bands": [{"min": 5, "max": 5, "points": 1}]}, "empty-band"),
        ({**BANDS, "field": "site.tenure"}, "bad-field"),
        ({**LOOKUP, "table": {4: 1}}, "bad-value"),
        ({**LINEAR, "full_at": 0}, "empty-scale"),
        ({**STEPS_LOWER, "field": "finance.debt"}, "unknown-field"),
    ],
)
def test_bad_scoring_is_a_load_error(spec: dict[str, Any], check: str) -> None:
    with pytest.raises(BindError) as info:
        compile_(spec)
    assert info.value.check == check
