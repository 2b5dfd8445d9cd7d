"""`present`: the fact is given in the file (not missing, and not an empty list).

Never unknown: this is the condition that asks about missing facts.

Passes::

    kind: present
    field: site.address
    # given {site: {address: 88 Renmin Road}}: passes

Fails::

    kind: present
    field: finance.debt_ratio_pct
    # given {}: fails    (the applicant leaves it out)
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from pydantic import Field

from dealerscreen.models.lazytext import Text
from dealerscreen.rules.base import (
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
)


class Present(ConditionKind):
    kind: Literal["present"] = Field(description="The fact is given.")
    field: str = Field(description="Dotted path of the applicant fact.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        ref = ctx.field(self.field, loc)
        path, say = self.field, ctx.say

        def decide(applicant: Any) -> bool | None:
            fact = ref.get(applicant)
            return not (fact is None or fact == [])

        def trace(applicant: Any) -> Traced:
            # The fact is not kept: whether it is given is all this rule read of it.
            return (decide(applicant), (), None, ())

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            return say.later("given" if traced[VALUE] else "not_given", path=path), ()

        return Rule(decide, trace, words)

    def boundaries(self) -> Facts:
        return {self.field: set()}

    def stepwise(self) -> bool:
        return True  # stated or not: no number of the fact changes the verdict

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        return m.negated(loc, "present → not present")
