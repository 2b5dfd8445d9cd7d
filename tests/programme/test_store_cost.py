"""What `screen -p` pays to store its decisions (#23's scale): each decision is put into
words once, for the record and the report together, not once for each, however large the
batch (programme/storing.py: the rows are made from the results the report reads)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
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
def test_storing_puts_no_decision_into_words_the_report_does_not(
    made: Made, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    """Storing adds nothing to what the report puts into words: the report's reading
    makes each stored row; the rows it did not read (`--top 3`) are made, once, when
    the rows are written. Only the records the run's dictionary is made of, made
    before the report reads any, may be put into words once more (16 or so, whatever
    the batch's size). Before, past the decisions a batch keeps explained (2,000), each
    was explained to store it and again to report it."""
    assert made.run("intake", SAMPLES).exit_code == 0
    reported = _explained(made, monkeypatch, False, *args)
    sampled: set[str] = set()  # the dictionary's records: made first, read again later
    take = storing.sampled

    def sampling(n: int, text_at: Callable[[int], str]) -> list[str]:
        def seen(i: int) -> str:
            text = text_at(i)
            sampled.add(json.loads(text)["applicant_id"])
            return text

        return take(n, seen)

    monkeypatch.setattr(storing, "sampled", sampling)
    stored = _explained(made, monkeypatch, True, *args)
    assert len(stored) > 4 * results.RECENT and len(sampled) < len(stored) / 2
    extra = {k: stored[k] - max(1, reported[k]) for k in stored}  # what storing added
    assert {k: n for k, n in extra.items() if n} == {k: 1 for k in sampled if extra[k]}
    assert set(extra.values()) <= {0, 1}, (stored, reported, sampled)
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    assert sorted(d["applicant_id"] for d in exported["decisions"]) == sorted(stored)
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
