"""Each condition kind: true, false, and unknown when a fact is missing."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter

from dealerscreen.rules import Condition
from dealerscreen.rules.base import BindError, CondFn
from tests.helpers import applicant, context


def compile_(spec: dict[str, Any]) -> CondFn:
    return TypeAdapter(Condition).validate_python(spec).compile(context(), ("c",))


@pytest.mark.parametrize(
    ("spec", "facts", "expected"),
    [
        (
            {"kind": "compare", "field": "site.street_frontage_m", "op": "ge", "value": 26},
            {"site__street_frontage_m": 26},
            True,
        ),
        (
            {"kind": "compare", "field": "site.street_frontage_m", "op": "ge", "value": 26},
            {"site__street_frontage_m": 25.9},
            False,
        ),
        ({"kind": "compare", "field": "site.street_frontage_m", "op": "ge", "value": 26}, {}, None),
        (
            {"kind": "compare", "field": "site.tenure", "op": "in", "value": ["owned", "leased"]},
            {"site__tenure": "leased"},
            True,
        ),
        (
            {"kind": "compare", "field": "site.tenure", "op": "not_in", "value": ["none"]},
            {"site__tenure": "none"},
            False,
        ),
        (
            {"kind": "in_list", "field": "target.city", "list": "cities"},
            {"target": {"city": "苏州", "store_format": "2S"}},
            True,
        ),
        (
            {"kind": "in_list", "field": "target.city", "list": "cities"},
            {"target": {"city": "XIAN", "store_format": "2S"}},
            True,
        ),
        (
            {"kind": "in_list", "field": "target.city", "list": "cities"},
            {"target": {"city": "Lhasa", "store_format": "2S"}},
            False,
        ),
        ({"kind": "present", "field": "finance.debt_ratio_pct"}, {}, False),
        (
            {"kind": "present", "field": "finance.debt_ratio_pct"},
            {"finance__debt_ratio_pct": 0},
            True,
        ),
        (
            {
                "kind": "all_of",
                "conditions": [
                    {"kind": "compare", "field": "after_sales.paint", "op": "eq", "value": True},
                    {
                        "kind": "compare",
                        "field": "after_sales.sheet_metal",
                        "op": "eq",
                        "value": True,
                    },
                ],
            },
            {"after_sales__paint": True},
            None,
        ),
        (
            {
                "kind": "all_of",
                "conditions": [
                    {"kind": "compare", "field": "after_sales.paint", "op": "eq", "value": True},
                    {
                        "kind": "compare",
                        "field": "after_sales.sheet_metal",
                        "op": "eq",
                        "value": True,
                    },
                ],
            },
            {"after_sales__paint": False},
            False,
        ),
        (
            {
                "kind": "any_of",
                "conditions": [
                    {"kind": "compare", "field": "standing.top100_rank", "op": "le", "value": 100},
                    {
                        "kind": "compare",
                        "field": "standing.stores_in_province",
                        "op": "ge",
                        "value": 3,
                    },
                ],
            },
            {"standing": {"kind": "regional_merchant", "stores_in_province": 4}},
            True,
        ),
        (
            {
                "kind": "any_of",
                "conditions": [
                    {"kind": "compare", "field": "standing.top100_rank", "op": "le", "value": 100},
                    {
                        "kind": "compare",
                        "field": "standing.stores_in_province",
                        "op": "ge",
                        "value": 3,
                    },
                ],
            },
            {"standing": {"kind": "regional_merchant", "stores_in_province": 1}},
            None,
        ),
        (
            {
                "kind": "not",
                "condition": {
                    "kind": "compare",
                    "field": "site.tenure",
                    "op": "eq",
                    "value": "none",
                },
            },
            {"site__tenure": "owned"},
            True,
        ),
        (
            {
                "kind": "not",
                "condition": {
                    "kind": "compare",
                    "field": "site.tenure",
                    "op": "eq",
                    "value": "none",
                },
            },
            {},
            None,
        ),
        (
            {
                "kind": "any_item",
                "field": "brand_agencies",
                "where": {"kind": "in_list", "field": "brand", "list": "brands", "tag": "luxury"},
            },
            {"brand_agencies": [{"brand": "丰田", "years": 9}, {"brand": "宝马", "years": 2}]},
            True,
        ),
        (
            {
                "kind": "any_item",
                "field": "brand_agencies",
                "where": {"kind": "in_list", "field": "brand", "list": "brands", "tag": "luxury"},
            },
            {"brand_agencies": [{"brand": "Toyota", "years": 9}]},
            False,
        ),
        (
            {
                "kind": "any_item",
                "field": "brand_agencies",
                "min_count": 2,
                "where": {"kind": "present", "field": "brand"},
            },
            {},
            False,
        ),
    ],
)
def test_condition(spec: dict[str, Any], facts: dict[str, Any], expected: bool | None) -> None:
    out = compile_(spec)(applicant(**facts))
    assert out.value is expected, out.text


@pytest.mark.parametrize(
    ("spec", "check", "words"),
    [
        (
            {"kind": "compare", "field": "site.frontage_m", "op": "ge", "value": 26},
            "unknown-field",
            "did you mean 'site.street_frontage_m'",
        ),
        (
            {"kind": "compare", "field": "site.tenure", "op": "eq", "value": "rented"},
            "bad-value",
            "'rented' cannot be a value",
        ),
        (
            {"kind": "compare", "field": "site.tenure", "op": "in", "value": "owned"},
            "bad-value",
            "needs a list",
        ),
        (
            {"kind": "in_list", "field": "target.city", "list": "towns"},
            "unknown-list",
            "unknown reference list 'towns'",
        ),
        (
            {"kind": "in_list", "field": "target.city", "list": "cities", "tag": "capital"},
            "unknown-tag",
            "no tag 'capital'",
        ),
        (
            {"kind": "any_item", "field": "site", "where": {"kind": "present", "field": "brand"}},
            "bad-field",
            "not a list",
        ),
        (
            {
                "kind": "any_item",
                "field": "brand_agencies",
                "where": {"kind": "present", "field": "brnd"},
            },
            "unknown-field",
            "did you mean 'brand'",
        ),
    ],
)
def test_bad_condition_is_a_load_error(spec: dict[str, Any], check: str, words: str) -> None:
    with pytest.raises(BindError) as info:
        compile_(spec)
    assert info.value.check == check
    assert words in info.value.message.english()
