"""Each rule's result made once per distinct record, for `engine.explain`.

A rule's result (`GateResult`, `CriterionResult`, ...) is a function of the compiled
profile (its rules, their words, the reader's language), of which rule it is, and of that
rule's record (`Traced`: the verdict or points, the facts read, the branch that held),
and of nothing else: `explain` does not share a gate's result whose decision waits for
documents on it. Most applicants of a batch share most records (2,000 synthetic ones:
62,000 records, 14,000 distinct), so a result is made, and its words rendered, once.

The key is the record's pickle, not the record: equal records may hold facts that read
differently (True and 1, 1.0 and 1, Decimal 1.5 and 1.50 are equal in Python), and a pickle
says each value's type and form. One memo per compiled profile (a run may compile two:
`diff`, or another reader's language), dropped with it.
"""

from __future__ import annotations

import pickle
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from dealerscreen.rules.base import Traced

if TYPE_CHECKING:
    from dealerscreen.criteria.compile import CompiledProfile

T = TypeVar("T")
MEMO_MAX = 1 << 15  # results remembered per profile (a few MB); past this it starts again
_dumps = pickle.dumps
_PROTOCOL = pickle.HIGHEST_PROTOCOL


class Explained:
    """The results made for one compiled profile, by (kind, rule index, record pickle)."""

    def __init__(self) -> None:
        self._found: dict[bytes, Any] = {}

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
            key = _dumps((kind, i, traced), _PROTOCOL)
        except Exception:  # a fact pickle cannot write: made each time
            return make(compiled, i, traced)
        found = self._found.get(key)
        if found is None:
            found = make(compiled, i, traced)
            if len(self._found) >= MEMO_MAX:
                self._found.clear()
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
