"""A JSON file nested past MAX_DEPTH is refused (`too-deep`) exactly when its data nests
that deep, whether or not the bracket count lets the walk over its data be skipped."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.yamlsource import MAX_DEPTH, SourceError
from dealerscreen.yamlsource.jsonsource import _depth, parse_json


def nested(depth: int, wide: int = 0) -> Any:
    """Data `depth` levels deep (lists and maps by turns), with `wide` siblings at the top."""
    data: Any = "leaf"
    for level in range(depth):
        data = [data] if level % 2 else {"k": data}
    return {"top": data, **{f"s{i}": {"x": [i]} for i in range(wide)}}


def refused(text: str) -> bool:
    try:
        parse_json(text, "a.json")
    except SourceError as exc:
        assert exc.problem.check == "too-deep", exc.problem.render()
        return True
    return False


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=MAX_DEPTH + 5), st.integers(0, 80))
def test_refused_exactly_when_the_data_nests_too_deep(depth: int, wide: int) -> None:
    data = nested(depth, wide)
    assert refused(json.dumps(data)) == (_depth(data) > MAX_DEPTH)


@pytest.mark.parametrize("brackets", ["[" * 200, "{" * 200])
def test_brackets_inside_strings_do_not_refuse_a_shallow_file(brackets: str) -> None:
    assert not refused(json.dumps({"note": brackets, "list": [1, [2]]}))


def test_the_deepest_accepted_and_the_first_refused() -> None:
    assert not refused(json.dumps(nested(MAX_DEPTH - 1)))  # the wrapper adds one level
    assert refused(json.dumps(nested(MAX_DEPTH)))
