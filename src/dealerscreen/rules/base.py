"""What every rule kind shares: outcomes, the binding context, and the spec base classes.

A rule spec is a pydantic model (the YAML a person writes). `compile()` checks it against
the applicant model and the reference lists once, and returns a `Rule` (conditions) or a
`Scorer` (scoring): one function that decides, which the engine calls per applicant, so
no YAML is re-interpreted in the hot loop, and one that puts the decision into words.

Everything else known of a kind is asked of the kind too, never worked out by a switch
on `kind` elsewhere: `ConditionKind` and `ScoringKind` below declare what each kind must
answer (a kind that leaves one out cannot be made, and tests/test_rule_kinds_complete.py
says which).
"""

from __future__ import annotations

import functools
from abc import abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict

from dealerscreen.i18n.checktext import message, path_message
from dealerscreen.models.fields import (
    FieldPathError,
    FieldRef,
    is_numeric,
    resolve_field,
    show,
    to_decimal,
)
from dealerscreen.models.problems import Loc as Loc  # the kinds take it from here
from dealerscreen.models.problems import Message
from dealerscreen.reference.lists import ReferenceList
from dealerscreen.rules.decided import BRANCH as BRANCH
from dealerscreen.rules.decided import FACTS as FACTS
from dealerscreen.rules.decided import PARTS as PARTS
from dealerscreen.rules.decided import VALUE as VALUE
from dealerscreen.rules.decided import CondFn as CondFn
from dealerscreen.rules.decided import CondWords as CondWords
from dealerscreen.rules.decided import Outcome as Outcome
from dealerscreen.rules.decided import Points as Points
from dealerscreen.rules.decided import PointsFn as PointsFn
from dealerscreen.rules.decided import Rule as Rule
from dealerscreen.rules.decided import ScoreFn as ScoreFn
from dealerscreen.rules.decided import Scorer as Scorer
from dealerscreen.rules.decided import ScoreWords as ScoreWords
from dealerscreen.rules.decided import Traced as Traced
from dealerscreen.rules.decided import TraceFn as TraceFn
from dealerscreen.rules.decided import ValueFn as ValueFn
from dealerscreen.rules.decided import by_fact as by_fact
from dealerscreen.rules.decided import fact_scorer as fact_scorer
from dealerscreen.rules.decided import first_decisive as first_decisive
from dealerscreen.rules.decided import first_decisive_traced as first_decisive_traced
from dealerscreen.rules.phrases import Phrases
from dealerscreen.yamlsource.positions import error_message


class BindError(Exception):
    """A rule that cannot be compiled: unknown field, list, or a value of the wrong type."""

    def __init__(self, loc: Loc, message: Message, check: str = "bad-rule") -> None:
        super().__init__(message.english())
        self.loc = loc
        self.message = message
        self.check = check


@dataclass
class BindContext:
    """What a rule may refer to while it compiles."""

    model: type[BaseModel]
    references: Mapping[str, ReferenceList]
    used_entries: dict[str, set[str]] = field(default_factory=dict)
    say: Phrases = field(default_factory=Phrases)  # the words of explanations

    def field(self, path: str, loc: Loc) -> FieldRef:
        try:
            return resolve_field(self.model, path)
        except FieldPathError as exc:
            raise BindError((*loc, "field"), path_message(exc), "unknown-field") from None

    def reference(self, name: str, loc: Loc) -> ReferenceList:
        try:
            return self.references[name]
        except KeyError:
            known = ", ".join(sorted(self.references)) or "none"
            raise BindError(
                (*loc, "list"), message("unknown-list", name=name, known=known), "unknown-list"
            ) from None

    def for_items(self, item_model: type[BaseModel]) -> BindContext:
        """The context for a condition about each item of a list field."""
        return BindContext(item_model, self.references, self.used_entries, self.say)


class Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


M = TypeVar("M")  # what a mutant is: the maker's own type (outcomes/mutants.py's Mutant)
M_co = TypeVar("M_co", covariant=True)
Data = dict[str, Any]  # a spec as plain data: the profile dumped, what a mutant edits


class Mutations(Protocol[M_co]):
    """How a kind's mutants are made (outcomes/mutants.py makes them): the kind says which
    small edits of its spec an author could make by mistake; this says how an edit is
    applied, sampled and named. Each call gives the mutants of one edit; `loc` is where
    the spec (or the container) is written in the profile's data."""

    def pick(self, n: int, where: Loc) -> Sequence[int]:
        """Which of the `n` elements of the list at `where` get mutants (a bounded sample)."""

    def condition(self, loc: Loc, data: Data) -> Iterator[M_co]:
        """The mutants of a condition nested at `loc`: its own kind's."""

    def set(self, loc: Loc, key: Any, value: Any, change: str) -> Iterator[M_co]:
        """`key` of the spec at `loc` set to `value`."""

    def moved(self, loc: Loc, key: Any, value: Any, floor: Decimal | None = None) -> Iterator[M_co]:
        """The number `value` at `key` one up and one down (not below `floor`)."""

    def dropped(self, loc: Loc, i: int, change: str) -> Iterator[M_co]:
        """The list at `loc` without its element `i`."""

    def negated(self, loc: Loc, change: str) -> Iterator[M_co]:
        """The condition at `loc` wrapped in a `not`."""

    def unwrapped(self, loc: Loc, key: str, change: str) -> Iterator[M_co]:
        """The condition at `loc` replaced by the one it holds at `key`."""

    def edited(
        self, at: Loc, change_loc: Loc, change: str, edit: Callable[[Any], None]
    ) -> Iterator[M_co]:
        """The container at `at` changed in place by `edit` (the mutant's own copy of it)."""

    def weight(self, loc: Loc, points: Decimal) -> Iterator[M_co]:
        """The weight of the criterion whose scoring is at `loc` one up (so is the profile's
        maximum): for kinds whose points follow the weight."""


Facts = dict[str, set[Decimal]]  # field path -> numbers


def merged(*parts: Facts) -> Facts:
    """The facts several rules read, each with all the numbers any of them compares it with."""
    out: Facts = {}
    for part in parts:
        for path, numbers in part.items():
            out.setdefault(path, set()).update(numbers)
    return out


def numbers(*values: Any) -> set[Decimal]:
    """The values that are numbers (not yes/no), as decimals."""
    return {to_decimal(v) for v in values if _is_number(v)}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


class Kind(Spec):
    """What every rule kind answers besides deciding."""

    @abstractmethod
    def boundaries(self) -> Facts:
        """The applicant facts the rule reads (field paths), each with the numbers where its
        outcome can change: what-if tries values at and beside them, evidence and letters
        name the facts. A rule on the items of a list reads none of the applicant's own."""

    @abstractmethod
    def stepwise(self) -> bool:
        """True when the outcome changes only at the numbers `boundaries` gives (a band's
        bounds, a step's value): between two of them it is one outcome, so a what-if knows
        the next edge of a fact without searching between. False (a scale, a list of
        numbers) when it can change anywhere: a what-if then bisects, a bounded search."""


class ConditionKind(Kind):
    """A condition: true, false or unknown."""

    @abstractmethod
    def compile(self, ctx: BindContext, loc: Loc) -> Rule:
        """Deciding and words, bound to the applicant model once."""

    @classmethod
    @abstractmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        """The small edits of this condition (as data, at `loc`) an author could make by
        mistake; none when the kind has none worth making (a kind says so itself)."""


class Branch(NamedTuple):
    """One way a scoring rule can decide, as coverage counts it."""

    group: str  # what coverage counts it as: bands, steps, cases, tables, ranges
    loc: Loc  # where it is written
    label: Message  # criteriatext.branch_words: without the criterion, ("band", band="15–<26")


class Branches(NamedTuple):
    """A scoring rule's branches, and which one a decided applicant took (None: its fact
    is missing, or no branch holds a value the rule gives points for by default).

    A decision's record names its branch by its place in `all` (`Traced` BRANCH), so
    coverage reads it there; `took` works it out from the applicant, for the test that
    the two agree (tests/test_rule_kinds_complete.py)."""

    all: tuple[Branch, ...]
    took: Callable[[Any, Decimal | None], Branch | None]  # (applicant, decided points)
    # The last branch is the default ("no case holds", "no step reached"): the one taken
    # when the record names none and the rule gave points.
    default: bool = False


class ScoringKind(Kind):
    """A scoring rule: points from 0 to its criterion's maximum, or None (a missing fact)."""

    @abstractmethod
    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Scorer:
        """Deciding and words, bound to the applicant model once."""

    @abstractmethod
    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        """The branches (band, step, case, table value, part of a scale) and which one a
        decided applicant took, for `test --coverage`."""

    @abstractmethod
    def best_points(self, full: Decimal) -> Decimal:
        """The most the rule can give under a criterion worth `full` (points-unreachable)."""

    @abstractmethod
    def fewest_points(self, full: Decimal) -> Decimal:
        """The fewest points a stated fact can earn (a lower bound): what leaving the fact
        out is weighed against (missing-rewarded)."""

    @classmethod
    @abstractmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """The small edits of this scoring rule (as data, at `loc`, under a criterion
        worth `points`) an author could make by mistake."""


def numeric_field(ctx: BindContext, path: str, loc: Loc) -> FieldRef:
    """A field that bands, steps and scales can read: a number."""
    ref = ctx.field(path, loc)
    if not is_numeric(ref):
        raise BindError((*loc, "field"), message("not-a-number", path=path), "bad-field")
    return ref


def check_points(points: Decimal, max_points: Decimal, loc: Loc) -> None:
    """A scoring rule may not give more than its criterion's maximum."""
    if points > max_points:
        raise BindError(
            loc,
            message("points-over-max", points=show(points), max=show(max_points)),
            "points-over-max",
        )


@functools.lru_cache(maxsize=256)
def _adapter(annotation: Any) -> Any:
    """One TypeAdapter per field type: building one costs more than compiling a rule, and
    mutation testing compiles a profile hundreds of times."""
    from pydantic import TypeAdapter

    return TypeAdapter(annotation)


def value_check(ref: FieldRef, value: Any, loc: Loc) -> Any:
    """Check that a value from the criteria can be compared with the field it names."""
    from pydantic import ValidationError

    try:
        adapter = _adapter(ref.annotation)
    except TypeError:  # an unhashable annotation: build it each time
        from pydantic import TypeAdapter

        adapter = TypeAdapter(ref.annotation)
    try:
        return adapter.validate_python(value, strict=False)
    except ValidationError as exc:
        first = error_message(exc.errors()[0])
        raise BindError(
            loc, message("bad-value", value=repr(value), path=ref.path, rest=first), "bad-value"
        ) from None
