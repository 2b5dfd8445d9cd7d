"""Each report computes what could change an applicant's decision once per applicant it
shows, however many places show it (what-if is the costliest part of a full report)."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

import pytest

from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.reporters import REPORTERS, BinaryReporter, Format, interface
from dealerscreen.reporters.interface import View
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def run() -> ScreenRun:
    return screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")])


@pytest.mark.parametrize("by_city", [False, True])
@pytest.mark.parametrize("fmt", list(REPORTERS))
def test_each_outlook_is_computed_once(
    run: ScreenRun, fmt: Format, by_city: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    counts: Counter[str] = Counter()
    real = interface.outlook

    def counting(compiled: Any, applicant: Any, ev: Any) -> Any:
        counts[ev.applicant_id] += 1
        return real(compiled, applicant, ev)

    monkeypatch.setattr(interface, "outlook", counting)
    view = View(run.data(), run.results, by_city=by_city, generated_at="2024-01-02T00:00:00Z")
    reporter = REPORTERS[fmt]()
    if isinstance(reporter, BinaryReporter):
        reporter.write(view, io.BytesIO())
    else:
        for _ in reporter.render_parts(view):  # every part made (text or bytes)
            pass
    assert not {aid: n for aid, n in counts.items() if n > 1}
    if fmt in (Format.json, Format.html, Format.markdown, Format.xlsx):
        assert len(counts) == len(run.results)  # these show every applicant's
