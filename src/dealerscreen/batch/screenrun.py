"""A screening run as data: the compiled profile, the intake, the ranked results.

What reporters read (with the manifest the run states); made by `screening.screen`.
Nothing here reads files, screens or prints.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from dealerscreen import __version__
from dealerscreen.batch.results import Results
from dealerscreen.criteria.basis import summarise
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.loading import Intake
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.clock import combined_digest, digest_line
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

    def illustrative_lists(self) -> list[str]:
        """Reference lists made up to show the mechanism: every report says so."""
        return sorted(r.id for r in self.compiled.loaded.references.values() if r.illustrative)

    def applicant_digest(self) -> tuple[str, int]:
        """`clock.combined_digest` of the applicant files, and how many: streamed, when the
        intake can, so that a one-line manifest does not hold 100,000 paths."""
        ordered = getattr(self.intake, "sorted_files", None)
        if ordered is None:
            files = self.applicant_files()
            return combined_digest(files), len(files)
        digest, n = hashlib.sha256(), 0
        for path, sha in ordered():
            digest.update(digest_line(path, sha).encode("utf-8", "surrogateescape"))
            n += 1
        return digest.hexdigest(), n

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

    def manifest(
        self, generated_at: str | None = None, with_files: bool = True
    ) -> dict[str, object]:
        """Versions, fingerprints of the inputs and the time; `with_files=False` leaves out
        the applicant files (a report that streams them: `sorted_applicant_files`)."""
        profile = self.compiled.profile
        manifest: dict[str, object] = {
            "tool": "dealerscreen",
            "version": __version__,
            "profile": {"id": profile.id, "version": profile.version, "title": profile.title},
            "criteria_files": dict(sorted(self.compiled.loaded.files.items())),
            # the team's checks decide which decisions are final: an input like the others
            "verification_files": dict(sorted(self.verification_files.items())),
            "generated_at": generated_at,
            "illustrative_lists": self.illustrative_lists(),
            "basis": summarise(self.compiled).record(),
        }
        if with_files:
            manifest["applicant_files"] = self.applicant_files()
        return manifest
