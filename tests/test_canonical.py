"""The programme's canonical JSON (every stored digest is taken over it) is byte for byte
the standard encoder's compact, key-sorted text, whichever encoder wrote it (property)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.models.yamlforms import WrittenFloat
from dealerscreen.programme import chain

# JSON-like data with the corners where orjson and the standard encoder part: floats of
# every size and the ones that are not finite, wide integers, control characters, lone
# surrogates, tuples, non-string keys.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text()
)
data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(), inner, max_size=4)
        | st.dictionaries(st.integers(min_value=-5, max_value=5), inner, max_size=4)
    ),
    max_leaves=20,
)


def standard(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@settings(max_examples=300)
@given(data)
def test_same_text_as_the_standard_encoder(value: Any) -> None:
    assert chain.canonical(value) == standard(value)


def test_a_float_that_is_not_finite_is_written_as_before_not_as_null() -> None:
    # orjson writes NaN and the infinities as null: a digest taken before would not match
    for value in (float("nan"), float("inf"), -float("inf")):
        record = {"score": value, "tier": None}
        assert chain.canonical(record) == standard(record)
        assert "null" in chain.canonical(record) and "NaN" in chain.canonical([float("nan"), None])


def test_the_corners_each_written_as_the_standard_encoder_writes_them() -> None:
    for value in (
        {"a": 1e-05, "b": 1e16, "c": 0.00001234},  # exponents
        {"n": 2**65},  # wider than orjson takes
        {"s": "\ud800 Motors"},  # a lone surrogate from a JSON file
        {2: "b", 1: "a"},  # keys that are not strings
        {"w": WrittenFloat(58.5)},  # the loader's float with its written form
        {"z": '长沙\u2028\x7f\x1f"\\'},  # characters written as they are, and escapes
        ("tuple", [None, True, 1]),
    ):
        assert chain.canonical(value) == standard(value), value


@settings(max_examples=200)
@given(st.lists(st.none() | st.booleans() | st.integers(-(2**62), 2**62) | st.text(), max_size=9))
def test_a_row_of_integers_and_texts_needs_no_search_for_floats(row: list[Any]) -> None:
    # the seals' rows: integer and text columns (a text may hold a hex digest: `1e5...`)
    assert chain.canonical(row, floats=False) == standard(row)
    digest = "9e5c0e1e2b" * 6
    assert chain.canonical([1, digest], floats=False) == standard([1, digest])


finite = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=300)
@given(finite)
def test_a_decision_record_is_the_same_json_value_with_its_keys_sorted(value: Any) -> None:
    """A stored decision's record (`record_json`) is not held to the standard encoder's
    bytes, only to its value: the same data read back, every object's keys in order."""
    text = chain.record_json(value)
    assert json.loads(text) == json.loads(standard(value))

    def sorted_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _ in pairs]
        assert keys == sorted(keys)
        return dict(pairs)

    json.loads(text, object_pairs_hook=sorted_keys)
