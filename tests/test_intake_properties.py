"""Any bytes as a CSV or JSON Lines file, under any --max-file-size: located problems or
results, never an exception, every record counted once (found = screened + invalid +
skipped), and as many counted as the file holds records.

What a CSV file holds is worked out here by the csv module itself, reading the whole text
with no limit on a cell: the reader under test withholds what goes past the limit and
must still end each record where the csv module would (tests/test_batch_properties.py
holds the same for short files at the default limits, and for XLSX).
"""

from __future__ import annotations

import csv
import functools
import re
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.csvtext import QUOTE, QUOTED, START, UNQUOTED, ends_quoted
from tests.strategies import chunked, csv_bytes

FAST = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Short headers, so that a small --max-file-size leaves room for records after them.
HEADERS = ["Id", "Name", "Kind", "City", "Format", "Sqm"]
MAPPING_TEXT = """\
kind: column-mapping
constants: {schema_version: 1}
columns:
  Id: applicant_id
  Name: legal_name
  Kind: standing.kind
  City: target.city
  Format: target.store_format
  Sqm: {field: site.building_area_sqm, type: float}
"""
HEADER = ",".join(HEADERS).encode()
BOM = b"\xef\xbb\xbf"
BARE_CR = re.compile(rb"(?<=\r)(?!\n)")


@functools.cache
def profile() -> CompiledProfile:
    return load_criteria("xiaomi-2s-2024")


def screen_bytes(raw: bytes, suffix: str, max_line: int) -> ScreenRun:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"batch{suffix}"
        path.write_bytes(raw)
        mapping = Path(tmp) / "mapping.yaml"
        mapping.write_text(MAPPING_TEXT, encoding="utf-8")
        options = BatchOptions(mapping=str(mapping))
        run = screen(profile(), [str(path)], max_bytes=max_line, options=options)
    counts = run.counts()
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]
    for p in run.intake.problems:
        assert p.path == str(path) and p.text and p.check
        assert p.line is not None, p.render()  # every problem at its line
    return run


# --- what the csv module makes of a text -------------------------------------------------


def record_ends(lines: list[str]) -> list[int]:
    """The line (1-based, as the csv module counts) each record ends on."""
    before = csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.reader(lines)
        return [reader.line_num for _ in reader]
    finally:
        csv.field_size_limit(before)


def inside_quotes(lines: list[str]) -> bool:
    """Whether the csv module is inside a quoted cell after these lines."""
    return bool(lines) and len(lines) not in record_ends([*lines, "x\n"])


@dataclass
class Part:
    """One line as the csv module counts it, as the reader under test gives it."""

    text: str
    size: int  # its bytes
    content: int  # its bytes but a final LF, as a line's limit counts them
    bad: bool  # its line is not UTF-8 or too long, and the part is not blank


def file_lines(raw: bytes) -> Iterator[bytes]:
    """Lines as a file's reader gives them: each with its LF."""
    yield from re.findall(rb"[^\n]*\n|[^\n]+$", raw)


def parts_of(raw: bytes, max_line: int) -> list[Part]:
    """The lines given to the csv module: a line over the limit becomes the text that takes
    the module to where the whole line would have (worked out by the module itself)."""
    out: list[Part] = []
    for number, line in enumerate(file_lines(raw), start=1):
        too_long = len(line.removesuffix(b"\n")) > max_line  # the mark counts, as it is read
        if number == 1:
            line = line.removeprefix(BOM)
        pieces = [p for p in BARE_CR.split(line) if p]
        if too_long:
            texts = [p.text for p in out]
            began = inside_quotes(texts)
            ended = inside_quotes(texts + [p.decode("utf-8", "replace") for p in pieces])
            stand_in = '"' if began != ended else ""
            out.append(Part(stand_in, len(line), len(line), True))
            continue
        try:
            line.decode("utf-8")
            bad = False
        except UnicodeDecodeError:
            bad = True
        for p in pieces:
            content = len(p) - p.endswith(b"\n")
            out.append(Part(p.decode("utf-8", "replace"), len(p), content, bad and bool(p.strip())))
    return out


def csv_found(raw: bytes, max_line: int) -> int:
    """What a CSV file must count: 1 when its header cannot be mapped (one problem for the
    file), else each record after it that is invalid (a line not UTF-8 or too long, a
    record over the limit, a quote open at the end) or not blank."""
    parts = parts_of(raw, max_line)
    texts = [p.text for p in parts]
    before = csv.field_size_limit(sys.maxsize)
    try:
        reader = csv.reader(texts)
        records = [(cells, reader.line_num) for cells in reader]
    finally:
        csv.field_size_limit(before)
    counted: list[tuple[list[str], bool]] = []
    start = 0
    for cells, end in records:
        span = parts[start:end]
        over = len(span) > 1 and sum(p.size for p in span[:-1]) + span[-1].content > max_line
        open_at_end = end == len(parts) and end - start > 1 and inside_quotes(texts)
        counted.append((cells, any(p.bad for p in span) or over or open_at_end))
        start = end
    if not counted or counted[0][1]:
        return 1  # no header, or one that cannot be read
    header = [h.strip() for h in counted[0][0]]
    if any(header.count(h) != 1 for h in HEADERS):
        return 1  # a mapped column missing or there twice
    return sum(1 for cells, invalid in counted[1:] if invalid or any(c != "" for c in cells))


# --- the properties ----------------------------------------------------------------------


def ends_inside_quotes(began: int, text: bytes) -> bool:
    """Whether the csv module is inside a quoted cell after `text` (lines as the reader
    under test splits them), given whether it was before."""
    lines = [p.decode("latin-1") for p in re.findall(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)]
    prefix = '"' if began == QUOTED else ""
    if lines:
        lines[0] = prefix + lines[0]
    else:
        lines = [prefix] if prefix else []
    return inside_quotes(lines)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([START, QUOTED]), csv_bytes().flatmap(chunked))
def test_the_quote_scan_agrees_with_the_csv_module(began: int, pieces: list[bytes]) -> None:
    state = began
    for piece in pieces:
        state = ends_quoted(state, piece)
    assert state in (START, UNQUOTED, QUOTED, QUOTE)
    assert (state == QUOTED) == ends_inside_quotes(began, b"".join(pieces))


# Mostly none: a header that cannot be mapped makes the whole file one problem.
noise = st.sampled_from([b""] * 10 + [BOM, b"\xff", b'"', b"\r", b"City,", b" Id ,"])


# Mostly past the header, sometimes short of it (the header is then over the limit).
line_limits = st.sampled_from([*range(len(HEADER) + 8, 120), 4, 9, 20])
GOOD_ROW = b"P-1,Property Motors,regional_merchant,Suzhou,2S,3000\n"
csv_bodies = st.lists(st.just(GOOD_ROW) | csv_bytes(12), max_size=6).map(b"".join)


@FAST
@given(noise, csv_bodies, line_limits)
def test_any_bytes_as_csv_under_any_line_limit(head: bytes, body: bytes, max_line: int) -> None:
    raw = head + HEADER + b"\n" + body
    run = screen_bytes(raw, ".csv", max_line)
    shown = [p.render() for p in run.intake.problems]
    assert run.counts()["found"] == csv_found(raw, max_line), shown


def json_lines_found(raw: bytes, max_line: int) -> int:
    """Every line but blank ones; a line not UTF-8 or over the limit counts, whatever it
    holds."""
    count = 0
    for number, line in enumerate(file_lines(raw), start=1):
        if len(line.removesuffix(b"\n")) > max_line:
            count += 1
            continue
        if number == 1:
            line = line.removeprefix(BOM)
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            count += 1
            continue
        count += bool(line.strip())
    return count


GOOD_LINE = (
    b'{"schema_version": 1, "applicant_id": "P-1", "legal_name": "Property Motors", '
    b'"standing": {"kind": "regional_merchant"}, '
    b'"target": {"city": "Suzhou", "store_format": "2S"}}'
)
json_pieces = st.sampled_from(
    [GOOD_LINE, b"{", b"}", b"\n", b"\r", b"\r\n", b" ", b"\xff", BOM, b'"x"', b"y" * 40]
)


@FAST
@given(
    st.lists(json_pieces | st.binary(max_size=6), max_size=20).map(b"".join), st.integers(4, 300)
)
def test_any_bytes_as_json_lines_under_any_line_limit(raw: bytes, max_line: int) -> None:
    run = screen_bytes(raw, ".jsonl", max_line)
    shown = [p.render() for p in run.intake.problems]
    assert run.counts()["found"] == json_lines_found(raw, max_line), shown
