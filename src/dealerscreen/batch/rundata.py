"""What reports read of a screening run, as plain data: no intake, no orchestrator.

Made once from a run by `ScreenRun.data()`, or from data alone (a test, a stored batch):
the compiled profile, the ranked batch, the counts, the problems and skipped files as
the reports list them, and the applicant files as a stream read only when a report lists
or fingerprints them (100,000 paths are not held for a `--top 20` table).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from dealerscreen import __version__
from dealerscreen.batch.results import Results
from dealerscreen.criteria.basis import summarise
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.loading import Skipped
from dealerscreen.models.clock import digest_line
from dealerscreen.models.problems import Problem

# (path, sha256 or None when the file could not be read), in path order
FileStream = Callable[[], Iterable[tuple[str, str | None]]]


@dataclass(frozen=True)
class RunData:
    compiled: CompiledProfile
    results: Results  # every screened applicant, ranked: cities, reasons, sensitivity
    counts: Mapping[str, int]  # found, screened, invalid, skipped, eligible
    problems: Sequence[Problem]  # about the applicant files and the team's checks
    skipped: Sequence[Skipped]
    illustrative_lists: Sequence[str]  # made up to show the mechanism: every report says so
    verification_files: Mapping[str, str]  # path -> sha256 of the team's checks read
    applicant_files: FileStream  # every applicant file read (valid or not), in path order

    def applicant_digest(self) -> tuple[str, int]:
        """`clock.combined_digest` of the applicant files, and how many: streamed, so that
        a one-line manifest does not hold every path."""
        digest, n = hashlib.sha256(), 0
        for path, sha in self.applicant_files():
            digest.update(digest_line(path, sha).encode("utf-8", "surrogateescape"))
            n += 1
        return digest.hexdigest(), n

    def manifest(
        self, generated_at: str | None = None, with_files: bool = True
    ) -> dict[str, object]:
        """Versions, fingerprints of the inputs and the time; `with_files=False` leaves out
        the applicant files (a report that streams them: `applicant_files`)."""
        profile = self.compiled.profile
        manifest: dict[str, object] = {
            "tool": "dealerscreen",
            "version": __version__,
            "profile": {"id": profile.id, "version": profile.version, "title": profile.title},
            "criteria_files": dict(sorted(self.compiled.loaded.files.items())),
            # the team's checks decide which decisions are final: an input like the others
            "verification_files": dict(sorted(self.verification_files.items())),
            "generated_at": generated_at,
            "illustrative_lists": list(self.illustrative_lists),
            "basis": summarise(self.compiled).record(),
        }
        if with_files:
            manifest["applicant_files"] = dict(self.applicant_files())
        return manifest
