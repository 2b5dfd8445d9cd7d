"""What reading a workbook costs is bounded before openpyxl reads it (issue 21, item 16).

A 1.1 MB XLSX within --max-batch-size held 27.6 million one-letter shared strings: 251 s
and 2.66 GB, as openpyxl keeps each as an object. The workbooks here are written part by
part (tests/xlsx_cases.py `parts_workbook`), as such a file is made; each test asserts
what is said and that openpyxl is never asked, not how long it took.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.intake import xlsxparts
from dealerscreen.intake.mapping import load_mapping
from dealerscreen.intake.tabular import read_table
from dealerscreen.models.problems import Problem
from tests.xlsx_cases import HEADERS, HEADERS_SHARED, parts_workbook, row, shared_strings

MAPPING = Path(__file__).parent / "cases" / "batch-files" / ".mapping.yaml"
HEAD = [h.encode().replace(b"&", b"&amp;") for h in HEADERS]
STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl must not be asked to load the workbook: the refusal comes first."""
    import openpyxl

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("openpyxl was asked to load the workbook")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def screen_file(tmp_path: Path, data: bytes, mapping: bool = True) -> tuple[ScreenRun, str]:
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    options = BatchOptions(mapping=str(MAPPING) if mapping else None)
    run = screen(load_criteria("xiaomi-2s-2024"), [str(path)], options=options)
    counts = run.counts()
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    return run, str(path)


def only_problem(run: ScreenRun) -> Problem:
    (problem,) = run.intake.problems
    assert run.counts()["found"] == run.counts()["invalid"] == 1
    said_in_chinese(problem)
    return problem


def said_in_chinese(problem: Problem) -> None:
    """Each message has its translation (the catalog's template fits what the code says)."""
    from dealerscreen.i18n.problemtext import in_lang
    from tests.englishcheck import english_runs

    chinese = in_lang(problem.message, "zh")
    assert chinese != problem.text and not english_runs(chinese), chinese


@functools.cache  # bytes: three tests read the same two million strings
def strings_workbook(extra: int) -> bytes:
    """The header's strings, then `extra` one-letter strings; one applicant row."""
    return parts_workbook([HEADERS_SHARED, row(1)], shared_strings(HEAD + [b"a"] * extra))


def test_the_same_parts_with_few_strings_are_read(tmp_path: Path) -> None:
    """The control: a workbook written this way is a workbook; the count is what is refused."""
    run, _ = screen_file(tmp_path, strings_workbook(10))
    assert run.counts()["screened"] == 1, [p.render() for p in run.intake.problems]


def test_two_million_shared_strings_are_refused_before_openpyxl(
    tmp_path: Path, no_openpyxl: None
) -> None:
    data = strings_workbook(2_000_000)
    assert len(data) < 200_000  # compressed well: small, within every size limit
    run, path = screen_file(tmp_path, data)
    problem = only_problem(run)
    assert (problem.path, problem.check, problem.level) == (path, "too-large", "error")
    assert problem.text.startswith(
        "the workbook holds over 1,000,000 shared strings (xl/sharedStrings.xml)"
    )
    assert "save the sheet as CSV" in problem.text


def test_the_count_stops_reading_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bounded work: the strings after the limit are not even unpacked."""
    unpacked = 0
    real = xlsxparts.Scan.part

    def counting(self: xlsxparts.Scan, name: str, blocks: Iterator[bytes]) -> Iterator[bytes]:
        def pulled() -> Iterator[bytes]:  # what the scan takes from the zip
            nonlocal unpacked
            for block in blocks:
                unpacked += len(block) if name == "xl/sharedStrings.xml" else 0
                yield block

        return real(self, name, pulled())

    monkeypatch.setattr(xlsxparts.Scan, "part", counting)
    monkeypatch.setattr(xlsxparts, "MAX_STRINGS", 1000)
    data = strings_workbook(2_000_000)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        whole = book.getinfo("xl/sharedStrings.xml").file_size
    path = tmp_path / "export.xlsx"
    path.write_bytes(data)
    (problem,) = read_table(str(path), load_mapping(str(MAPPING)))
    assert isinstance(problem, Problem) and problem.check == "too-large"
    assert "over 1,000 shared strings" in problem.text
    assert 0 < unpacked <= 2 << 20 < whole  # a block or two of 1 MB, not 34 MB


def test_shared_strings_over_the_byte_limit_are_refused_by_their_declared_size(
    tmp_path: Path, no_openpyxl: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsxparts, "MAX_STRING_BYTES", 10_000)
    data = parts_workbook([HEADERS_SHARED], shared_strings([*HEAD, b"x" * 20_000]))
    problem = only_problem(screen_file(tmp_path, data)[0])
    assert problem.check == "too-large"
    assert "the workbook's shared strings (xl/sharedStrings.xml) unpack to 20," in problem.text
    assert "over the limit of 10,000" in problem.text


def test_styles_of_many_elements_are_refused(tmp_path: Path, no_openpyxl: None) -> None:
    """openpyxl builds an object per style element: 200,000 of them took 3 s and 115 MB
    from a 3 KB file."""
    styles = b'<styleSheet xmlns="x"><cellXfs>' + b"<xf/>" * 300_000 + b"</cellXfs></styleSheet>"
    data = parts_workbook([HEADERS, row(1)], extra={"xl/styles.xml": (STYLES, styles)})
    problem = only_problem(screen_file(tmp_path, data)[0])
    assert problem.check == "too-large"
    assert "hold over 200,000 XML elements, at xl/styles.xml" in problem.text


def test_a_dtd_is_refused(tmp_path: Path, no_openpyxl: None) -> None:
    """XLSX allows no DTD; its entities would make shared strings the count does not see."""
    strings = (
        b'<!DOCTYPE sst [<!ENTITY s "<si><t>a</t></si>">]>'
        + shared_strings(HEAD)[: -len(b"</sst>")]
        + b"&s;" * 10
        + b"</sst>"
    )
    data = parts_workbook([HEADERS_SHARED], strings)
    problem = only_problem(screen_file(tmp_path, data)[0])
    assert problem.check == "unreadable"
    assert "its part xl/sharedStrings.xml declares a DTD (<!DOCTYPE)" in problem.text


def test_a_missing_mapping_is_said_before_the_strings_are_read(
    tmp_path: Path, no_openpyxl: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --mapping, a workbook is looked at for a form's mapping sheet: the parts on
    the way to it are read, its shared strings never."""
    data = strings_workbook(2_000_000)
    opened: list[str] = []
    real = zipfile.ZipFile.open

    def recording(self: zipfile.ZipFile, name: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(name if isinstance(name, str) else name.filename)
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", recording)
    run, path = screen_file(tmp_path, data, mapping=False)
    problem = only_problem(run)
    assert (problem.path, problem.check) == (path, "no-mapping")
    assert "xl/sharedStrings.xml" not in opened and "xl/workbook.xml" in opened


def test_what_is_counted_is_what_openpyxl_reads_whole() -> None:
    """The worksheets are streamed, so not counted, unless a part that is read whole by its
    name (the styles) is given as a sheet; with a chartsheet (read whole, with drawings and
    charts) every other part counts."""
    rel = '<Relationship Id="{0}" Type="{1}{2}" Target="{3}"/>'
    kinds = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    def parts(*rels: tuple[str, str]) -> xlsxparts.Parts:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as book:
            book.writestr(
                "[Content_Types].xml",
                '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
            )
            book.writestr(
                "xl/_rels/workbook.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships">'
                + "".join(rel.format(f"r{i}", kinds, k, t) for i, (k, t) in enumerate(rels))
                + "</Relationships>",
            )
        found = xlsxparts.Parts.of("book.xlsx", zipfile.ZipFile(out))
        assert found is not None
        return found

    plain = parts(("worksheet", "worksheets/sheet1.xml"), ("worksheet", "/xl/styles.xml"))
    assert plain.streamed == {"xl/worksheets/sheet1.xml"}
    assert not plain.read_whole("xl/worksheets/sheet1.xml") and plain.read_whole("xl/styles.xml")
    assert not plain.read_whole("xl/drawings/drawing1.xml")  # openpyxl does not read it here
    charts = parts(("worksheet", "worksheets/sheet1.xml"), ("chartsheet", "chartsheets/c1.xml"))
    assert not charts.read_whole("xl/worksheets/sheet1.xml")
    assert charts.read_whole("xl/chartsheets/c1.xml") and charts.read_whole("xl/charts/c1.xml")


def test_an_svg_image_with_a_doctype_is_not_a_dtd_of_the_workbook(tmp_path: Path) -> None:
    """Only the parts openpyxl parses are refused for a DTD: an image is not parsed."""
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x"><svg/>'
    data = parts_workbook([HEADERS, row(1)], extra={"xl/media/image1.svg": ("image/svg+xml", svg)})
    run, _ = screen_file(tmp_path, data)
    assert run.counts()["screened"] == 1, [p.render() for p in run.intake.problems]
