"""A large report is written as it is made: no part of it holds more than a section
(one city, one applicant's explanation, one change of a diff), so its memory does not
grow with its length."""

from __future__ import annotations

import json
from pathlib import Path

from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.diff.formats import FORMATS, as_json
from dealerscreen.diff.run import run_diff
from dealerscreen.models.choices import DiffFormat
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.markdown import MarkdownReporter
from tests.test_diff import DEFAULT, SAMPLES, edited_copy


def test_a_markdown_report_is_made_a_section_at_a_time(samples_run: ScreenRun) -> None:
    """At 100,000 applicants the markdown report held every line, their text joined and
    that text encoded, all at once (975 MB). Its parts join to the report as a whole, and
    the largest is a small part of it (the head with the ranked table, at this size)."""
    view = View(samples_run.data(), samples_run.results, generated_at="2024-01-02T00:00:00Z")
    parts = list(MarkdownReporter().render_parts(view))
    whole = "".join(parts)
    assert whole == MarkdownReporter().render(view)
    assert len(parts) > len(samples_run.results)  # an explanation a part, at least
    assert max(map(len, parts)) < len(whole) / 4
    # each applicant's explanation is one part of its own
    for r in samples_run.results:
        heading = f"\n### `{r.evaluation.applicant_id}` "
        assert sum(p.startswith(heading) for p in parts) == 1, r.evaluation.applicant_id


def test_a_json_diff_is_written_a_change_at_a_time(tmp_path: Path) -> None:
    """A weights edit changes nearly every applicant's rank: at 100,000 the changes as one
    dict and one text were most of a diff's memory. The json diff is made a change at a
    time; its parts join to the same text."""
    run = run_diff(str(DEFAULT), str(edited_copy(tmp_path)), [SAMPLES])
    made = FORMATS[DiffFormat.json](run.result, "en")
    assert not isinstance(made, str), "the whole text at once"
    parts = list(made)
    whole = "".join(parts)
    assert whole == as_json(run.result)
    assert json.loads(whole)["counts"]["changed"] == len(run.result.changes) > 10
    assert len(parts) >= len(run.result.changes)
    assert max(map(len, parts)) < len(whole) / 4
