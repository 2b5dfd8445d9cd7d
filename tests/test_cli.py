"""The CLI end to end on the shipped samples: exit codes, formats, golden reports."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.criteria.loading import list_profiles
from dealerscreen.problems import ExitCode
from dealerscreen.screening import load_criteria
from tests.conftest import ROOT, CliResult

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


def test_unknown_profile_exits_3(cli: Cli) -> None:
    result = cli("screen", "samples/applicants", "--criteria", "no-such-profile")
    assert result.exit_code == ExitCode.FATAL, result
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
    golden("screen-samples.txt", cli("screen", "samples/applicants").stdout)


def test_golden_screen_json(cli: Cli, golden: Callable[[str, str], None]) -> None:
    golden("screen-samples.json", cli("screen", "samples/applicants", "--format", "json").stdout)


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
    result = cli("explain", f"samples/applicants/{name}", "--among", "samples/applicants")
    assert result.exit_code == 0, result
    golden(f"explain-{Path(name).stem}.txt", result.stdout)


def test_explain_alone_and_among_agree_on_points(cli: Cli) -> None:
    alone = cli("explain", f"samples/applicants/{EXPLAINED[0]}").stdout
    among = cli(
        "explain", f"samples/applicants/{EXPLAINED[0]}", "--among", "samples/applicants"
    ).stdout
    points = [ln for ln in alone.splitlines() if ln.startswith("Points:")]
    assert points and points == [ln for ln in among.splitlines() if ln.startswith("Points:")]
