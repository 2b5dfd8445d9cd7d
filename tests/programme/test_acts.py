"""The team's acts: each one's bad input is one located usage error and records nothing;
good input is an act in the chain, and status shows its effect."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text, update

from dealerscreen.programme import chain
from dealerscreen.programme.schema import acts, decisions, runs
from dealerscreen.programme.storing import pack
from tests.programme.helpers import SAMPLES, Made

SUZ = "XM24-SUZ-001"

# (what, argv, the argument named, words of the message)
BAD = [
    ("unknown id", ["note", "NO-SUCH-ID", "hello"], "ID", "no applicant 'NO-SUCH-ID'"),
    (
        "unknown fact",
        ["verify", SUZ, "standing.nope", "--document", "store_list"],
        "FACT",
        "is not a fact",
    ),
    (
        "unknown document",
        ["verify", SUZ, "standing.top100_rank", "--document", "selfie"],
        "--document",
        "not a kind of document",
    ),
    (
        "date in the wrong form",
        [
            "verify",
            SUZ,
            "standing.top100_rank",
            "--document",
            "ranking_certificate",
            "--expires",
            "31/12/2024",
        ],
        "--expires",
        "YYYY-MM-DD",
    ),
    (
        "due date wrong form",
        ["request", SUZ, "site.building_area_sqm", "--due", "tomorrow"],
        "--due",
        "YYYY-MM-DD",
    ),
    (
        "request of unknown fact",
        ["request", SUZ, "site.colour", "--due", "2024-02-01"],
        "FACT",
        "is not a fact",
    ),
    (
        "override without a reason",
        ["override", SUZ, "--to", "reserve"],
        "--reason",
        "needs a reason",
    ),
    (
        "override to an unknown outcome",
        ["override", SUZ, "--to", "maybe", "--reason", "x"],
        "--to",
        "maybe",
    ),
    (
        "illegal stage",
        ["stage", SUZ, "contract"],
        "STAGE",
        "may move to: information-requested, due-diligence",
    ),
    ("unknown stage", ["stage", SUZ, "limbo"], "STAGE", "is not a stage"),
    ("approve a non-override", ["approve", "1"], "ACT", "is not an override"),
    (
        "review of an undeclared criterion",
        ["review", SUZ, "charm=9"],
        "CRITERION=SCORE",
        "reviewer-scored",
    ),
    (
        "review score out of range",
        ["review", SUZ, "site_visit=11"],
        "CRITERION=SCORE",
        "from 0 to 10",
    ),
    ("empty note", ["note", SUZ, "  "], "TEXT", "needs its text"),
    # PostgreSQL keeps at most 200 characters; SQLite would keep more: both refuse it
    ("a name too long", ["note", SUZ, "hi", "--by", "x" * 201], "--by", "at most 200"),
]


@pytest.fixture
def screened(made: Made) -> Made:
    made.replay(("intake", SAMPLES), ("screen", "-f", "json"))
    return made


@pytest.mark.parametrize(("what", "argv", "option", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_one_usage_error_and_records_nothing(
    screened: Made, what: str, argv: list[str], option: str, words: str
) -> None:
    before = screened.count(acts)
    result = screened.run(*argv)
    assert result.exit_code == 2, result
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and option in error[0] and words in error[0], result.stderr
    assert "Traceback" not in result.stderr
    assert screened.count(acts) == before


def _status(made: Made, *extra: str) -> dict[str, dict]:  # type: ignore[type-arg]
    result = made.run("status", "-f", "json", "--all", *extra)
    assert result.exit_code == 0, result
    return {a["applicant_id"]: a for a in json.loads(result.stdout)["applicants"]}


def test_an_override_takes_effect_once_a_second_person_approves(screened: Made) -> None:
    target = "XM24-SUZ-002"
    assert _status(screened)[target]["shown"] == "reserve"
    made = screened.run(
        "override", target, "--to", "shortlisted", "--reason", "tie: runner-up", "--by", "Li"
    )
    assert made.exit_code == 0, made
    seq = made.stderr.split("act ")[1].split(":")[0]
    assert _status(screened)[target]["shown"] == "reserve"
    own = screened.run("approve", seq, "--by", "Li")
    assert own.exit_code == 2 and "a second person" in own.stderr
    assert screened.run("approve", seq, "--by", "Wang").exit_code == 0
    shown = _status(screened)[target]
    assert shown["shown"] == "shortlisted" and shown["override"]["reason"] == "tie: runner-up"
    assert screened.run("approve", seq, "--by", "Zhao").exit_code == 2  # once


def test_a_request_makes_an_ineligible_applicant_await_information(screened: Made) -> None:
    ineligible = next(k for k, v in _status(screened).items() if v["computed"] == "not-eligible")
    assert (
        screened.run(
            "request", ineligible, "site.building_area_sqm", "--due", "2024-02-01"
        ).exit_code
        == 0
    )
    assert _status(screened)[ineligible]["shown"] == "awaiting-information"
    late = _status(screened, "--as-of", "2024-03-01")[ineligible]
    assert late["shown"] == "not-eligible"
    assert any(f["flag"] == "request-overdue" for f in late["flags"])


def test_stages_move_as_the_programme_allows(screened: Made) -> None:
    assert screened.run("stage", SUZ, "due-diligence").exit_code == 0
    assert screened.run("stage", SUZ, "site-visit").exit_code == 0
    assert _status(screened)[SUZ]["stage"] == "site-visit"
    back = screened.run("stage", SUZ, "screen")
    assert back.exit_code == 2 and "letter-of-intent, rejected, withdrawn" in back.stderr


def test_reviews_are_averaged_and_a_wide_spread_flagged(screened: Made) -> None:
    assert screened.run("review", SUZ, "site_visit=9", "interview=7", "--by", "A").exit_code == 0
    assert screened.run("review", SUZ, "site_visit=4", "--by", "B").exit_code == 0
    reviews = _status(screened)[SUZ]
    assert reviews["reviews"]["site_visit"] == {
        "mean": 6.5,
        "reviewers": 2,
        "spread": 5.0,
        "flagged": True,
    }
    assert {"flag": "reviewers-disagree", "criterion": "site_visit", "spread": 5.0} in reviews[
        "flags"
    ]


def _verified_facts(made: Made, applicant: str) -> list[str]:
    record = made.run("screen", "-f", "json")
    assert record.exit_code == 0, record
    return _verified_in(record.stdout, applicant)


def _verified_in(report: str, applicant: str) -> list[str]:
    mine = next(a for a in json.loads(report)["results"] if a["applicant_id"] == applicant)
    return sorted(e["fact"] for e in mine["evidence"] if e["verified"])


def test_a_verification_counts_until_it_expires_and_for_its_value_only(
    screened: Made, tmp_path: Path
) -> None:
    fact = "standing.top100_rank"
    assert fact not in _verified_facts(screened, SUZ)
    ok = screened.run(
        "verify", SUZ, fact, "--document", "ranking_certificate", "--expires", "2024-06-30"
    )
    assert ok.exit_code == 0, ok
    assert fact in _verified_facts(screened, SUZ)
    later = screened.run("screen", "-f", "json", "--as-of", "2024-07-01")
    assert fact not in _verified_in(later.stdout, SUZ)
    # a new submission that changes the fact needs a new check
    changed = tmp_path / "suz.yaml"
    source = Path("samples/applicants/suzhou-jiangnan-huatong.yaml").read_text(encoding="utf-8")
    changed.write_text(source.replace("top100_rank: 2", "top100_rank: 3"), encoding="utf-8")
    assert screened.run("intake", str(changed)).stderr.count("1 changed") == 1
    assert fact not in _verified_facts(screened, SUZ)


def test_check_finds_a_hand_edit_and_names_the_first_bad_act(screened: Made) -> None:
    assert screened.run("note", SUZ, "first").exit_code == 0
    assert screened.run("note", SUZ, "second").exit_code == 0
    ok = screened.run("programme", "check")
    assert ok.exit_code == 0 and "intact" in ok.stderr, ok
    engine = screened.engine()
    with engine.begin() as conn:
        seq = conn.execute(text("SELECT min(seq) FROM acts WHERE kind = 'note'")).scalar_one()
        conn.execute(text("UPDATE acts SET reason = 'rewritten' WHERE seq = :s"), {"s": seq})
    engine.dispose()
    broken = screened.run("programme", "check")
    assert broken.exit_code == 1, broken
    assert f"act {seq} (note): its content does not match its digest" in broken.stderr


def test_check_finds_an_edited_decision(screened: Made) -> None:
    engine = screened.engine()
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE decisions SET outcome = CASE outcome WHEN 'reserve' THEN 'shortlisted' "
                "ELSE 'reserve' END WHERE id = 3"
            )
        )
    engine.dispose()
    broken = screened.run("programme", "check")
    assert broken.exit_code == 1 and "the decisions it recorded were changed" in broken.stderr


# A column status reads in place of the record, edited by hand: the seal of the screen
# act does not cover it, the decision read back against its own record does.
COLUMN_EDITS = {
    "city": "city = 'Hangzhou'",
    "city_zh": "city_zh = '杭州'",
    "provisional": "provisional = NOT provisional",
    "wanted": "wanted = '[\"site.building_area_sqm\"]'",
}


@pytest.mark.parametrize("column", sorted(COLUMN_EDITS))
def test_check_finds_a_decision_column_edited_by_hand(screened: Made, column: str) -> None:
    engine = screened.engine()
    with engine.begin() as conn:
        later = conn.execute(text("SELECT min(id) FROM decisions")).scalar_one() + 2
        edit = text(f"UPDATE decisions SET {COLUMN_EDITS[column]} WHERE id = :d")
        conn.execute(edit, {"d": later})
        mine = text("SELECT applicant_id FROM decisions WHERE id = :d")
        applicant = conn.execute(mine, {"d": later}).scalar_one()
    engine.dispose()
    broken = screened.run("programme", "check")
    assert broken.exit_code == 1, broken
    said = f"decision {later} of {applicant} (run 2): decisions.{column} not what its record says"
    assert said in broken.stderr, broken
    assert "the decisions it recorded were changed" not in broken.stderr  # the chain holds


def test_check_names_a_decision_whose_record_does_not_match_its_digest(screened: Made) -> None:
    engine = screened.engine()
    with engine.begin() as conn:
        row = conn.execute(select(decisions).order_by(decisions.c.id.desc()).limit(1)).one()
        zdict = conn.scalar(select(runs.c.zdict).where(runs.c.id == row.run_id))
        record = json.loads(chain.record_text(row.record, row.record_z, zdict))
        record["eligible"] = not record["eligible"]
        packed = pack(chain.canonical(record), zdict)  # repacked as a tool would: it unpacks
        conn.execute(update(decisions).where(decisions.c.id == row.id).values(record_z=packed))
    engine.dispose()
    broken = screened.run("programme", "check")
    assert broken.exit_code == 1, broken
    said = f"decision {row.id} of {row.applicant_id} (run 2): its record does not match its digest"
    assert said in broken.stderr and "the decisions it recorded were changed" in broken.stderr


ACTING = """
import sys
from dealerscreen.cli.app import app
from typer.testing import CliRunner
where = sys.argv[2:]
for i in range(15):
    r = CliRunner().invoke(app, ["note", "XM24-SUZ-001", f"{sys.argv[1]} {i}", *where])
    assert r.exit_code == 0, r.output
"""


def test_two_people_acting_at_once_lose_no_act(screened: Made) -> None:
    before = screened.count(acts)
    people = [
        subprocess.Popen(
            [sys.executable, "-c", ACTING, who, *screened.where], stderr=subprocess.PIPE, text=True
        )
        for who in ("Li", "Wang")
    ]
    for p in people:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    assert screened.count(acts) == before + 30
    assert screened.run("programme", "check").exit_code == 0


def test_history_and_export(screened: Made) -> None:
    assert screened.run("note", SUZ, "met the GM", "--by", "Zhou").exit_code == 0
    trail = screened.run("history", SUZ, "-f", "json")
    events = [e["event"] for e in json.loads(trail.stdout)]
    assert events == ["submission", "decision", "note"], trail
    assert screened.run("history", "NO-SUCH-ID").exit_code == 2
    whole = json.loads(screened.run("programme", "export").stdout)
    assert (
        len(whole["submissions"]) == screened.count()
        and whole["acts"][-1]["reason"] == "met the GM"
    )


def test_history_says_review_scores_as_a_person_writes_them(screened: Made) -> None:
    made = screened.run("review", SUZ, "site_visit=8", "interview=7.5", "--by", "Li")
    assert made.exit_code == 0, made
    trail = screened.run("history", SUZ).stdout
    assert "Li scored interview 7.5, site_visit 8" in trail, trail
    assert "{" not in trail and "8.0" not in trail, trail


def test_status_names_the_facts_a_provisional_applicant_waits_for(screened: Made) -> None:
    # The stored decision names them under "fact"; status once read "field" and so always
    # said an empty list.
    out = json.loads(screened.run("status", "-f", "json").stdout)
    provisional = [a for a in out["applicants"] if {"flag": "provisional"} in a["flags"]]
    assert provisional, out["applicants"][:2]
    assert all(a["wanted"] for a in provisional), provisional[:2]
