"""One diff run, wired: both criteria loaded, the applicants loaded once, compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen.batch.results import Results
from dealerscreen.batch.run import BatchOptions, screen_batch
from dealerscreen.diff.compare import DiffResult, compare
from dealerscreen.diff.source import load_side
from dealerscreen.intake.loading import Intake
from dealerscreen.models.choices import FailOn
from dealerscreen.models.problems import Problem


@dataclass(frozen=True)
class DiffRun:
    result: DiffResult
    intake: Intake
    notes: tuple[Problem, ...] = ()  # of the criteria specs: a path git was read instead of

    def gate_failed(self, fail_on: FailOn) -> bool:
        if fail_on is FailOn.none:
            return False
        kinds = (
            ("eligibility",) if fail_on is FailOn.eligibility_change else ("eligibility", "tier")
        )
        return any(self.result.having(k) for k in kinds)


def run_diff(
    base: str, new: str, paths: Sequence[str], options: BatchOptions | None = None
) -> DiffRun:
    """Raises FatalError when either side's criteria cannot be loaded (or the mapping),
    UsageError when one is not there (a profile id, a file, a git revision) or a spec
    reads two ways (diff.source).

    The applicants are read as `screen` reads them (folders, YAML/JSON, JSON Lines, CSV/XLSX
    with a mapping, standard input; the parse cache and the size limit), validated once,
    under the edited side's reference lists."""
    old = load_side(base, "--base")
    edited = load_side(new, "--criteria")
    batch = screen_batch(edited.compiled, paths, options or BatchOptions())
    # Read lazily: each model is decided under both profiles as it is read, and dropped.
    applicants = Results.ranked(batch.rows, batch.spill).models()
    origins = (old.origin, edited.origin)
    result = compare(old.compiled, edited.compiled, applicants, base, new, origins)
    return DiffRun(result, batch.intake, old.notes + edited.notes)
