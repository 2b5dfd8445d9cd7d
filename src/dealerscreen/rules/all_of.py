"""`all_of`: every condition holds.

False as soon as one is false; unknown if none is false but one is unknown.

Passes::

    kind: all_of
    conditions:
      - {kind: compare, field: after_sales.mechanical_repair, op: eq, value: true}
      - {kind: compare, field: after_sales.paint, op: eq, value: true}
    # given {after_sales: {mechanical_repair: true, paint: true}}: passes

Fails::

    kind: all_of
    conditions:
      - {kind: compare, field: after_sales.mechanical_repair, op: eq, value: true}
      - {kind: compare, field: after_sales.paint, op: eq, value: true}
    # given {after_sales: {mechanical_repair: true, paint: false}}: fails
    # given {after_sales: {mechanical_repair: false}}: fails    (false before unknown)
    # given {after_sales: {mechanical_repair: true}}: unknown
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from dealerscreen.models.lazytext import Text, joined
from dealerscreen.rules.base import (
    PARTS,
    VALUE,
    BindContext,
    CondFn,
    ConditionKind,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Rule,
    Traced,
    first_decisive,
    first_decisive_traced,
    merged,
)

if TYPE_CHECKING:
    from dealerscreen.rules.base import ConditionKind as Condition


class AllOf(ConditionKind):
    kind: Literal["all_of"] = Field(description="Every condition holds.")
    conditions: list[Condition] = Field(min_length=1, description="The conditions.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        checks = [c.compile(ctx, (*loc, "conditions", i)) for i, c in enumerate(self.conditions)]

        decide = first_decisive([c.decide for c in checks], decisive=False)
        trace = first_decisive_traced([c.trace for c in checks], decisive=False)

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            said = [c.words(t) for c, t in zip(checks, traced[PARTS], strict=False)]
            if traced[VALUE] is False:  # the first condition that does not hold says why
                return said[-1]
            if traced[VALUE] is None:
                unknown = [s for s, t in zip(said, traced[PARTS], strict=True) if t[VALUE] is None]
                return joined([text for text, _ in unknown]), tuple(
                    m for _, missing in unknown for m in missing
                )
            return joined([text for text, _ in said]), ()

        return Rule(decide, trace, words)

    def boundaries(self) -> Facts:
        return merged(*(c.boundaries() for c in self.conditions))

    def stepwise(self) -> bool:
        return all(c.stepwise() for c in self.conditions)

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        yield from m.set(loc, "kind", "any_of", "all_of → any_of")
        conditions = data["conditions"]
        for i in m.pick(len(conditions), (*loc, "conditions")):
            yield from m.condition((*loc, "conditions", i), conditions[i])
