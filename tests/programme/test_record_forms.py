"""A record holds decisions in two forms: those stored before the decision record was
stored as plain data are the json report's per-applicant record, words and all; those
stored since are plain data (decide/plain.py). Both are read alike: `programme check`
finds every seal and digest intact, `status` and `history` read their columns, `export`
writes each record's text as stored, and a later screening decides the same."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from dealerscreen.models.clock import combined_digest
from dealerscreen.programme import chain, storing
from tests.conftest import ROOT
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


def test_a_run_keeps_the_criteria_its_records_are_read_with(made: Made) -> None:
    """A stored record holds no words: its run keeps the text of each criteria file it
    was decided by (the profile and its reference lists), whose digests make the run's
    criteria digest; the export writes them a file to a row, apart from the run's detail."""
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("screen", "-f", "json", "--as-of", AS_OF).exit_code in (0, 1)
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    (run,) = [r for r in exported["runs"] if r["kind"] == "screen"]
    detail = json.loads(run["detail"])
    assert "criteria" not in detail  # apart: a file to a row
    texts = {c["path"]: c for c in exported["criteria"] if c["run"] == run["id"]}
    assert "xiaomi-2s-2024.yaml" in texts and len(texts) > 1  # the profile, and its lists
    for path, c in texts.items():
        assert hashlib.sha256(c["text"].encode("utf-8")).hexdigest() == c["sha256"]
        assert (ROOT / "criteria" / path).read_text(encoding="utf-8") == c["text"]
    digests = {path: c["sha256"] for path, c in texts.items()}
    assert combined_digest(digests) == detail["criteria_digest"]
    assert set(detail["reads"]["criteria"]) == {
        crit_id for d in exported["decisions"] for crit_id in json.loads(d["record"])["criteria"]
    }
