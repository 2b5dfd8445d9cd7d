"""Bands in the order of their lower bounds (no lower bound first): shared by the band checks."""

from __future__ import annotations

from dealerscreen.rules.bands import Band


def ordered(bands: list[Band]) -> list[tuple[int, Band]]:
    return sorted(enumerate(bands), key=lambda ib: (ib[1].min is not None, ib[1].min or 0, ib[0]))
