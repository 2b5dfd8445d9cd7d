"""What `screen -p` pays to store its decisions (#23's scale): each decision is put into
words once, for the record and the report together, not once for each."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from dealerscreen.batch import results
from dealerscreen.decide.engine import explain
from tests.programme.helpers import SAMPLES, Made


def _explained(made: Made, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[Counter[str], str]:
    """How often each applicant was put into words by `screen -p` and its report; and
    the report."""
    assert made.run("intake", SAMPLES).exit_code == 0
    counted: Counter[str] = Counter()

    def counting(compiled: Any, decision: Any) -> Any:
        found = explain(compiled, decision)
        counted[found.applicant_id] += 1
        return found

    monkeypatch.setattr(results, "explain", counting)
    # the batch's own memory of recent rows smaller than the samples, as 512 is than 2,000
    monkeypatch.setattr(results, "RECENT", 2)
    screened = made.run("screen", "--no-cache", "-j", "1", *args)
    assert screened.exit_code in (0, 1), screened
    return counted, screened.stdout


@pytest.mark.parametrize("form", ["table", "json"])
def test_each_decision_is_put_into_words_once_to_store_and_report_it(
    made: Made, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    counted, _ = _explained(made, monkeypatch, "-f", form)
    assert len(counted) > 2 * results.RECENT
    assert set(counted.values()) == {1}, counted


def test_past_the_kept_ones_the_report_explains_the_rest_again(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory is bounded (`REMEMBERED_MAX` explained decisions, about 20 KB each): those the
    report reads first, from the top of the ranking, are the ones kept."""
    monkeypatch.setattr(results, "REMEMBERED_MAX", 5)
    counted, said = _explained(made, monkeypatch, "-f", "json")
    ranked = [r["applicant_id"] for r in json.loads(said)["results"]]
    assert [counted[i] for i in ranked[:5]] == [1] * 5
    assert all(counted[i] == 2 for i in ranked[5:]), counted
