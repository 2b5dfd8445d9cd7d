"""Evidence a profile requires for a gate, compiled once, and checked per applicant.

A gate with `evidence:` passes on the applicant's claims either way; without the
documents it asks for, the pass is *provisional*. Checking is the hot loop's business
(100,000 applicants), so it is a plain function of the gate's stated facts and the
file's evidence entries: most applicants list none, and a missing fact needs none.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dealerscreen.criteria.models import EvidenceRule, Gate
from dealerscreen.i18n.checktext import message
from dealerscreen.models.applicant import Applicant, Evidence, fact_paths
from dealerscreen.models.fields import resolve_field
from dealerscreen.models.problems import Loc, Message
from dealerscreen.models.result import Wanted


@dataclass(frozen=True)
class Need:
    """A gate's compiled evidence rule."""

    facts: tuple[tuple[str, Callable[[Any], Any], tuple[str, ...]], ...]  # kinds in profile order
    verified: bool
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)  # by fact

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", {path: kinds for path, _, kinds in self.facts})

    def _backs(self, entry: Evidence, path: str, kinds: tuple[str, ...]) -> bool:
        return (
            entry.field == path
            and (not kinds or entry.document in kinds)
            and (not self.verified or bool(entry.verified_by))
        )

    def met(self, applicant: Applicant) -> bool:
        """Whether every stated fact the rule names is backed as it asks.

        The batch's hot loop: plain loops, no generator per fact, and one pass over the
        file's entries (most files list none, and then only the facts are read)."""
        entries = applicant.evidence
        backed: set[str] = set()
        if entries:
            kinds_of, verified = self.kinds, self.verified
            for e in entries:
                kinds = kinds_of.get(e.field)
                if kinds is None or (kinds and e.document not in kinds):
                    continue
                if verified and not e.verified_by:
                    continue
                backed.add(e.field)
        for path, get, _ in self.facts:
            if path in backed:
                continue
            value = get(applicant)
            if value is not None and value != []:
                return False  # stated, and not backed as the rule asks
        return True

    def wanted(self, applicant: Applicant) -> tuple[Wanted, ...]:
        """The stated facts still without the documents the rule asks for."""
        out: list[Wanted] = []
        for path, get, kinds in self.facts:
            value = get(applicant)
            if value is None or value == []:
                continue
            sent = [e for e in applicant.evidence if e.field == path]
            if any(self._backs(e, path, kinds) for e in sent):
                continue
            submitted = any(not kinds or e.document in kinds for e in sent)
            out.append(Wanted(path, kinds, self.verified, submitted))
        return tuple(out)


class EvidenceError(ValueError):
    def __init__(self, loc: Loc, message: Message) -> None:
        super().__init__(message.english())
        self.loc = loc
        self.message = message


def gate_facts(gate: Gate) -> list[str]:
    """The facts of the applicant file a gate reads (item facts count as their list)."""
    known = set(fact_paths())
    return sorted(p for p in gate.condition.boundaries() if p in known)


def compile_need(gate: Gate, loc: Loc) -> Need | None:
    """The gate's evidence rule as a `Need`, or None when it requires none.

    Raises `EvidenceError` for a fact the gate does not read: a document asked for a
    fact that decides nothing would make a pass provisional for no reason.
    """
    rule: EvidenceRule | None = gate.evidence_rule
    if rule is None:
        return None
    reads = gate_facts(gate)
    named: Sequence[str] = reads if rule.facts is None else list(rule.facts)
    facts = []
    for path in named:
        if path not in reads:
            said = ", ".join(reads) or "none"
            raise EvidenceError(
                (*loc, "evidence", "facts", path),
                message("evidence-fact", gate=gate.id, path=path, reads=said),
            )
        kinds = tuple(dict.fromkeys(rule.facts[path])) if rule.facts is not None else ()
        facts.append((path, resolve_field(Applicant, path).get, kinds))
    if not facts:
        raise EvidenceError((*loc, "evidence"), message("evidence-none", gate=gate.id))
    return Need(tuple(facts), rule.verified)
