"""Decisions in words: the one-line reason and the full explanation of one result.

Pure text building, shared by every reporter so that the table, json and explain
outputs never disagree about why.
"""

from __future__ import annotations

from decimal import Decimal

from dealerscreen.fields import show
from dealerscreen.models.result import CriterionResult, Result


def points(value: Decimal) -> str:
    return show(value)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def biggest_losses(result: Result, n: int = 3) -> list[CriterionResult]:
    """The criteria where the applicant lost most points against the maximum."""
    lost = [c for c in result.evaluation.criteria if c.points < c.max_points]
    return sorted(lost, key=lambda c: (c.points - c.max_points, c.id))[:n]


def one_line(result: Result) -> str:
    ev = result.evaluation
    if not ev.eligible:
        failed = ev.failed_gates
        first = failed[0]
        more = f" (+{len(failed) - 1} more)" if len(failed) > 1 else ""
        return f"Ineligible: {first.reason.strip()}{more}"
    where = f"{ordinal(result.city_rank or 0)} in {ev.city_name}"
    if result.city_quota is not None:
        status = "shortlisted" if result.shortlisted else "runner-up"
        where += f" (quota {result.city_quota}): {status}"
    losses = biggest_losses(result, 1)
    if losses:
        c = losses[0]
        where += (
            f"; most points lost on {c.title.lower()} ({points(c.points)}/{points(c.max_points)})"
        )
    return where


def short_reason(result: Result) -> str:
    """The table's reason column: why out, or where the points went missing."""
    ev = result.evaluation
    if not ev.eligible:
        failed = ev.failed_gates
        more = f" (+{len(failed) - 1} more)" if len(failed) > 1 else ""
        return f"Out: {failed[0].title}{more}"
    losses = biggest_losses(result, 1)
    if not losses:
        return "full points"
    c = losses[0]
    return f"Weakest: {c.title} {points(c.points)}/{points(c.max_points)}"


def city_standing(result: Result) -> str:
    """'1/2 ✓': rank in the city, the city's quota, and a tick when shortlisted."""
    if result.city_rank is None:
        return "-"
    quota = f"/{result.city_quota}" if result.city_quota is not None else ""
    return f"{result.city_rank}{quota}" + (" ✓" if result.shortlisted else "")


def explain_lines(result: Result) -> list[str]:
    """Every decision about one applicant, in words, in the order a reader asks."""
    ev = result.evaluation
    lines = [
        f"{ev.applicant_id}  {ev.legal_name}" + (f"  {ev.chinese_name}" if ev.chinese_name else "")
    ]
    lines.append(
        f"City: {ev.city_name}"
        + (f" {ev.city_name_zh}" if ev.city_name_zh else "")
        + f"    File: {ev.source_path}"
    )
    if ev.eligible:
        rank = f"rank {result.rank} overall, {ordinal(result.city_rank or 0)} in {ev.city_name}"
        status = ""
        if result.city_quota is not None:
            status = f" (quota {result.city_quota}: {'shortlisted' if result.shortlisted else 'runner-up'})"
        lines.append(
            f"Decision: ELIGIBLE, tier {ev.tier}, {points(ev.total)} points; {rank}{status}"
        )
    else:
        lines.append(f"Decision: INELIGIBLE ({len(ev.failed_gates)} requirement(s) not met)")
    lines.append("")
    lines.append("Requirements (gates):")
    for g in ev.gates:
        mark = "pass" if g.passed else "FAIL"
        lines.append(f"  [{mark}] {g.title}: {g.detail}  [{g.source}]")
        if not g.passed:
            lines.append(f"         Why: {g.reason.strip()}")
    lines.append("")
    lines.append(
        f"Points: {points(ev.score)} from criteria + {points(ev.bonus)} bonus = {points(ev.total)}"
    )
    for c in ev.criteria:
        note = f" (missing: {c.missing_policy})" if c.missing_policy else ""
        lines.append(
            f"  {points(c.points):>5}/{points(c.max_points):<3} {c.title}: {c.detail}{note}  [{c.source}]"
        )
    for b in ev.bonuses:
        got = f"+{points(b.points)}" if b.applied else "  +0"
        lines.append(f"  {got:>5}     bonus {b.title}: {b.detail}  [{b.source}]")
    warnings = [k for k in ev.checks if k.passed is not True]
    if warnings:
        lines.append("")
        lines.append("Advisories:")
        for k in warnings:
            tag = "" if k.verified else " (unverified requirement)"
            state = "unknown" if k.passed is None else k.level
            lines.append(f"  [{state}] {k.message}{tag} {k.detail}  [{k.source}]")
    losses = biggest_losses(result)
    if losses:
        lines.append("")
        lines.append("Most points lost:")
        for c in losses:
            lines.append(f"  {c.title}: {points(c.points)} of {points(c.max_points)} ({c.detail})")
    return lines
