"""Reports: every format on the shipped samples, in both languages, reproducible to the byte."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from rich.cells import cell_len

from dealerscreen.models.choices import BINARY_FORMATS
from dealerscreen.models.problems import ExitCode
from dealerscreen.reporters import REPORTERS, BinaryReporter, Format, Reporter
from dealerscreen.reporters.csv_report import neutralise
from dealerscreen.reporters.html_script import TABLE_SCRIPT
from dealerscreen.words.labels import CATALOGUES, LANGS
from tests.conftest import CHECKS, ROOT, CliResult

Cli = Callable[..., CliResult]
Golden = Callable[[str, str], None]
SAMPLES = ROOT / "samples" / "applicants"
SAMPLE_FILES = sorted(str(p.relative_to(ROOT)) for p in SAMPLES.iterdir() if p.suffix != ".md")
EXT = {"table": "txt", "json": "json", "csv": "csv", "markdown": "md", "html": "html"}
# xlsx: tests/test_xlsx.py; sarif: the problems, not a report (tests/test_sarif.py)
TEXT_FORMATS = [f.value for f in Format if f not in BINARY_FORMATS and f is not Format.sarif]


REPORTS = [f for f in Format if f is not Format.sarif]  # sarif: the problems, not a report


def test_every_format_maps_to_a_reporter() -> None:
    assert set(REPORTERS) == set(REPORTS)
    for fmt, cls in REPORTERS.items():
        expected = BinaryReporter if fmt in BINARY_FORMATS else Reporter
        assert issubclass(cls, expected), fmt
    assert set(EXT) == set(TEXT_FORMATS)


def test_catalogues_have_the_same_keys_and_placeholders() -> None:
    def fields(text: str) -> set[str]:
        return set(re.findall(r"{(\w+)}", text))

    en = CATALOGUES["en"]
    for lang in LANGS:
        cat = CATALOGUES[lang]
        assert set(cat) == set(en), lang
        for key, text in cat.items():
            assert fields(text) == fields(en[key]), (lang, key)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_golden_every_format_both_languages(cli: Cli, golden: Golden, fmt: str, lang: str) -> None:
    result = cli("screen", "samples/applicants", "--format", fmt, "--lang", lang, *CHECKS)
    assert result.exit_code == 0, result
    name = f"report-{lang}.{EXT[fmt]}"
    if lang == "en" and fmt in ("table", "json"):
        name = f"screen-samples.{EXT[fmt]}"  # the same report test_cli.py already pins
    golden(name, result.stdout)


@pytest.mark.parametrize("lang", LANGS)
def test_golden_by_city(cli: Cli, golden: Golden, lang: str) -> None:
    result = cli("screen", "samples/applicants", "--by-city", "--lang", lang, *CHECKS)
    assert result.exit_code == 0, result
    golden(f"by-city-{lang}.txt", result.stdout)


@pytest.mark.parametrize("lang", LANGS)
def test_golden_sensitivity(cli: Cli, golden: Golden, lang: str) -> None:
    result = cli("sensitivity", "samples/applicants", "--lang", lang, *CHECKS)
    assert result.exit_code == 0, result
    golden(f"sensitivity-{lang}.txt", result.stdout)


def test_golden_explain_in_chinese(cli: Cli, golden: Golden) -> None:
    result = cli(
        "explain",
        "samples/applicants/suzhou-taihu-jiarui.yaml",
        "--among",
        "samples/applicants",
        "--lang",
        "zh",
        *CHECKS,
    )
    assert result.exit_code == 0, result
    golden("explain-zh-suzhou-taihu-jiarui.txt", result.stdout)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_same_inputs_same_bytes_whatever_the_order(cli: Cli, fmt: str) -> None:
    forward = cli("screen", *SAMPLE_FILES, "--format", fmt)
    again = cli("screen", *SAMPLE_FILES, "--format", fmt)
    backward = cli("screen", *reversed(SAMPLE_FILES), "--format", fmt)
    assert forward.exit_code == 0, forward
    assert forward.stdout == again.stdout
    assert forward.stdout == backward.stdout, f"{fmt}: output depends on argument order"


def test_problems_are_listed_in_the_same_order_whatever_the_argument_order(cli: Cli) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "samples" / "invalid").glob("*.*"))
    files = [f for f in files if not f.endswith(".md")]
    forward = cli("screen", *files, "--format", "json")
    backward = cli("screen", *reversed(files), "--format", "json")
    assert forward.exit_code == ExitCode.INVALID_INPUT, forward
    assert forward.stdout == backward.stdout
    assert forward.stderr == backward.stderr


def test_manifest_names_every_input_with_its_sha256(cli: Cli) -> None:
    data = json.loads(cli("screen", "samples/applicants", "--format", "json").stdout)
    manifest = data["manifest"]
    assert manifest["generated_at"] == "2024-01-02T00:00:00Z"  # SOURCE_DATE_EPOCH
    assert manifest["version"] and manifest["profile"]["id"] == "xiaomi-2s-2024"
    files = manifest["applicant_files"]
    assert len(files) == len(SAMPLE_FILES)
    for path, sha in files.items():
        assert sha == hashlib.sha256((ROOT / path).read_bytes()).hexdigest()
    for path, sha in manifest["criteria_files"].items():
        assert sha == hashlib.sha256((ROOT / "criteria" / path).read_bytes()).hexdigest()


def test_as_of_wins_over_source_date_epoch(cli: Cli) -> None:
    out = cli("screen", "samples/applicants", "-f", "json", "--as-of", "2024-03-28T09:30:00+08:00")
    assert json.loads(out.stdout)["manifest"]["generated_at"] == "2024-03-28T01:30:00Z"


@pytest.mark.parametrize(
    ("args", "env"),
    [(("--as-of", "yesterday"), None), ((), "not-a-number")],
)
def test_a_bad_time_is_a_usage_error(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], env: str | None
) -> None:
    if env is not None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", env)
    result = cli("screen", "samples/applicants", *args)
    assert result.exit_code == ExitCode.USAGE, result


def test_unknown_language_is_a_usage_error(cli: Cli) -> None:
    assert cli("screen", "samples/applicants", "--lang", "fr").exit_code == ExitCode.USAGE


def test_by_city_is_a_table_view_only(cli: Cli) -> None:
    result = cli("screen", "samples/applicants", "--by-city", "-f", "json")
    assert result.exit_code == ExitCode.USAGE, result


# --- csv --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_neutralises_formula_starts(value: str) -> None:
    assert neutralise(value) == "'" + value


def _hostile(tmp_path: Path, name: str, **changes: object) -> Path:
    data = yaml.safe_load((SAMPLES / "suzhou-taihu-jiarui.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_csv_is_flat_and_safe_in_a_spreadsheet(cli: Cli, tmp_path: Path) -> None:
    _hostile(tmp_path, "a.yaml", applicant_id="EVIL-1", legal_name='=HYPERLINK("x","y")')
    _hostile(tmp_path, "b.yaml", applicant_id="EVIL-2", legal_name="@cmd", chinese_name="-2+3")
    result = cli("screen", str(tmp_path), "--format", "csv")
    assert result.exit_code == 0, result
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["applicant_id"] for r in rows] == ["EVIL-1", "EVIL-2"]
    assert rows[0]["legal_name"] == '\'=HYPERLINK("x","y")'
    assert rows[1]["legal_name"] == "'@cmd" and rows[1]["chinese_name"] == "'-2+3"
    for row in rows:
        assert all(not v.startswith(("=", "+", "-", "@")) for v in row.values())


def test_csv_has_one_row_per_applicant_and_a_column_per_criterion(cli: Cli) -> None:
    rows = list(
        csv.DictReader(io.StringIO(cli("screen", "samples/applicants", "-f", "csv").stdout))
    )
    assert len(rows) == len(SAMPLE_FILES)
    points = [k for k in rows[0] if k.startswith("points:")]
    assert len(points) == 12
    for row in rows:
        if row["eligible"] == "true":
            total = sum(float(row[k]) for k in points)
            assert total == pytest.approx(float(row["score"]))
        else:
            assert row["failed_gates"] and not row["rank"]


# --- markdown and html --------------------------------------------------------------------


def test_markdown_escapes_table_cells(cli: Cli, tmp_path: Path) -> None:
    _hostile(tmp_path, "a.yaml", applicant_id="PIPE-1", legal_name="A | B <b>Co</b>")
    out = cli("screen", str(tmp_path), "-f", "markdown").stdout
    assert "A \\| B &lt;b&gt;Co&lt;/b&gt;" in out and "<b>" not in out


EXTERNAL = re.compile(r"https?:|//[a-z0-9]|<script|<link|<iframe|<img|@import|url\(|src=", re.I)


@pytest.mark.parametrize("lang", LANGS)
def test_html_is_self_contained_and_complete(cli: Cli, lang: str) -> None:
    page = cli("screen", "samples/applicants", "-f", "html", "--lang", lang).stdout
    # One inline script (print, sort, filter): no source, no network.
    assert page.count("<script") == 1 and TABLE_SCRIPT in page
    assert not EXTERNAL.search(page.replace(TABLE_SCRIPT, "")), EXTERNAL.search(page)
    data = json.loads(cli("screen", "samples/applicants", "-f", "json").stdout)
    for r in data["results"]:
        assert f'id="a-{r["applicant_id"]}"' in page
    for city in data["cities"]:
        assert f'id="city-{city["id"]}"' in page
    assert page.count("<svg") == 1 + sum(r["shortlisted"] for r in data["results"])
    for section in ("coverage", "tiers", "ranked", "cities", "charts", "sensitivity", "manifest"):
        assert f'<section id="{section}">' in page


def test_html_escapes_everything_from_a_file(cli: Cli, tmp_path: Path) -> None:
    _hostile(
        tmp_path,
        "a.yaml",
        applicant_id="XSS-1",
        legal_name="<script>alert(1)</script>",
        chinese_name='"><img src=x>',
    )
    page = cli("screen", str(tmp_path), "-f", "html").stdout.replace(TABLE_SCRIPT, "")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- per-city view ------------------------------------------------------------------------


def test_coverage_flags_come_first(cli: Cli) -> None:
    files = [
        "samples/applicants/chongqing-bashu-jinhong.yaml",  # Chongqing: quota 2, one eligible
        "samples/applicants/suzhou-jiangnan-huatong.yaml",
    ]
    data = json.loads(cli("screen", *files, "-f", "json").stdout)
    flags = [c["flag"] for c in data["cities"]]
    assert flags == sorted(flags, key=lambda f: {"no-eligible": 0, "under-quota": 1, None: 2}[f])
    by_id = {c["id"]: c for c in data["cities"]}
    assert by_id["chongqing"]["flag"] == "under-quota"
    assert by_id["suzhou"]["flag"] is None and by_id["xian"]["flag"] == "no-eligible"
    table = cli("screen", *files, "--by-city").stdout
    assert "! Chongqing: 1 eligible for a quota of 2" in table
    assert table.index("Xi'an: no eligible applicant") < table.index("Suzhou — quota 1")


def test_a_group_in_several_cities_is_marked_in_each(cli: Cli) -> None:
    data = json.loads(cli("screen", "samples/applicants", "-f", "json").stdout)
    # Jiangnan Huatong applies in Suzhou (English group name) and Wuxi (Chinese alias).
    assert data["multi_city_groups"]["XM24-SUZ-001"] == ["wuxi"]
    assert data["multi_city_groups"]["XM24-WUX-001"] == ["suzhou"]
    table = cli("screen", "samples/applicants", "--by-city").stdout
    assert "◆ also applies in Wuxi" in table and "◆ also applies in Suzhou" in table


# --- terminal: CJK widths -----------------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("--by-city",)])
def test_chinese_tables_line_up_in_the_terminal(cli: Cli, args: tuple[str, ...]) -> None:
    out = cli("screen", "samples/applicants", "--lang", "zh", *args).stdout
    lines = out.splitlines()
    if args:  # boxed tables, one per city
        table_lines = [ln for ln in lines if ln and ln[0] in "┏┃┡│└"]
        is_table = [bool(ln) and ln[0] in "┏┃┡│└" for ln in lines]
    else:  # the ranked table: from its heading row to the legend, no vertical rules
        start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("排名"))
        end = next(i for i, ln in enumerate(lines) if ln.startswith("城市排名："))
        table_lines = [ln for ln in lines[start:end] if ln.strip()]
        is_table = [start <= i < end and bool(ln.strip()) for i, ln in enumerate(lines)]
    assert any("苏州" in ln for ln in table_lines)
    # Every line of one table has the same width in terminal cells (CJK counts as 2).
    blocks: list[list[str]] = [[]]
    for ln, inside in zip(lines, is_table, strict=True):
        if inside:
            blocks[-1].append(ln)
        elif blocks[-1]:
            blocks.append([])
    for block in filter(None, blocks):
        widths = {cell_len(ln) for ln in block}
        assert len(widths) == 1 and widths.pop() <= 120, block[:3]
    if not args:  # a column starts at the same cell on every row
        head = table_lines[0]
        at = cell_len(head[: head.index("城市")])
        # a row's first line: a rank, then the id (a reason may name another applicant)
        rows = [ln for ln in table_lines[2:] if re.match(r"\s*(\d+|-)\s+XM24-", ln)]
        assert rows and all(
            cell_len(ln[: ln.index("XM24-")]) == cell_len(rows[0][: rows[0].index("XM24-")])
            for ln in rows
        )
        assert at > 0


def test_csv_bom_for_excel(cli: Cli, tmp_path: Path) -> None:
    plain = cli("screen", "samples/applicants", "-f", "csv", "--lang", "zh")
    marked = cli("screen", "samples/applicants", "-f", "csv", "--lang", "zh", "--bom")
    assert marked.exit_code == 0, marked
    assert not plain.stdout.startswith("\ufeff")
    assert marked.stdout == "\ufeff" + plain.stdout
    out = tmp_path / "r.csv"
    assert cli("screen", "samples/applicants", "-f", "csv", "--bom", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfrank,applicant_id,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["rank"] == "1"  # the header is read as it is, not as '\ufeffrank'


def test_bom_is_for_csv_only(cli: Cli) -> None:
    result = cli("screen", "samples/applicants", "-f", "json", "--bom")
    assert result.exit_code == ExitCode.USAGE, result


# --- terminal ------------------------------------------------------------------------------


def test_warnings_are_counted_and_quiet_leaves_them_out(cli: Cli) -> None:
    loud = cli("screen", "samples/applicants", "--top", "1")
    assert loud.exit_code == 0, loud
    warnings = [ln for ln in loud.stderr.splitlines() if "[warning]" in ln]
    assert len(warnings) == 2
    assert loud.stderr.splitlines()[-1].endswith("0 skipped, 2 warning(s)")
    quiet = cli("screen", "samples/applicants", "--top", "1", "--quiet")
    assert "[warning]" not in quiet.stderr
    assert quiet.stderr.splitlines() == [loud.stderr.splitlines()[-1]]
    zh = cli("screen", "samples/applicants", "--top", "1", "-q", "--lang", "zh")
    assert zh.stderr.strip().endswith("跳过 0 个，警告 2 条")


def test_errors_stay_when_quiet(cli: Cli) -> None:
    result = cli("screen", "samples/invalid", "--quiet")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "[error]" in result.stderr


def test_the_table_uses_the_terminal_width_and_shows_names_whole(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "Suzhou Jiangnan Huatong Xinyue Automobile Sales & Service Co., Ltd."
    monkeypatch.setenv("COLUMNS", "200")
    wide = cli("screen", "samples/applicants", "--top", "3").stdout
    assert name in wide and max(map(cell_len, wide.splitlines())) <= 200
    assert "City rank" in wide and "shortlisted" in wide and "City #" not in wide
    monkeypatch.setenv("COLUMNS", "80")
    narrow = cli("screen", "samples/applicants", "--top", "3").stdout
    assert max(map(cell_len, narrow.splitlines())) <= 80
    assert "…" not in narrow  # wrapped over lines, never cut
    words = " ".join(narrow.split())
    for word in name.split():
        assert word in words


def test_width_is_read_from_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from dealerscreen.cli import writing

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(os, "get_terminal_size", lambda *a: os.terminal_size((93, 40)))
    assert writing.width() == 93


def test_html_sensitivity_names_applicants_not_ids(cli: Cli) -> None:
    page = cli("screen", "samples/applicants", "-f", "html").stdout
    section = page[page.index('<section id="sensitivity">') :]
    section = section[: section.index("</section>")]
    assert "enters the shortlist" in section and "leaves it" in section
    assert not re.search(r"[+-]XM24-", section)  # not "nanjing: +XM24-NKG-002 -XM24-NKG-001"
    assert "Nanjing:" in section


def test_html_prints_every_explanation_and_fits_a_narrow_screen(cli: Cli) -> None:
    page = cli("screen", "samples/applicants", "-f", "html").stdout
    assert "beforeprint" in page and "details::details-content" in page
    assert "minmax(min(440px,100%),1fr)" in page  # city cards: one column at 400 px
    assert "@media (max-width:640px)" in page
