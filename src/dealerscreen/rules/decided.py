"""What a compiled rule is: its deciding functions, its record (`Traced`) and its words.

A rule kind's `compile()` returns a `Rule` (a condition) or a `Scorer` (scoring): the
functions the engine calls per applicant, so no YAML is re-interpreted in the hot loop.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, NamedTuple, TypeVar

from dealerscreen.models.lazytext import Text
from dealerscreen.rules.phrases import Phrases

T = TypeVar("T")


class Outcome(NamedTuple):
    """A condition's verdict: True, False, or None when a fact it needs is missing.

    A named tuple, not a dataclass: rules make dozens per applicant, and a tuple is made
    several times faster than a frozen dataclass sets its fields.
    """

    value: bool | None
    text: Text  # formatted when read: str(out.text)
    missing: tuple[str, ...] = ()


class Points(NamedTuple):
    """A scoring rule's points, or None when the fact it needs is missing (a named tuple)."""

    points: Decimal | None
    text: Text  # formatted when read: str(pts.text)
    missing: tuple[str, ...] = ()
    fact: str | None = None  # the field path that earned the points


# A rule decided, with what decided it: the part of the decision record
# (decide/record.py) that one rule writes, and all its words are made from. A plain tuple,
# read by the indexes below: a batch makes, pickles and reads back about a hundred per
# applicant, and a named tuple's constructor and pickling run Python code for each
# (measured: 5x the time of the whole record as plain tuples).
#
# VALUE: the verdict (True, False, None: not known) or the points (None: a fact is
# missing). FACTS: the values of the facts the rule read, in the order of its `paths` (a
# kind that reads a list keeps counts, not the list). BRANCH: which band, step, case or
# table entry held: its index in the kind's coverage `branches` (which list the bands,
# steps, cases and entries as written); None when none held or the default did. PARTS: the inner conditions'
# own records, as far as deciding read them.
Traced = tuple[Any, tuple[Any, ...], int | None, tuple[Any, ...]]
VALUE: Final = 0
FACTS: Final = 1
BRANCH: Final = 2
PARTS: Final = 3


ValueFn = Callable[[Any], bool | None]  # a condition's verdict
PointsFn = Callable[[Any], Decimal | None]  # a scoring rule's points
TraceFn = Callable[[Any], Traced]  # the same decided, with its branch and facts
CondWords = Callable[[Traced], tuple[Text, tuple[str, ...]]]
ScoreWords = Callable[[Traced], tuple[Text, tuple[str, ...], str | None]]


class Rule(NamedTuple):
    """A compiled condition: `trace` decides and says what decided; `words` only explains.

    `trace(applicant)` is the decision a record keeps (the verdict, the facts read, the
    inner conditions' records). `decide` gives the verdict alone, for the what-if trials
    that decide an applicant thousands of times and keep nothing (it must agree with
    `trace`: tests/test_rule_kinds_complete.py checks it). `words(traced)` says why the
    decided value is what it is (and which facts were missing) from the record alone: it
    neither reads the applicant nor decides, so an explanation cannot disagree with the
    verdict. Calling the rule gives both as an `Outcome`.
    """

    decide: ValueFn
    trace: TraceFn
    words: CondWords
    paths: tuple[str, ...] = ()  # what the facts of its record are (field paths)

    def __call__(self, applicant: Any) -> Outcome:
        traced = self.trace(applicant)
        text, missing = self.words(traced)
        return Outcome(traced[VALUE], text, missing)


class Scorer(NamedTuple):
    """A compiled scoring rule: `decide` gives the points (None: its fact is missing),
    `trace` the same with the branch that held and the facts read; `words(traced)` gives
    (text, missing facts, the field that earned them)."""

    decide: PointsFn
    trace: TraceFn
    words: ScoreWords
    paths: tuple[str, ...] = ()

    def __call__(self, applicant: Any) -> Points:
        traced = self.trace(applicant)
        text, missing, fact = self.words(traced)
        return Points(traced[VALUE], text, missing, fact)


CondFn = Rule
ScoreFn = Scorer


MEMO_MAX = 4096  # remembered facts per rule


def by_fact(compute: Callable[[Any], T]) -> Callable[[Any], T]:
    """A pure function of one fact, remembered: a batch repeats a few hundred values (years,
    shares, counts) and decimal arithmetic costs more than a dict lookup. Bounded, so that
    free-varying facts do not grow it; equal facts (3 and 3.0) give equal points."""
    memo: dict[Any, T] = {}

    def remembered(fact: Any) -> T:
        try:
            return memo[fact]
        except KeyError:
            points = compute(fact)
            if len(memo) < MEMO_MAX:
                memo[fact] = points
            return points
        except TypeError:  # unhashable: not a number, but compute decides what that means
            return compute(fact)

    return remembered


def fact_scorer(
    get: Callable[[Any], Any],
    path: str,
    say: Phrases,
    held: Callable[[Any], tuple[Decimal, int | None]],
    describe: Callable[[Any, int | None], Text],
) -> Scorer:
    """A rule that scores one fact: `held(fact)` gives its points and the branch that
    held (remembered, `by_fact`); words are "missing" (the criterion's policy then
    decides), else `describe(fact, branch)`; the fact's path is what earned the points."""
    remembered = by_fact(held)

    def decide(applicant: Any) -> Decimal | None:
        fact = get(applicant)
        return None if fact is None else remembered(fact)[0]

    def trace(applicant: Any) -> Traced:
        fact = get(applicant)
        if fact is None:
            return (None, (None,), None, ())
        points, branch = remembered(fact)
        return (points, (fact,), branch, ())

    def words(traced: Traced) -> tuple[Text, tuple[str, ...], str | None]:
        if traced[VALUE] is None:
            return say.later("missing", path=path), (path,), path
        return describe(traced[FACTS][0], traced[BRANCH]), (), path

    return Scorer(decide, trace, words, (path,))


def first_decisive(fast: list[ValueFn], decisive: bool) -> ValueFn:
    """`all_of` (decisive False) and `any_of` (decisive True): the first decisive verdict
    wins; else unknown if a verdict was unknown; else the other answer."""

    def verdict(applicant: Any) -> bool | None:
        unknown = False
        for c in fast:
            value = c(applicant)
            if value is decisive:
                return decisive
            if value is None:
                unknown = True
        return None if unknown else not decisive

    return verdict


def first_decisive_traced(traces: list[TraceFn], decisive: bool) -> TraceFn:
    """`first_decisive`, keeping the records of the conditions it read: the last one is
    the decisive one when the verdict is `decisive`."""

    def trace(applicant: Any) -> Traced:
        unknown = False
        parts: list[Traced] = []
        keep = parts.append
        for t in traces:
            said = t(applicant)
            keep(said)
            value = said[0]  # VALUE, read once: this runs for every condition of a batch
            if value is decisive:
                return (decisive, (), None, tuple(parts))
            if value is None:
                unknown = True
        return (None if unknown else not decisive, (), None, tuple(parts))

    return trace
