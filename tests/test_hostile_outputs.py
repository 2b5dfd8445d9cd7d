"""Where a report goes, issue #13: devices, FIFOs, links, descriptors and full disks.

No test here writes to the system's /dev/null or replaces any system device: device nodes
are made in tmp_path (as root), and the real /dev/full is only ever a process's stdout,
which a run cannot rename.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import html
import io
import os
import re
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dealerscreen.reporters.output as output_mod
from dealerscreen.models.problems import ExitCode
from tests.batch import write_batch
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]


def run_cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    """The command in a real process, its stdout wherever the caller puts it."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "SOURCE_DATE_EPOCH": "1704153600"}
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-c", "from dealerscreen.cli.start import main; main()", *args],
        cwd=ROOT,
        env=env,
        timeout=120,
        stderr=subprocess.PIPE,
        **kwargs,
    )


@pytest.fixture
def batch(tmp_path: Path) -> str:
    write_batch(tmp_path / "in", good=3, broken=0)
    return str(tmp_path / "in")


def device(path: Path, major: int, minor: int) -> Path:
    """A character device node in tmp_path (1,3 is null, 1,7 is full), or skip."""
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(major, minor))
        os.close(os.open(path, os.O_WRONLY))  # a nodev mount makes nodes that cannot open
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return path


@contextlib.contextmanager
def fifo_reader(path: Path) -> Iterator[list[bytes]]:
    """A FIFO at PATH with a reader thread; what it read is in the yielded list after."""
    os.mkfifo(path)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(path.read_bytes()), daemon=True)
    reader.start()
    try:
        yield got
    finally:
        reader.join(timeout=30)


def no_temporaries(*folders: Path) -> None:
    for folder in folders:
        assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- item 3: -o writes to what the path names -----------------------------------------------


def test_output_to_a_device_writes_through_and_keeps_the_device(
    cli: Cli, batch: str, tmp_path: Path
) -> None:
    null = device(tmp_path / "null", 1, 3)
    result = cli("screen", batch, "-o", str(null))
    assert result.exit_code == ExitCode.OK, result
    assert stat.S_ISCHR(null.stat().st_mode) and null.stat().st_rdev == os.makedev(1, 3)
    no_temporaries(tmp_path)


def test_output_to_a_fifo_writes_through(cli: Cli, batch: str, tmp_path: Path) -> None:
    fifo = tmp_path / "report.pipe"
    with fifo_reader(fifo) as got:
        result = cli("screen", batch, "-f", "csv", "-o", str(fifo))
    assert result.exit_code == ExitCode.OK, result
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"rank,") and got[0].count(b"\n") == 4
    no_temporaries(tmp_path)


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(
    cli: Cli, batch: str, tmp_path: Path
) -> None:
    (tmp_path / "reports").mkdir()
    real = tmp_path / "reports" / "latest.csv"
    real.write_text("old report\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    result = cli("screen", batch, "-f", "csv", "-o", str(link))
    assert result.exit_code == ExitCode.OK, result
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("rank,")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640  # the report it replaced kept its mode
    no_temporaries(tmp_path, tmp_path / "reports")


def test_output_through_a_dangling_symlink_creates_its_target(
    cli: Cli, batch: str, tmp_path: Path
) -> None:
    link = tmp_path / "report.csv"
    link.symlink_to(tmp_path / "made.csv")
    assert cli("screen", batch, "-f", "csv", "-o", str(link)).exit_code == ExitCode.OK
    assert link.is_symlink() and (tmp_path / "made.csv").read_text().startswith("rank,")


def test_output_through_a_symlink_to_a_fifo_writes_through(
    cli: Cli, batch: str, tmp_path: Path
) -> None:
    link = tmp_path / "report.csv"
    with fifo_reader(tmp_path / "pipe") as got:
        link.symlink_to(tmp_path / "pipe")
        assert cli("screen", batch, "-f", "csv", "-o", str(link)).exit_code == ExitCode.OK
    assert got and got[0].startswith(b"rank,") and link.is_symlink()


@pytest.mark.parametrize("name", ["/dev/fd/1", "link"])
def test_output_to_dev_stdout_reaches_stdout_whatever_it_is(
    batch: str, tmp_path: Path, name: str
) -> None:
    # /dev/stdout itself is reached through a link in tmp_path: were the fix undone, the
    # rename would replace that link, not the system's /dev/stdout.
    if name == "link":
        (tmp_path / "out").symlink_to("/dev/stdout")
        name = str(tmp_path / "out")
    # A file stdout (renaming over it would leave the process writing to a lost inode), a
    # file opened for appending (the report goes after what is there), and a pipe.
    report = tmp_path / "stdout.txt"
    report.write_bytes(b"before\n")
    with report.open("ab") as out:
        done = run_cli("screen", batch, "-f", "csv", "-o", name, stdout=out)
    assert done.returncode == ExitCode.OK, done.stderr
    text = report.read_text(encoding="utf-8")
    assert text.startswith("before\nrank,") and text.count("\n") == 5
    done = run_cli("screen", batch, "-f", "csv", "-o", name, stdout=subprocess.PIPE)
    assert done.returncode == ExitCode.OK, done.stderr
    assert done.stdout.startswith(b"rank,") and done.stdout.count(b"\n") == 4


def test_output_that_is_a_folder_is_one_line_and_exit_3(
    cli: Cli, batch: str, tmp_path: Path
) -> None:
    (tmp_path / "folder").mkdir()
    result = cli("screen", batch, "-o", str(tmp_path / "folder"))
    assert result.exit_code == ExitCode.FATAL, result
    assert result.stderr.splitlines()[-1].startswith("dealerscreen: cannot write ")
    no_temporaries(tmp_path)


# --- item 7: every write checked ------------------------------------------------------------


def test_stdout_on_a_full_device_is_a_clear_error(batch: str) -> None:
    """The real /dev/full as stdout (opened, never replaced): exit 3, one line, no 'internal'."""
    with open("/dev/full", "wb") as full:
        for args in (["screen", batch], ["profiles"], ["--version"], ["schema", "applicant"]):
            done = run_cli(*args, stdout=full)
            lines = done.stderr.decode().splitlines()
            assert done.returncode == ExitCode.FATAL, (args, lines)
            assert lines[-1] == (
                "dealerscreen: cannot write the report to standard output: No space left on device"
            ), (args, lines)
            assert "internal error" not in done.stderr.decode() and b"Traceback" not in done.stderr


def test_output_to_a_full_device_is_a_clear_error(cli: Cli, batch: str, tmp_path: Path) -> None:
    full = device(tmp_path / "full", 1, 7)
    result = cli("screen", batch, "-o", str(full))
    assert result.exit_code == ExitCode.FATAL, result
    assert result.stderr.splitlines()[-1] == (
        f"dealerscreen: cannot write {full}: No space left on device"
    )
    assert stat.S_ISCHR(full.stat().st_mode)


def test_a_short_write_is_finished_or_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk first takes part of a write, then refuses: both are seen."""
    r, w = os.pipe()
    taken: list[bytes] = []

    def short(fd: int, data: bytes) -> int:  # takes at most 7 bytes a call
        taken.append(bytes(data[:7]))
        return min(7, len(data))

    monkeypatch.setattr(output_mod.os, "write", short)
    output_mod.write_all(w, ["苏州 ", "report " * 10, "end\n"])
    assert b"".join(taken).decode() == "苏州 " + "report " * 10 + "end\n"

    calls: list[int] = []

    def fills_up(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return 5

    monkeypatch.setattr(output_mod.os, "write", fills_up)
    with pytest.raises(OSError) as info:
        output_mod.write_all(w, "a report longer than five bytes")
    assert info.value.errno == errno.ENOSPC
    monkeypatch.setattr(output_mod.os, "write", lambda fd, data: 0)
    with pytest.raises(OSError):
        output_mod.write_all(w, "nothing is taken")
    os.close(r)
    os.close(w)


def test_stdout_on_a_full_disk_is_not_cut_short_silently(batch: str, tmp_path: Path) -> None:
    """A real full file system (a small tmpfs, where this machine allows mounting one)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        (disk / "fill").write_bytes(b"\0" * 10_000)
        with (disk / "report.txt").open("wb") as out:
            done = run_cli("screen", batch, "-f", "json", stdout=out)
        assert done.returncode == ExitCode.FATAL, done.stderr
        assert done.stderr.decode().splitlines()[-1] == (
            "dealerscreen: cannot write the report to standard output: No space left on device"
        )
    finally:
        subprocess.run(["umount", str(disk)], check=True)


# --- item 4: no formula behind a bare carriage return ---------------------------------------

HOSTILE = Path(__file__).parent / "cases" / "reports-hostile"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_hostile_applicants_load(cli: Cli) -> None:
    for path in sorted(HOSTILE.glob("*.yaml")):
        result = cli("screen", str(path), "-f", "json")
        assert result.exit_code == ExitCode.OK, (path.name, result)


def test_csv_cells_read_as_a_spreadsheet_reads_them_are_neutralised(cli: Cli) -> None:
    """A reader that ends a row at a bare CR, as Excel does, still sees one row per applicant."""
    files = sorted(HOSTILE.glob("*.yaml"))
    result = cli("screen", str(HOSTILE), "-f", "csv")
    assert result.exit_code == ExitCode.OK, result
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert len(rows) == 1 + len(files)
    for row in rows:
        assert len(row) == len(rows[0])
        assert not [c for c in row if c.startswith(FORMULA_STARTS)], row
    named = {r[1]: r[2] for r in rows[1:]}
    assert named["HOSTILE-CR"] == "Good Motors\r=cmd|' /C calc'!A0"


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("a\rb", '"a\rb"'),
        ("a\nb", '"a\nb"'),
        ('say "hi"', '"say ""hi"""'),
        ("a,b", '"a,b"'),
        ("\r=1+1", '"\'\r=1+1"'),
        ("plain", "plain"),
    ],
)
def test_csv_cell_quoting(value: str, written: str) -> None:
    from dealerscreen.reporters.csv_report import cell

    assert cell(value) == written


# --- item 16: applicant text cannot act in a pull-request comment ---------------------------

MENTION = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9]|#[0-9]")


def rendered(text: str) -> str:
    """Markdown as a CommonMark renderer with GitHub's tables makes it (HTML)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").render(text)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markdown_report_has_no_link_image_html_or_mention_from_applicants(
    cli: Cli, lang: str
) -> None:
    result = cli("screen", str(HOSTILE), "-f", "markdown", "--lang", lang)
    assert result.exit_code == ExitCode.OK, result
    page = rendered(result.stdout)
    assert "<a " not in page and "<img" not in page and "<code>code" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert not MENTION.search(text), MENTION.search(text)
    assert "[Claim your prize](https://evil.example/x)" in text  # shown, as written
    if lang == "zh":
        assert "苏州@\u2060octocat" in text and "a|b" in text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("[a](b)", "\\[a\\](b)"),
        ("![a](b)", "!\\[a\\](b)"),
        ("x | y\\z", "x \\| y\\\\z"),
        ("<b>&#64;", "&lt;b&gt;&amp;#\u206064;"),
        ("@team, a@b.example #12", "@\u2060team, a@b.example #\u206012"),
        ("`code`", "\\`code\\`"),
        ("Sales & Service", "Sales & Service"),
    ],
)
def test_markdown_text_escaping(value: str, written: str) -> None:
    from dealerscreen.words.safetext import markdown

    assert markdown(value) == written


def test_diff_markdown_escapes_applicant_and_criteria_text() -> None:
    from dealerscreen.diff.formats import _cell

    assert _cell("[x](https://e.example) @a") == "\\[x\\](https://e.example) @\u2060a"


NOT_IN_XML = ("\ufffe", "\uffff")  # XML 1.0 holds neither: lxml refuses a text with one


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_workbook_and_word_letters_are_saved_without_what_xml_cannot_hold(
    cli: Cli, tmp_path: Path, lang: str
) -> None:
    from docx import Document
    from openpyxl import load_workbook

    book = tmp_path / "report.xlsx"
    made = cli("screen", str(HOSTILE), "-f", "xlsx", "-o", str(book), "--lang", lang)
    assert made.exit_code == ExitCode.OK, made
    cells = [
        str(c.value) for ws in load_workbook(book).worksheets for row in ws.iter_rows() for c in row
    ]
    assert any("Good  Motors" in c or "Good Motors" in c for c in cells)
    assert not any(ch in c for c in cells for ch in NOT_IN_XML)
    folder = tmp_path / "letters"
    wrote = cli("letters", str(HOSTILE), "-o", str(folder), "--format", "docx", "--lang", lang)
    assert wrote.exit_code == ExitCode.OK, wrote
    letter = Document(str(folder / "HOSTILE-XML.docx"))
    text = "\n".join(p.text for p in letter.paragraphs)
    assert "HOSTILE-XML" in text and not any(ch in text for ch in NOT_IN_XML)


# What markdown() leaves as it is: no sign it escapes or acts on, no white space but single
# spaces between words (the definition its faster search keeps).
_MD_ANY = re.compile(r"[\\|\[\]`&<>@#]|[^\S ]|  |^ | $")


@settings(max_examples=500)
@given(st.text() | st.text(alphabet=" \t\u3000\u00a0ab|[`&<>@#\\", max_size=12))
def test_markdown_leaves_as_it_is_exactly_what_needs_nothing(value: str) -> None:
    from dealerscreen.words.safetext import markdown, markdown_escaped

    plain = value.isprintable() and not _MD_ANY.search(value)
    assert markdown(value) == (value if plain else markdown_escaped(value))
