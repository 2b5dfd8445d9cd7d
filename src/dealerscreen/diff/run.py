"""One diff run, wired: both criteria loaded, the applicants loaded once, compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.choices import FailOn
from dealerscreen.diff.compare import DiffResult, compare
from dealerscreen.diff.source import load_side
from dealerscreen.loading import Intake, load_batch


@dataclass(frozen=True)
class DiffRun:
    result: DiffResult
    intake: Intake

    def gate_failed(self, fail_on: FailOn) -> bool:
        if fail_on is FailOn.none:
            return False
        kinds = (
            ("eligibility",) if fail_on is FailOn.eligibility_change else ("eligibility", "tier")
        )
        return any(self.result.having(k) for k in kinds)


def run_diff(base: str, new: str, paths: Sequence[str]) -> DiffRun:
    """Raises FatalError when either side's criteria cannot be loaded."""
    old_profile = load_side(base)
    new_profile = load_side(new)
    intake = load_batch(paths)
    applicants = [(x.applicant, x.path) for x in intake.valid if x.applicant is not None]
    return DiffRun(compare(old_profile, new_profile, applicants, base, new), intake)
