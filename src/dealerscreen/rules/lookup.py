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

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.lazytext import Text
from dealerscreen.numbers import Amount, Points
from dealerscreen.rules.base import (
    BindContext,
    Loc,
    ScoreFn,
    Scorer,
    Spec,
    check_points,
    fact_words,
    value_check,
)


class Lookup(Spec):
    kind: Literal["lookup"] = Field(description="Points from a table of values.")
    field: str = Field(description="Dotted path of the applicant fact.")
    table: dict[bool | int | str, Amount] = Field(
        min_length=1, description="Points by value of the fact."
    )
    default: Points = Field(Decimal(0), description="Points for a value not in the table.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = ctx.field(self.field, loc)
        table: dict[Any, Decimal] = {}
        for key, points in self.table.items():
            check_points(points, max_points, (*loc, "table", str(key)))
            table[value_check(ref, key, (*loc, "table", str(key)))] = points
        path, default, say = self.field, self.default, ctx.say

        def decide(applicant: Any) -> Decimal | None:
            fact = ref.get(applicant)
            return None if fact is None else table.get(fact, default)

        def describe(fact: Any) -> Text:
            return say.later("lookup" if fact in table else "not_in_table", path=path, fact=fact)

        return Scorer(decide, fact_words(ref.get, path, say, describe))
