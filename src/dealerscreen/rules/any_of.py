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
from dealerscreen.rules.phrases import Phrases

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

        reads = [frozenset(c.boundaries()) for c in self.conditions]

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            said = [c.words(t) for c, t in zip(checks, traced[PARTS], strict=False)]
            if traced[VALUE] is True:  # the first condition that holds says why
                return said[-1]
            if traced[VALUE] is None:
                values = [t[VALUE] for t in traced[PARTS]]
                return _unknown(said, values, reads, say)
            return say.later("none_holds", text=joined([text for text, _ in said])), ()

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


def _unknown(
    said: list[tuple[Text, tuple[str, ...]]],
    values: list[bool | None],
    reads: list[frozenset[str]],
    say: Phrases,
) -> tuple[Text, tuple[str, ...]]:
    """Why no condition holds when one is unknown (#24). An alternative the applicant
    never claimed (none of the facts it reads is stated: no group name for a repair shop)
    is not what decided; an alternative refuted by stated facts is (1 store against 3).
    So when every unknown alternative is unclaimed and one is refuted, the refuted ones
    are the reason and nothing is asked for; otherwise the facts missing from the
    alternatives the applicant did claim are (all of them, when it claimed none)."""
    parts = list(zip(said, values, reads, strict=True))
    unknown = [(s, r) for s, v, r in parts if v is None]
    claimed = [s for s, r in unknown if not r <= set(s[1])]
    refuted = [s for s, v, _ in parts if v is False]
    if refuted and not claimed:
        return say.later("none_holds", text=joined([text for text, _ in refuted])), ()
    asked = claimed or [s for s, _ in unknown]
    text = say.later("none_holds", text=joined([text for text, _ in said]))
    return text, tuple(dict.fromkeys(m for _, missing in asked for m in missing))
