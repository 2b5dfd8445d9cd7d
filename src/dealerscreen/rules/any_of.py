"""`any_of`: at least one condition holds.

True as soon as one is true; unknown if none is true but one is unknown.

Passes::

    kind: any_of
    conditions:
      - {kind: in_list, field: standing.group_name, list: top100}
      - {kind: compare, field: standing.stores_in_province, op: ge, value: 5}
    # given {standing: {kind: regional_merchant, stores_in_province: 6}}: passes

Fails::

    kind: any_of
    conditions:
      - {kind: compare, field: standing.stores_in_province, op: ge, value: 5}
      - {kind: compare, field: standing.years_in_region, op: ge, value: 5}
    # given {standing: {kind: regional_merchant, stores_in_province: 2, years_in_region: 3}}: fails
    # given {standing: {kind: regional_merchant, stores_in_province: 2}}: unknown
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


class AnyOf(ConditionKind):
    kind: Literal["any_of"] = Field(description="At least one condition holds.")
    conditions: list[Condition] = Field(min_length=1, description="The conditions.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        checks = [c.compile(ctx, (*loc, "conditions", i)) for i, c in enumerate(self.conditions)]

        say = ctx.say

        decide = first_decisive([c.decide for c in checks], decisive=True)
        trace = first_decisive_traced([c.trace for c in checks], decisive=True)

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            said = [c.words(t) for c, t in zip(checks, traced[PARTS], strict=False)]
            if traced[VALUE] is True:  # the first condition that holds says why
                return said[-1]
            text = say.later("none_holds", text=joined([text for text, _ in said]))
            if traced[VALUE] is None:
                return text, tuple(m for _, missing in said for m in missing)
            return text, ()

        return Rule(decide, trace, words)

    def boundaries(self) -> Facts:
        return merged(*(c.boundaries() for c in self.conditions))

    def stepwise(self) -> bool:
        return all(c.stepwise() for c in self.conditions)

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        yield from m.set(loc, "kind", "all_of", "any_of → all_of")
        conditions = data["conditions"]
        for i in m.pick(len(conditions), (*loc, "conditions")):
            yield from m.condition((*loc, "conditions", i), conditions[i])
