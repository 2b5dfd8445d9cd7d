"""Parse YAML or JSON text safely, keep node positions, and map pydantic errors to them.

Only safe loading is used (`!!python/...` tags are errors). The parse keeps the node tree
so that a pydantic location such as ('site', 'building_area_sqm') can be reported at
the line and column where the user wrote it.

The package's parts, each one job: `base` (the budget, the located error, the document),
`loader` (PyYAML's safe loader and a located constructor), `safe` (loading within the
budget), `fast` (plain documents built in one pass), `jsonsource` (JSON), `positions`
(pydantic locations to lines and columns).
"""

from __future__ import annotations

from dealerscreen.yamlsource.base import MAX_DEPTH, MAX_NODES, Document, SourceError
from dealerscreen.yamlsource.jsonsource import parse_json
from dealerscreen.yamlsource.loader import _Constructor, _Loader
from dealerscreen.yamlsource.positions import dotted, locate, node_of, validation_problems
from dealerscreen.yamlsource.safe import check_budget, compose, parse_yaml


def parse(text: str, path: str) -> Document:
    if path.lower().endswith(".json"):
        return parse_json(text, path)
    return parse_yaml(text, path)


__all__ = [
    "MAX_DEPTH",
    "MAX_NODES",
    "Document",
    "SourceError",
    "_Constructor",
    "_Loader",
    "check_budget",
    "compose",
    "dotted",
    "locate",
    "node_of",
    "parse",
    "parse_json",
    "parse_yaml",
    "validation_problems",
]
