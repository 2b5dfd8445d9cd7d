"""Each rule's result made once per distinct record, for `engine.explain`.

A rule's result (`GateResult`, `CriterionResult`, ...) is a function of the compiled
profile (its rules, their words, the reader's language), of which rule it is, and of that
rule's record (`Traced`: the verdict or points, the facts read, the branch that held),
and of nothing else: `explain` does not share a gate's result whose decision waits for
documents on it. Most applicants of a batch share most records (2,000 synthetic ones:
62,000 records, 14,000 distinct), so a result is made, and its words rendered, once.

The key is the record's exact form (`record_key`), not the record: equal records may hold
facts that read differently (True and 1, 1.0 and 1, Decimal 1.5 and 1.50 are equal in
Python). One memo per compiled profile (a run may compile two: `diff`, or another reader's
language), dropped with it.
"""

from __future__ import annotations

import marshal
import pickle
import weakref
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from dealerscreen.rules.base import Traced

if TYPE_CHECKING:
    from dealerscreen.criteria.compile import CompiledProfile

T = TypeVar("T")
MEMO_MAX = 1 << 15  # results remembered per profile, in two generations of half each
_marshal = marshal.dumps
_pickle = pickle.dumps
# marshal before version 3 writes each value whole (no references to objects met before,
# which depend on which equal objects are the same one), and floats as their 8 bytes.
_MARSHAL = 2


def record_key(traced: Traced) -> bytes | tuple[str | None, bytes]:
    """Bytes that tell records apart as exactly as their pickle does: equal keys only for
    records of equal values of the same types and forms (True and 1, 1.0 and 1, Decimal
    1.5 and 1.50, 0.0 and -0.0 get different keys).

    marshal writes a bool, an int, a float, a str, None and a tuple each with its type,
    at about a third of pickle's cost, and refuses any other type (a Decimal, a date, a
    subclass such as an enumeration's member): a record holding one is pickled. A
    criterion's points (a Decimal) are its most common one, so its record's value is
    written as its text (which keeps its exponent: "1.50") beside the marshal of the rest.
    Each form has its own shape (bytes; a str and bytes; None and bytes), so two forms
    never meet (tests/test_explained_memo.py compares the keys with pickles).
    """
    value = traced[0]
    try:
        if type(value) is Decimal:
            return (value.__str__(), _marshal(traced[1:], _MARSHAL))
        return _marshal(traced, _MARSHAL)
    except ValueError:  # a type marshal does not write
        return (None, _pickle(traced, pickle.HIGHEST_PROTOCOL))


class Explained:
    """The results made for one compiled profile, by (kind, rule index, `record_key`)."""

    def __init__(self) -> None:
        # Two generations: a result is found in the young one, or in the old one and then
        # moved to the young; when the young is full it becomes the old, and the old goes.
        # What applicants keep sharing (a gate's usual verdict) stays; what one applicant
        # held alone goes. Emptied whole when full, as before, the memo made 24% more
        # results for a batch of 10,000 than with no bound at all (52,000 against 42,000;
        # now 47,800). Generations of the whole bound each made 42,000, but held 40 MB
        # more at 100,000 (a json report's peak 190 -> 230 MB, 1.95x a `--top 20`'s).
        self._found: dict[tuple[str, int, object], Any] = {}
        self._old: dict[tuple[str, int, object], Any] = {}

    def get(
        self,
        compiled: CompiledProfile,
        kind: str,
        i: int,
        traced: Traced,
        make: Callable[[CompiledProfile, int, Traced], T],
    ) -> T:
        """`make(compiled, i, traced)`, made once per distinct (kind, i, traced)."""
        try:
            key = (kind, i, record_key(traced))
        except Exception:  # a fact pickle cannot write: made each time
            return make(compiled, i, traced)
        found = self._found.get(key)
        if found is None:
            found = self._old.pop(key, None)
            if found is None:
                found = make(compiled, i, traced)
            if len(self._found) >= MEMO_MAX // 2:  # as many in all as one memo held
                self._old, self._found = self._found, {}
            self._found[key] = found
        return found


_MEMOS: dict[int, tuple[weakref.ref[Any], Explained]] = {}


def explained(compiled: CompiledProfile) -> Explained:
    """The memo of this compiled profile (made on first use, dropped with the profile)."""
    key = id(compiled)
    entry = _MEMOS.get(key)
    if entry is not None and entry[0]() is compiled:
        return entry[1]
    memo = Explained()

    def forget(ref: weakref.ref[Any]) -> None:
        if _MEMOS.get(key, (None,))[0] is ref:
            del _MEMOS[key]

    _MEMOS[key] = (weakref.ref(compiled, forget), memo)
    return memo


def clear() -> None:
    """Forget every result made (for tests, which compare with results made anew)."""
    _MEMOS.clear()
