"""`any_item`: at least ``min_count`` items of a list field meet a condition.

The inner condition's field paths are relative to one item. A missing or empty list is
simply no match (false), never unknown: "no agencies listed" is an answer.

Passes (a luxury-brand agency held for 3 years or more)::

    kind: any_item
    field: brand_agencies
    where:
      kind: all_of
      conditions:
        - {kind: in_list, field: brand, list: brands, tag: luxury}
        - {kind: compare, field: years, op: ge, value: 3}
    # given {brand_agencies: [{brand: 宝马, years: 8}, {brand: BYD, years: 2}]}: passes

Fails (a 2-year luxury agency, or none listed)::

    kind: any_item
    field: brand_agencies
    where:
      kind: all_of
      conditions:
        - {kind: in_list, field: brand, list: brands, tag: luxury}
        - {kind: compare, field: years, op: ge, value: 3}
    # given {brand_agencies: [{brand: 宝马, years: 2}]}: fails
    # given {}: fails
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.models.lazytext import Text, joined
from dealerscreen.models.numbers import AtLeastOne
from dealerscreen.rules.base import (
    BRANCH,
    FACTS,
    PARTS,
    VALUE,
    BindContext,
    BindError,
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

if TYPE_CHECKING:
    from dealerscreen.rules.base import ConditionKind as Condition

NEAREST = 0  # the branch of a record whose parts are the nearest item's (no item matched)


class AnyItem(ConditionKind):
    kind: Literal["any_item"] = Field(description="Some items of a list field meet a condition.")
    field: str = Field(description="Dotted path of a list field, e.g. brand_agencies.")
    where: Condition = Field(description="Condition on one item; paths relative to the item.")
    min_count: AtLeastOne = Field(1, description="How many items must meet it.")

    def compile(self, ctx: BindContext, loc: Loc) -> CondFn:
        ref = ctx.field(self.field, loc)
        if ref.item_model is None:
            raise BindError((*loc, "field"), message("not-items", field=self.field), "bad-field")
        item_ctx = ctx.for_items(ref.item_model)
        inner = self.where.compile(item_ctx, (*loc, "where"))
        # The parts of an all_of, to say which item came nearest ("BMW, 2 years; needs 3"):
        # a reader is told the fact that fell short, not "0 of 1 items match" (#12).
        conditions = getattr(self.where, "conditions", None)
        parts = (
            [
                c.compile(item_ctx, (*loc, "where", "conditions", i))
                for i, c in enumerate(conditions)
            ]
            if getattr(self.where, "kind", None) == "all_of" and conditions
            else []
        )
        need, path, say = self.min_count, self.field, ctx.say

        fast = inner.decide

        def decide(applicant: Any) -> bool | None:
            hits = 0
            for item in ref.get(applicant) or ():
                if fast(item) is True:
                    hits += 1
                    if hits >= need:
                        return True
            return False

        def trace(applicant: Any) -> Traced:
            """Every item read (the words name each that matches); with none, the parts
            of the item that came nearest. Facts: how many items, how many match."""
            items = ref.get(applicant) or []
            hits = tuple(said for said in map(inner.trace, items) if said[VALUE] is True)
            value = len(hits) >= need
            nearest = _nearest(parts, items) if not hits else None
            if nearest is not None:
                return (value, (len(items), 0), NEAREST, tuple(p.trace(nearest) for p in parts))
            return (value, (len(items), len(hits)), None, hits)

        def words(traced: Traced) -> tuple[Text, tuple[str, ...]]:
            total, matched = traced[FACTS]
            if traced[VALUE]:
                said = joined([inner.words(t)[0] for t in traced[PARTS]])
                return say.later("items", path=path, text=said), ()
            if traced[BRANCH] == NEAREST:
                said = joined([p.words(t)[0] for p, t in zip(parts, traced[PARTS], strict=True)])
                return say.later("items_nearest", path=path, need=need, text=said), ()
            text = say.later("items_match", path=path, n=matched, total=total, need=need)
            return text, ()

        return Rule(decide, trace, words)  # its facts are counts, not one field's value

    def boundaries(self) -> Facts:
        return {}  # the inner condition's paths are an item's, not the applicant's facts

    def stepwise(self) -> bool:
        return True  # it reads an item's facts, none of the applicant's own

    @classmethod
    def mutants(cls, data: Data, loc: Loc, m: Mutations[M]) -> Iterator[M]:
        yield from m.condition((*loc, "where"), data["where"])
        yield from m.moved(loc, "min_count", data["min_count"], Decimal(1))


def _nearest(parts: list[CondFn], items: list[Any]) -> Any | None:
    """The first item that meets the longest run of the all_of's first parts, if any.

    The first parts say what kind of item counts (a luxury brand), the later ones how much
    of it (3 years): a BYD agency held 4 years is not "near" a luxury agency."""
    best, most = None, 0
    for item in items:
        n = next((k for k, p in enumerate(parts) if p.decide(item) is not True), len(parts))
        if n > most:
            best, most = item, n
    return best
