"""What `screen -p` pays to store its decisions (#23's scale): no decision is put into
words to be stored (programme/storing.py stores the decision record as plain data), and
the rows go to the record a chunk at a time."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from dealerscreen.batch import results
from dealerscreen.decide.engine import explain
from dealerscreen.programme import storing
from tests.programme.helpers import SAMPLES, Made


def _explained(
    made: Made, monkeypatch: pytest.MonkeyPatch, programme: bool, *args: str
) -> Counter[str]:
    """How often each applicant was put into words by `screen` and its report: of the
    programme (`screen -p`, storing each decision), or of its files."""
    counted: Counter[str] = Counter()

    def counting(compiled: Any, decision: Any) -> Any:
        found = explain(compiled, decision)
        counted[found.applicant_id] += 1
        return found

    monkeypatch.setattr(results, "explain", counting)
    # the batch's memories smaller than the samples, as 512 and 2,000 are than 100,000
    monkeypatch.setattr(results, "RECENT", 2)
    monkeypatch.setattr(results, "REMEMBERED_MAX", 3)
    if programme:
        screened = made.run("screen", "--no-cache", "-j", "1", *args)
    else:
        screened = made._cli("screen", SAMPLES, "--no-cache", "-j", "1", *args)
    assert screened.exit_code in (0, 1), screened
    return counted


@pytest.mark.parametrize(
    "args", [("-f", "table"), ("-f", "json"), ("-f", "markdown"), ("--top", "3")]
)
def test_storing_puts_no_decision_into_words(
    made: Made, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """Storing puts no decision into words: the stored record is the decision as plain
    data (decide/plain.py). So `screen -p` puts each applicant into words exactly as often
    as the same report of the files does (with `--top 3`, three of them), and still stores
    every decision. Before, storing put into words each decision its report had not (or
    had, but no longer remembered), and the records its dictionary was made of."""
    assert made.run("intake", SAMPLES).exit_code == 0
    reported = _explained(made, monkeypatch, False, *args)
    stored = _explained(made, monkeypatch, True, *args)
    assert stored == reported
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    records = [json.loads(d["record"]) for d in exported["decisions"]]
    assert len(records) > 4 * results.RECENT and len(records) >= len(reported)
    assert {r["schema"] for r in records} == {"dealerscreen.decision/1"}
    assert made.run("programme", "check").exit_code == 0


def test_decisions_are_written_a_chunk_at_a_time_in_id_and_rank_order(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run's decisions go to the record a chunk at a time, in id order, which is the
    ranking's (the store makes them from the last ranked to the first), and check finds
    the run's seal intact."""
    from sqlalchemy.engine import Connection
    from sqlalchemy.sql.dml import Insert

    from dealerscreen.programme.schema import decisions as table

    monkeypatch.setattr(storing, "WRITE_CHUNK", 10)
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
