"""The team's acts: verify, request, override, approve, stage, review, note.

Each records one act in the programme's record (append-only, who and when, a reason where
it changes a decision) and says so on stderr; bad input is a usage error (exit 2) naming
the argument at fault, and nothing is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from dealerscreen.cli.options import LangOpt
from dealerscreen.cli.programme_opts import (
    ByOpt,
    DbOpt,
    ProgrammeOpt,
    now,
    opened,
    team_words,
    who,
)
from dealerscreen.cli.stderr import tell

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from dealerscreen.programme.chain import Act
    from dealerscreen.programme.config import ProgrammeConfig

IdArg = Annotated[str, typer.Argument(metavar="ID", help="The applicant's applicant_id.")]


class Outcome(StrEnum):
    shortlisted = "shortlisted"
    reserve = "reserve"
    not_eligible = "not-eligible"


def _act(
    programme: str | None,
    db: str | None,
    write: Callable[[Connection, ProgrammeConfig], Act],
) -> None:
    with opened(programme, db) as prog, prog.engine.begin() as conn:
        act = write(conn, prog.config)
    from dealerscreen.cli.language import speaking
    from dealerscreen.words.teamwords import act_name

    about = f" {act.applicant_id}" if act.applicant_id else ""
    kind = act_name(act.kind, speaking())
    tell(team_words("msg.recorded", act=act.seq, kind=kind, about=about, by=act.by))


def verify(
    applicant_id: IdArg,
    fact: Annotated[
        str, typer.Argument(metavar="FACT", help="The fact checked, e.g. standing.top100_rank.")
    ],
    document: Annotated[
        str, typer.Option("--document", metavar="KIND", help="The kind of document checked.")
    ],
    ref: Annotated[
        str | None, typer.Option("--ref", metavar="TEXT", help="The document's number or title.")
    ] = None,
    expires: Annotated[
        str | None,
        typer.Option("--expires", metavar="DATE", help="When the document stops counting."),
    ] = None,
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Record that the team checked a document backing one fact: the only way a fact
    becomes verified. It counts for decisions as of its date or later, until it expires,
    and only while the applicant states the value it checked."""
    from dealerscreen.programme import acts

    _act(
        programme,
        db,
        lambda c, _: acts.verify(c, applicant_id, fact, document, ref, expires, who(by), now()),
    )


def request(
    applicant_id: IdArg,
    facts: Annotated[list[str], typer.Argument(metavar="FACT...", help="The facts asked for.")],
    due: Annotated[str, typer.Option("--due", metavar="DATE", help="When the answer is due.")],
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Ask an applicant for missing information: until a new submission answers it or it
    is due, the applicant is awaiting information, not "not eligible"."""
    from dealerscreen.programme import acts

    _act(programme, db, lambda c, _: acts.request(c, applicant_id, facts, due, who(by), now()))


def override(
    applicant_id: IdArg,
    to: Annotated[Outcome, typer.Option("--to", help="The outcome the team decides.")],
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why (required, shown with it).")
    ] = "",
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Override the computed decision, with a reason; it takes effect once a second
    person approves it when programme.yaml says override_approval: true."""
    from dealerscreen.programme import acts

    _act(
        programme,
        db,
        lambda c, cfg: acts.override(c, cfg, applicant_id, to.value, reason, who(by), now()),
    )


def approve(
    act: Annotated[int, typer.Argument(metavar="ACT", help="The override's act number.")],
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Approve another person's override."""
    from dealerscreen.programme import acts

    _act(programme, db, lambda c, _: acts.approve(c, act, who(by), now()))


def stage(
    applicant_id: IdArg,
    to: Annotated[str, typer.Argument(metavar="STAGE", help="The stage to move to.")],
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Move an applicant to a stage, as programme.yaml's moves allow."""
    from dealerscreen.programme import acts

    _act(programme, db, lambda c, cfg: acts.stage(c, cfg, applicant_id, to, who(by), now()))


def review(
    applicant_id: IdArg,
    scores: Annotated[
        list[str],
        typer.Argument(metavar="CRITERION=SCORE...", help="Scores of reviewer-scored criteria."),
    ],
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Score a site visit or interview; several reviewers are averaged, and a spread above
    programme.yaml's max_spread is flagged."""
    from dealerscreen.programme import acts

    _act(programme, db, lambda c, cfg: acts.review(c, cfg, applicant_id, scores, who(by), now()))


def note(
    applicant_id: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    programme: ProgrammeOpt = None,
    db: DbOpt = None,
    by: ByOpt = None,
    lang: LangOpt = "",
) -> None:
    """Add a note to an applicant's history."""
    from dealerscreen.programme import acts

    _act(programme, db, lambda c, _: acts.note(c, applicant_id, text, who(by), now()))


ACTS = (verify, request, override, approve, stage, review, note)
