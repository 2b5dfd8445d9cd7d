"""A record holds decisions in two forms: those stored before the decision record was
stored as plain data are the json report's per-applicant record, words and all; those
stored since are plain data (decide/plain.py). Both are read alike: `programme check`
finds every seal and digest intact, `status` and `history` read their columns, `export`
writes each record's text as stored, and a later screening decides the same."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dealerscreen.programme import chain, storing
from tests.programme.helpers import SAMPLES, Made

AS_OF = "2030-03-01"


def _as_before(self: storing.Storing, i: int) -> tuple[dict[str, Any], bytes]:
    """A decision's record as the versions before stored it: the json report's record
    of the result (its words in English), with the submission's source and the
    programme's review flags, as orjson's text."""
    from dealerscreen.reporters.json_report import result_record

    record = result_record(self.run.results[i])
    mine = self.chosen[record["applicant_id"]]
    record["source"] = mine.source
    if mine.applicant_id in self.flags:
        record["review_flags"] = [*record["review_flags"], *self.flags[mine.applicant_id]]
    return record, chain.record_json(record).encode("utf-8")


def test_records_of_either_form_are_checked_exported_and_read_alike(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    with monkeypatch.context() as m:
        m.setattr(storing.Storing, "_record", _as_before)
        older = made.run("screen", "-f", "json", "--as-of", AS_OF)
    assert older.exit_code in (0, 1), older
    status = made.run("status", "-f", "json", "--as-of", AS_OF)
    assert status.exit_code == 0, status
    newer = made.run("screen", "-f", "json", "--as-of", AS_OF)
    assert newer.exit_code in (0, 1), newer
    assert newer.stdout == older.stdout  # the report does not depend on the store
    assert made.run("programme", "check").exit_code == 0
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    by_run: dict[int, list[dict[str, Any]]] = {}
    for d in exported["decisions"]:
        assert chain.sha256(d["record"]) == d["digest"]
        by_run.setdefault(d["run_id"], []).append(json.loads(d["record"]))
    first, second = (by_run[k] for k in sorted(by_run))
    assert all("schema" not in r and "reason" in r for r in first)  # the report's, in words
    assert all(r["schema"] == "dealerscreen.decision/1" and "reason" not in r for r in second)
    # the same decisions, told by the fields both forms hold
    same = ("applicant_id", "eligible", "tier", "rank", "shortlisted", "total", "review_flags")
    assert [{k: r[k] for k in same} for r in first] == [{k: r[k] for k in same} for r in second]
    assert [d["outcome"] for d in exported["decisions"] if d["run_id"] == min(by_run)] == [
        d["outcome"] for d in exported["decisions"] if d["run_id"] == max(by_run)
    ]
    again = made.run("status", "-f", "json", "--as-of", AS_OF)
    assert again.exit_code == 0 and json.loads(status.stdout)["applicants"]
    assert again.stdout == status.stdout  # read off the columns, whichever the form
    trail = json.loads(made.run("history", first[0]["applicant_id"], "-f", "json").stdout)
    decided = [e for e in trail if e["event"] == "decision"]
    assert [e["run"] for e in decided] == sorted(by_run)
    assert len({e["outcome"] for e in decided}) == 1
