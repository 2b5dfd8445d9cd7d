"""`programme round`: a next round, a programme folder of its own under the next phase's
criteria, whose first intake is the runners-up the round before leaves."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dealerscreen.programme.db import driver_url
from tests.programme.helpers import SAMPLES, Made, fresh_database

NEXT = "xiaomi-2s-2025-expansion"
TIE = "XM24-SUZ-002"  # a runner-up, moved to shortlisted by an approved override


def test_a_next_round_carries_the_runners_up(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES), ("screen", "-f", "json"))
    assert (
        made.run("override", TIE, "--to", "shortlisted", "--reason", "tie", "--by", "Li").exit_code
        == 0
    )
    assert made.run("approve", "3", "--by", "Wang").exit_code == 0
    before = json.loads(made.run("status", "-f", "json", "--all").stdout)["applicants"]
    reserve = sorted(a["applicant_id"] for a in before if a["shown"] == "reserve")
    assert reserve and TIE not in reserve
    into = tmp_path / "phase2"
    out = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", str(into)
    )
    assert out.exit_code == 0, out
    config = yaml.safe_load((into / "programme.yaml").read_text(encoding="utf-8"))
    assert config["criteria"] == NEXT and config["round"] == 2
    assert (into / config["previous"]).resolve() == made.folder.resolve()
    if made.db is None:  # SQLite in its folder, as this round's
        assert "database" not in config and (into / "record.sqlite").is_file()
    else:  # a database of its own on the same server, named after this one's
        mine, nxt_db = make_url(made.db), make_url(config["database"])
        assert nxt_db.database == f"{mine.database}_round2"
        server = ("drivername", "username", "host", "port")
        assert [getattr(nxt_db, k) for k in server] == [getattr(mine, k) for k in server]
        assert not (into / "record.sqlite").exists()
    nxt = made._cli
    record = json.loads(nxt("programme", "export", "-p", str(into)).stdout)
    carried = sorted(s["applicant_id"] for s in record["submissions"])
    assert carried == reserve
    old = json.loads(made.run("programme", "export").stdout)
    latest = {s["applicant_id"]: s["digest"] for s in old["submissions"] if s["valid"]}
    assert all(s["digest"] == latest[s["applicant_id"]] for s in record["submissions"])
    closed = [a for a in old["acts"] if a["kind"] == "round"]
    assert [a["detail"]["carried"] for a in closed] == [reserve]
    assert made.run("programme", "check").exit_code == 0
    assert nxt("programme", "check", "-p", str(into)).exit_code == 0
    assert nxt("screen", "-p", str(into), "-f", "json").exit_code in (0, 1)
    again = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", str(into)
    )
    assert again.exit_code == 2 and "already exists" in again.stderr, again


def test_a_round_needs_a_screened_programme_and_an_outcome(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES))
    into = str(tmp_path / "next")
    early = made.run("programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", into)
    assert early.exit_code == 2 and "screen it" in early.stderr, early
    assert made.run("screen", "-f", "json").exit_code == 0
    wrong = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "runner-up", "--into", into
    )
    assert wrong.exit_code == 2 and "not an outcome" in wrong.stderr, wrong
    assert not Path(into).exists()


def _round(made: Made, into: Path, *more: str) -> tuple[int, str]:
    out = made.run(
        "programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", str(into), *more
    )
    return out.exit_code, out.stderr


def _on_postgresql(made: Made) -> str:
    if made.db is None:
        pytest.skip("a round's database on a PostgreSQL server (PROGRAMME_DB)")
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("screen", "-f", "json").exit_code == 0
    return made.db


def test_a_round_is_never_written_into_a_database_that_holds_tables(
    made: Made, tmp_path: Path
) -> None:
    db = _on_postgresql(made)
    taken = make_url(db).set(database=f"{make_url(db).database}_round2")
    admin = create_engine(driver_url(db), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{taken.database}"'))
    admin.dispose()
    other = create_engine(driver_url(taken.render_as_string(hide_password=False)))
    with other.begin() as conn:
        conn.execute(text("CREATE TABLE someone_elses (x int)"))
    other.dispose()
    code, said = _round(made, tmp_path / "next")
    assert code == 2 and "holds tables already" in said and "--into-db URL" in said, said
    assert not (tmp_path / "next").exists()
    empty = fresh_database("postgresql", tmp_path)
    assert empty is not None
    code, said = _round(made, tmp_path / "next", "--into-db", empty)
    assert code == 0, said
    config = yaml.safe_load((tmp_path / "next" / "programme.yaml").read_text(encoding="utf-8"))
    assert config["database"] == empty
    assert made._cli("programme", "check", "-p", str(tmp_path / "next")).exit_code == 0


def test_a_round_whose_database_cannot_be_made_names_what_to_give(
    made: Made, tmp_path: Path
) -> None:
    db = _on_postgresql(made)
    role = f"r_{uuid.uuid4().hex[:12]}"  # may read and write this record, not make databases
    admin = create_engine(driver_url(db), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN NOCREATEDB'))
        conn.execute(text(f'GRANT ALL ON ALL TABLES IN SCHEMA public TO "{role}"'))
        conn.execute(text(f'GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{role}"'))
    admin.dispose()
    as_role = make_url(db).set(username=role).render_as_string(hide_password=False)
    into = tmp_path / "next"
    out = made._cli(
        "programme", "round", "--criteria", NEXT, "--carry", "reserve", "--into", str(into),
        "-p", str(made.folder), "--db", as_role,
    )  # fmt: skip
    assert out.exit_code == 3, out
    wanted = f"cannot make the next round's database {make_url(db).database}_round2"
    assert wanted in out.stderr and "--into-db URL" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and not into.exists()
