"""A report's parts memo (reporters/parts.py) answers exactly what making the part anew
would, however its entries come and go: a part found by a result's id only while that
result is the one remembered, per context, past the bound as before it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.reporters import parts


class Rule:
    """A rule's result: equal values are distinct objects (as results of different
    records are), so a memo that answered by value would be caught."""

    def __init__(self, value: int) -> None:
        self.value = value


def make(result: Rule, say: str) -> str:
    return f"{say}:{result.value}:{id(result)}"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, 5), max_size=6),  # values of one applicant's results
            st.sampled_from(["en", "zh"]),  # the reader's language: the context
            st.booleans(),  # whether the results are kept (shared) or made anew
        ),
        max_size=12,
    ),
    st.integers(1, 8),
)
def test_each_part_is_the_one_made_for_that_result_and_context(
    calls: list[tuple[list[int], str, bool]], bound: int
) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(parts, "MAX", bound)
        memo: parts.Parts[str] = parts.Parts()
        kept: dict[int, Rule] = {}
        for values, lang, shared in calls:
            results: list[Any] = [
                kept.setdefault(v, Rule(v)) if shared else Rule(v) for v in values
            ]
            expected = [make(r, lang) for r in results]
            assert memo.each(results, lang, make, lang) == expected
            if results:
                assert memo.get(results[0], lang, make, lang) == expected[0]
            del results  # freed: their ids may be taken by the next ones made
