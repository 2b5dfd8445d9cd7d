"""What `screen -p` pays to store its decisions (#23's scale): each decision is put into
words once, for the record and the report together, not once for each."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from dealerscreen.batch import results
from dealerscreen.decide.engine import explain
from dealerscreen.programme import decisions
from tests.programme.helpers import SAMPLES, Made


def _explained(
    made: Made, monkeypatch: pytest.MonkeyPatch, *args: str, stored: Counter[str] | None = None
) -> tuple[Counter[str], str]:
    """How often each applicant was put into words by `screen -p` and its report; and
    the report. `stored`: filled with how often each was, once the store was done."""
    assert made.run("intake", SAMPLES).exit_code == 0
    counted: Counter[str] = Counter()
    if stored is not None:
        store = decisions.store

        def storing(*args: Any, **kwargs: Any) -> Any:
            found = store(*args, **kwargs)
            stored.update(counted)
            return found

        monkeypatch.setattr(decisions, "store", storing)

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
    stored: Counter[str] = Counter()
    counted, said = _explained(made, monkeypatch, "-f", "json", stored=stored)
    ranked = [r["applicant_id"] for r in json.loads(said)["results"]]
    reported = {i: counted[i] - stored[i] for i in ranked}  # explained again by the report
    assert [reported[i] for i in ranked[:5]] == [0] * 5
    assert all(reported[i] == 1 for i in ranked[5:]), reported


def test_decisions_are_written_a_chunk_at_a_time_in_id_and_rank_order(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's decisions go to the record a chunk at a time, in id order, which is the
    ranking's (the store makes them from the last ranked to the first), and check finds
    the run's seal intact."""
    from sqlalchemy.engine import Connection
    from sqlalchemy.sql.dml import Insert

    from dealerscreen.programme.schema import decisions as table

    monkeypatch.setattr(decisions, "WRITE_CHUNK", 10)
    written: list[int] = []
    ids: list[int] = []
    execute = Connection.execute

    def counting(self: Connection, statement: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(statement, Insert) and statement.table is table:
            written.append(len(args[0]) if args and isinstance(args[0], list) else 1)
            ids.extend(row["id"] for row in args[0])
        return execute(self, statement, *args, **kwargs)

    monkeypatch.setattr(Connection, "execute", counting)
    assert made.run("intake", SAMPLES).exit_code == 0
    said = made.run("screen", "-f", "json", "--as-of", "2030-01-01")
    assert said.exit_code in (0, 1), said
    ranked = [r["applicant_id"] for r in json.loads(said.stdout)["results"]]
    assert sum(written) == len(ranked) and max(written) <= 10 and len(written) > 1, written
    assert ids == sorted(ids)  # SQLite fills its pages only when ids come in ascending order
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    by_id = [d["applicant_id"] for d in sorted(exported["decisions"], key=lambda d: d["id"])]
    assert by_id == ranked
    assert made.run("programme", "check").exit_code == 0
