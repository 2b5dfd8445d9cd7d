"""The default profile's table-shaped criteria as a GoRules JDM decision graph.

For the engine comparison: every criterion scored by `bands`, `thresholds` or `lookup`
(8 of the 12 in xiaomi-2s-2024) becomes one decision table (hit policy "first", one input
column, one output `<criterion id>` = points), all fed by the request and merged into
the response. `cases`, `linear` and the gates, bonuses and checks are not translated:
the comparison is of these criteria only, on both sides.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.rules.bands import Bands
from dealerscreen.rules.lookup import Lookup
from dealerscreen.rules.thresholds import Thresholds

TABLE_KINDS = (Bands, Lookup, Thresholds)


def _num(d: Decimal | float | int) -> str:
    return format(Decimal(str(d)).normalize(), "f")


def _rules(spec: Any) -> list[tuple[str, str]]:
    """(input expression, output points) rows, first match wins, a catch-all last."""
    rows: list[tuple[str, str]] = []
    if isinstance(spec, Bands):
        for b in spec.bands:
            if b.min is not None and b.max is not None:
                rows.append((f"[{_num(b.min)}..{_num(b.max)})", _num(b.points)))
            elif b.min is not None:
                rows.append((f">= {_num(b.min)}", _num(b.points)))
            elif b.max is not None:
                rows.append((f"< {_num(b.max)}", _num(b.points)))
        rows.append(("", "0"))
    elif isinstance(spec, Thresholds):
        op = ">=" if spec.better == "higher" else "<="
        for s in sorted(spec.steps, key=lambda s: s.points, reverse=True):
            rows.append((f"{op} {_num(s.at)}", _num(s.points)))
        rows.append(("", "0"))
    elif isinstance(spec, Lookup):
        for value, points in spec.table.items():
            literal = json.dumps(value) if isinstance(value, str) else str(value).lower()
            rows.append((literal, _num(points)))
        rows.append(("", _num(spec.default)))
    return rows


def table_criteria(compiled: CompiledProfile) -> list[str]:
    return [c.id for c, _ in compiled.criteria if isinstance(c.scoring, TABLE_KINDS)]


def build_graph(compiled: CompiledProfile) -> dict[str, Any]:
    nodes: list[dict[str, Any]] = [
        {"id": "in", "type": "inputNode", "name": "Request", "position": {"x": 0, "y": 0}},
        {"id": "out", "type": "outputNode", "name": "Response", "position": {"x": 0, "y": 0}},
    ]
    edges: list[dict[str, Any]] = []
    for crit, _ in compiled.criteria:
        if not isinstance(crit.scoring, TABLE_KINDS):
            continue
        node = f"t-{crit.id}"
        rules = [
            {"_id": f"{node}-{i}", "i": cond, "o": points}
            for i, (cond, points) in enumerate(_rules(crit.scoring))
        ]
        nodes.append(
            {
                "id": node,
                "type": "decisionTableNode",
                "name": crit.title,
                "position": {"x": 0, "y": 0},
                "content": {
                    "hitPolicy": "first",
                    "inputs": [
                        {
                            "id": "i",
                            "name": "fact",
                            "type": "expression",
                            "field": crit.scoring.field,
                        }
                    ],
                    "outputs": [
                        {"id": "o", "name": "points", "type": "expression", "field": crit.id}
                    ],
                    "rules": rules,
                },
            }
        )
        edges.append({"id": f"e-in-{node}", "type": "edge", "sourceId": "in", "targetId": node})
        edges.append({"id": f"e-{node}-out", "type": "edge", "sourceId": node, "targetId": "out"})
    return {"contentType": "application/vnd.gorules.decision", "nodes": nodes, "edges": edges}
