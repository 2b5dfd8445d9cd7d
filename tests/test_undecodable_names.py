"""A file name that is not UTF-8 is shown escaped in every format (issue 21 item 13).

Linux names are bytes; a zip made on Windows unpacks GBK names, which Python reads as
lone surrogates and no encoder writes: json, csv, markdown, html and sarif each ended with
UnicodeEncodeError (exit 3) and the workbook's XML was corrupt. Each byte that is not
UTF-8 is shown as its URL escape, the same in every format. The names are made here from
bytes (a repository cannot hold them: some file systems refuse such names).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.models.problems import ExitCode
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
VALID = "苏州.yaml".encode("gbk")  # CB D5 D6 DD: no run of them is UTF-8
INVALID = "错误.yaml".encode("gbk")  # B4 ED CE F3
VALID_SHOWN = "%CB%D5%D6%DD.yaml"
INVALID_SHOWN = "%B4%ED%CE%F3.yaml"
TEXT_FORMATS = ["table", "json", "csv", "markdown", "html", "sarif"]

pytestmark = pytest.mark.skipif(
    sys.platform in ("win32", "darwin"), reason="file names there must be text"
)


@pytest.fixture
def inputs(tmp_path: Path) -> str:
    folder = os.path.join(os.fsencode(tmp_path), b"in")
    os.mkdir(folder)
    sample = ROOT / "samples" / "applicants" / "suzhou-taihu-jiarui.yaml"
    shutil.copyfile(sample, os.path.join(folder, VALID))
    with open(os.path.join(folder, INVALID), "wb") as fh:
        fh.write(b"schema_version: 1\napplicant_id: BAD-NAME\n")  # required fields missing
    return os.fsdecode(folder)


def _check(fmt: str, out: bytes) -> None:
    text = out.decode("utf-8")  # strictly: every byte written is UTF-8
    assert not any("\ud800" <= ch <= "\udfff" for ch in text)
    if fmt == "json":
        report = json.loads(text)
        assert [p["path"][-len(INVALID_SHOWN) :] for p in report["problems"]] == [INVALID_SHOWN] * 3
        (result,) = report["results"]
        assert result["source"].endswith(VALID_SHOWN)
    elif fmt == "sarif":
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(text)["runs"][0]["results"]
        }
        assert [u.rsplit("/", 1)[1] for u in uris] == [INVALID_SHOWN]
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text, newline="")))
        assert any(cell.endswith(VALID_SHOWN) for cell in rows[1])
    elif fmt in ("markdown", "html"):
        assert INVALID_SHOWN in text


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_a_name_that_is_not_utf8_is_shown_escaped(
    cli: Cli, inputs: str, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"report.{fmt}"
    written = cli("screen", inputs, "-f", fmt, "--no-cache", "-o", str(out))
    assert written.exit_code == ExitCode.INVALID_INPUT, written
    _check(fmt, out.read_bytes())
    assert f"{INVALID_SHOWN}:1:1: [error]" in written.stderr, written
    shown = cli("screen", inputs, "-f", fmt, "--no-cache")  # to standard output
    assert shown.exit_code == ExitCode.INVALID_INPUT, shown
    _check(fmt, shown.stdout_bytes)


def test_a_workbook_with_such_a_name_opens(cli: Cli, inputs: str, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "report.xlsx"
    written = cli("screen", inputs, "-f", "xlsx", "--no-cache", "-o", str(out))
    assert written.exit_code == ExitCode.INVALID_INPUT, written
    cells = [
        str(c.value)
        for ws in openpyxl.load_workbook(out)  # a corrupt sheet's XML does not load
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    ]
    assert any(c.endswith(VALID_SHOWN) for c in cells)
    assert any(c.endswith(INVALID_SHOWN) for c in cells)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain.yaml", "plain.yaml"),
        ("苏州.yaml", "苏州.yaml"),
        (os.fsdecode(VALID), VALID_SHOWN),
        ("a\udcffb", "a%FFb"),
        ("lone \ud800", "lone \ufffd"),
    ],
)
def test_undecodable(text: str, shown: str) -> None:
    from dealerscreen.words.safetext import undecodable

    assert undecodable(text) == shown
