"""A report is made from plain data (`RunData`), not from the run that produced it.

The run's data is made once by the caller (`ScreenRun.data()`); the applicant files in it
stay a stream, read only by a report that lists or fingerprints them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

import pytest

from dealerscreen.batch.rundata import RunData
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.reporters.csv_report import CsvReporter
from dealerscreen.reporters.html_report import HtmlReporter
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.reporters.json_report import JsonReporter
from dealerscreen.reporters.markdown import MarkdownReporter
from dealerscreen.reporters.table import TableReporter
from tests.conftest import ROOT

AT = "2024-01-02T00:00:00Z"
TEXT_REPORTERS = [JsonReporter, TableReporter, MarkdownReporter, HtmlReporter, CsvReporter]


@functools.cache
def _run() -> ScreenRun:
    # the samples, the invalid ones and one of them again: problems and a skipped file too
    paths = [str(ROOT / "samples" / x) for x in ("invalid/empty.yaml", "applicants", "invalid")]
    return screen(load_criteria("xiaomi-2s-2024"), paths)


def _by_hand(run: ScreenRun) -> RunData:
    """The same facts as `run.data()`, written out as plain values."""
    files = dict(run.applicant_files())
    return RunData(
        compiled=run.compiled,
        results=run.results,
        counts=dict(run.counts()),
        problems=list(run.intake.problems),
        skipped=list(run.intake.skipped),
        illustrative_lists=sorted(
            r.id for r in run.compiled.loaded.references.values() if r.illustrative
        ),
        verification_files={},
        applicant_files=lambda: iter(files.items()),
    )


@pytest.mark.parametrize("reporter", TEXT_REPORTERS, ids=lambda r: r.__name__)
def test_a_report_from_data_alone_is_the_report_of_the_run(reporter: type[Reporter]) -> None:
    run = _run()
    assert run.intake.problems and run.intake.skipped and run.results  # all to show
    made = reporter().render(View(run.data(), run.results[:5], generated_at=AT))
    alone = reporter().render(View(_by_hand(run), run.results[:5], generated_at=AT))
    assert alone == made


def test_the_run_data_reads_no_applicant_file_list(monkeypatch: pytest.MonkeyPatch) -> None:
    """Making the data does not list the applicant files (100,000 paths for a batch):
    only a report that shows or fingerprints them reads the stream, once."""
    run = _run()
    reads: list[str] = []
    intake = type(run.intake)
    for name in ("files", "sorted_files"):
        real = getattr(intake, name, None)
        if real is not None:

            def counting(self: object, real: object = real, name: str = name) -> object:
                reads.append(name)
                return real(self)  # type: ignore[operator]

            monkeypatch.setattr(intake, name, counting)
    data = run.data()
    assert reads == []
    streamed: list[int] = []

    def files() -> Iterator[tuple[str, str | None]]:
        streamed.append(1)
        yield from data.applicant_files()

    counted = View(RunData(**{**vars(data), "applicant_files": files}), run.results[:20])
    assert streamed == []
    TableReporter().render(counted)  # the manifest line's fingerprint
    assert len(streamed) == 1
