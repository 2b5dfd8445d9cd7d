"""Which of a batch's keys came first, in about 20 bytes per key instead of 200.

A batch checks every applicant id (and every file's real path) against all earlier ones.
A dict of 100,000 keys with their positions is 20 MB, the largest thing a large batch
would hold besides its results; even a set of their hashes is 7 MB (an int object each).
So the hashes go into an open-addressing table in an `array` (8 bytes a slot, at most
half full). Hashes can meet without the keys being equal, so the answer stays exact: the
first time a hash repeats (a real duplicate, or, about once in 10^9 batches of 100,000,
two keys that share a hash) a dict is built from the keys so far, which the caller gives
back, and used from then on.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable

_EMPTY = 0
FIRST_SLOTS = 1 << 10
INITIAL_SLOTS = 1 << 18


class FirstSeen:
    def __init__(self, so_far: Callable[[], Iterable[tuple[str, int]]]) -> None:
        """`so_far()` gives (key, position) of every key added so far, in order."""
        self._so_far = so_far
        # 2^10 slots (8 KB) first: a batch of up to 512 keys needs no more. Made at 2^18
        # (2 MB) from the start, a run's two tables (its files' and its ids') were 4 MB of
        # new pages to zero and give back, 2 ms of every small run (the tests' ~2,000).
        self._table = array("q", bytes(8 * FIRST_SLOTS))
        self._count = 0
        self._exact: dict[str, int] | None = None

    def first(self, key: str, position: int) -> int:
        """The position of the first key equal to `key`: `position` if it is new (then
        remembered as added at `position`)."""
        if self._exact is None:
            if self._insert(hash(key) or 1):  # 0 marks an empty slot
                return position
            exact: dict[str, int] = {}
            for k, p in self._so_far():
                exact.setdefault(k, p)
            self._exact, self._table = exact, array("q")
        return self._exact.setdefault(key, position)

    def _insert(self, h: int) -> bool:
        """False if h is in the table already."""
        table = self._table
        mask = len(table) - 1
        i = h & mask
        while table[i] != _EMPTY:
            if table[i] == h:
                return False
            i = (i + 1) & mask
        table[i] = h
        self._count += 1
        if self._count * 2 > len(table):
            self._grow()
        return True

    def _grow(self) -> None:
        """Twice the slots, and past the first table 2^18 at once (2 MB): 131,072 keys
        before the next, slow, regrowth, as a large batch had from the start."""
        old = self._table
        self._table = array("q", bytes(8 * max(2 * len(old), INITIAL_SLOTS)))
        self._count = 0
        for h in old:
            if h != _EMPTY:
                self._insert(h)
