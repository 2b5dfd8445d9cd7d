"""The workbook's Explanations sheet (#24): every decision in words, a row per rule, each row
as tall as its text, checked against the json report of the same run.

The sheet once held a row per applicant with a cell per rule: left to LibreOffice, each row
was one line high and its wrapped text was drawn over the rows below (on screen and in
print). A row's text is measured here on its own terms (words wrapped at the column's
width, a Chinese character two columns wide), not by the writer's own estimate.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from dealerscreen.reporters.celltext import pieces
from dealerscreen.words.labels import Messages
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
HEADER_ROW = 2  # the note, then the header
LINE_POINTS = {False: 15, True: 17}  # a line of 11-point text; with Chinese characters
EXCEL_TALLEST = 409  # points: the tallest row Excel allows
LONG = Path(__file__).parent / "cases" / "reports-hostile" / "long-name.yaml"

# Each run's workbook (bytes) and json report (text), made once per module.
_MADE: dict[tuple[str, ...], tuple[bytes, str]] = {}


def _run(cli: Cli, tmp_path: Path, lang: str, *paths: str) -> tuple[Any, dict[str, Any]]:
    paths = paths or ("samples/applicants",)
    out = tmp_path / f"r-{lang}.xlsx"
    if (lang, *paths) not in _MADE:
        made = cli("screen", *paths, "-f", "xlsx", "-o", str(out), "--lang", lang, "--no-cache")
        assert made.exit_code == 0, made
        report = cli("screen", *paths, "-f", "json", "--lang", lang, "--no-cache").stdout
        _MADE[lang, *paths] = (out.read_bytes(), report)
    workbook, report = _MADE[lang, *paths]
    out.write_bytes(workbook)
    return openpyxl.load_workbook(out), json.loads(report)


def _sheet(wb: Any, lang: str) -> Any:
    return wb[Messages(lang)("xlsx.explanations")]


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _wrapped(text: str, room: int) -> int:
    """Lines `text` takes in a cell `room` columns wide: words kept whole where they fit
    (a Chinese character is a word of its own), a word longer than a line broken."""
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        words: list[str] = []
        for part in paragraph.split(" "):  # each Chinese character a word of its own
            word = ""
            for ch in part:
                if _width(ch) == 2:
                    words += [word, ch] if word else [ch]
                    word = ""
                else:
                    word += ch
            words.append(word + " ")
        for word in words:
            size = sum(map(_width, word.rstrip(" ")))
            if used and used + size > room:
                lines += 1
                used = 0
            while size > room:  # a word wider than the line: broken over lines
                lines += 1
                size -= room
            used += sum(map(_width, word))
    return lines


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_row_is_shorter_than_its_text(cli: Cli, tmp_path: Path, lang: str) -> None:
    """Every text that needs more than one line is in a wrapping cell of a row with a
    height that holds its lines (LibreOffice does not size a row when it opens a file),
    and no row is taller than Excel allows."""
    wb, _ = _run(cli, tmp_path, lang)
    ws = _sheet(wb, lang)
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(ws.max_column)]
    tallest = 0
    for cells in ws.iter_rows(min_row=HEADER_ROW + 1):
        index = cells[0].row
        height = ws.row_dimensions[index].height
        assert height is None or height <= EXCEL_TALLEST, index
        for cell, width in zip(cells, widths, strict=True):
            if not isinstance(cell.value, str):
                continue
            lines = _wrapped(cell.value, int(width))
            if lines == 1:
                continue
            wide = any(_width(ch) == 2 for ch in cell.value)
            assert cell.alignment.wrap_text, (cell.coordinate, cell.value)
            assert height is not None and height >= lines * LINE_POINTS[wide], (
                cell.coordinate,
                lines,
                height,
                cell.value,
            )
            tallest = max(tallest, lines)
    assert tallest >= 3  # the decision of an applicant at its city's quota line, at least


def _told(ws: Any) -> dict[str, list[tuple[str, str | None, str | None, str]]]:
    """Each applicant's rows: (part, rule, result, words), a rule's words told over several
    rows put together again."""
    by_id: dict[str, list[tuple[str, str | None, str | None, str]]] = defaultdict(list)
    for _, at, _, part, rule, result, words in ws.iter_rows(
        min_row=HEADER_ROW + 1, values_only=True
    ):
        rows = by_id[at]
        if rows and rows[-1][:3] == (part, rule, result) and words:
            rows[-1] = (part, rule, result, rows[-1][3] + "\n" + words)
            continue
        rows.append((part, rule, result, words or ""))
    return by_id


def _flat(text: str) -> str:
    """The text without its white space: a piece ends at a line break, after a space or
    (in a word longer than a row) between two characters."""
    return "".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_rule_has_a_row_with_the_words_of_the_json_report(
    cli: Cli, tmp_path: Path, lang: str
) -> None:
    """A row per rule that speaks about the applicant, in order: the decision (its total,
    the quota line), each requirement not met, each criterion's points and words, each
    bonus earned, each advisory not passed, what would change; the words as the json
    report of the same run has them."""
    wb, report = _run(cli, tmp_path, lang)
    msgs = Messages(lang)
    ws = _sheet(wb, lang)
    assert [c.value for c in ws[HEADER_ROW]] == [
        msgs(f"col.{k}") for k in ("rank", "id", "applicant", "part", "rule", "result", "words")
    ]
    told = _told(ws)
    assert list(told) == [r["applicant_id"] for r in report["results"]]  # rank order
    part = {k: msgs(f"part.{k}") for k in ("decision", "gate", "criterion", "bonus")}
    part |= {k: msgs(f"part.{k}") for k in ("advisory", "whatif")}
    not_met, not_stated = msgs("xlsx.not_met"), msgs("xlsx.not_stated")
    for r in report["results"]:
        rows = told[r["applicant_id"]]
        decision, *rules, whatif = rows
        assert decision[0] == part["decision"] and decision[2] == r["total_text"]
        if r["separation"]:
            assert _flat(r["separation"]["text"]) in _flat(decision[3])
        expected: list[tuple[str, str, str | None, str]] = []
        for g in r["gates"]:
            if not g["passed"]:
                expected.append((part["gate"], g["title"], None, g["detail"]))
        for c in r["criteria"]:
            expected.append((part["criterion"], c["title"], None, c["detail"]))
        for b in r["bonuses"]:
            if b["applied"]:
                expected.append((part["bonus"], b["title"], None, b["detail"]))
        for k in r["checks"]:
            if k["passed"] is not True:
                expected.append((part["advisory"], k["title"], None, k["detail"]))
                assert any(
                    _flat(k["message"]) in _flat(w) for _, t, _, w in rules if t == k["title"]
                )
        assert [row[:2] for row in rules] == [e[:2] for e in expected], r["applicant_id"]
        for (kind, _, result, words), (_, _, _, detail) in zip(rules, expected, strict=True):
            assert _flat(detail) in _flat(words), (r["applicant_id"], detail, words)
            if kind in (part["gate"], part["advisory"]):
                assert result in (not_met, not_stated)
        for (_, _, result, _), c in zip(
            (row for row in rules if row[0] == part["criterion"]), r["criteria"], strict=True
        ):
            got, most = str(result).split("/")
            assert (float(got), float(most)) == (c["points"], c["max_points"])
        assert whatif[0] == part["whatif"] and whatif[3]
    # the applicant's name once, on its decision's row
    names = [row[2] for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    assert sum(1 for n in names if n) == len(report["results"])


def test_a_text_taller_than_a_row_goes_on_in_the_next_rows_whole(cli: Cli, tmp_path: Path) -> None:
    """A dealer group's name of 23,700 characters (71 KB), in the words of two advisories,
    is told over as many rows as it takes, each no taller than Excel allows: whole, not cut
    at 32,767 characters (a cell's most) or at the foot of a row."""
    wb, report = _run(cli, tmp_path, "en", str(LONG))
    ws = _sheet(wb, "en")
    heights = [d.height for i, d in ws.row_dimensions.items() if i > HEADER_ROW and d.height]
    assert heights and max(heights) <= EXCEL_TALLEST
    (result,) = report["results"]
    rows = _told(ws)[result["applicant_id"]]
    long = [k for k in result["checks"] if k["passed"] is False and len(k["detail"]) > 20_000]
    assert len(long) == 2
    for k in long:
        (words,) = [w for _, rule, _, w in rows if rule == k["title"]]
        assert _flat(k["detail"]) in _flat(words)
        told_over = [r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
        assert sum(1 for r in told_over if r[4] == k["title"]) > 10


@pytest.mark.parametrize(
    "text",
    [
        "short",
        "a line\n" * 40,
        "word " * 3000,
        "苏州" * 5000,
        "x" * 40_000,
        "\n".join(["para " * 50] * 30),
    ],
)
def test_pieces_are_no_taller_than_a_row_and_lose_nothing(text: str) -> None:
    got = pieces(text, 72)
    assert all(_wrapped(p, 72 - 3) <= EXCEL_TALLEST // 17 for p in got)
    assert _flat(" ".join(got)) == _flat(text)
    assert (got == [text]) == (len(text) < 100)  # a short text is one piece, as it is
