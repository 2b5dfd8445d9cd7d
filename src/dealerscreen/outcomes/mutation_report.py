"""The mutation report (`test --mutate`): as text, in the reader's language, and as JSON.

A mutant's id (where, and what changed) is written as case files name it under
`accepted`, so it stays as it is in every language.
"""

from __future__ import annotations

import os

from dealerscreen.i18n.criteriatext import words
from dealerscreen.outcomes.mutants import PER_LIST, PER_PROFILE, Mutant
from dealerscreen.outcomes.mutate import Collector, ProfileMutation
from dealerscreen.outcomes.runner import TestRun
from dealerscreen.reporters import jsontext
from dealerscreen.yamlsource import dotted

SCHEMA = "dealerscreen.mutation/1"


def shown(path: str) -> str:
    rel = os.path.relpath(path)
    return path if rel.startswith("..") else rel


def _where(m: ProfileMutation, mutant: Mutant) -> str:
    path, line, col = m.where(mutant)
    return ":".join(str(x) for x in (shown(path), line, col) if x is not None)


def _sampled(m: ProfileMutation, said: dict[str, str]) -> str:
    return said["mutation.sampled"].format(
        made=len(m.outcomes), possible=m.possible, per_list=PER_LIST, per_profile=PER_PROFILE
    )


def text(col: Collector, minimum: float | None, lang: str = "en") -> str:
    """The mutation report; a mutant's id (where, and what changed) is written as case
    files name it under `accepted`, so it stays as it is in every language."""
    said = words(lang)
    lines = []
    for pid in sorted(col.profiles):
        m = col.profiles[pid]
        live = m.count("killed") + m.count("survived")
        lines.append(
            said["mutation.line"].format(
                profile=pid,
                path=shown(m.compiled.loaded.path),
                killed=m.count("killed"),
                live=live,
                score=f"{m.score:.1f}%",
                stillborn=m.count("stillborn"),
            )
        )
        if m.sampled:
            lines.append("  " + _sampled(m, said))
        for o in m.outcomes:
            if o.status != "survived":
                continue
            where, mutant = _where(m, o.mutant), o.mutant.id
            if o.accepted:
                line = said["mutation.accepted"].format(where=where, mutant=mutant, why=o.accepted)
            else:
                line = said["mutation.survived"].format(where=where, mutant=mutant)
            lines.append("  " + line)
    if minimum is not None:
        low = col.below(minimum)
        verdict = said["verdict.ok"]
        if low:
            ids = ", ".join(m.id for m in low)
            verdict = said["verdict.below"].format(ids=ids, minimum=f"{minimum:.1f}%")
        lines.append(said["mutation.minimum"].format(minimum=f"{minimum:.1f}%", verdict=verdict))
    return "".join(line + "\n" for line in lines)


def as_json(col: Collector, run: TestRun, minimum: float | None) -> str:
    profiles = []
    for pid in sorted(col.profiles):
        m = col.profiles[pid]
        survivors = []
        for o in m.outcomes:
            if o.status == "survived":
                path, line, column = m.where(o.mutant)
                survivors.append(
                    {
                        "mutant": o.mutant.id,
                        "field": dotted(o.mutant.loc),
                        "change": o.mutant.change,
                        "path": shown(path),
                        "line": line,
                        "column": column,
                        "accepted": o.accepted,
                    }
                )
        profiles.append(
            {
                "id": pid,
                "path": shown(m.compiled.loaded.path),
                "mutants": m.count("killed") + m.count("survived"),
                "killed": m.count("killed"),
                "survived": m.count("survived"),
                "stillborn": m.count("stillborn"),
                # made: killed + survived + stillborn, of the possible (see PER_LIST)
                "made": len(m.outcomes),
                "possible": m.possible,
                "score": round(m.score, 2),
                "survivors": survivors,
            }
        )
    envelope = {
        "schema": SCHEMA,
        "status": "ok" if run.ok and not col.below(minimum) else "failed",
        "min_killed": minimum,
        "limits": {"per_list": PER_LIST, "per_profile": PER_PROFILE},
        "tests": run.counts(),
        "profiles": profiles,
    }
    return jsontext.dumps(envelope) + "\n"
