"""A programme stores each decision as plain data (decide/plain.py), not put into words: it
must say what the json report says of the same decision (outcome, points, rank, quota
line, what it waits for, why to look again), for every applicant of a run, and its text
must read back as the same numbers and facts (a point or a fact written wrongly is a
silent wrong record)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.decide import plain
from dealerscreen.decide.record import gate_passes
from dealerscreen.reporters.json_report import result_record
from tests.strategies import applicant_batches, batch_folder

SAME = (
    "applicant_id", "legal_name", "chinese_name", "group_name", "city", "eligible", "tier",
    "rank", "city_rank", "city_quota", "shortlisted", "score", "bonus", "total",
    "provisional", "review_flags",
)  # fmt: skip


def _agree(results: Any) -> int:
    """Each result's plain record against its json report record; how many were compared."""
    compiled = results._spill.compiled
    ids = plain.rule_ids(compiled)
    for i in range(len(results)):
        record = plain.plain(results.ranked_at(i), ids)
        stored = json.loads(plain.dumps(record))  # what the record holds, read back
        told = json.loads(json.dumps(result_record(results[i])))
        assert {k: stored[k] for k in SAME} == {k: told[k] for k in SAME}
        assert stored["source"] == told["source"]
        wanted = [{k: v for k, v in w.items() if k != "gate"} for w in stored["evidence_wanted"]]
        assert wanted == told["evidence_wanted"]
        assert [e["fact"] for e in stored["evidence"]] == [e["fact"] for e in told["evidence"]]
        sep, said = stored["separation"], told["separation"]
        assert (sep is None) == (said is None)
        if sep is not None:
            assert {k: v for k, v in said.items() if k != "text"} == sep
        by_id = {g["id"]: g["passed"] for g in told["gates"]}
        for gate, (g, _) in zip(stored["gates"].items(), compiled.gates, strict=True):
            gate_id, (verdict, *_rest) = gate
            assert by_id[gate_id] == gate_passes(g, verdict), gate_id
        points = {c["id"]: c["points"] for c in told["criteria"]}
        for crit_id, (value, *_rest) in stored["criteria"].items():
            if value is not None:  # a missing fact's points are its policy's (the report's)
                assert points[crit_id] == value, crit_id
    return len(results)


def test_every_samples_record_says_what_its_report_says(samples_run: Any) -> None:
    results = samples_run.results
    assert _agree(results) > 30
    records = [plain.plain(results.ranked_at(i), plain.rule_ids(results._spill.compiled))
               for i in range(len(results))]  # fmt: skip
    # the samples reach what the record keeps: ties, waits for documents, inner records
    assert any(r["separation"] and r["separation"]["tie_unbroken"] for r in records)
    assert any(r["evidence_wanted"] for r in records)
    assert any(t[3] for r in records for t in r["gates"].values())


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=applicant_batches(max_size=8))
def test_any_batchs_records_say_what_its_report_says(
    tmp_path: Path, items: list[dict[str, Any]]
) -> None:
    folder = batch_folder(tmp_path, items)
    _agree(screen(load_criteria("xiaomi-2s-2024"), [str(folder)]).results)


@given(
    value=st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.integers(),
        st.dates(),
        st.text(),
    )
)  # fmt: skip
def test_a_fact_is_written_as_the_value_it_is(value: Any) -> None:
    """A fact reads back as itself: an exact decimal as the same number (or, where no
    float holds it exactly, its text), an integer of any
    width (orjson refuses those over 64 bits: the standard encoder writes them), a date as
    its ISO text, any text (a lone surrogate too) as itself."""
    got = json.loads(plain.dumps({"facts": [value]}))["facts"][0]
    if isinstance(value, Decimal):
        assert Decimal(str(got)) == value
        assert isinstance(got, int | float) or len(value.as_tuple().digits) > 15
    elif isinstance(value, date):
        assert got == value.isoformat()
    else:
        assert got == value
