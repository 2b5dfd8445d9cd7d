"""The report of `dealerscreen test --coverage`: text for people, json for programs.

The text is in the reader's language: an item's words are a key and values (coverage.py),
rendered through the catalogs, and a scoring case is named by its own label in that
language when the profile gives one. The json keeps the English labels.
"""

from __future__ import annotations

from dealerscreen.i18n.criteriatext import say, shape, words
from dealerscreen.i18n.problemtext import in_lang
from dealerscreen.outcomes.coverage import Collector, Item, ProfileCoverage, shown
from dealerscreen.outcomes.runner import TestRun
from dealerscreen.reporters import jsontext
from dealerscreen.rules.cases import Cases
from dealerscreen.yamlsource import dotted


def label(cov: ProfileCoverage, item: Item, lang: str) -> str:
    """The item as the reader reads it; a case of a `cases` scoring by its label in `lang`."""
    if lang != "en" and item.kind == "cases" and len(item.loc) == 5 and item.loc[3] == "cases":
        crit = cov.compiled.profile.criteria[int(item.loc[1])]
        scoring = crit.scoring
        if isinstance(scoring, Cases):
            named = scoring.cases[int(item.loc[4])].words(lang)
            if named:
                return in_lang(shape("case", case=named, criterion=crit.id), lang)
    return in_lang(item.words, lang)


def located(cov: ProfileCoverage, item: Item, lang: str = "en") -> str:
    """`file:line:col: [coverage] field: label: no case reaches it`, like the other problems."""
    path, line, col = cov.where(item)
    where = ":".join(str(x) for x in (path, line, col) if x is not None)
    said = label(cov, item, lang)
    return say(lang, "coverage.missed", where=where, field=dotted(item.loc), label=said)


SCHEMA = "dealerscreen.coverage/1"


def _pct(x: float) -> str:
    return f"{x:.1f}%"


def text(col: Collector, minimum: float | None, lang: str = "en") -> str:
    said = words(lang)
    lines = []
    for pid in sorted(col.profiles):
        cov = col.profiles[pid]
        kinds = " · ".join(f"{said['kind.' + k]} {h}/{t}" for k, (h, t) in cov.by_kind().items())
        lines.append(
            said["coverage.line"].format(
                profile=pid,
                path=shown(cov.path),
                hit=len(cov.hit),
                counted=len(cov.counted),
                percent=_pct(cov.percent),
                kinds=kinds,
            )
        )
        lines.extend(f"  {located(cov, item, lang)}" for item in cov.missed)
        lines.extend(
            "  "
            + said["coverage.excused"].format(
                field=dotted(item.loc), label=label(cov, item, lang), why=why
            )
            for item, why in cov.excused
        )
    low = col.below(minimum)
    if minimum is not None:
        verdict = said["verdict.ok"]
        if low:
            ids = ", ".join(c.id for c in low)
            verdict = said["verdict.below"].format(ids=ids, minimum=_pct(minimum))
        lines.append(said["coverage.minimum"].format(minimum=_pct(minimum), verdict=verdict))
    return "".join(line + "\n" for line in lines)


def as_json(col: Collector, run: TestRun, minimum: float | None) -> str:
    low = col.below(minimum)
    profiles = []
    for pid in sorted(col.profiles):
        cov = col.profiles[pid]
        missed = []
        for item in cov.missed:
            path, line, column = cov.where(item)
            missed.append(
                {
                    "kind": item.kind,
                    "item": item.label,
                    "field": dotted(item.loc),
                    "path": path,
                    "line": line,
                    "column": column,
                }
            )
        profiles.append(
            {
                "id": pid,
                "path": shown(cov.path),
                "covered": len(cov.hit),
                "items": len(cov.counted),
                "accepted": [
                    {"field": dotted(i.loc), "item": i.label, "why": why} for i, why in cov.excused
                ],
                "percent": round(cov.percent, 2),
                "by_kind": {k: {"covered": h, "items": t} for k, (h, t) in cov.by_kind().items()},
                "missed": missed,
            }
        )
    envelope = {
        "schema": SCHEMA,
        "status": "ok" if run.ok and not low else "failed",
        "min_coverage": minimum,
        "tests": run.counts(),
        "profiles": profiles,
    }
    return jsontext.dumps(envelope) + "\n"
