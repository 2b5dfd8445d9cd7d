"""`screen -p` stores each decision as its report reads it (programme/storing.py): the
team's view the report shows is read before the rows are written, from the ranked rows
(`Storing.decided`), and must be the one the record holds once they are; a screening
stored between another's reading and writing moves the other's rows to the next ids."""

from __future__ import annotations

import json
from typing import Any

import pytest

from dealerscreen.cli.inputs import batch_options, load_compiled, run_time
from dealerscreen.cli.options import DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_SIZE
from dealerscreen.cli.programme_cmds import screen_programme
from dealerscreen.programme import queries
from dealerscreen.programme.record import open_programme
from dealerscreen.programme.schema import decisions, submissions
from tests.programme.helpers import SAMPLES, Made

AS_OF = "2030-03-01"
WAITS = "XM24-SUZ-002"  # overridden, not approved
LATE = "XM24-SUZ-005"  # asked for a fact, due before the date screened
UNKNOWN_CITY = "tests/cases/applicants-invalid/unknown-city.yaml"  # valid, with a warning


def _screened(made: Made) -> tuple[dict[str, dict[str, Any]], Any]:
    """A `screen -p` as the command makes it, its decisions not stored yet: the team's
    view given to its report, and what stores them."""
    compiled = load_compiled("xiaomi-2s-2024", "en")
    options = batch_options(1, None, None, True, DEFAULT_MAX_SIZE, None, DEFAULT_MAX_BATCH_SIZE)
    run, acts, _, store = screen_programme(str(made.folder), made.db, compiled, options, AS_OF)
    assert len(run.results) > 10
    return acts, store


def _stored_view(made: Made) -> dict[str, dict[str, Any]]:
    prog = open_programme(str(made.folder), made.db)
    try:
        with prog.engine.connect() as conn:
            return queries.team_view(conn, prog.config, run_time(AS_OF))
    finally:
        prog.close()


def test_the_team_view_a_report_shows_is_the_one_the_record_holds(made: Made) -> None:
    """Every applicant's standing (its computed outcome, city, provisional flag and the
    facts evidence is wanted for, the flags made of them) before the rows are written
    equals the standing read from the record after: the first screening, and a second
    one after acts whose flags read the decision. Among the applicants, one whose city
    no entry of the list names (its id and name are its text)."""
    made.replay(("intake", SAMPLES), ("intake", UNKNOWN_CITY))
    for acted in (False, True):
        if acted:
            assert (
                made.run(
                    "override", WAITS, "--to", "reserve", "--reason", "due diligence"
                ).exit_code
                == 0
            )
            assert (
                made.run("request", LATE, "site.building_area_sqm", "--due", "2030-01-31").exit_code
                == 0
            )
        shown, store = _screened(made)
        store()
        stored = _stored_view(made)
        assert shown == stored
    flags = {f["flag"] for s in stored.values() for f in s["flags"]}
    assert flags >= {"provisional", "request-overdue"}, flags
    assert any(s["wanted"] for s in stored.values()) and any(s["city_zh"] for s in stored.values())
    assert {s["computed"] for s in stored.values()} == {"shortlisted", "reserve", "not-eligible"}
    assert (stored["XM24-WARN-CITY"]["city"], stored["XM24-WARN-CITY"]["city_zh"]) == (
        "Suzhuo",
        None,
    )


def test_a_screening_stored_meanwhile_moves_the_rows_to_the_next_ids(made: Made) -> None:
    """Two screenings read (their ids taken as the record stood) before either is stored:
    the second stored first keeps its ids, the first takes the next and is sealed anew,
    and `programme check` finds the record whole."""
    made.replay(("intake", SAMPLES))
    _, first = _screened(made)
    _, second = _screened(made)
    second()
    first()
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    runs = [r["id"] for r in exported["runs"] if r["kind"] == "screen"]
    ids = sorted(d["id"] for d in exported["decisions"])
    assert len(runs) == 2 and ids == list(range(ids[0], ids[0] + len(ids)))
    by_run = {r: [d["id"] for d in exported["decisions"] if d["run_id"] == r] for r in runs}
    assert len(by_run[runs[0]]) == len(by_run[runs[1]]) == len(ids) // 2
    assert made.run("programme", "check").exit_code == 0


def test_a_report_that_fails_still_stores_its_decisions_a_stopped_one_does_not(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The decisions are written after the report (README): when the report fails, they
    are stored all the same, sealed and whole; when the user stops the run (Ctrl-C or
    SIGTERM end it as SystemExit: cli/signals.py), the record stays as it was."""
    made.replay(("intake", SAMPLES))
    applicants = made.count(submissions, submissions.c.valid)

    def broken(*_: Any) -> None:
        raise RuntimeError("the report broke")

    monkeypatch.setattr("dealerscreen.cli.app.emit_report", broken)
    with pytest.raises(RuntimeError, match="the report broke"):
        made.run("screen", "-f", "json")
    assert made.acts().count("screen") == 1 and made.count(decisions) == applicants
    assert made.run("programme", "check").exit_code == 0

    def stopped(*_: Any) -> None:
        raise SystemExit(130)

    monkeypatch.setattr("dealerscreen.cli.app.emit_report", stopped)
    assert made.run("screen", "-f", "json").exit_code == 130  # the runner's own catch
    assert made.acts().count("screen") == 1 and made.count(decisions) == applicants
