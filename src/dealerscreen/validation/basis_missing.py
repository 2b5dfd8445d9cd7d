"""basis-missing (warning): a rule, tier or quota does not say where its numbers come from.

Every number a dealer is judged by has a basis: `published` (the cited source says it),
`reported` (an unverified source says it) or `team` (the screening team chose it, and
`rationale` says why in one line). Reports and explanations say which, so that a team
threshold is never presented as the maker's requirement. `validate --strict` (as in CI)
fails on this warning.

Fails::

    gates:
      - id: dealer-standing
        source: seed-001      # the requirement is published ...
        condition: {kind: compare, field: standing.stores_in_province, op: ge, value: 3}
        # ... but "3 stores" is not: add basis: team and a rationale

    tiers:
      - {id: A, min_points: 80, basis: team}   # team, but no rationale

    gates:
      - id: dealer-standing
        evidence: required    # whose policy is it to ask for documents? say so
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n.checktext import message
from dealerscreen.models.problems import Loc, Message, Problem
from dealerscreen.validation.base import Check, Subject, in_profile

ID = "basis-missing"


class _Based(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def basis(self) -> str | None: ...
    @property
    def rationale(self) -> str | None: ...


def _parts(compiled: CompiledProfile) -> Iterator[tuple[Loc, Message, str | None, str | None]]:
    """(where, what, basis, rationale) of everything that carries numbers."""
    profile = compiled.profile
    groups: tuple[tuple[str, str, Sequence[_Based]], ...] = (
        ("gates", "part.gate", profile.gates),
        ("criteria", "part.criterion", profile.criteria),
        ("bonuses", "part.bonus", profile.bonuses),
        ("tiers", "part.tier", profile.tiers),
    )
    for kind, noun, rules in groups:
        for i, rule in enumerate(rules):
            yield (kind, i), message(noun, id=rule.id), rule.basis, rule.rationale
    for i, gate in enumerate(profile.gates):
        need = gate.evidence_rule  # requiring documents is a policy too: whose?
        if need is not None:
            yield (
                ("gates", i, "evidence"),
                message("part.evidence", id=gate.id),
                need.basis,
                need.rationale,
            )
    quota = profile.quota
    if quota.default is not None or quota.by_city:
        yield ("quota",), message("part.quota"), quota.basis, quota.rationale
    if profile.review_margin is not None:
        margin = profile.review_margin
        yield ("review_margin",), message("part.margin"), margin.basis, margin.rationale


def run(subject: Subject) -> Iterator[Problem]:
    for compiled in subject.profiles:
        for loc, what, basis, rationale in _parts(compiled):
            if basis is None:
                said = message("basis-missing", rest=what)
            elif basis == "team" and not (rationale or "").strip():
                said = message("basis-missing.team", rest=what)
            else:
                continue
            at = loc if basis is None else (*loc, "basis")  # the basis a rationale belongs to
            yield in_profile(compiled, at, "warning", said, ID)


CHECK = Check(ID, "warning", __doc__ or "", run)
