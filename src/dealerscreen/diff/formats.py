"""`diff --format`: text, json, markdown (sized for a pull-request comment). Strings only."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal

from dealerscreen.choices import DiffFormat
from dealerscreen.diff.compare import Change, DiffResult, Side
from dealerscreen.safetext import markdown as markdown_text

SCHEMA = "dealerscreen.diff/1"
MAX_ROWS = 50  # per markdown table: a PR comment must stay well under GitHub's 65,536 chars


Format = DiffFormat  # the choices live in dealerscreen.choices, for the CLI's --help


def _tier(s: Side) -> str:
    return s.tier if s.eligible and s.tier else ("-" if s.eligible else "out")


def _rank(r: int | None) -> str:
    return "-" if r is None else str(r)


def _names(ids: tuple[str, ...], most: int = 3) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" and {len(ids) - most} more" if len(ids) > most else "")


def _why(c: Change) -> str:
    """The rules whose outcome changed for it; for a rank move, who passed whom."""
    parts = [x.text() for x in c.causes]
    if c.overtaken_by:
        named = [f"{x} (newly eligible)" if x in c.newly_eligible else x for x in c.overtaken_by]
        parts.append(f"overtaken by {_names(tuple(named))}")
    if c.overtook:
        parts.append(f"overtook {_names(c.overtook)}")
    if c.dropped_out:
        parts.append(f"moved up: {_names(c.dropped_out)}, ranked ahead before, no longer eligible")
    return "; ".join(parts) or "its own outcome did not change"


def _sections(result: DiffResult) -> list[tuple[str, list[Change]]]:
    return [
        ("Eligibility changes", result.having("eligibility")),
        ("Tier changes", [c for c in result.having("tier") if "eligibility" not in c.kinds]),
        ("Rank moves", result.having("rank")),
    ]


def _head(result: DiffResult) -> str:
    b, n = result.base, result.new
    return f"{b.id} v{b.version} ({b.spec}) → {n.id} v{n.version} ({n.spec})"


def _counts_line(result: DiffResult) -> str:
    c = result.counts()
    points_only = sum(1 for x in result.changes if x.kinds == ("points",))
    return (
        f"{c['screened']} applicants screened under both: {c['eligibility']} eligibility "
        f"change(s), {c['tier']} tier change(s), {c['rank']} rank move(s), {c['cities']} city "
        f"shortlist change(s); {points_only} more with a new total only."
    )


def text(result: DiffResult) -> str:
    lines = [f"dealerscreen diff: {_head(result)}", _counts_line(result)]
    for title, changes in _sections(result):
        if not changes:
            continue
        lines += ["", f"{title}:"]
        for c in changes:
            a, b = c.before, c.after
            lines.append(
                f"  {c.applicant_id} ({c.city}): tier {_tier(a)} → {_tier(b)}, rank "
                f"{_rank(a.rank)} → {_rank(b.rank)}, total {a.total_text()} → {b.total_text()}"
            )
            lines.append(f"      why: {_why(c)}")
    if result.cities:
        lines += ["", "City shortlists:"]
        for city in result.cities:
            parts = [f"+{x}" for x in city.added] + [f"-{x}" for x in city.removed]
            lines.append(f"  {city.city}: {' '.join(parts)}")
    return "\n".join(lines) + "\n"


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _side(s: Side) -> dict[str, object]:
    return {
        "eligible": s.eligible,
        "tier": s.tier,
        "rank": s.rank,
        "city_rank": s.city_rank,
        "shortlisted": s.shortlisted,
        "total": _num(s.total),
        "score": _num(s.score),
        "bonus": _num(s.bonus),
        "max_points": _num(s.max_points),
    }


def as_json(result: DiffResult) -> str:
    envelope = {
        "schema": SCHEMA,
        "status": result.status,
        "base": result.base.__dict__,
        "new": result.new.__dict__,
        "counts": result.counts(),
        "changes": [
            {
                "applicant_id": c.applicant_id,
                "city": c.city,
                "before": _side(c.before),
                "after": _side(c.after),
                "changed": list(c.kinds),
                "causes": [x.__dict__ for x in c.causes],
                "overtaken_by": list(c.overtaken_by),
                "overtook": list(c.overtook),
                "newly_eligible": list(c.newly_eligible),
                "dropped_out": list(c.dropped_out),
            }
            for c in result.changes
        ],
        "cities": [
            {"city": x.city, "added": list(x.added), "removed": list(x.removed)}
            for x in result.cities
        ],
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _cell(text: str) -> str:
    return markdown_text(text)


def markdown(result: DiffResult) -> str:
    out = [
        f"### dealerscreen diff: `{result.base.id}` v{_cell(result.base.version)} → "
        f"`{result.new.id}` v{_cell(result.new.version)}",
        "",
        _counts_line(result),
    ]
    for title, changes in _sections(result):
        if not changes:
            continue
        out += [
            "",
            f"#### {title} ({len(changes)})",
            "",
            "| Applicant | City | Tier | Rank | Total | Why |",
            "|---|---|---|---|---|---|",
        ]
        for c in changes[:MAX_ROWS]:
            a, b = c.before, c.after
            out.append(
                f"| `{c.applicant_id}` | {_cell(c.city)} | {_tier(a)} → {_tier(b)} | "
                f"{_rank(a.rank)} → {_rank(b.rank)} | {a.total_text()} → {b.total_text()} | "
                f"{_cell(_why(c))} |"
            )
        if len(changes) > MAX_ROWS:
            out.append(f"\n…and {len(changes) - MAX_ROWS} more (see `--format json`).")
    if result.cities:
        out += [
            "",
            f"#### City shortlists ({len(result.cities)})",
            "",
            "| City | In | Out |",
            "|---|---|---|",
        ]
        for city in result.cities[:MAX_ROWS]:
            added = ", ".join(f"`{x}`" for x in city.added) or "-"
            removed = ", ".join(f"`{x}`" for x in city.removed) or "-"
            out.append(f"| {_cell(city.city)} | {added} | {removed} |")
    if not result.changes:
        out += ["", "No applicant's outcome changed."]
    return "\n".join(out) + "\n"


FORMATS: dict[Format, Callable[[DiffResult], str]] = {
    Format.text: text,
    Format.json: as_json,
    Format.markdown: markdown,
}
