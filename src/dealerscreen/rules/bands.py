"""`bands`: points by the band a number falls in (``min`` inclusive, ``max`` exclusive).

A value in no band earns 0 points. Bands must not overlap (checked at load).

Example (street frontage, metres)::

    kind: bands
    field: site.street_frontage_m
    bands:
      - {min: 0,  max: 15, points: 0}
      - {min: 15, max: 26, points: 3}
      - {min: 26, points: 6}          # 26 m or more: 6 points
    # given {site: {street_frontage_m: 28}}: 6 of 6 points
    # given {site: {street_frontage_m: 22}}: 3 of 6 points
    # given {}: missing    (the criterion's `missing` policy decides)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.i18n.checktext import message
from dealerscreen.i18n.criteriatext import branch_words
from dealerscreen.models.fields import show, to_decimal
from dealerscreen.models.lazytext import Text
from dealerscreen.models.numbers import Amount, Points
from dealerscreen.rules.base import (
    BindContext,
    BindError,
    Branch,
    Branches,
    Data,
    Facts,
    Loc,
    M,
    Mutations,
    ScoreFn,
    ScoringKind,
    Spec,
    check_points,
    fact_scorer,
    numbers,
    numeric_field,
)

ONE = Decimal(1)


class Band(Spec):
    min: Amount | None = Field(None, description="Lower bound, inclusive; none = no bound.")
    max: Amount | None = Field(None, description="Upper bound, exclusive; none = no bound.")
    points: Points = Field(description="Points for a value in this band.")

    def holds(self, value: Decimal) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value < self.max)

    def label(self, any_value: str = "any value") -> str:
        if self.min is not None and self.max is not None:
            return f"{show(self.min)}–<{show(self.max)}"
        if self.min is not None:
            return f"≥ {show(self.min)}"
        if self.max is not None:
            return f"< {show(self.max)}"
        return any_value


class Bands(ScoringKind):
    kind: Literal["bands"] = Field(description="Points by band of a number.")
    field: str = Field(description="Dotted path of a numeric fact.")
    bands: list[Band] = Field(min_length=1, description="The bands, in any order.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = numeric_field(ctx, self.field, loc)
        for i, band in enumerate(self.bands):
            check_points(band.points, max_points, (*loc, "bands", i, "points"))
            if band.min is not None and band.max is not None and band.min >= band.max:
                raise BindError((*loc, "bands", i), message("empty-band"), "empty-band")
        order = self._order()
        bands = [self.bands[j] for j in order]
        path, say = self.field, ctx.say
        any_value = say("any_value")
        labels = [b.label(any_value) for b in self.bands]  # by the band's place as written

        def held(fact: Any) -> tuple[Decimal, int | None]:
            """The points and the band (its index as written) that holds the fact."""
            k = _first(bands, to_decimal(fact))
            return (Decimal(0), None) if k is None else (bands[k].points, order[k])

        def describe(fact: Any, band: int | None) -> Text:
            if band is not None:
                return say.later("band", path=path, fact=fact, band=labels[band])
            return say.later("no_band", path=path, fact=fact)

        return fact_scorer(ref.get, path, say, held, describe)

    def _order(self) -> list[int]:
        """The bands' indexes in the order they are tried: lowest bound first."""
        return sorted(
            range(len(self.bands)),
            key=lambda j: (self.bands[j].min is not None, self.bands[j].min or 0),
        )

    def branches(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> Branches:
        get = ctx.field(self.field, loc).get
        each = [
            Branch("bands", (*loc, "bands", j), branch_words("band", band=b.label()))
            for j, b in enumerate(self.bands)
        ]
        order = self._order()
        tried = [self.bands[j] for j in order]
        by_band = {id(self.bands[j]): each[j] for j in order}

        def took(applicant: Any, _points: Decimal | None) -> Branch | None:
            fact = get(applicant)
            k = None if fact is None else _first(tried, to_decimal(fact))
            return None if k is None else by_band[id(tried[k])]

        return Branches(tuple(each), took)

    def best_points(self, full: Decimal) -> Decimal:
        return max(b.points for b in self.bands)

    def fewest_points(self, full: Decimal) -> Decimal:
        return min(b.points for b in self.bands)

    def boundaries(self) -> Facts:
        return {self.field: numbers(*(x for b in self.bands for x in (b.min, b.max)))}

    def stepwise(self) -> bool:
        return True  # a band holds between its bounds, each a boundary

    @classmethod
    def mutants(cls, data: Data, loc: Loc, points: Decimal, m: Mutations[M]) -> Iterator[M]:
        """Each bound between bands moved by one (a bound two bands share moves in both),
        and each band's points."""
        bands = data["bands"]
        values = sorted({b[k] for b in bands for k in ("min", "max") if b.get(k) is not None})
        for i in m.pick(len(values), (*loc, "bands")):
            v = values[i]
            j = next(k for k, b in enumerate(bands) if v in (b.get("min"), b.get("max")))
            key = "min" if bands[j].get("min") == v else "max"
            for delta in (ONE, -ONE):
                new = v + delta
                yield from m.edited(
                    (*loc, "bands"),
                    (*loc, "bands", j, key),
                    f"bound {show(v)} → {show(new)}",
                    _bound_moved(v, new),
                )
        for j in m.pick(len(bands), (*loc, "bands")):
            yield from m.moved((*loc, "bands", j), "points", bands[j]["points"], Decimal(0))


def _first(bands: list[Band], value: Decimal) -> int | None:
    """Where, in the order tried, the first band that holds the value is."""
    for k, band in enumerate(bands):
        if band.holds(value):
            return k
    return None


def _bound_moved(v: Any, new: Decimal) -> Any:
    """An edit of the bands (the mutant's own list): the bound `v` is `new` wherever it is."""

    def edit(bands: list[dict[str, Any]]) -> None:
        for j, b in enumerate(bands):
            if v in (b.get("min"), b.get("max")):
                bands[j] = {k: new if k in ("min", "max") and x == v else x for k, x in b.items()}

    return edit
