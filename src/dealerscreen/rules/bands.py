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

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from dealerscreen.fields import show, to_decimal
from dealerscreen.lazytext import Text
from dealerscreen.numbers import Amount, Points
from dealerscreen.rules.base import (
    BindContext,
    BindError,
    Loc,
    ScoreFn,
    Scorer,
    Spec,
    check_points,
    fact_words,
    numeric_field,
    points_by_fact,
)


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


class Bands(Spec):
    kind: Literal["bands"] = Field(description="Points by band of a number.")
    field: str = Field(description="Dotted path of a numeric fact.")
    bands: list[Band] = Field(min_length=1, description="The bands, in any order.")

    def compile(self, ctx: BindContext, loc: Loc, max_points: Decimal) -> ScoreFn:
        ref = numeric_field(ctx, self.field, loc)
        for i, band in enumerate(self.bands):
            check_points(band.points, max_points, (*loc, "bands", i, "points"))
            if band.min is not None and band.max is not None and band.min >= band.max:
                raise BindError((*loc, "bands", i), "band min must be below max", "empty-band")
        bands = sorted(self.bands, key=lambda b: (b.min is not None, b.min or 0))
        path, say = self.field, ctx.say
        any_value = say("any_value")
        labels = {id(b): b.label(any_value) for b in bands}

        def band_of(fact: Any) -> Band | None:
            value = to_decimal(fact)
            for band in bands:
                if band.holds(value):
                    return band
            return None

        def points_for(fact: Any) -> Decimal:
            band = band_of(fact)
            return Decimal(0) if band is None else band.points

        def describe(fact: Any) -> Text:
            band = band_of(fact)
            if band is not None:
                return say.later("band", path=path, fact=fact, band=labels[id(band)])
            return say.later("no_band", path=path, fact=fact)

        return Scorer(points_by_fact(ref.get, points_for), fact_words(ref.get, path, say, describe))
