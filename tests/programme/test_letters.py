"""`letters -p`: a programme's letters written and each one recorded in the chain; with
--unsent only those whose decision or kind of letter changed since the last one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from sqlalchemy import update

from dealerscreen.programme.schema import acts
from tests.englishcheck import english_runs
from tests.programme.helpers import SAMPLES, Made
from tests.test_chinese_throughout import NAMES  # the inputs' own names and words

TIE = "XM24-SUZ-002"  # a runner-up the team can move to shortlisted


def _letter_acts(made: Made) -> list[dict[str, object]]:
    record = json.loads(made.run("programme", "export").stdout)
    return [a for a in record["acts"] if a["kind"] == "letter"]


def test_letters_of_a_programme_are_written_and_recorded(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES))
    out = tmp_path / "letters"
    wrote = made.run("letters", "-o", str(out))
    assert wrote.exit_code in (0, 1), wrote
    files = sorted(out.iterdir())
    recorded = _letter_acts(made)
    assert files and len(recorded) == len(files)
    decisions = json.loads(made.run("programme", "export").stdout)["decisions"]
    by_id = {d["id"]: d for d in decisions}
    for act in recorded:
        detail = act["detail"]
        assert isinstance(detail, dict)
        path = Path(str(detail["path"]))
        assert path.parent == out and path.stem == act["applicant_id"]
        assert detail["digest"] == hashlib.sha256(path.read_bytes()).hexdigest()
        told = by_id[detail["decision"]]
        assert told["applicant_id"] == act["applicant_id"]
        assert (told["outcome"], told["run_id"]) == (detail["outcome"], detail["run"])
    history = made.run("history", TIE)
    assert "letter runner-up (reserve) sha256" in history.stdout, history
    assert made.run("programme", "check").exit_code == 0


def test_unsent_writes_only_the_letters_whose_decision_changed(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES))
    first = tmp_path / "first"
    assert made.run("letters", "-o", str(first)).exit_code in (0, 1)
    n = len(_letter_acts(made))
    again = tmp_path / "again"
    said = made.run("letters", "-o", str(again), "--unsent")
    assert not again.exists() or not list(again.iterdir()), said
    assert len(_letter_acts(made)) == n
    source = Path(SAMPLES) / "suzhou-taihu-jiarui.yaml"  # TIE, resubmitted: no repairs now
    resubmitted = tmp_path / source.name
    text = source.read_text(encoding="utf-8")
    resubmitted.write_text(
        text.replace("mechanical_repair: true", "mechanical_repair: false"), "utf-8"
    )
    assert made.run("intake", str(resubmitted)).exit_code == 0
    later = tmp_path / "later"
    assert made.run("letters", "-o", str(later), "--unsent").exit_code in (0, 1)
    recorded = _letter_acts(made)
    new, old = recorded[n:], {a["applicant_id"]: a["detail"] for a in recorded[:n]}
    assert TIE in {a["applicant_id"] for a in new}
    assert sorted(p.stem for p in later.iterdir()) == sorted(str(a["applicant_id"]) for a in new)
    for act in new:
        before, now = old[act["applicant_id"]], act["detail"]
        assert isinstance(before, dict) and isinstance(now, dict)
        assert (before["outcome"], before["kind"]) != (now["outcome"], now["kind"])
    assert len(new) < n


def test_a_hand_edited_letter_is_found_by_check(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES))
    assert made.run("letters", "-o", str(tmp_path / "l")).exit_code in (0, 1)
    engine = made.engine()
    with engine.begin() as conn:
        conn.execute(update(acts).where(acts.c.kind == "letter").values(payload="{}"))
    engine.dispose()
    found = made.run("programme", "check")
    assert found.exit_code == 1 and "(letter)" in found.stderr, found


def test_unsent_needs_a_programme_and_a_programme_no_path(made: Made, tmp_path: Path) -> None:
    out = made._cli("letters", SAMPLES, "-o", str(tmp_path / "l"), "--unsent")
    assert out.exit_code == 2 and "-p DIR" in out.stderr, out
    both = made.run("letters", SAMPLES, "-o", str(tmp_path / "l"))
    assert both.exit_code == 2 and "not both" in both.stderr, both


def test_letters_of_a_programme_in_chinese(made: Made, tmp_path: Path) -> None:
    made.replay(("intake", SAMPLES))
    folder = tmp_path / "信函"
    wrote = made.run("letters", "-o", str(folder), "--lang", "zh")
    assert "封信函已写入" in wrote.stderr, wrote
    history = made.run("history", TIE, "--lang", "zh").stdout
    assert "信函 候补（备选）" in history, history
    names = NAMES | {made.folder.name, str(folder)}
    lines = [x for x in history.splitlines() if "信函" in x.split("sha256")[0]]
    assert lines and english_runs("\n".join(x.split("sha256")[0] for x in lines), names) == []
