"""A Chinese report, and a Chinese error, hold no English sentence outside identifiers,
file paths and the names taken from the input files (tests/englishcheck.py)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT
from tests.englishcheck import english_runs, without_names

SAMPLES = ROOT / "samples" / "applicants"
INVALID = ROOT / "samples" / "invalid"
ONE = str(SAMPLES / "nanjing-jiangning-yuetong.json")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def names() -> set[str]:
    """Every string of the inputs: applicants' names, cities, brands; the criteria's titles
    and ids (a profile without a Chinese translation keeps its English: data, not ours)."""
    files = [*SAMPLES.iterdir(), *(ROOT / "criteria").glob("*.yaml")]
    files += [*(ROOT / "criteria" / "reference").glob("*.yaml")]
    found: set[str] = set()
    for path in files:  # libyaml's loader: the same strings as yaml.safe_load's, 8x sooner
        found.update(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)))
    return found


NAMES = names()


def _visible_html(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("&#x27;", "'")


def test_the_checker_finds_english() -> None:
    """So that the checks below can fail."""
    assert english_runs("结论：不合格。Decision: not eligible for the city quota.") != []
    assert english_runs("site.building_area_sqm：应大于 0（XM24-NKG-004）") == []
    assert (
        english_runs(
            "Suzhou Taihu Auto Service Co., Ltd. 入围", ["Suzhou Taihu Auto Service Co., Ltd."]
        )
        == []
    )


def _plain_without_names(text: str, names: list[str]) -> str:
    """What without_names does, written the plain (slow) way."""
    for name in sorted(set(names), key=len, reverse=True):
        if name:
            text = re.sub(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", " ", text)
    return text


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ab A A_ _A xA 1A A1 A", ["A"]),
        ("A", ["A"]),
        ("in inside in.x x.in", ["in"]),
        ("x\nin\n", ["in", "x\nin"]),
        ("Suzhou Taihu Co. Suzhou Taihu Co.z", ["Suzhou", "Suzhou Taihu Co.", "Co"]),
        ("a+b (a+b) [x] *", ["a+b", "(a+b)", "[x]", "*", ""]),
        ("南京Nanjing 南京 Nanjing_", ["南京", "Nanjing"]),
    ],
)
def test_names_are_blanked_whole_as_the_plain_pattern_does(text: str, names: list[str]) -> None:
    assert without_names(text, names) == _plain_without_names(text, names)


def test_names_are_blanked_in_a_real_report_as_the_plain_pattern_does(cli) -> None:  # type: ignore[no-untyped-def]
    text = cli("explain", ONE, "--lang", "en").stdout
    fast = without_names(text, NAMES)
    assert fast == _plain_without_names(text, sorted(NAMES)) and fast != text


@pytest.mark.parametrize("fmt", ["table", "json", "markdown", "html", "csv"])
def test_a_chinese_report_has_no_english_sentence(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    def read(text: str) -> str:  # what a reader reads: a json report's strings, a page's text
        if fmt == "json":
            return "\n".join(_strings(json.loads(text)))
        return _visible_html(text) if fmt == "html" else text

    out = cli("screen", str(SAMPLES), "--lang", "zh-CN", "-f", fmt)
    assert english_runs(read(out.stdout) + out.stderr, NAMES) == []
    # and the same check finds English in the English report, read the same way (the
    # json report's whole text, keys and all, was 3.5 times as much to scan)
    english = cli("screen", str(SAMPLES), "--lang", "en", "-f", fmt).stdout
    assert english_runs(read(english), NAMES) != []


def test_a_chinese_explanation_has_no_english_sentence(cli) -> None:  # type: ignore[no-untyped-def]
    for path in sorted(SAMPLES.iterdir())[:12]:
        out = cli("explain", str(path), "--lang", "zh")
        assert english_runs(out.stdout + out.stderr, NAMES) == [], path


def test_chinese_letters_have_no_english_sentence(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("letters", str(SAMPLES), "-o", str(tmp_path), "--lang", "zh")
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir()))
    assert text and english_runs(text + out.stderr, NAMES) == []


def test_chinese_errors_for_bad_applicant_files(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("screen", str(INVALID), "--lang", "zh", "-f", "json")
    assert out.exit_code == 1
    lines = out.stderr.splitlines()
    assert len(lines) >= 8 and all(
        "[错误]" in x or x.startswith("dealerscreen：找到") for x in lines
    ), out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    assert "finance.debt_ratio_pct：应小于或等于 100（实际为 140）（less_than_equal）" in out.stderr


def test_chinese_errors_for_a_bad_criteria_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: profile\nid: x\nversion: 1\ntitle: t\nfoo: [1\n", encoding="utf-8")
    out = cli("screen", ONE, "--lang", "zh", "-c", str(bad))
    assert out.exit_code == 3 and "[错误]" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    bad.write_text("kind: profile\nid: x\nversion: 1\ntitle: t\nfoo: 1\n", encoding="utf-8")
    out = cli("screen", ONE, "--lang", "zh", "-c", str(bad))
    assert "未知字段“foo”" in out.stderr and "缺少必填字段“max_points”" in out.stderr
    assert english_runs(out.stderr, NAMES) == [], out.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--bogus", ONE],
        ["screen", "no-such-file.yaml"],
        ["screen", ONE, "-f", "nope"],
        ["screen", ONE, "--top", "x"],
        ["screen", ONE, "--bom"],
        ["screen", ONE, "-c", "no-such-profile"],
    ],
)
def test_chinese_usage_errors(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    out = cli(*args, "--lang", "zh")
    assert out.exit_code == 2, out
    assert "错误：" in out.stderr and "用法：" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["scren"], "没有这个命令：'scren'。是否指 'screen'？"),
        (["validate", "--strict=3"], "选项 '--strict' 不接受值。"),
        (["schema", "applicant", "extra"], "多余的参数（extra）"),
        (["sensitivity", ONE, "--within", "-1"], "'--within' 的值无效：应大于或等于 0"),
        (["test", "--min-coverage", "x"], "'--min-coverage' 的值无效：应为有效的数字"),
        (["letters", ONE], "缺少选项 '--output-dir' / '-o'。"),
        (["screen", ONE, "-f", "nope"], "不是 “table”、“json”、“csv”"),
    ],
)
def test_chinese_usage_errors_from_their_parts(cli, args: list[str], said: str) -> None:  # type: ignore[no-untyped-def]
    """click's usage errors of every kind the CLI meets (the group's too), worded from the
    exception's parts: the option, the parameter, the value refused and why, the choices."""
    out = cli(*args, "--lang", "zh")
    assert out.exit_code == 2, out
    assert said in out.stderr, out.stderr
    assert english_runs(out.stderr, NAMES) == [], out.stderr


def test_chinese_names_first_and_values_in_words(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("explain", ONE, "--lang", "zh").stdout
    first = out.splitlines()[0]
    assert first.index("南京江宁悦通汽车服务有限公司") < first.index("Nanjing Jiangning")
    assert "城市：南京 Nanjing" in out
    assert "site.tenure = 租赁" in out and "site.district_type = 主流汽车商圈" in out
    assert "leased" not in out and "mainstream_auto_circle" not in out
    assert "据报道（未经核实）" in out and "传闻" not in out
    english = cli("explain", ONE, "--lang", "en").stdout
    assert "City: Nanjing 南京" in english and "site.tenure = leased" in english


# The criteria-as-code commands (validate, test, diff, schema, profiles) and letters' stderr.
CASES = ROOT / "tests" / "cases"
BROKEN_CRITERIA = sorted(
    p for folder in (CASES / "validate", CASES / "criteria-invalid") for p in folder.glob("*.y*ml")
)
CASE_FILES = [*(ROOT / "criteria" / "tests").glob("*.yaml"), *(CASES / "outcomes").glob("*.yaml")]


def _file_strings(paths: list[Path]) -> set[str]:
    """The strings of YAML files (their ids, labels, legal names, the `why` of an accepted
    mutant): words of the input, not of the program."""
    found: set[str] = set()
    for path in paths:
        try:
            found.update(_strings(yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)))
        except yaml.YAMLError:  # a fixture that is broken on purpose
            continue
    return found


@functools.cache
def case_names() -> frozenset[str]:
    """NAMES and the case files' strings: read when a test asks (three do), not at every
    worker's collection; libyaml's loader, as for NAMES."""
    return frozenset(NAMES | _file_strings(CASE_FILES))


def test_chinese_validate_of_the_shipped_criteria(cli) -> None:  # type: ignore[no-untyped-def]
    for args in ([], ["--strict"]):
        out = cli("validate", *args, "--lang", "zh-CN")
        assert out.exit_code == 0, out
        assert out.stdout.startswith("dealerscreen validate：4 个标准，"), out.stdout
        assert english_runs(out.stdout + out.stderr, NAMES) == [], out.stdout
    strict = cli("validate", "--strict", "--lang", "zh").stdout
    assert "（严格模式：警告也算失败）：通过" in strict


def test_the_locale_chooses_chinese_for_validate(cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "个标准" in cli("validate").stdout
    assert "profile(s)" in cli("validate", "--lang", "en").stdout


@pytest.mark.parametrize("path", BROKEN_CRITERIA, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_chinese_validate_of_broken_criteria(cli, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every check's message, and the loader's, in Chinese; ids, fields and paths as written."""
    out = cli("validate", "--strict", str(path), "--lang", "zh")
    lines = out.stdout.splitlines()
    assert lines[-1].startswith("dealerscreen validate：")
    assert all("[错误]" in x or "[警告]" in x for x in lines[:-1]), out.stdout
    names = NAMES | _file_strings([path])
    assert english_runs(out.stdout + out.stderr, names) == [], out.stdout
    if "kind: reference-list" in path.read_text(encoding="utf-8"):
        return  # a list alone: what is wrong with it shows with the profile that uses it
    assert out.exit_code == 1 and lines[:-1] and lines[-1].endswith("未通过"), out
    # the same check finds the English one's words
    english = cli("validate", "--strict", str(path), "--lang", "en").stdout
    assert english_runs(english, names) != [], english


def test_chinese_validate_of_every_broken_criteria_file_at_once(cli) -> None:  # type: ignore[no-untyped-def]
    """Lists with the profiles that use them (unused-entry), extends across files."""
    folders = [str(CASES / "validate"), str(CASES / "criteria-invalid")]
    out = cli("validate", *folders, "--lang", "zh")
    assert out.exit_code == 1 and "（unused-entry）" in out.stdout, out
    names = NAMES | _file_strings(BROKEN_CRITERIA)
    assert english_runs(out.stdout + out.stderr, names) == [], out.stdout
    checks = set(re.findall(r"（([a-z_-]+)）$", out.stdout, re.M))
    assert {"band-gap", "tier-overlap", "basis-missing", "extends-cycle", "unknown-tag"} <= checks


def test_chinese_validate_keeps_machine_formats_english(cli) -> None:  # type: ignore[no-untyped-def]
    bad = str(CASES / "validate" / "tier-overlap.yaml")
    for fmt in ("json", "sarif"):
        assert cli("validate", bad, "-f", fmt, "--lang", "zh").stdout == (
            cli("validate", bad, "-f", fmt, "--lang", "en").stdout
        )


def test_chinese_test_run_passing_and_failing(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("test", "--lang", "zh-CN", "--coverage")
    assert out.exit_code == 0, out
    assert "通过" in out.stdout and "PASS" not in out.stdout
    assert "：通过\n覆盖率 " in out.stdout
    assert english_runs(out.stdout + out.stderr, case_names()) == [], out.stdout
    failing = cli("test", str(CASES / "outcomes"), "--lang", "zh")
    assert failing.exit_code == 1, failing
    text = failing.stdout
    assert "失败  xiaomi-2s-2024::wrong-tier" in text and "tier：预期 A，实际 C" in text
    assert "total：预期至少 60，实际 52.5" in text and "说明：" in text
    assert english_runs(text + failing.stderr, case_names()) == [], text
    assert english_runs(cli("test", str(CASES / "outcomes"), "--lang", "en").stdout, case_names())


def test_chinese_coverage_and_mutation_reports(cli) -> None:  # type: ignore[no-untyped-def]
    partial = str(CASES / "outcomes" / "partial.yaml")
    out = cli("test", partial, "--coverage", "--min-coverage", "90", "--mutate", "--lang", "zh")
    assert out.exit_code == 1, out
    assert "[覆盖率]" in out.stdout and "变异测试 xiaomi-2s-2024" in out.stdout
    assert "dealerscreen test --coverage：最低要求 90.0%：未通过" in out.stdout
    # A mutant's id is how case files name it under `accepted`: an identifier, as written.
    mutants = set(re.findall(r"\[存活(?:，已接受)?\] (.*?)：", out.stdout))
    assert "tiers[3].min_points: 0 → 1" in mutants
    assert english_runs(out.stdout + out.stderr, case_names() | mutants) == [], out.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_a_chinese_diff_has_no_english_sentence(cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    args = ["diff", "--base", "criteria/xiaomi-2s-2024.yaml", "-c"]
    args += ["criteria/xiaomi-2s-2025-expansion.yaml", str(SAMPLES), "-f", fmt]
    out = cli(*args, "--lang", "zh")
    assert "资格变化" in out.stdout and "杭州 Hangzhou" in out.stdout, out.stdout
    assert english_runs(out.stdout + out.stderr, NAMES) == [], out.stdout
    assert english_runs(cli(*args, "--lang", "en").stdout, NAMES) != []


def test_chinese_schema_errors_and_profiles(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = cli("schema", "nope", "--lang", "zh")
    assert out.exit_code == 2 and "用法：" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    out = cli("schema", "applicant", "-o", str(blocked / "x.json"), "--lang", "zh")
    assert out.exit_code == 3 and "dealerscreen：无法写入" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    listing = cli("profiles", "--lang", "zh").stdout
    assert "小米汽车 2S 销售服务合作伙伴招募（首期，2024）" in listing
    assert "Xiaomi EV 2S sales-and-service" in cli("profiles").stdout


def test_chinese_letters_cannot_make_their_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    out = cli("letters", ONE, "-o", str(blocked / "letters"), "--lang", "zh")
    assert out.exit_code == 3, out
    assert "dealerscreen：无法创建" in out.stderr and "不是文件夹" in out.stderr, out.stderr
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    english = cli("letters", ONE, "-o", str(blocked / "letters"), "--lang", "en").stderr
    assert "cannot make" in english and "Not a directory" in english


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["explain", ONE, str(SAMPLES)], 2),  # several paths, no --id
        (["explain", "--id", "NO-SUCH-ID", str(SAMPLES)], 1),
        (["explain", str(ROOT / "samples" / "exports" / "applicants.jsonl")], 2),  # many in one
    ],
)
def test_chinese_explain_errors(cli, args: list[str], code: int) -> None:  # type: ignore[no-untyped-def]
    out = cli(*args, "--lang", "zh")
    assert out.exit_code == code, out
    assert english_runs(out.stderr, NAMES) == [], out.stderr
    english = cli(*args, "--lang", "en")
    assert english.exit_code == code and english_runs(english.stderr, NAMES) != [], english


@pytest.mark.parametrize(
    "args",
    [
        ["screen", ONE, "--max-file-size", "lots"],
        ["screen", ONE, "-c", "xiaomi-2s-2024", "--city", "Atlantis"],
        ["screen", ONE, "-c", "xiaomi-2s-2024", "--city", "Suzou"],  # "did you mean"
    ],
)
def test_chinese_option_errors_made_in_the_core(cli, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    """A size or a city the core refuses: its words from the catalog, in either language."""
    out = cli(*args, "--lang", "zh")
    assert out.exit_code == 2 and "错误：" in out.stderr, out
    assert english_runs(out.stderr, NAMES) == [] and " is not " not in out.stderr, out.stderr
    english = cli(*args, "--lang", "en")
    assert english.exit_code == 2 and english_runs(english.stderr, NAMES) != [], english


def test_chinese_notes_of_the_parse_cache(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """What a run says about its cache (an entry that fails its seal; a key others may
    read) is said in Chinese too."""
    import shutil
    import sqlite3

    from dealerscreen.intake import cachekey
    from dealerscreen.intake.cache import FILE_NAME

    inputs, cache, state = tmp_path / "in", tmp_path / "cache", tmp_path / "state"
    shutil.copytree(SAMPLES, inputs)
    monkeypatch.setenv("DEALERSCREEN_STATE_DIR", str(state))
    run = ["screen", str(inputs), "-f", "json", "--cache-dir", str(cache), "--lang", "zh"]
    assert cli(*run).exit_code == 0
    db = sqlite3.connect(cache / FILE_NAME)
    with db:  # one stored entry damaged: it fails its seal
        k, v = db.execute("SELECT k, v FROM entries LIMIT 1").fetchone()
        db.execute("UPDATE entries SET v = ? WHERE k = ?", (bytes(v)[:-1] + b"!", k))
    db.close()
    damaged = cli(*run)
    assert "条解析缓存与其保存的签名不符" in damaged.stderr, damaged
    (state / cachekey.FILE_NAME).chmod(0o644)
    shared = cli(*run)
    assert "解析缓存的密钥" in shared.stderr, shared
    for out in (damaged, shared):
        assert out.exit_code == 0 and english_runs(out.stderr, NAMES) == [], out.stderr


def _commands() -> list[list[str]]:
    from dealerscreen.cli.helpwords import EN

    places = [key.removeprefix("command.") for key in EN if key.startswith("command.")]
    return [[] if place == "dealerscreen" else place.split(".") for place in places]


@pytest.mark.parametrize("command", _commands(), ids=lambda c: ".".join(c) or "dealerscreen")
def test_chinese_help_of_every_command(
    cli, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """`COMMAND --help` in a Chinese locale (not every command takes --lang): the command's
    help, each argument's and option's, and the words around them (usage, headings,
    default, required) come from the catalogs."""
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    out = cli(*command, "--help")
    assert out.exit_code == 0, out
    assert out.stdout.startswith("用法：") and "选项" in out.stdout, out.stdout
    assert "显示此帮助并退出。" in out.stdout, out.stdout
    assert english_runs(out.stdout, NAMES | _metavars()) == [], out.stdout
    assert "选项：" in out.stdout and "选项:" not in out.stdout, out.stdout  # a Chinese colon
    if command in ([], ["programme"]):  # a group lists its commands, each by its first sentence
        assert "命令：" in out.stdout, out.stdout


@pytest.mark.parametrize("columns", [80, 60])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_fits_the_terminal(monkeypatch: pytest.MonkeyPatch, lang: str, columns: int) -> None:
    """Every command's `--help` keeps within a terminal of 80 or 60 columns in either
    language: a Chinese character takes two columns (rich measures them here, not the
    help's own counting); click counted characters, and Chinese lines ran twice as wide as
    the terminal. click writes to two columns less than the terminal's (typer's test runner
    forces 80: the width is given here as click's context setting)."""
    from rich.cells import cell_len

    from dealerscreen.cli.app import app
    from tests.conftest import OneBuildRunner

    monkeypatch.setenv("LANG", "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8")
    wide = []
    for command in _commands():
        out = OneBuildRunner().invoke(app, [*command, "--help"], terminal_width=columns - 2)
        assert out.exit_code == 0, out.stdout
        lines = out.stdout.splitlines()
        wide += [(command, line) for line in lines if cell_len(line) > columns]
        # nor does a wrapped line begin with closing punctuation (a Chinese line's rule)
        wide += [(command, line) for line in lines if line.lstrip()[:1] in set("，。、；：）")]
    assert wide == [], wide


def test_every_command_takes_lang_as_the_readme_says() -> None:
    """README names every command as taking --lang; each does (`programme export` did not)."""
    from typer.main import get_command

    from dealerscreen.cli.app import app
    from dealerscreen.cli.helpwords import _commands as commands

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    said = re.search(r"Every command takes `--lang`:(.*?)\.\n", readme, re.S)
    assert said, "README no longer says which commands take --lang"
    named = {" ".join(name.split()) for name in re.findall(r"`([a-z][a-z\s]*)`", said[1])}
    built = dict(commands(get_command(app)))
    assert named == {place.replace(".", " ") for place in built}
    for place, command in built.items():
        ctx = command.context_class(command, info_name=place)
        assert any("--lang" in p.opts for p in command.get_params(ctx)), place


@functools.cache  # the command built once, not for each of the help tests that read it
def _metavars() -> frozenset[str]:
    """The placeholders of the usage line and the options (FILE, ID|FILE, N): names."""
    from typer.main import get_command

    from dealerscreen.cli.app import app
    from dealerscreen.cli.helpwords import _commands as commands

    found = {"OPTIONS", "COMMAND", "ARGS"}
    for place, command in commands(get_command(app)):
        ctx = command.context_class(command, info_name=place)
        found.update(str(p.metavar) for p in command.get_params(ctx) if p.metavar)
        found.add("dealerscreen " + place.replace(".", " "))
    return frozenset(found)


def test_help_rows_made_from_an_options_parts_are_typers_in_english() -> None:
    """The Chinese row of an option is written from its parts (default, range, required)
    as typer writes the English one: in English the two are the same, for every option."""
    from typer.main import get_command

    from dealerscreen.cli.app import app
    from dealerscreen.cli.helptext import HelpWords
    from dealerscreen.cli.helpwords import _commands as commands

    english = HelpWords("en")
    checked = 0
    for place, command in commands(get_command(app)):
        ctx = command.context_class(command, info_name=place)
        for param in command.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and param.param_type_name == "option":
                assert english.option(ctx, param, record) == record, (place, param.name)
                checked += 1
    assert checked > 100
