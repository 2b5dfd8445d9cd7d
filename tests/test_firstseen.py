"""FirstSeen answers as a dict would, also when hashes collide."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dealerscreen.intake import firstseen
from dealerscreen.intake.firstseen import FirstSeen


def _check(keys: list[str]) -> None:
    added: list[tuple[str, int]] = []
    seen = FirstSeen(lambda: list(added))
    expected: dict[str, int] = {}
    for i, key in enumerate(keys):
        got = seen.first(key, i)
        assert got == expected.setdefault(key, i)
        if got == i:
            added.append((key, i))


@given(st.lists(st.sampled_from(["a", "b", "c", "苏州", ""]) | st.text(), max_size=40))
def test_first_positions_are_a_dicts(keys: list[str]) -> None:
    _check(keys)


def test_colliding_hashes_stay_exact(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(firstseen, "hash", lambda key: len(key), raising=False)
    _check(["ab", "cd", "ab", "ef", "cd", "xyz", "ab"])  # every two-letter key collides


def test_many_keys_grow_the_table_and_stay_exact(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    keys = [f"SYN-{i:07d}" for i in range(5000)]
    monkeypatch.setattr(firstseen, "INITIAL_SLOTS", 64)  # so that it grows
    _check([*keys, *keys[::7], "new", keys[0]])


def test_keys_past_the_first_table_stay_exact() -> None:
    """Past its first 512 keys the table is made anew at its large size."""
    keys = [f"SYN-{i:07d}" for i in range(1500)]
    _check([*keys, *keys[::3], "new", keys[-1]])
