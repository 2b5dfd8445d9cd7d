"""The CLI end to end on the shipped samples: exit codes, formats, golden reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.criteria.catalog import list_profiles
from dealerscreen.models.problems import ExitCode
from tests.conftest import CHECKS, ROOT, CliResult

SAMPLES = ROOT / "samples" / "applicants"
INVALID = ROOT / "samples" / "invalid"
Cli = Callable[..., CliResult]


def test_shipped_profiles_are_listed_and_compile() -> None:
    ids = [p.id for p in list_profiles()]
    assert {"xiaomi-2s-2024", "xpeng-jupiter-2023", "nio-partners-2023"} <= set(ids)
    for profile_id in ids:
        load_criteria(profile_id)


def test_profiles_command(cli: Cli) -> None:
    result = cli("profiles")
    assert result.exit_code == 0, result
    assert "xiaomi-2s-2024\t1.0.0\t" in result.stdout


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.exit_code == 0 and result.stdout.startswith("dealerscreen ")


@pytest.mark.parametrize(
    "args",
    [
        ("screen",),  # no path
        ("screen", "samples/applicants", "--format", "yaml"),
        ("screen", "samples/applicants", "--top", "0"),
        ("nonsense",),
    ],
)
def test_usage_errors_exit_2(cli: Cli, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == ExitCode.USAGE, result


def test_unknown_profile_is_a_usage_error(cli: Cli) -> None:
    result = cli("screen", "samples/applicants", "--criteria", "no-such-profile")
    assert result.exit_code == ExitCode.USAGE, result
    assert "no profile 'no-such-profile'" in result.stderr


def test_output_file_may_not_be_an_input(cli: Cli) -> None:
    first = sorted(SAMPLES.glob("*.yaml"))[0]
    result = cli("screen", str(first), "--output", str(first))
    assert result.exit_code == ExitCode.USAGE, result


def test_samples_screen_cleanly(cli: Cli) -> None:
    result = cli("screen", "samples/applicants", "--format", "json")
    assert result.exit_code == ExitCode.OK, result
    data = json.loads(result.stdout)
    files = [p for p in SAMPLES.rglob("*") if p.suffix in (".yaml", ".yml", ".json")]
    assert data["counts"]["screened"] == len(files) >= 40
    assert data["counts"]["invalid"] == 0
    for r in data["results"]:
        assert r["reason"]
        assert len(r["criteria"]) == 12 and all("detail" in c for c in r["criteria"])
        assert (r["tier"] is None) == (not r["eligible"]) == (r["rank"] is None)


def test_invalid_samples_exit_1_with_one_located_line_per_problem(cli: Cli) -> None:
    result = cli("screen", "samples/invalid")
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    assert "Traceback" not in result.stdout + result.stderr
    files = sorted(p for p in INVALID.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    for path in files:
        lines = [
            ln for ln in result.stderr.splitlines() if ln.startswith(f"samples/invalid/{path.name}")
        ]
        assert lines, f"no problem reported for {path.name}\n{result.stderr}"
        assert all("[error]" in ln for ln in lines)


def test_written_output_matches_stdout(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    to_file = cli("screen", "samples/applicants", "--format", "json", "--output", str(out))
    to_stdout = cli("screen", "samples/applicants", "--format", "json")
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout


def test_city_filter_accepts_chinese_names(cli: Cli) -> None:
    zh = json.loads(
        cli("screen", "samples/applicants", "--city", "苏州", "--format", "json").stdout
    )
    en = json.loads(
        cli("screen", "samples/applicants", "--city", "Suzhou", "--format", "json").stdout
    )
    assert zh["results"] == en["results"] and zh["results"]
    assert {r["city"]["id"] for r in zh["results"]} == {"suzhou"}


def test_golden_screen_table(cli: Cli, golden: Callable[[str, str], None]) -> None:
    golden("screen-samples.txt", cli("screen", "samples/applicants", *CHECKS).stdout)


def test_golden_screen_json(cli: Cli, golden: Callable[[str, str], None]) -> None:
    result = cli("screen", "samples/applicants", "--format", "json", *CHECKS)
    golden("screen-samples.json", result.stdout)


@pytest.mark.parametrize("profile", ["xpeng-jupiter-2023", "nio-partners-2023"])
def test_golden_other_profiles(cli: Cli, golden: Callable[[str, str], None], profile: str) -> None:
    golden(f"screen-{profile}.txt", cli("screen", "samples/applicants", "-c", profile).stdout)


EXPLAINED = [
    "suzhou-taihu-jiarui.yaml",  # eligible, a tie in Suzhou broken by standing points
    "nanjing-jiangning-yuetong.json",  # ineligible: no paint shop
    "wuxi-jiangnan-huatong.json",  # Chinese group and brand names
]


@pytest.mark.parametrize("name", EXPLAINED)
def test_golden_explain(cli: Cli, golden: Callable[[str, str], None], name: str) -> None:
    result = cli("explain", f"samples/applicants/{name}", "--among", "samples/applicants", *CHECKS)
    assert result.exit_code == 0, result
    golden(f"explain-{Path(name).stem}.txt", result.stdout)


def test_explain_alone_and_among_agree_on_points(cli: Cli) -> None:
    alone = cli("explain", f"samples/applicants/{EXPLAINED[0]}").stdout
    among = cli(
        "explain", f"samples/applicants/{EXPLAINED[0]}", "--among", "samples/applicants"
    ).stdout
    points = [ln for ln in alone.splitlines() if ln.startswith("Points:")]
    assert points and points == [ln for ln in among.splitlines() if ln.startswith("Points:")]


def test_internal_error_is_one_line_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import dealerscreen.batch.screening as screening
    from dealerscreen.cli.app import main

    def boom(*_: object) -> None:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(screening, "screen", boom)
    monkeypatch.setattr(sys, "argv", ["dealerscreen", "screen", str(SAMPLES)])
    monkeypatch.delenv("DEALERSCREEN_DEBUG", raising=False)
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == ExitCode.FATAL
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: simulated bug" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--version"], 0),
        (["screen"], 2),
        (["screen", "x", "--format", "nope"], 2),
        (["profiles"], 0),
    ],
)
def test_main_maps_outcomes_to_exit_codes(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], code: int
) -> None:
    import sys

    from dealerscreen.cli.app import main

    monkeypatch.setattr(sys, "argv", ["dealerscreen", *argv])
    with pytest.raises(SystemExit) as info:
        main()
    assert info.value.code == code


def test_ctrl_c_exits_130_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import signal
    import sys

    import dealerscreen.batch.screening as screening
    from dealerscreen.cli.app import main

    def interrupt(*_: object) -> None:
        import os
        import signal

        os.kill(os.getpid(), signal.SIGINT)  # a real Ctrl-C, delivered to the handler

    monkeypatch.setattr(screening, "screen", interrupt)
    monkeypatch.setattr(sys, "argv", ["dealerscreen", "screen", str(SAMPLES)])
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as info:
            main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert info.value.code == ExitCode.INTERRUPTED
    assert capsys.readouterr().err.strip() == "dealerscreen: interrupted"


def test_a_users_criteria_folder_works_like_the_shipped_one(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(ROOT / "criteria" / "reference", tmp_path / "reference")
    text = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text(encoding="utf-8")
    own = text.replace("id: xiaomi-2s-2024", "id: my-team-2s", 1)
    (tmp_path / "my-team.yaml").write_text(own, encoding="utf-8")
    monkeypatch.setenv("DEALERSCREEN_CRITERIA_PATH", str(tmp_path))
    assert "my-team-2s\t" in cli("profiles").stdout
    mine = json.loads(cli("screen", "samples/applicants", "-c", "my-team-2s", "-f", "json").stdout)
    shipped = json.loads(cli("screen", "samples/applicants", "-f", "json").stdout)
    assert mine["manifest"]["profile"]["id"] == "my-team-2s"
    assert mine["results"] == shipped["results"]


def test_written_report_gets_the_usual_file_mode(cli: Cli, tmp_path: Path) -> None:
    import os

    out = tmp_path / "report.json"
    old = os.umask(0o022)
    try:
        cli("screen", "samples/applicants", "--format", "json", "--output", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o640)
    cli("screen", "samples/applicants", "--format", "json", "--output", str(out))
    assert out.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("command", ["screen", "sensitivity"])
def test_no_report_command_overwrites_an_input(cli: Cli, command: str) -> None:
    first = sorted(SAMPLES.glob("*.yaml"))[0]
    before = first.read_bytes()
    result = cli(command, str(SAMPLES), "--output", str(first))
    assert result.exit_code == ExitCode.USAGE, result
    assert first.read_bytes() == before


@pytest.mark.parametrize("files", [1, 2])
def test_the_manifest_line_counts_its_files_in_english(cli: Cli, files: int) -> None:
    """ "(1 file)", "(2 files)": the line said "1 files" of a single applicant's file."""
    chosen = sorted(SAMPLES.glob("*.yaml"))[:files]
    out = cli("screen", *map(str, chosen), "-f", "markdown").stdout  # the line unwrapped
    said = "(1 file)" if files == 1 else f"({files} files)"
    assert said in out and "(1 files)" not in out
    zh = cli("screen", *map(str, chosen), "-f", "markdown", "--lang", "zh").stdout
    assert f"（{files} 个）" in zh
