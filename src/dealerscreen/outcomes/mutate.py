"""Mutation testing of criteria (`dealerscreen test --mutate`): are the cases green for the
right reason?

Each mutant (mutants.py makes them) is the profile with one small change a criteria author
could make by mistake. Every case file of the profile is decided again under the mutant with
`engine.decide` alone (nothing is explained); a mutant is killed when some case or ranking
fails. A mutant that no longer compiles is stillborn (the loader or compiler would refuse
that edit anyway) and is not counted.

A survivor is a change no case notices: a missing case, or an edit that changes nothing a
case can see. The case file says which survivors are acceptable and why (`accepted:`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.models import Profile
from dealerscreen.models.problems import FatalError
from dealerscreen.outcomes.casefile import BuiltCase, LoadedCases
from dealerscreen.outcomes.expect import any_fails
from dealerscreen.outcomes.mutants import Mutant, plan


def build(
    compiled: CompiledProfile, mutant: Mutant, data: dict[str, Any] | None = None
) -> CompiledProfile | None:
    """The mutant compiled, or None when it no longer compiles (stillborn). `data` is the
    profile dumped once for all its mutants: the edit copies what it changes, not `data`."""
    if data is None:
        data = compiled.profile.model_dump(mode="python")
    mine = dict(data)
    mutant.edit(mine)
    try:
        profile = Profile.model_validate(mine)
        return compile_profile(replace(compiled.loaded, profile=profile))
    except (ValidationError, FatalError):
        return None


@dataclass
class MutantFate:
    mutant: Mutant
    status: str  # killed, survived, stillborn
    accepted: str | None = None  # why a survivor is acceptable, from the case file


@dataclass
class ProfileMutation:
    id: str
    compiled: CompiledProfile
    files: list[tuple[LoadedCases, list[BuiltCase]]] = field(default_factory=list)
    outcomes: list[MutantFate] = field(default_factory=list)
    possible: int = 0  # the mutants there are; `outcomes` has the ones made (at most PER_PROFILE)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def score(self) -> float:
        live = self.count("killed") + self.count("survived")
        return 100.0 if not live else 100.0 * self.count("killed") / live

    @property
    def sampled(self) -> bool:
        """Some mutants were left out (see PER_LIST and PER_PROFILE)."""
        return len(self.outcomes) < self.possible

    def where(self, mutant: Mutant) -> tuple[str, int | None, int | None]:
        return self.compiled.loaded.position(mutant.loc)

    def run(self) -> None:
        accepted = {
            a.mutant: a.why for loaded, _ in self.files for a in loaded.spec.accepted if a.mutant
        }
        data = self.compiled.profile.model_dump(mode="python")
        made = plan(data)
        self.possible = made.possible
        for mutant in made.made:
            variant = build(self.compiled, mutant, data)
            if variant is None:
                self.outcomes.append(MutantFate(mutant, "stillborn"))
                continue
            killed = any(any_fails(variant, loaded.spec, built) for loaded, built in self.files)
            status = "killed" if killed else "survived"
            why = accepted.get(mutant.id) if not killed else None
            self.outcomes.append(MutantFate(mutant, status, why))


class Collector:
    """A `run_tests` visitor: the case files of each profile, for mutation afterwards."""

    def __init__(self) -> None:
        self.profiles: dict[str, ProfileMutation] = {}

    def __call__(self, loaded: LoadedCases, built: list[BuiltCase]) -> None:
        pid = loaded.compiled.profile.id
        entry = self.profiles.setdefault(pid, ProfileMutation(pid, loaded.compiled))
        entry.files.append((loaded, built))

    def run(self) -> None:
        for entry in self.profiles.values():
            entry.run()

    def below(self, minimum: float | None) -> list[ProfileMutation]:
        if minimum is None:
            return []
        return [m for m in self.profiles.values() if m.score < minimum]
