"""The team's verifications, read once per run and applied to each applicant before deciding.

Whether a document has been checked is the screening team's to say: an application (a
YAML or JSON file, a JSON Lines line, a spreadsheet row, a column mapping's constants)
that writes `verified_by` or `verified_on` itself gets a located `self-verified` warning,
and the entry counts as submitted, not verified. The team's checks come from the files
named by `--verifications` (models/verification.py). Each applicant is decided as
`effective` makes it: its own entries with no verification of their own, each one the
team checked marked so, and every other document the team checked for it added, since a
check backs the fact whether or not the application listed that document.

Reviewers' scores (a site visit, an interview) are the team's too: a programme's review
acts, averaged (programme/reviewed.py), ride with the checks as `TeamReview`s and are the
only `reviews` an applicant is decided with; an application that writes `reviews` itself
gets a located `self-reviewed` warning, and they are ignored.

The parse cache keeps what the file said, so a cached entry never answers for another
verifications file: the checks are applied after it, in every run (worker.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from dealerscreen.i18n.problemtext import say
from dealerscreen.models.applicant import Applicant, Evidence
from dealerscreen.models.problems import FatalError, Loc, Message, Problem
from dealerscreen.models.verification import TeamCheck, TeamReview, VerificationFile
from dealerscreen.yamlsource import SourceError, dotted, locate, parse_yaml, validation_problems
from dealerscreen.yamlsource.sourcefile import read_text

VERIFICATIONS_MAX_BYTES = 5_000_000  # about 30,000 checks: the YAML reader's own limit is near
SELF_VERIFIED = "self-verified"
SELF_REVIEWED = "self-reviewed"
CHECKED_LATER = "verification-future"
NO_SUCH_APPLICANT = "verification-unmatched"

Finding = TeamCheck | TeamReview  # a document the team checked, or its reviewers' scores
Checks = dict[str, tuple[Finding, ...]]  # by applicant id, the team's findings that count


@dataclass(frozen=True)
class Entry:
    """Where one check of a file was written, for a warning about its applicant id."""

    path: str
    index: int
    applicant_id: str
    line: int | None
    column: int | None


@dataclass(frozen=True)
class Verifications:
    """The verifications files of one run: what they hold that counts, and their digests."""

    files: dict[str, str] = field(default_factory=dict)  # path -> sha256, for the manifest
    checks: Checks = field(default_factory=dict)  # and the reviewers' scores
    problems: tuple[Problem, ...] = ()  # warnings: checks dated after the run
    entries: tuple[Entry, ...] = ()

    def unmatched(self, screened: Collection[str]) -> list[Problem]:
        """A warning for each check of an applicant id that no screened applicant has."""
        return [
            Problem(
                e.path,
                e.line,
                e.column,
                "warning",
                say("verification-unmatched", id=e.applicant_id),
                dotted(("verifications", e.index, "applicant_id")),
                NO_SUCH_APPLICANT,
            )
            for e in self.entries
            if e.applicant_id not in screened
        ]


def load_verifications(paths: Sequence[str], as_of: date) -> Verifications:
    """Every check of the files, those dated after `as_of` left out (each with a located
    warning). Raises FatalError with located problems when a file is not valid."""
    files: dict[str, str] = {}
    checks: dict[str, list[TeamCheck]] = {}
    warnings: list[Problem] = []
    entries: list[Entry] = []
    errors: list[Problem] = []
    for path in paths:
        try:
            source = read_text(path, VERIFICATIONS_MAX_BYTES)
            doc = parse_yaml(source.text, path)
        except SourceError as exc:
            errors.append(exc.problem)
            continue
        try:
            spec = VerificationFile.model_validate(doc.data)
        except ValidationError as exc:
            errors += validation_problems(doc, exc, VerificationFile)
            continue
        files[path] = source.sha256
        for i, v in enumerate(spec.verifications):
            line, column, _ = locate(doc.node, ("verifications", i, "applicant_id"))
            entries.append(Entry(path, i, v.applicant_id, line, column))
            if v.verified_on > as_of:
                line, column, _ = locate(doc.node, ("verifications", i, "verified_on"))
                message = say(
                    "verification-future", date=v.verified_on.isoformat(), as_of=as_of.isoformat()
                )
                where = dotted(("verifications", i, "verified_on"))
                warnings.append(
                    Problem(path, line, column, "warning", message, where, CHECKED_LATER)
                )
                continue
            checks.setdefault(v.applicant_id, []).append(v)
    if errors:
        raise FatalError(sorted(errors))
    return Verifications(
        files, {k: tuple(v) for k, v in checks.items()}, tuple(warnings), tuple(entries)
    )


def self_verified(applicant: Applicant) -> list[tuple[Loc, Message, str]]:
    """Advice on an application that verifies its own documents: one warning per entry,
    at its `verified_by` (else its `verified_on`); and one per score it gives itself."""
    out: list[tuple[Loc, Message, str]] = [
        (("reviews", name), say("self-reviewed", name=name), SELF_REVIEWED)
        for name in applicant.reviews
    ]
    for i, e in enumerate(applicant.evidence):
        if e.verified_by is None and e.verified_on is None:
            continue
        name = "verified_by" if e.verified_by is not None else "verified_on"
        message = say("self-verified", name=name)
        out.append((("evidence", i, name), message, SELF_VERIFIED))
    return out


def _unverified(e: Evidence) -> bool:
    return e.verified_by is None and e.verified_on is None


def effective(applicant: Applicant, checks: Iterable[Finding] = ()) -> Applicant:
    """The applicant as it is decided: verification only from the team's `checks`, and
    reviewers' scores only from its reviews (the same object when the application
    verifies and scores nothing and the team checked and scored nothing)."""
    by_kind: dict[tuple[str, str], TeamCheck] = {}
    scores = {}
    for c in checks:
        if isinstance(c, TeamReview):
            scores[c.review] = c.score
        else:
            by_kind.setdefault((c.field, c.document), c)  # the first check of a document
    if scores or applicant.reviews:
        applicant = applicant.model_copy(update={"reviews": scores})
    entries = applicant.evidence
    if not by_kind and all(_unverified(e) for e in entries):
        return applicant
    out: list[Evidence] = []
    for e in entries:
        found = by_kind.get((e.field, e.document))
        out.append(
            e.model_copy(
                update={
                    "verified_by": found.verified_by if found else None,
                    "verified_on": found.verified_on if found else None,
                    "reference": e.reference or (found.reference if found else None),
                }
            )
        )
    listed = {(e.field, e.document) for e in entries}
    out += [
        Evidence(
            field=c.field,
            document=c.document,
            reference=c.reference,
            verified_by=c.verified_by,
            verified_on=c.verified_on,
        )
        for kind, c in by_kind.items()
        if kind not in listed
    ]
    return applicant.model_copy(update={"evidence": out})
