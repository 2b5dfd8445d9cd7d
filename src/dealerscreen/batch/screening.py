"""One screening run, wired: criteria loaded and compiled, applicants loaded, scored, ranked.

The CLI calls these functions and maps the outcome to an exit code; nothing here prints.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import replace

from dealerscreen.batch.results import Results, Spill
from dealerscreen.batch.row import Row
from dealerscreen.batch.run import BatchOptions, Selection, screen_batch
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.criteria.compile import CompiledProfile, compile_profile
from dealerscreen.criteria.loading import load_profile
from dealerscreen.decide import keys, record
from dealerscreen.decide.engine import decide
from dealerscreen.intake.verifications import Verifications
from dealerscreen.yamlsource.sourcefile import DEFAULT_MAX_BYTES


def load_criteria(criteria: str, lang: str = "en") -> CompiledProfile:
    """Raises FatalError with located problems when the criteria are invalid."""
    return compile_profile(load_profile(criteria), lang)


def screen(
    compiled: CompiledProfile,
    paths: Sequence[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: BatchOptions | None = None,
    verifications: Verifications | None = None,
    whole_batch: bool = True,
) -> ScreenRun:
    """Streaming and, for a large batch, parallel: see `dealerscreen.batch.run`.

    `verifications`: the team's checks, applied to every applicant before it is decided.
    `whole_batch`: the paths are the whole batch the checks are for, so that a check of an
    applicant not among them is said (not so when explaining one applicant)."""
    team = verifications or Verifications()
    chosen = replace(options or BatchOptions(), max_bytes=max_bytes, checks=team.checks)
    batch = screen_batch(compiled, paths, chosen)
    if chosen.shown is not None:
        complete(compiled, batch.rows, batch.spill, chosen.shown)
    results = Results.ranked(batch.rows, batch.spill)
    batch.intake.warnings.extend(team.problems)
    if whole_batch and team.entries:
        batch.intake.warnings.extend(team.unmatched({row.applicant_id for row in batch.rows}))
    return ScreenRun(compiled, batch.intake, results, team.files)


def select(results: Results, city_id: str | None, top: int | None) -> Results:
    """The rows a user asked to see (`city_id` from `names.wanted_city`), without decoding
    any; ranks stay those of the whole batch."""
    chosen = results
    if city_id is not None:
        chosen = chosen.in_city(city_id)
    if top is not None:
        chosen = chosen[:top]
    return chosen


def complete(compiled: CompiledProfile, rows: list[Row], spill: Spill, shown: Selection) -> None:
    """Give the rows `shown` selects their complete decision records, in place.

    A batch screened for a selection (`BatchOptions.shown`) decided an applicant that a
    requirement shuts out only as far as its place (`Worker.rank_only`): its row has no
    record. The rows the selection will show are the first `top` in row order (rows sort
    as ranking places them, `Row`), found without ranking; theirs are decided completely
    from the model the batch spilled, which is what the worker decided from."""
    wanted: Sequence[int] = range(len(rows))
    if shown.city_id is not None:
        wanted = [i for i in wanted if rows[i].city_id == shown.city_id]
    for i in heapq.nsmallest(shown.top, wanted, key=rows.__getitem__):
        row = rows[i]
        if row.record or row.spilled:
            continue
        d = decide(compiled, spill.applicant(row), source_path=spill.source_of(row))
        key = keys.encode(d.sort_key) if d.eligible else keys.str_bytes(d.applicant_id)
        made = Row.make(
            d.eligible, key, d.city_id, d.applicant_id, row.span, d.group, record.encode(d),
            d.is_provisional,
        )  # fmt: skip
        assert made.sort_key[: len(key) + 1] == row[: len(key) + 1], d.applicant_id
        rows[i] = made
