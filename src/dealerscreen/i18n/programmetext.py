"""The programme record's messages, in English: bad input to an act, a record that cannot
be opened, what `programme check` finds, and what the programme commands report.

Made as `Message`s by `say` (msgctxt `programme:` + key) where the problem is found
(programme/), put into the reader's language where they are printed (cli/), as every
problem is (problemtext.py).
"""

from __future__ import annotations

from dealerscreen.models.problems import Message, Value

EN: dict[str, str] = {
    # the team's acts (programme/acts.py): nothing is recorded
    "no-applicant": "no applicant '{id}' in the record (intake its application first)",
    "no-applicant.short": "no applicant '{id}' in the record",
    "not-a-date": "'{text}' is not a date: write it as YYYY-MM-DD",
    "not-a-document": "'{document}' is not a kind of document: {kinds}",
    "nothing-to-verify": "{id} does not state {fact}: there is nothing to verify",
    "due-past": "the due date {date} is already past",
    "not-an-outcome": "'{to}' is not an outcome: {known}",
    "override-reason": "an override needs a reason: --reason TEXT",
    "not-an-override": "act {seq} is not an override",
    "own-override": "act {seq} is {by}'s own override: a second person approves it",
    "approved-already": "act {seq} was approved already (act {other})",
    "not-a-stage": "'{to}' is not a stage: {known}",
    "cannot-move": "{id} is at '{now}' and cannot move to '{to}'; from '{now}' it may move to: {moves}",
    "moves-none": "none (it is an end)",
    "not-a-score": "'{item}' is not CRITERION=SCORE with a reviewer-scored criterion: {known}",
    "score-range": "'{item}': a score is a number from {low} to {high}",
    "no-scores": "give at least one CRITERION=SCORE",
    "note-empty": "a note needs its text",
    # opening the record (programme/record.py, db.py, migrate.py, config.py)
    "not-found-in": "no {file} in {folder}",
    "not-found": "no {file} here or in any folder above: give -p DIR, or make one with `dealerscreen programme init DIR --criteria ID`",
    "exists": "{path} already exists",
    "cannot-open": "cannot open the record {url}: {reason}",
    "unknown-database": "unknown kind of database: {url}",
    "not-a-url": "not a database URL: {url} ({reason})",
    "needs-psycopg": "a PostgreSQL record needs psycopg: pip install 'dealerscreen[postgres]'",
    "newer-schema": "the record's schema is '{found}', made by a newer version of dealerscreen than this one (which knows up to '{head}'): upgrade dealerscreen to open it",
    "no-stages": "stages: name at least one stage",
    "unknown-stages": "stage '{stage}' moves to unknown stage(s): {unknown}",
    "not-written": "the record could not be written: {reason}",
    # what `programme check` finds (programme/chain.py)
    "chain-broken": "act {seq} ({kind}): the act before it is not the one it was appended after",
    "digest-broken": "act {seq} ({kind}): its content does not match its digest (edited)",
    "submissions-changed": "act {seq} ({kind}): the submissions it recorded were changed",
    "decisions-changed": "act {seq} ({kind}): the decisions it recorded were changed",
    "acts-removed": "the record holds {n} acts, but {counted} were appended: acts were removed",
    "unsealed": "{table} of run {run} are sealed by no act: added by hand",
    "intact": "the record is intact: {n} acts, each matching its digest and chain",
    # the programme commands (cli/programme_cmds.py, act_cmds.py)
    "paths-and-programme": "give PATH or -p DIR, not both",
    "checks-are-acts": "a programme's checks are its verify acts",
    "export-json": "export writes json",
    "made": "programme made in {folder} (edit {folder}/programme.yaml for its stages)",
    "intake-summary": "intake {run}: {new} new, {changed} changed, {unchanged} unchanged, {invalid} invalid, {skipped} skipped",
    "recorded": "act {seq}: {kind}{about}, by {by}, recorded",
}

ZH: dict[str, str] = {}  # new translations wait here for `python3 dev.py catalog`


def say(key: str, /, **values: Value) -> Message:
    """The message `key` of EN with its values: how the programme words a problem."""
    return Message("programme:" + key, EN[key], tuple(values.items()))
