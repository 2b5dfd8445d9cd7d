"""One screening run, wired: criteria loaded and compiled, applicants loaded, scored, ranked.

The CLI calls these functions and maps the outcome to an exit code; nothing here prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dealerscreen import __version__
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.engine import evaluate, rank
from dealerscreen.loading import Intake, load_batch
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.result import Result
from dealerscreen.names import name_fields, unknown_names
from dealerscreen.problems import ExitCode
from dealerscreen.sourcefile import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class ScreenRun:
    compiled: CompiledProfile
    intake: Intake
    results: list[Result]  # every screened applicant, ranked

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
            "eligible": sum(1 for r in self.results if r.evaluation.eligible),
        }

    def illustrative_lists(self) -> list[str]:
        """Reference lists made up to show the mechanism: every report says so."""
        return sorted(r.id for r in self.compiled.loaded.references.values() if r.illustrative)

    def applicant_files(self) -> dict[str, str | None]:
        """sha256 of every applicant file read (valid or not), by path, in path order."""
        return dict(sorted((x.path, x.sha256) for x in self.intake.loaded))

    def manifest(self, generated_at: str | None = None) -> dict[str, object]:
        profile = self.compiled.profile
        return {
            "tool": "dealerscreen",
            "version": __version__,
            "profile": {"id": profile.id, "version": profile.version, "title": profile.title},
            "criteria_files": dict(sorted(self.compiled.loaded.files.items())),
            "applicant_files": self.applicant_files(),
            "generated_at": generated_at,
            "illustrative_lists": self.illustrative_lists(),
        }


def load_criteria(criteria: str, lang: str = "en") -> CompiledProfile:
    """Raises FatalError with located problems when the criteria are invalid."""
    return compile_profile(load_profile(criteria), lang)


def screen(
    compiled: CompiledProfile, paths: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> ScreenRun:
    fields = name_fields(compiled)

    def advise(applicant: Applicant) -> list[tuple[tuple[str | int, ...], str, str]]:
        return [
            (u.loc, u.message, "unknown-name") for u in unknown_names(compiled, applicant, fields)
        ]

    intake = load_batch(paths, max_bytes, advise)
    evaluations = [
        evaluate(compiled, item.applicant, item.path) for item in intake.valid if item.applicant
    ]
    return ScreenRun(compiled, intake, rank(compiled, evaluations))


def select(
    results: list[Result], city: str | None, top: int | None, compiled: CompiledProfile
) -> list[Result]:
    """The rows a user asked to see; ranks stay those of the whole batch."""
    chosen = results
    if city is not None:
        entry = compiled.cities.resolve(city) if compiled.cities else None
        wanted = entry.id if entry else city
        chosen = [r for r in chosen if r.evaluation.city_id == wanted]
    if top is not None:
        chosen = chosen[:top]
    return chosen
