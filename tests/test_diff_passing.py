"""diff's "who passed whom" against the plain question asked of every pair."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dealerscreen.diff.passing import NOBODY, Passing, passing


def _every_pair(ranks: dict[str, tuple[int | None, int | None]], aid: str) -> Passing:
    """What diff asked before: every other applicant, for each one asked about."""
    mine_b, mine_a = ranks[aid]
    if mine_b is None or mine_a is None:
        return NOBODY
    by, over, entered, left = [], [], [], []
    for other in sorted(ranks):
        ob, oa = ranks[other]
        if other == aid:
            continue
        if oa is not None and oa < mine_a and (ob is None or ob > mine_b):
            by.append(other)
            if ob is None:
                entered.append(other)
        elif ob is not None and oa is not None and ob < mine_b and oa > mine_a:
            over.append(other)
        elif ob is not None and ob < mine_b and oa is None:
            left.append(other)
    return Passing(tuple(by), tuple(over), tuple(entered), tuple(left))


_RANK = st.one_of(st.none(), st.integers(min_value=1, max_value=12))  # ties included


# A pure function of small rank tables against its definition, pair by pair: 100 tables
# of up to 25 applicants with ties and absences.
@settings(max_examples=100)
@given(
    st.dictionaries(st.text("ab1_", min_size=1, max_size=3), st.tuples(_RANK, _RANK), max_size=25),
    st.data(),
)
def test_passing_agrees_with_every_pair(
    ranks: dict[str, tuple[int | None, int | None]], data: st.DataObject
) -> None:
    asked = data.draw(st.lists(st.sampled_from(sorted(ranks)), unique=True)) if ranks else []
    got = passing(ranks, asked)
    assert set(got) == set(asked)
    for aid in asked:
        assert got[aid] == _every_pair(ranks, aid), aid
