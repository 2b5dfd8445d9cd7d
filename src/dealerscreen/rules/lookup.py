"""`lookup`: points from a table keyed by the fact's value.

Keys are checked against the field's allowed values at load time, so a misspelled
district type is a load error, not a silent zero.

Example::

    kind: lookup
    field: site.district_type
    table:
      core_commercial_district: 5
      mainstream_auto_circle: 5
      other: 0
    default: 0
    # given {site: {district_type: mainstream_auto_circle}}: 5 of 5 points
    # given {site: {district_type: other}}: 0 of 5 points
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.criteriatext import branch_words
from dealerscreen.models.lazytext import Text
from dealerscreen.models.numbers import Amount, Points
from dealerscreen.rules.base import (
    BindContext,
    Branch,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    ScoreFn,
    ScoringKind,
    check_points,
    fact_scorer,
    numbers,
    value_check,
)


class Lookup(ScoringKind):
    kind: Literal["lookup"] = Field(description="Points from a table of values.")
    field: str = Field(description="Dotted path of the applicant fact.")
    table: dict[bool | int | str, Amount] = Field(
        min_length=1, description="Points by value of the fact."
    )
    default: Points = Field(Decimal(0), description="Points for a value not in the table.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = ctx.field(self.field, loc)
        table: dict[Any, tuple[Decimal, int | None]] = {}  # value -> points, its entry
        for j, (key, points) in enumerate(self.table.items()):
            check_points(points, max_points, (*loc, "table", str(key)))
            table[value_check(ref, key, (*loc, "table", str(key)))] = (points, j)
        path, say = self.field, ctx.say
        default: tuple[Decimal, int | None] = (self.default, None)

        def held(fact: Any) -> tuple[Decimal, int | None]:
            return table.get(fact, default)

        def describe(fact: Any, entry: int | None) -> Text:
            return say.later(
                "lookup" if entry is not None else "not_in_table", path=path, fact=fact
            )

        return fact_scorer(ref.get, path, say, held, describe)

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        """One branch per value of the table (a value not in it takes none)."""
        ref = ctx.field(self.field, loc)
        keys = [
            (
                value_check(ref, k, loc),
                Branch(
                    "tables",
                    (*loc, "table", str(k)),
                    branch_words("table", field=self.field, value=k),
                ),
            )
            for k in self.table
        ]

        def took(applicant: Any, _points: Decimal | None) -> Branch | None:
            fact = ref.get(applicant)
            return next((b for key, b in keys if fact is not None and key == fact), None)

        return Branches(tuple(b for _, b in keys), took)

    def best_points(self, full: Decimal) -> Decimal:
        return max([*self.table.values(), self.default])

    def fewest_points(self, full: Decimal) -> Decimal:
        return min(min(self.table.values()), self.default)

    def boundaries(self) -> Facts:
        return {self.field: numbers(*self.table)}

    def stepwise(self) -> bool:
        return True  # a value's points are its key's: the keys are the boundaries

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """Each value's points and the default moved by one."""
        table = list(data["table"].items())
        for j in m.pick(len(table), (*loc, "table")):
            yield from m.moved((*loc, "table"), table[j][0], table[j][1], Decimal(0))
        yield from m.moved(loc, "default", data["default"], Decimal(0))
