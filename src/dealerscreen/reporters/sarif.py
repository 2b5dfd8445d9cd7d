"""SARIF 2.1.0 logs: what GitHub code scanning and other SARIF viewers read.

One rule per check id, with its help text; one result per problem, located at its file,
line and column. `validate` (criteria problems), `test` (failed cases, at the case) and
`screen` (invalid applicant files) write the same shape. A string out; never prints.
"""

from __future__ import annotations

import inspect
import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from dealerscreen import __version__
from dealerscreen.models.problems import Level, Problem

SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


@dataclass(frozen=True)
class Rule:
    """What a check id means: a one-line summary and the help text (with an example)."""

    id: str
    summary: str
    help: str
    level: Level = "error"


def uri(path: str) -> str:
    """A relative path stays relative (forward slashes, percent-encoded): code scanning
    places it in the repository; an absolute one becomes a file:// URI."""
    if os.path.isabs(path):
        return Path(path).as_uri()
    # the name's own bytes: one that is not UTF-8 is percent-encoded as it is on disk
    return quote(os.fsencode(path.replace(os.sep, "/")))


def _rule(rule: Rule) -> dict[str, object]:
    help_text = inspect.cleandoc(rule.help) or rule.summary
    return {
        "id": rule.id,
        "name": "".join(w.capitalize() for w in rule.id.replace("_", "-").split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(help_text.split("\n\n")[0].split())},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": rule.level},
    }


def _location(p: Problem) -> dict[str, object]:
    physical: dict[str, object] = {"artifactLocation": {"uri": uri(p.path)}}
    if p.line is not None and p.line >= 1:
        region: dict[str, int] = {"startLine": p.line}
        if p.column is not None and p.column >= 1:
            region["startColumn"] = p.column
        physical["region"] = region
    return {"physicalLocation": physical}


def log(
    problems: Iterable[Problem],
    rules: Mapping[str, Rule],
    unknown: Callable[[str], Rule],
    *,
    tool: str = "dealerscreen",
) -> str:
    """The SARIF log of `problems`: every rule of `rules`, and `unknown(id)` for a check id
    the registry does not hold (pydantic's error types, say), so every result has its rule."""
    problems = sorted(problems)
    known = dict(rules)
    for p in problems:
        if p.check not in known:
            known[p.check] = unknown(p.check)
    index = {rid: i for i, rid in enumerate(known)}
    results = []
    for p in problems:
        where = f"{p.field}: " if p.field else ""
        results.append(
            {
                "ruleId": p.check,
                "ruleIndex": index[p.check],
                "level": p.level,
                "message": {"text": where + p.text},
                "locations": [_location(p)],
            }
        )
    run = {
        "tool": {
            "driver": {
                "name": tool,
                "version": __version__,
                "rules": [_rule(r) for r in known.values()],
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
