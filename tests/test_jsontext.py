"""The JSON reports' text is byte for byte what the standard encoder writes (property)."""

from __future__ import annotations

import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.models.yamlforms import WrittenFloat
from dealerscreen.reporters import jsontext

# JSON-like data as reports hold it, with the awkward corners: floats of every size
# (exponents, and the small ones orjson writes in full), wide integers, control characters, lone surrogates, non-string keys.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(), inner, max_size=4)
        # keys of one kind: the standard encoder cannot sort a mix of ints and strings
        | st.dictionaries(st.integers(min_value=-5, max_value=5), inner, max_size=4)
    ),
    max_leaves=20,
)


def standard(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


@settings(max_examples=300)
@given(data)
def test_same_text_as_the_standard_encoder(value: Any) -> None:
    assert jsontext.dumps(value) == standard(value)


def test_exponent_floats_are_written_as_python_writes_them() -> None:
    # orjson writes 1e-5 and 1e16; the reports have always said 1e-05 and 1e+16.
    assert jsontext.dumps({"a": 1e-05, "b": 1e16}) == standard({"a": 1e-05, "b": 1e16})
    assert "1e-05" in jsontext.dumps([1e-05])  # orjson: 0.00001
    assert "-5e-06" in jsontext.dumps([-5e-06])


def test_a_float_written_by_the_loader_is_the_float_it_is() -> None:
    value = {"debt_ratio_pct": WrittenFloat(58.5)}
    assert jsontext.dumps(value) == standard(value)


def test_a_lone_surrogate_from_a_json_file_is_written_not_refused() -> None:
    value = {"legal_name": "\ud800 Motors"}
    assert jsontext.dumps(value) == standard(value)


# The definition the faster search keeps: a digit, e, an exponent; or 0.0000 after no digit.
_DEFINITION = re.compile(rb"[0-9]e[-+]?[0-9]|(?<![0-9])-?0\.0000")


@settings(max_examples=500)
@given(st.text(alphabet="0123456789e+-. ax", max_size=40))
def test_the_search_for_scientific_floats_is_the_defining_pattern(text: str) -> None:
    out = text.encode()
    assert jsontext.scientific(out) == (_DEFINITION.search(out) is not None)


@settings(max_examples=300)
@given(data, st.integers(min_value=0, max_value=3))
def test_a_member_is_the_standard_text_indented_to_its_depth(value: Any, depth: int) -> None:
    # The json report writes each result as such a member: orjson's bytes where it can,
    # the standard encoder's str where it must; either way the text json.dumps writes.
    pad = "  " * (depth + 1)
    got = jsontext.member(value, depth)
    text = got.decode() if isinstance(got, bytes) else got
    assert text == pad + standard(value).replace("\n", "\n" + pad)
    assert isinstance(got, str) or got.decode().encode() == got


# A rule's part as reports hold it: mostly what orjson writes as the standard encoder does.
plain = st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=12)
part = st.dictionaries(st.text(max_size=6), plain | st.floats(-1e6, 1e6), max_size=4)


@settings(max_examples=300)
@given(
    st.dictionaries(st.text(max_size=8), plain | data, max_size=5),
    st.dictionaries(st.sampled_from(["gates", "criteria"]), st.lists(part | data, max_size=3)),
    st.integers(min_value=0, max_value=2),
)
def test_a_member_with_written_parts_is_the_member_of_the_data(
    rest: dict[str, Any], lists: dict[str, list[Any]], depth: int
) -> None:
    # The json report writes each rule's part once (`fragment`) and a result around them
    # (`member_of`): the same text as the result written whole, or None, and None only
    # where the whole needs the standard encoder too.
    rest = {k: v for k, v in rest.items() if k not in lists}
    texts = {
        k: [jsontext.fragment(item, depth + 3) for item in items] for k, items in lists.items()
    }
    whole = jsontext.member({**rest, **lists}, depth)
    if any(t is None for items in texts.values() for t in items):
        return  # such a part is written with its result, as data (the caller's fallback)
    got = jsontext.member_of({**rest, **texts}, list(lists), depth)
    if got is None:
        assert isinstance(whole, str)
    else:
        assert isinstance(whole, bytes) and got == whole
