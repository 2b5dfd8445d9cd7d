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
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.models.lazytext import Text, joined
from dealerscreen.rules.base import (
    BindContext,
    CondFn,
    ConditionKind,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    Rule,
    first_decisive,
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

        def words(applicant: Any, value: bool | None) -> tuple[Text, tuple[str, ...]]:
            if value is False:  # the first condition that does not hold says why
                out = next(c for c in checks if c.decide(applicant) is False)(applicant)
                return out.text, out.missing
            if value is None:
                unknown = [c(applicant) for c in checks if c.decide(applicant) is None]
                return joined([o.text for o in unknown]), tuple(
                    m for o in unknown for m in o.missing
                )
            return joined([c(applicant).text for c in checks]), ()

        return Rule(decide, words)

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
