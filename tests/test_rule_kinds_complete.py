"""Every registered rule kind owns all its knowledge: deciding (with the record of what
decided: `trace`) and words made from that record alone, the facts it
reads with their boundaries, its mutants, and for scoring kinds its coverage branches and
its best and fewest points. Coverage, mutation testing, validation, what-if and review ask
the kind; a kind that lacks a piece fails here, by name, before anything else quietly
does without it (as `listed` once had no mutants and nothing failed).

Each piece is tried on the kind's own documented examples (the ones tests/test_rule_docs.py
runs), so it is not enough that a method exists: it must work on a real spec.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from dealerscreen.outcomes.mutants import ALL, Mutant
from dealerscreen.rules import CONDITION_KINDS, SCORING_KINDS, Condition, Scoring
from dealerscreen.rules.base import (
    BRANCH,
    FACTS,
    PARTS,
    VALUE,
    Branches,
    ConditionKind,
    Kind,
    Rule,
    Scorer,
    ScoringKind,
    Traced,
)
from tests.test_rule_docs import MODULES, POINTS, build, context, examples

# What each kind must answer (rules/base.py declares them; these are their names, so a
# failure says which piece is missing).
CONDITION_PIECES = ("compile", "boundaries", "stepwise", "mutants")
SCORING_PIECES = (
    "compile",
    "boundaries",
    "stepwise",
    "mutants",
    "branches",
    "best_points",
    "fewest_points",
)


def _module(cls: type) -> str:
    return cls.__module__.rsplit(".", 1)[-1]


def _blocks(kind: str, cls: type) -> list[tuple[str, Any, list[tuple[dict[str, Any], str]]]]:
    """The kind's own documented examples: (heading, spec, [(facts, expected)])."""
    found = []
    for head, body, given in examples(_module(cls)):
        spec = yaml.safe_load(body)
        if spec.get("kind") == kind:
            found.append((head, spec, given))
    return found


def _missing(cls: type, base: type, pieces: tuple[str, ...]) -> list[str]:
    if not issubclass(cls, base):
        return list(pieces)
    return sorted(getattr(cls, "__abstractmethods__", ()))


def test_the_pieces_are_what_the_interface_declares() -> None:
    assert set(CONDITION_PIECES) == set(ConditionKind.__abstractmethods__)
    assert set(SCORING_PIECES) == set(ScoringKind.__abstractmethods__)


def _record_works(rule: Rule | Scorer, applicant: Any) -> Traced:
    """The kind's record of a decision: the value `decide` gives, plain data that reads
    back from its bytes, and all its words need (said the same from the bytes read back,
    where there is no applicant to look at)."""
    traced = rule.trace(applicant)
    assert type(traced) is tuple and len(traced) == 4, traced  # plain data
    assert type(traced[FACTS]) is tuple and type(traced[PARTS]) is tuple, traced
    assert traced[BRANCH] is None or type(traced[BRANCH]) is int, traced
    decided = rule.decide(applicant)
    assert traced[VALUE] == decided and type(traced[VALUE]) is type(decided), (traced, decided)
    back = pickle.loads(pickle.dumps(traced))
    assert back == traced
    assert rule.words(back) == rule.words(traced)
    if rule.paths:  # the facts it read, each with its field
        assert len(traced[FACTS]) == len(rule.paths), (traced, rule.paths)
    return traced


def _mutants_work(made: list[Mutant], root: dict[str, Any]) -> None:
    """Each mutant's edit applies to the kind's own data and changes it, leaving the
    data every mutant shares as it was."""
    before = repr(root)
    for m in made:
        mine = dict(root)
        m.edit(mine)
        assert mine != root, f"{m.id} changes nothing"
    assert repr(root) == before, "an edit wrote the shared data"


def _boundaries_work(spec: Kind) -> None:
    found = spec.boundaries()
    for path, numbers in found.items():
        context().field(path, ())  # a fact of the applicant, or BindError
        assert all(isinstance(n, Decimal) for n in numbers), (path, numbers)
    assert isinstance(spec.stepwise(), bool)  # what a what-if asks before it searches


@pytest.mark.parametrize("kind", sorted(CONDITION_KINDS))
def test_a_condition_kind_has_every_piece(kind: str) -> None:
    cls = CONDITION_KINDS[kind]
    assert not _missing(cls, ConditionKind, CONDITION_PIECES), (
        f"condition kind {kind} lacks {_missing(cls, ConditionKind, CONDITION_PIECES)}"
    )
    blocks = _blocks(kind, cls)
    assert blocks, f"{kind}: no documented example of its own"
    made = 0
    for _head, raw, given in blocks:
        spec = TypeAdapter(Condition).validate_python(raw)
        rule = spec.compile(context(), ())
        for facts, _ in given:
            rule(build(facts))  # decides and says why
            _record_works(rule, build(facts))
        _boundaries_work(spec)
        data = spec.model_dump(mode="python")
        root = {"rule": data}
        mutants = list(cls.mutants(data, ("rule",), ALL))
        _mutants_work(mutants, root)
        made += len(mutants)
    assert made, f"{kind}: its documented examples get no mutant"


@pytest.mark.parametrize("kind", sorted(SCORING_KINDS))
def test_a_scoring_kind_has_every_piece(kind: str) -> None:
    cls = SCORING_KINDS[kind]
    assert not _missing(cls, ScoringKind, SCORING_PIECES), (
        f"scoring kind {kind} lacks {_missing(cls, ScoringKind, SCORING_PIECES)}"
    )
    blocks = _blocks(kind, cls)
    assert blocks, f"{kind}: no documented example of its own"
    for head, raw, given in blocks:
        spec = TypeAdapter(Scoring).validate_python(raw)
        top = max(
            (Decimal(m["max"]) for _, e in given if (m := POINTS.match(e))), default=Decimal(1)
        )
        scorer = spec.compile(context(), (), top)
        branches = spec.branches(context(), ("criteria", 0, "scoring"), top)
        assert isinstance(branches, Branches) and branches.all, f"{kind} {head}: no branches"
        best, fewest = spec.best_points(top), spec.fewest_points(top)
        assert fewest <= best <= top, (kind, fewest, best, top)
        for facts, _ in given:
            applicant = build(facts)
            points = scorer.decide(applicant)
            took = branches.took(applicant, points)
            traced = _record_works(scorer, applicant)
            # The branch the record keeps is the one coverage counts: by its place in
            # `branches`, or none; then the default ("no step", "no case"), which comes
            # last, when the kind declares one and the rule gave points.
            j = traced[BRANCH]
            if j is not None:
                assert took is branches.all[j], (kind, facts, traced, took)
            elif branches.default and points is not None:
                assert took is branches.all[-1], (kind, facts, traced, took)
            else:
                assert took is None, (kind, facts, traced, took)
            if points is None:
                assert took is None, f"{kind}: a missing fact took {took}"
                continue
            assert fewest <= points <= best, f"{kind}: {points} outside {fewest}..{best}"
            assert any(took is b for b in branches.all), f"{kind}: given {facts} took {took}"
        _boundaries_work(spec)
        data = spec.model_dump(mode="python")
        root = {"max_points": top, "criteria": [{"points": top, "scoring": data}]}
        mutants = list(cls.mutants(data, ("criteria", 0, "scoring"), top, ALL))
        assert mutants, f"{kind} {head}: no mutant"
        _mutants_work(mutants, root)


def test_every_kind_module_is_registered() -> None:
    """A kind module outside the registry would be a kind nothing asks."""
    registered = {_module(c) for c in (*CONDITION_KINDS.values(), *SCORING_KINDS.values())}
    assert set(MODULES) - registered == set(), set(MODULES) - registered
