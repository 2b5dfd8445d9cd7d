"""Letters a team can send as they are (#24): the reason that decided, no coaching, a
request for information instead of a rejection, a business register, a sender block."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.models.problems import ExitCode
from dealerscreen.words.letters import LetterKind, kind_of
from tests.conftest import CHECKS, ROOT, CliResult

Cli = Callable[..., CliResult]
SETTINGS = ("--settings", "samples/letters-settings.yaml")
REPAIR_SHOP = "XM24-SUZ-005"  # 1 store, 3 years: no group, no rank stated
NO_WORKSHOP = "XM24-SUZ-006"  # says it has no workshop at the site
NO_PAINT = "XM24-NKG-004"  # says it offers no paint
BLANKS = "XM24-CSX-003"  # left the two 2S-scope answers blank
RUNNER_UP = "XM24-SUZ-002"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from typer.testing import CliRunner

    from dealerscreen.cli.app import app

    out = {}
    for lang in ("en", "zh"):
        folder = tmp_path_factory.mktemp(lang)
        args = ["letters", str(ROOT / "samples" / "applicants"), "-o", str(folder), "--lang", lang]
        args += ["--verifications", str(ROOT / CHECKS[1]), "--as-of", "2024-02-01"]
        args += ["--settings", str(ROOT / SETTINGS[1])]
        result = CliRunner().invoke(app, args, catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        out[lang] = folder
    return out


def read(written: dict[str, Path], lang: str, applicant_id: str) -> str:
    return (written[lang] / f"{applicant_id}.md").read_text(encoding="utf-8")


def test_the_reason_is_the_fact_that_decided(written: dict[str, Path]) -> None:
    """An any-of gate unknown only through alternatives never claimed (a dealer group for a
    repair shop) is decided by the stated facts: 1 store against the team's 3."""
    text = read(written, "en", REPAIR_SHOP)
    assert "does not state the dealer group" not in text
    assert "Your application states stores in the province: 1; years in the region: 3." in text
    zh = read(written, "zh", REPAIR_SHOP)
    assert "未填写所属经销商集团" not in zh and "省内门店数为1；区域经营年限为3" in zh


def test_no_single_change_is_not_followed_by_send_these(written: dict[str, Path]) -> None:
    for path in written["en"].iterdir():
        text = path.read_text(encoding="utf-8")
        if "No single change" in text:
            assert "if you send these" not in text, path.name


def test_explain_says_the_fact_that_decided_once(cli: Cli) -> None:
    out = cli("explain", "--id", REPAIR_SHOP, "samples/applicants", *CHECKS).stdout
    gate = next(line for line in out.splitlines() if "[FAIL] Top-100 dealer group" in line)
    assert "standing.stores_in_province = 1 (needs ≥ 3)" in gate and "group_name" not in gate
    assert "Why: Not stated" not in out
    standing = next(line for line in out.splitlines() if "/25  Dealer-group standing" in line)
    assert standing.count("standing.group_name is missing") == 1, standing
    assert "(missing: zero)" not in standing and "(not stated: scored 0)" in standing


@pytest.mark.parametrize("applicant_id", [NO_WORKSHOP, NO_PAINT])
def test_no_self_declared_answer_is_coached(written: dict[str, Path], applicant_id: str) -> None:
    """Never "if the workshop at the site were yes instead of no": what a 2S store must
    offer, and that a new application with evidence is welcome."""
    text = read(written, "en", applicant_id)
    assert not re.search(r"were (yes|no) instead of", text)
    assert "a new application with supporting evidence is welcome" in text
    assert "A 2S store" in text  # what a 2S store must offer: the requirement's own words
    zh = read(written, "zh", applicant_id)
    assert "（而不是“否”）" not in zh and "欢迎附上证明材料重新提交申请" in zh


def test_advice_names_only_measurable_facts(written: dict[str, Path]) -> None:
    for lang in ("en", "zh"):
        for path in written[lang].iterdir():
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"were (yes|no|[a-z ]+ district|other) instead of", text)
            assert not re.search(r"为“(是|否|其他|核心商圈|主流汽车商圈)”", text), path.name


def test_a_runner_up_hears_only_of_a_change_that_wins_a_place(written: dict[str, Path]) -> None:
    """'If the satisfaction were 95 you would rank in a higher group' changed no place."""
    text = read(written, "en", RUNNER_UP)
    assert "higher group" not in text and "What could change" not in text
    for path in written["en"].iterdir():
        said = path.read_text(encoding="utf-8")
        assert "higher group" not in said
        if "reserve list" in said and "What could change" in said:
            assert "would rank within the places for" in said or "does not state" in said


def test_blank_answers_get_a_request_for_information(written: dict[str, Path]) -> None:
    text = read(written, "en", BLANKS)
    assert "request for information" in text and "this letter is not a rejection" in text
    assert "cannot proceed" not in text
    assert "- Vehicle resale at the store (entry requirement: 2S scope: no vehicle resale)." in text
    assert "by 15 February 2024" in text  # the settings' 14 days from 1 February
    zh = read(written, "zh", BLANKS)
    assert "补件通知" in zh and "本函并非拒绝通知" in zh and "请于2024年2月15日前补充" in zh


def test_the_letter_kind_rule() -> None:
    """A request exactly when every requirement failed for a fact not stated."""
    run = screen(load_criteria("xiaomi-2s-2024"), [str(ROOT / "samples" / "applicants")],
                 options=BatchOptions(jobs=1))  # fmt: skip
    kinds = {r.evaluation.applicant_id: kind_of(r) for r in run.results}
    assert kinds[BLANKS] is LetterKind.request
    assert kinds[REPAIR_SHOP] is LetterKind.rejected and kinds[RUNNER_UP] is LetterKind.runner_up
    for r in run.results:
        failed = r.evaluation.failed_gates
        expected = bool(failed) and all(g.missing for g in failed)
        assert (kinds[r.evaluation.applicant_id] is LetterKind.request) == expected


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_letters_are_in_business_register(written: dict[str, Path], lang: str) -> None:
    for path in written[lang].iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"seed-\d|brief-|team-judgement", text), path.name  # no internal ids
        assert "Channel Development Department (example)" in text or "渠道拓展部（示例）" in text
        if lang == "zh":
            assert "贵方" not in text and "贵公司" in text
            assert "此致  \n敬礼！" in text and "（盖章）" in text
            assert "筛选团队" not in text and "自行确定" not in text
            assert re.search(r"\n北京，2024年2月1日\n$", text), path.name  # dated at the bottom
            assert "签发人：渠道拓展经理 李娜（示例）" in text
        else:
            assert "Yours faithfully," in text and "(Seal)" in text
            assert text.split("\n")[2] == "Beijing, 1 February 2024"
    if lang == "zh":
        refused = read(written, "zh", REPAIR_SHOP)
        assert "依据：招募团队设定的准入要求。" in refused


def test_without_settings_the_sender_block_is_left_to_fill_in(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "l"
    assert cli("letters", "samples/applicants", "-o", str(out), "--lang", "zh").exit_code == 0
    text = (out / f"{RUNNER_UP}.md").read_text(encoding="utf-8")
    assert "签发人：（待填写）" in text and "回复截止日期" not in text  # no date invented


def test_a_bad_settings_file_is_one_located_problem(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "settings.yaml"
    bad.write_text("schema_version: 1\nreply_within_days: soon\nsignatory: Li Na\n", "utf-8")
    result = cli("letters", "samples/applicants", "-o", str(tmp_path / "l"), "--settings", str(bad))
    assert result.exit_code == ExitCode.FATAL, result
    assert f"{bad}:2:" in result.stderr and "reply_within_days" in result.stderr
    assert "Traceback" not in result.stderr
    gone = cli(
        "letters", "samples/applicants", "-o", str(tmp_path / "l"), "--settings", "nope.yaml"
    )
    assert gone.exit_code == ExitCode.USAGE
