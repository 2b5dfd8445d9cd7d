"""Inline SVG charts for the html report: no script, no external file, text escaped.

Each chart has a viewBox and width 100%, so it scales to its container and never
overflows the page.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from dealerscreen.models.fields import show

TIER_COLOURS = ("#1b7f3b", "#4f8f2f", "#b28704", "#c05621", "#8a8a8a", "#6b6b6b")
OUT_COLOUR = "#b3261e"


def _num(value: Decimal | float | int) -> str:
    return format(Decimal(str(value)).quantize(Decimal("0.1")).normalize(), "f")


def points_chart(label: str, rows: list[tuple[str, Decimal, Decimal]]) -> str:
    """Horizontal bars: each criterion's points against its maximum, on one scale."""
    top = max((m for _, _, m in rows), default=Decimal(1)) or Decimal(1)
    row_h, label_w, bar_w, width = 20, 230, 320, 640
    height = row_h * len(rows) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(label)}">'
    ]
    for i, (title, got, most) in enumerate(rows):
        y = 4 + i * row_h
        full = Decimal(bar_w) * most / top
        have = Decimal(bar_w) * got / top
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end" class="lbl">{escape(title)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{_num(full)}" height="13" class="max"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{_num(have)}" height="13" class="got"/>'
            f'<text x="{label_w + bar_w + 8}" y="{y + 14}" class="val">{escape(show(got))}/{escape(show(most))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _label(x: float, y: int, name: str) -> str:
    """A bar's label; a tier's "A: strongest band" on two lines (the id, then the name), so
    that neighbouring labels do not run into each other."""
    for sep in (": ", "："):
        head, found, rest = name.partition(sep)
        if found and rest:
            return (
                f'<text x="{x:g}" y="{y}" text-anchor="middle" class="lbl">{escape(head)}'
                f'<tspan x="{x:g}" dy="14">{escape(rest)}</tspan></text>'
            )
    return f'<text x="{x:g}" y="{y}" text-anchor="middle" class="lbl">{escape(name)}</text>'


def tier_chart(label: str, bars: list[tuple[str, int, bool]]) -> str:
    """Vertical bars: applicants per tier, the ineligible last (bars: name, count, is_out)."""
    width, height, base, bar_w, gap = 600, 200, 160, 60, 50
    top = max((n for _, n, _ in bars), default=1) or 1
    parts = [
        f'<svg class="chart tiers" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(label)}">'
        f'<line x1="10" y1="{base}" x2="{width - 10}" y2="{base}" class="axis"/>'
    ]
    for i, (name, n, out) in enumerate(bars):
        x = 20 + i * (bar_w + gap)
        h = 130 * n / top
        colour = OUT_COLOUR if out else TIER_COLOURS[min(i, len(TIER_COLOURS) - 1)]
        parts.append(
            f'<rect x="{x}" y="{_num(base - h)}" width="{bar_w}" height="{_num(h)}" fill="{colour}"/>'
            f'<text x="{x + bar_w / 2:g}" y="{_num(base - h - 5)}" text-anchor="middle" class="val">{n}</text>'
            + _label(x + bar_w / 2, base + 18, name)
        )
    parts.append("</svg>")
    return "".join(parts)
