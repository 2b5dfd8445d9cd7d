"""Hostile input, safe output, accounting and Ctrl-C: the run is never tricked or torn."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import dealerscreen.reporters.output as output_mod
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.cli.app import DEFAULT_MAX_SIZE, main
from dealerscreen.models.problems import ExitCode
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.table import TableReporter
from dealerscreen.words.safetext import printable, visible
from dealerscreen.yamlsource.sourcefile import DEFAULT_MAX_BYTES, parse_size
from tests.batch import good_applicant, write_batch
from tests.conftest import CliResult

CORPUS = Path(__file__).parent / "cases" / "applicants-invalid"
Cli = Callable[..., CliResult]


def run_python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "120"},
    )


# --- hostile YAML -------------------------------------------------------------------------


def test_billion_laughs_is_refused_fast_in_bounded_memory() -> None:
    """CPU time and peak memory of loading the bomb, against loading a plain file."""
    probe = """
        import resource, sys, time
        from dealerscreen.intake.loading import load_file
        load_file(sys.argv[2])  # warm up imports and caches on a plain file
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.process_time()
        item = load_file(sys.argv[1])
        cpu = time.process_time() - start
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(cpu, after - before, item.problems[0].check)
    """
    done = run_python(probe, str(CORPUS / "billion-laughs.yaml"), str(CORPUS / "bom.yaml"))
    assert done.returncode == 0, done.stderr
    cpu, grown_kb, check = done.stdout.split()
    assert check == "too-many-nodes"
    assert float(cpu) < 1.0
    assert int(grown_kb) < 20_000  # ru_maxrss is in KB on Linux: under 20 MB of growth


def test_max_file_size_default_and_option(cli: Cli, tmp_path: Path) -> None:
    assert parse_size(DEFAULT_MAX_SIZE) == DEFAULT_MAX_BYTES
    assert parse_size("500k") == 500_000 and parse_size("2M") == 2_000_000
    small = cli("screen", str(CORPUS / "bom.yaml"), "--max-file-size", "100")
    assert small.exit_code == ExitCode.INVALID_INPUT, small
    assert "over the limit of 100 (too-large)" in small.stderr
    assert cli("screen", str(CORPUS / "bom.yaml"), "--max-file-size", "lots").exit_code == 2


# --- terminal output ----------------------------------------------------------------------

NASTY = "Evil\x1b[31m Motors\x1b]0;pwned\x07\rOverwritten\u202eRTL\x9b2J [bold]markup[/]"


def test_printable_strips_escapes_and_controls() -> None:
    assert printable(NASTY) == "Evil Motors OverwrittenRTL [bold]markup[/]"
    assert printable("苏州 Xi'an\tSuzhou") == "苏州 Xi'an Suzhou"


def test_table_never_prints_control_sequences(tmp_path: Path) -> None:
    text = good_applicant(1, __import__("random").Random(1))
    text = text.replace(
        "legal_name: Generated Motors 1 Co., Ltd.", f"legal_name: {json.dumps(NASTY)}"
    )
    text = text.replace('city: "', 'city: "\\e[2J[red]')  # an unknown city, with markup
    path = tmp_path / "nasty.yaml"
    path.write_text(text, encoding="utf-8")
    run = screen(load_criteria("xiaomi-2s-2024"), [str(path)])
    assert run.results, [p.render() for p in run.intake.problems]
    for color in (False, True):
        out = TableReporter().render(View(run.data(), run.results, width=200, color=color))
        body = out if not color else out.replace("\x1b[", "CSI[")  # rich's own styling
        assert "pwned" not in out and "\r" not in out and "\u202e" not in out
        assert "Evil Motors" in out
        if not color:
            assert "\x1b" not in body
        assert "[red]" in out  # shown literally, not interpreted as markup


# --- accounting and output safety ---------------------------------------------------------


def test_counts_add_up_for_a_mixed_folder(cli: Cli, tmp_path: Path) -> None:
    write_batch(tmp_path / "in", good=7, broken=4)
    (tmp_path / "in" / "notes.txt").write_text("not an applicant", encoding="utf-8")
    (tmp_path / "in" / "empty.json").write_text("", encoding="utf-8")
    on_disk = len(list((tmp_path / "in").iterdir()))
    result = cli("screen", str(tmp_path / "in"), "--format", "json")
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    counts = json.loads(result.stdout)["counts"]
    assert counts["found"] == on_disk == 13
    assert (counts["screened"], counts["invalid"], counts["skipped"]) == (7, 5, 1)
    assert result.stderr.splitlines()[-1] == (
        "dealerscreen: 13 found, 7 screened, 5 invalid, 1 skipped, 1 warning(s)"
    )  # the warning (a name no reference list knows) is counted in the summary too


def test_output_that_is_an_input_is_refused(cli: Cli, tmp_path: Path) -> None:
    write_batch(tmp_path / "in", good=2, broken=0)
    target = tmp_path / "in" / "good-0000.yaml"
    before = target.read_bytes()
    for inputs in ([str(target)], [str(tmp_path / "in")]):
        result = cli("screen", *inputs, "--output", str(target))
        assert result.exit_code == ExitCode.USAGE, result
    result = cli("explain", str(target), "--output", str(target))
    assert result.exit_code == ExitCode.USAGE, result
    assert target.read_bytes() == before


def test_reporter_failing_mid_run_leaves_the_old_report(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_batch(tmp_path / "in", good=3, broken=0)
    report = tmp_path / "report.json"
    report.write_text("old report\n", encoding="utf-8")

    def boom(self: object, view: View) -> Iterator[str]:
        yield '{"schema": "half a report'  # written to the temporary file, then
        raise RuntimeError("reporter failed half-way")

    from dealerscreen.reporters.json_report import JsonReporter

    monkeypatch.setattr(JsonReporter, "render_parts", boom)
    with pytest.raises(RuntimeError):
        cli("screen", str(tmp_path / "in"), "-f", "json", "-o", str(report))
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "report.json"]


@pytest.mark.parametrize("where", ["write", "replace"])
def test_failed_write_leaves_the_old_file_and_no_temporary(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    write_batch(tmp_path / "in", good=3, broken=0)
    report = tmp_path / "report.txt"
    report.write_text("old report\n", encoding="utf-8")
    if where == "replace":

        def no_replace(src: str, dst: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(output_mod.os, "replace", no_replace)
    else:
        real_fsync = os.fsync

        def half_then_fail(fd: int) -> None:  # the text is half on disk when the disk fails
            real_fsync(fd)
            raise OSError(5, "Input/output error")

        monkeypatch.setattr(output_mod.os, "fsync", half_then_fail)
    result = cli("screen", str(tmp_path / "in"), "-o", str(report))
    assert result.exit_code == ExitCode.FATAL, result
    assert result.stderr.splitlines()[-1].startswith(f"dealerscreen: cannot write {report}:")
    assert report.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "report.txt"]


def test_interrupted_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(output_mod.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        output_mod.write_atomic(str(tmp_path / "new.txt"), "x" * 100_000)
    assert list(tmp_path.iterdir()) == []


# --- Ctrl-C -------------------------------------------------------------------------------


def test_ctrl_c_in_a_real_process_exits_130_with_one_line(tmp_path: Path) -> None:
    """A real SIGINT, delivered while the batch is being read (no timing guesswork)."""
    write_batch(tmp_path / "in", good=30, broken=0)
    code = """
        import os, signal, sys
        import dealerscreen.intake.loading as loading
        real, calls = loading.load_file, []
        def load_file(*args, **kwargs):
            calls.append(1)
            if len(calls) == 10:
                os.kill(os.getpid(), signal.SIGINT)
            return real(*args, **kwargs)
        loading.load_file = load_file
        from dealerscreen.cli.app import main
        sys.argv = ["dealerscreen", "screen", sys.argv[1], "-o", sys.argv[2]]
        main()
    """
    report = tmp_path / "report.txt"
    done = run_python(code, str(tmp_path / "in"), str(report))
    assert done.returncode == ExitCode.INTERRUPTED, done.stderr
    assert done.stderr == "dealerscreen: interrupted\n"
    assert done.stdout == "" and not report.exists()


def test_ctrl_c_in_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    import dealerscreen.intake.loading as loading

    def interrupted(*_: object, **__: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)

    write_batch(tmp_path / "in", good=1, broken=0)
    monkeypatch.setattr(loading, "load_file", interrupted)
    monkeypatch.setattr(sys, "argv", ["dealerscreen", "screen", str(tmp_path / "in")])
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as info:
            main()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert info.value.code == ExitCode.INTERRUPTED


def test_problem_lines_show_control_characters_as_escapes(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    path.write_text('schema_version: 1\n"\\e]0;pwned\\a\\e[31mred": 1\n', encoding="utf-8")
    result = cli("screen", str(path))
    assert result.exit_code == ExitCode.INVALID_INPUT, result
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "unknown field '\\x1b]0;pwned\\x07\\x1b[31mred'" in result.stderr
    assert visible("a\rb\u202ec") == "a\\rb\\u202ec"
