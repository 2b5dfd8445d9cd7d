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


REASON = "runner-up of a tie"


def _override(made: Made, to: str, reason: str, approve: bool = True) -> int:
    """An override of TIE by Li; approved by Wang unless `approve` is False; its act."""
    out = made.run("override", TIE, "--to", to, "--reason", reason, "--by", "Li")
    assert out.exit_code == 0, out
    acts_now = json.loads(made.run("programme", "export").stdout)["acts"]
    seq = int(next(a["act"] for a in reversed(acts_now) if a["kind"] == "override"))
    if approve:
        assert made.run("approve", str(seq), "--by", "Wang").exit_code == 0
    return seq


def _written(made: Made, folder: Path, *more: str) -> list[str]:
    """`letters --unsent` into `folder`: the ids whose letters were written."""
    out = made.run("letters", "-o", str(folder), "--unsent", *more)
    assert out.exit_code in (0, 1), out
    return sorted(p.stem for p in folder.iterdir()) if folder.exists() else []


def test_a_letter_tells_the_override_in_effect(made: Made, tmp_path: Path) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("letters", "-o", str(tmp_path / "first")).exit_code in (0, 1)
    seq = _override(made, "shortlisted", REASON, approve=False)
    assert _written(made, tmp_path / "waiting") == []  # awaiting approval: nothing new
    assert made.run("approve", str(seq), "--by", "Wang").exit_code == 0
    assert _written(made, tmp_path / "approved") == [TIE]
    letter = (tmp_path / "approved" / f"{TIE}.md").read_text(encoding="utf-8")
    assert "has been shortlisted" in letter and "reserve list" not in letter
    assert REASON in letter and "(Li, approved by Wang)" in letter
    told = _letter_acts(made)[-1]
    assert told["applicant_id"] == TIE
    assert told["detail"] == {
        **told["detail"],  # type: ignore[dict-item]
        "kind": "shortlisted",
        "outcome": "shortlisted",
        "computed": "reserve",
        "override": seq,
    }
    status = json.loads(made.run("status", "-f", "json").stdout)["applicants"]
    assert next(a for a in status if a["applicant_id"] == TIE)["shown"] == "shortlisted"
    # corrected back to the computed decision: the letter of that decision is news again
    _override(made, "reserve", "the tie stands after all")
    assert _written(made, tmp_path / "corrected") == [TIE]
    again = (tmp_path / "corrected" / f"{TIE}.md").read_text(encoding="utf-8")
    assert "reserve list" in again and REASON not in again
    last = _letter_acts(made)[-1]["detail"]
    assert isinstance(last, dict)
    assert (last["kind"], last["outcome"], last["computed"]) == ("runner_up", "reserve", "reserve")
    assert made.run("programme", "check").exit_code == 0


def test_a_letter_tells_an_override_in_chinese(made: Made, tmp_path: Path) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("screen", "-f", "json").exit_code == 0
    _override(made, "not-eligible", REASON)
    folder = tmp_path / "zh"
    assert made.run("letters", "-o", str(folder), "--lang", "zh").exit_code in (0, 1)
    letter = (folder / f"{TIE}.md").read_text(encoding="utf-8")
    assert "招募团队决定" in letter and "依据：招募团队的决定（Li 作出，Wang 批准）" in letter
    assert "候补" not in letter
    names = NAMES | {REASON, "Li", "Wang", TIE}
    assert english_runs(letter, names) == []


REJECTED = "XM24-SUZ-005"  # not eligible as computed: an open request makes it "awaiting"
ASKED = ("standing.years_in_region", "standing.stores_in_province")


def test_an_open_request_makes_the_letter_a_request_for_information(
    made: Made, tmp_path: Path
) -> None:
    """The issue: until a request is answered or due, the applicant is awaiting
    information and its letter is a request (补件通知), not a rejection."""
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("letters", "-o", str(tmp_path / "first")).exit_code in (0, 1)
    first = (tmp_path / "first" / f"{REJECTED}.md").read_text(encoding="utf-8")
    assert "request for information" not in first  # a rejection, as computed
    asked = made.run("request", REJECTED, *ASKED, "--due", "2099-01-15", "--by", "Li")
    assert asked.exit_code == 0, asked
    assert _written(made, tmp_path / "asked") == [REJECTED]  # news: the letter changed
    letter = (tmp_path / "asked" / f"{REJECTED}.md").read_text(encoding="utf-8")
    assert "request for information" in letter and "this letter is not a rejection" in letter
    assert "Years in the region, stores in the province." in letter
    assert "by 15 January 2099" in letter
    told = _letter_acts(made)[-1]["detail"]
    assert isinstance(told, dict)
    assert (told["kind"], told["outcome"], told["computed"]) == (
        "request",
        "awaiting-information",
        "not-eligible",
    )
    made.run("letters", "-o", str(tmp_path / "zh"), "--lang", "zh")
    zh = (tmp_path / "zh" / f"{REJECTED}.md").read_text(encoding="utf-8")
    assert "补件通知" in zh and "区域经营年限、省内门店数。" in zh and "2099年1月15日前" in zh
    assert made.run("programme", "check").exit_code == 0


def test_an_override_awaiting_approval_does_not_undo_the_one_in_effect(
    made: Made, tmp_path: Path
) -> None:
    """A newer override still awaiting approval is flagged beside the approved one, and
    takes over only once approved: it used to replace it at once (status, reports and
    letters fell back to the computed decision on a mere proposal)."""
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("letters", "-o", str(tmp_path / "first")).exit_code in (0, 1)
    _override(made, "shortlisted", REASON)  # approved: in effect
    proposal = _override(made, "not-eligible", "due diligence found a lawsuit", approve=False)
    status = json.loads(made.run("status", "-f", "json").stdout)
    mine = next(a for a in status["applicants"] if a["applicant_id"] == TIE)
    assert mine["shown"] == "shortlisted", mine
    assert {"flag": "override-waiting", "act": proposal} in mine["flags"]
    assert TIE in status["waiting"]["overrides_awaiting_approval"]
    assert _written(made, tmp_path / "pending") == [TIE]  # the approved override, told once
    assert "has been shortlisted" in (tmp_path / "pending" / f"{TIE}.md").read_text("utf-8")
    assert made.run("approve", str(proposal), "--by", "Wang").exit_code == 0
    status = json.loads(made.run("status", "-f", "json").stdout)
    mine = next(a for a in status["applicants"] if a["applicant_id"] == TIE)
    assert mine["shown"] == "not-eligible" and not any(
        f["flag"] == "override-waiting" for f in mine["flags"]
    )
