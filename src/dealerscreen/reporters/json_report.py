"""`--format json`: a stable, documented envelope (see README, "JSON output").

Points are JSON numbers written from exact decimals; keys are sorted so output is
byte-identical for the same inputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from dealerscreen.cityview import applicant_ids
from dealerscreen.explain import one_line
from dealerscreen.i18n import EN_MESSAGES, Messages
from dealerscreen.models.result import Result
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.whatif import Outlook

SCHEMA = "dealerscreen.screen/1"


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def outlook_record(outlook: Outlook) -> dict[str, Any]:
    change = outlook.change
    return {
        "top_tier": outlook.top_tier,
        "change": None
        if change is None
        else {
            "fact": change.fact,
            "rule": change.rule,
            "from": change.old,
            "to": change.new,
            "gain": number(change.gain),
            "tier": change.tier,
            "becomes_eligible": change.became_eligible,
        },
    }


def result_record(
    result: Result, msgs: Messages = EN_MESSAGES, outlook: Outlook | None = None
) -> dict[str, Any]:
    ev = result.evaluation
    return {
        "applicant_id": ev.applicant_id,
        "legal_name": ev.legal_name,
        "chinese_name": ev.chinese_name,
        "group_name": ev.group_name,
        "city": {"id": ev.city_id, "name": ev.city_name, "name_zh": ev.city_name_zh},
        "source": ev.source_path,
        "eligible": ev.eligible,
        "tier": ev.tier,
        "rank": result.rank,
        "city_rank": result.city_rank,
        "city_quota": result.city_quota,
        "shortlisted": result.shortlisted,
        "score": number(ev.score),
        "bonus": number(ev.bonus),
        "total": number(ev.total),
        "reason": one_line(result, msgs),
        "what_would_change": outlook_record(outlook) if outlook is not None else None,
        "gates": [
            {
                "id": g.id,
                "title": g.title,
                "passed": g.passed,
                "detail": g.detail,
                "reason": None if g.passed else g.reason.strip(),
                "source": g.source,
            }
            for g in ev.gates
        ],
        "criteria": [
            {
                "id": c.id,
                "title": c.title,
                "group": c.group,
                "points": number(c.points),
                "max_points": number(c.max_points),
                "detail": c.detail,
                "fact": c.fact,
                "missing_policy": c.missing_policy,
                "source": c.source,
            }
            for c in ev.criteria
        ],
        "bonuses": [
            {
                "id": b.id,
                "title": b.title,
                "applied": b.applied,
                "points": number(b.points),
                "detail": b.detail,
                "source": b.source,
            }
            for b in ev.bonuses
        ],
        "checks": [
            {
                "id": c.id,
                "title": c.title,
                "passed": c.passed,
                "level": c.level,
                "verified": c.verified,
                "message": c.message,
                "detail": c.detail,
                "source": c.source,
            }
            for c in ev.checks
        ],
    }


# Where the results go in the envelope's text: the envelope is written around them, and
# they are written one record at a time (100,000 records are gigabytes as Python objects).
_RESULTS = "\x00results\x00"
_FILES = "\x00applicant files\x00"  # likewise the manifest's file list: a line per file


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


class JsonReporter(Reporter):
    def render(self, view: View) -> str:
        return "".join(self.render_parts(view))

    def render_parts(self, view: View) -> Iterator[str]:
        """The same bytes as `json.dumps` of the whole envelope, made a record at a time."""
        run = view.run
        envelope = {
            "schema": SCHEMA,
            "status": "ok" if not run.intake.invalid else "invalid-input",
            "manifest": {**view.manifest(with_files=False), "applicant_files": _FILES},
            "lang": view.lang,
            "counts": run.counts(),
            "results": _RESULTS,
            "cities": [
                {
                    "id": s.city_id,
                    "name": s.display(view.lang),
                    "quota": s.quota,
                    "flag": s.flag,
                    "shortlist": applicant_ids(s.shortlist),
                    "runners_up": applicant_ids(s.runners_up),
                    "ineligible": applicant_ids(s.ineligible),
                }
                for s in view.cities(keep=False)  # read once: not held through the results
            ],
            "multi_city_groups": view.multi_city(keep=False),
            "problems": [
                {
                    "path": p.path,
                    "line": p.line,
                    "column": p.column,
                    "level": p.level,
                    "field": p.field,
                    "message": p.message,
                    "check": p.check,
                }
                for p in sorted(run.intake.problems)
            ],
            "skipped": [{"path": s.path, "why": s.why} for s in run.intake.skipped],
        }
        head, tail = _dumps(envelope).split(_dumps(_RESULTS), 1)
        del envelope
        before, after = head.split(_dumps(_FILES), 1)
        yield before
        first = True
        for path, sha in run.sorted_applicant_files():
            # a member of an object two levels deep: 6 spaces, its closing brace 4
            yield ("{\n" if first else ",\n") + f"      {_dumps(path)}: {_dumps(sha)}"
            first = False
        yield ("{}" if first else "\n    }") + after
        first = True
        for r in view.rows:
            record = _dumps(result_record(r, view.msgs, view.outlook(r, keep=False)))
            # an item of a list that is a value of the top-level object: 4 spaces deep
            yield ("[\n" if first else ",\n") + "\n".join(
                "    " + line for line in record.split("\n")
            )
            first = False
        yield ("[]" if first else "\n  ]") + tail + "\n"
