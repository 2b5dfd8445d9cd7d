"""`screen --top N` decides an applicant it will not show only as far as its place.

A batch for a selection (`BatchOptions.shown`) decides a shut-out applicant with the
what-if trials' stop-early path (its row holds no record) and completes, from the model it
spilled, the records of the rows the selection shows. The selection's results must be the
first N of the full report's, each complete: same ranks, same words, same order of the
whole batch, no applicant lost or counted twice; over batches with ties (twins: the same
facts under another id), shut-out applicants, a city, one process and two.
"""

from __future__ import annotations

import random
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.batch.results import Results
from dealerscreen.batch.run import BatchOptions, Selection
from dealerscreen.batch.screening import load_criteria, screen, select
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.words.explain import explain_lines
from tests.conftest import ROOT
from tests.strategies import applicant_batches, batch_folder

PROFILES = sorted(p.stem for p in (ROOT / "criteria").glob("*.yaml"))


@cache
def compiled(profile: str) -> CompiledProfile:
    return load_criteria(str(ROOT / "criteria" / f"{profile}.yaml"))


def _synth() -> Any:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return synth


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, 80 synthetic applicants (most shut out) and 16 twins of them."""
    folder = tmp_path_factory.mktemp("top") / "batch"
    shutil.copytree(ROOT / "samples" / "applicants", folder)
    synth, rng = _synth(), random.Random(11)
    texts = [synth.applicant_yaml(i, rng) for i in range(80)]
    for i, text in enumerate(texts):
        (folder / f"syn-{i:03d}.yaml").write_text(text, encoding="utf-8")
    for i in range(0, 80, 5):  # the same facts under another id: ties on every key
        twin = texts[i].replace(f"applicant_id: SYN-{i:07d}", f"applicant_id: TWIN-{i:07d}")
        assert twin != texts[i]
        (folder / f"twin-{i:03d}.yaml").write_text(twin, encoding="utf-8")
    return folder


def _same(full: Results, chosen: Results) -> None:
    assert list(chosen) == list(full)
    assert [explain_lines(r) for r in chosen] == [explain_lines(r) for r in full]


@pytest.mark.parametrize(("profile", "jobs"), [*((p, 1) for p in PROFILES), ("xiaomi-2s-2024", 2)])
def test_the_first_n_are_the_full_reports_first_n(batch: Path, profile: str, jobs: int) -> None:
    c = compiled(profile)
    full = screen(c, [str(batch)], options=BatchOptions(jobs=jobs)).results
    cities = sorted({r.city_id for r in full.decisions()})
    eligible = full.eligible_count()
    assert 0 < eligible < len(full) - 40  # shut-out applicants in and past every selection
    for top, city in [
        (1, None),
        (eligible, None),  # the last eligible
        (eligible + 25, None),  # shut-out applicants shown
        (len(full) + 5, None),  # all of them
        (3, cities[0]),
        (len(full), cities[-1]),
    ]:
        options = BatchOptions(jobs=jobs, shown=Selection(top, city))
        chosen = screen(c, [str(batch)], options=options).results
        # the whole batch in the same order: none lost, none counted twice
        assert chosen.ids() == full.ids()
        assert chosen.eligible_count() == eligible
        _same(select(full, city, top), select(chosen, city, top))


def test_an_applicant_not_shown_is_decided_only_as_far_as_its_place(batch: Path) -> None:
    """The point of the selection: a shut-out applicant's row past the first N holds no
    record (it was not decided completely), every row shown holds its complete one."""
    c = compiled("xiaomi-2s-2024")
    full = screen(c, [str(batch)]).results
    top = full.eligible_count() + 5
    chosen = screen(c, [str(batch)], options=BatchOptions(shown=Selection(top))).results
    rows = [chosen.row_at(i) for i in range(len(chosen))]
    assert all(row.record for row in rows[:top])
    assert all(row.record for row in rows if row.eligible)
    not_shown = rows[top:]
    assert not_shown and not any(row.record or row.spilled for row in not_shown)
    # a full batch's: in the row, or an ineligible applicant's in the spill (`Row.spilled`)
    assert all(full.row_at(i).record or full.row_at(i).spilled for i in range(len(full)))


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=applicant_batches(max_size=8), top=st.integers(1, 12), data=st.data())
def test_any_selection_is_the_full_reports_first_rows(
    tmp_path: Path, items: list[dict[str, Any]], top: int, data: st.DataObject
) -> None:
    folder = batch_folder(tmp_path, items)
    c = compiled("xiaomi-2s-2024")
    full = screen(c, [str(folder)]).results
    city = data.draw(st.sampled_from([None, *sorted({r.city_id for r in full.decisions()})]))
    chosen = screen(c, [str(folder)], options=BatchOptions(shown=Selection(top, city))).results
    assert chosen.ids() == full.ids()
    _same(select(full, city, top), select(chosen, city, top))


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html", "xlsx"])
def test_every_report_of_top_n_says_what_it_says_from_complete_records(
    cli: Any, batch: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command asks for the selection (100: 78 eligible, then shut-out applicants)
    where the report reads only the rows selected (and the eligible): its bytes are those
    of a run that decides every applicant completely. xlsx lists every ineligible applicant of a city with its reason: it must
    not ask (a row without a record would stop it)."""
    from dealerscreen.batch import screening

    asked: list[Selection] = []
    complete = screening.complete

    def spy(c: CompiledProfile, rows: Any, spill: Any, shown: Selection) -> None:
        asked.append(shown)
        complete(c, rows, spill, shown)

    monkeypatch.setattr(screening, "complete", spy)
    args = ["screen", str(batch), "--top", "100", "--no-cache", "-f", fmt]
    fast = cli(*args, "-o", str(tmp_path / "fast"))
    assert fast.exit_code == 0, fast
    assert asked == ([] if fmt == "xlsx" else [Selection(100, None)])
    monkeypatch.setattr("dealerscreen.cli.app.selecting", lambda options, *_: options)
    slow = cli(*args, "-o", str(tmp_path / "slow"))
    assert slow.exit_code == 0, slow
    assert (tmp_path / "fast").read_bytes() == (tmp_path / "slow").read_bytes()
    assert len(asked) == (0 if fmt == "xlsx" else 1)
