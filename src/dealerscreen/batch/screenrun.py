"""A screening run: the compiled profile, the intake, the ranked results.

Made by `screening.screen`; what reports read of it is `data()` (`rundata.RunData`), so
that no report holds the run. Nothing here reads files, screens or prints.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from dealerscreen.batch.results import Results
from dealerscreen.batch.rundata import RunData
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.loading import Intake
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import ExitCode
from dealerscreen.models.result import Result


@dataclass(frozen=True)
class ScreenRun:
    compiled: CompiledProfile
    intake: Intake
    results: Results  # every screened applicant, ranked (decoded as read)
    verification_files: dict[str, str] = field(default_factory=dict)  # path -> sha256

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.INVALID_INPUT if self.intake.invalid else ExitCode.OK

    def counts(self) -> dict[str, int]:
        invalid = len(self.intake.invalid)
        skipped = len(self.intake.skipped)
        screened = len(self.results)
        return {
            "found": screened + invalid + skipped,
            "screened": screened,
            "invalid": invalid,
            "skipped": skipped,
            "eligible": self.results.eligible_count(),
        }

    def applicant_files(self) -> dict[str, str | None]:
        """sha256 of every applicant file read (valid or not), by path, in path order."""
        return dict(sorted(self.intake.files()))

    def applicant_of(self, result: Result) -> Applicant:
        """The model a result was scored from (a batch keeps it on disk, not in memory)."""
        return self.results.applicant_of(result)

    def sorted_applicant_files(self) -> Iterator[tuple[str, str | None]]:
        """`applicant_files()` as a stream, in path order (from the file log, where it can)."""
        ordered = getattr(self.intake, "sorted_files", None)
        if ordered is None:
            yield from self.applicant_files().items()
        else:
            yield from ordered()

    def data(self) -> RunData:
        """What reports read of this run, as plain data; the applicant files stay a stream
        (read only by a report that lists or fingerprints them)."""
        lists = sorted(r.id for r in self.compiled.loaded.references.values() if r.illustrative)
        return RunData(
            compiled=self.compiled,
            results=self.results,
            counts=self.counts(),
            problems=self.intake.problems,
            skipped=self.intake.skipped,
            illustrative_lists=lists,
            verification_files=self.verification_files,
            applicant_files=self.sorted_applicant_files,
        )
