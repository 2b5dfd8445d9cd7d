"""Every rule module's documented examples are run: the docs cannot drift from the code.

A module docstring holds blocks introduced by a line ending in `::` (Passes, Fails,
Example). Each block is a rule in YAML followed by lines

    # given {facts, as YAML flow}: passes | fails | unknown | N of M points | missing

Each given applicant (the facts over a minimal valid applicant) is decided by the compiled
rule, with the default profile's reference lists; under `Passes::` every line must pass,
under `Fails::` none may.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import textwrap
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

import dealerscreen.rules as rules_pkg
from dealerscreen.batch.screening import load_criteria
from dealerscreen.models.applicant import Applicant
from dealerscreen.rules import Condition, Scoring
from dealerscreen.rules.base import BindContext

GIVEN = re.compile(r"^# given (?P<facts>\{.*\}): (?P<expect>[^(]+?)\s*(\(.*\))?$")
POINTS = re.compile(r"^(?P<points>[\d.]+) of (?P<max>[\d.]+) points$")
MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(rules_pkg.__path__)
    if m.name not in ("base", "decided", "phrases")
)


def examples(module: str) -> list[tuple[str, str, list[tuple[dict[str, Any], str]]]]:
    """(heading, rule YAML, [(facts, expected)]) for each block of a module's docstring."""
    doc = importlib.import_module(f"dealerscreen.rules.{module}").__doc__ or ""
    found = []
    for match in re.finditer(r"^(?P<head>[^\n]*)::\n\n(?P<body>(?:    [^\n]*\n|\n)+)", doc, re.M):
        body = textwrap.dedent(match["body"])
        given = []
        for line in body.splitlines():
            hit = GIVEN.match(line.strip())
            if hit:
                given.append((yaml.safe_load(hit["facts"]), hit["expect"].strip()))
        found.append((match["head"].strip(), body, given))
    return found


@cache
def context() -> BindContext:
    compiled = load_criteria("xiaomi-2s-2024")
    return BindContext(Applicant, compiled.loaded.references)


BASE: dict[str, Any] = {
    "schema_version": 1,
    "applicant_id": "DOC-1",
    "legal_name": "Example Motors Co., Ltd.",
    "standing": {"kind": "regional_merchant"},
    "target": {"city": "Suzhou", "store_format": "2S"},
}


def build(facts: dict[str, Any]) -> Applicant:
    """The given facts over a minimal valid applicant, section by section."""
    data = {k: dict(v) if isinstance(v, dict) else v for k, v in BASE.items()}
    for section, value in facts.items():
        if isinstance(value, dict) and isinstance(data.get(section), dict):
            data[section] = {**data[section], **value}
        else:
            data[section] = value
    return Applicant.model_validate(data)


@pytest.mark.parametrize("module", MODULES)
def test_every_rule_kind_documents_checked_examples(module: str) -> None:
    blocks = examples(module)
    assert blocks and all(given for _, _, given in blocks), (
        f"{module}: an example without a `# given` line"
    )


@pytest.mark.parametrize("module", MODULES)
def test_documented_examples_hold(module: str) -> None:
    for head, body, given in examples(module):
        spec = yaml.safe_load(body)
        expected_points = [POINTS.match(e) for _, e in given]
        if any(expected_points) or any(e == "missing" for _, e in given):
            top = max((Decimal(m["max"]) for m in expected_points if m), default=Decimal(1))
            scorer = TypeAdapter(Scoring).validate_python(spec).compile(context(), (), top)
            for facts, expect in given:
                got = scorer.decide(build(facts))
                want = None if expect == "missing" else Decimal(POINTS.match(expect)["points"])  # type: ignore[index]
                assert got == want, f"{module} {head}: given {facts} gave {got}, not {expect}"
                scorer(build(facts))  # and it can be put into words
            continue
        condition = TypeAdapter(Condition).validate_python(spec).compile(context(), ())
        for facts, expect in given:
            value = condition.decide(build(facts))
            assert {"passes": True, "fails": False, "unknown": None}[expect] is value, (
                f"{module} {head}: given {facts} is {value}, the docs say it {expect}"
            )
            condition(build(facts))
            if head.startswith("Passes"):
                assert expect == "passes", f"{module}: a Passes block says {expect}"
            if head.startswith("Fails"):
                assert expect != "passes", f"{module}: a Fails block says passes"
