"""Parallel screening gives the serial output, and the parse cache is only ever a shortcut:
a hit skips parsing, a miss or a corrupt entry parses, and the report never changes."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from dealerscreen.batch import run as batch
from dealerscreen.batch import worker
from dealerscreen.batch.run import BatchOptions
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake import loading
from dealerscreen.intake.cache import FILE_NAME
from dealerscreen.intake.loading import Loaded
from dealerscreen.reporters.interface import View
from dealerscreen.reporters.json_report import JsonReporter
from dealerscreen.yamlsource.sourcefile import READ_BLOCK

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [
    str(ROOT / "samples" / "applicants"),
    str(ROOT / "samples" / "invalid"),
    str(ROOT / "samples" / "exports" / "applicants.jsonl"),  # duplicates of the YAML ids
]


@pytest.fixture(scope="module")
def compiled() -> CompiledProfile:
    return load_criteria("xiaomi-2s-2024")


def report(compiled: CompiledProfile, options: BatchOptions, inputs: list[str] = INPUTS) -> str:
    run = screen(compiled, inputs, options=options)
    return JsonReporter().render(View(run.data(), run.results))


def test_parallel_output_is_the_serial_output(
    compiled: CompiledProfile, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = report(compiled, BatchOptions(jobs=1))
    monkeypatch.setattr(batch, "CHUNK", 3)  # many small chunks: completion order varies
    parallel = report(compiled, BatchOptions(jobs=2))
    assert '"invalid": ' in serial and '"duplicate-id"' in serial
    assert parallel == serial


def test_a_warm_run_skips_parsing_and_reports_the_same(
    compiled: CompiledProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    options = BatchOptions(jobs=1, cache_dir=str(tmp_path))
    uncached = report(compiled, BatchOptions(jobs=1))
    cold = report(compiled, options)
    warned = {x.path for x in screen(compiled, INPUTS).intake.valid if x.problems}
    parsed: list[str] = []
    real = loading.load_file

    def counting(path: str, *args: Any) -> Loaded:
        parsed.append(path)
        return real(path, *args)

    monkeypatch.setattr(loading, "load_file", counting)
    warm = report(compiled, options)
    assert cold == uncached and warm == uncached
    # valid and invalid files alike came from the cache, those with warnings too: the
    # entry keeps the positions of the warnings the parse gave
    assert warned and parsed == []


def test_a_warning_the_cold_run_did_not_give_is_placed_by_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache stores positions of the warnings a parse gave; a criteria edit that
    makes a new one (a city dropped from the programme) reads the file again to place it."""
    wider, narrower = load_criteria("xiaomi-2s-2025-expansion"), load_criteria("xiaomi-2s-2024")
    options = BatchOptions(jobs=1, cache_dir=str(tmp_path))
    inputs = [str(ROOT / "samples" / "applicants")]
    cold = screen(wider, inputs, options=options)
    before = {x.path for x in cold.intake.valid if x.problems}
    parsed: list[str] = []
    real = loading.load_file
    monkeypatch.setattr(loading, "load_file", lambda p, *a: parsed.append(p) or real(p, *a))
    warm = screen(narrower, inputs, options=options)
    after = {x.path: x.problems for x in warm.intake.valid if x.problems}
    new = set(after) - before
    assert new and set(parsed) == new  # only the newly warned files were parsed
    monkeypatch.setattr(loading, "load_file", real)
    uncached = screen(narrower, inputs, options=BatchOptions(jobs=1))
    assert after == {x.path: x.problems for x in uncached.intake.valid if x.problems}
    assert all(p.line is not None and p.column is not None for ps in after.values() for p in ps)


def test_an_edited_file_misses_the_cache(
    compiled: CompiledProfile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(ROOT / "samples" / "applicants", folder)
    options = BatchOptions(jobs=1, cache_dir=str(tmp_path / "cache"))
    report(compiled, options, [str(folder)])
    edited = folder / "suzhou-jiangnan-huatong.yaml"
    edited.write_text(edited.read_text("utf-8").replace("debt_ratio_pct: 58", "debt_ratio_pct: 75"))
    parsed: list[str] = []
    real = loading.load_file
    monkeypatch.setattr(loading, "load_file", lambda p, *a: parsed.append(p) or real(p, *a))
    warm = report(compiled, options, [str(folder)])
    assert str(edited) in parsed and len(parsed) < 5
    assert warm == report(compiled, BatchOptions(jobs=1), [str(folder)])


def test_corrupt_entries_fall_back_to_parsing(compiled: CompiledProfile, tmp_path: Path) -> None:
    options = BatchOptions(jobs=1, cache_dir=str(tmp_path))
    expected = report(compiled, options)
    db = sqlite3.connect(tmp_path / FILE_NAME)
    with db:
        db.execute('UPDATE entries SET v = \'A{"schema_version": 1, "truncated\'')
    db.close()
    assert report(compiled, options) == expected
    db = sqlite3.connect(tmp_path / FILE_NAME)
    with db:  # an entry with warnings' positions, broken either side of its separator
        db.execute("UPDATE entries SET v = 'W{\"target.city\": [1' || char(30) || '{}'")
    db.close()
    assert report(compiled, options) == expected
    (tmp_path / FILE_NAME).write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (tmp_path / (FILE_NAME + suffix)).unlink(missing_ok=True)
    assert report(compiled, options) == expected  # rebuilt
    assert report(compiled, BatchOptions(jobs=2, cache_dir=str(tmp_path))) == expected


def test_jobs_default_to_one_for_a_small_batch() -> None:
    assert batch.choose_jobs(INPUTS, None) == 1
    assert batch.choose_jobs(INPUTS, 3) == 3


@pytest.mark.parametrize(
    "inputs",
    [
        [str(ROOT / "samples" / "applicants")],  # logged in path order: streamed
        INPUTS,  # broken files and a JSON Lines file are logged out of order: sorted
        [str(ROOT / "samples" / "invalid"), str(ROOT / "samples" / "applicants")],
    ],
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_streamed_manifest_digest_is_the_sorted_one(
    compiled: CompiledProfile, inputs: list[str], jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from dealerscreen.models.clock import combined_digest

    monkeypatch.setattr(batch, "CHUNK", 7)
    run = screen(compiled, inputs, options=BatchOptions(jobs=jobs))
    files = run.applicant_files()
    assert run.data().applicant_digest() == (combined_digest(files), len(files))
    assert list(run.intake.sorted_files()) == sorted(files.items())  # type: ignore[attr-defined]
    if len(inputs) == 1:
        assert run.intake.log.in_order  # type: ignore[attr-defined]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_name_that_is_not_utf8_is_screened(
    compiled: CompiledProfile, tmp_path: Path, jobs: int
) -> None:
    """Linux allows any bytes in a name; Python reads them as surrogates, which the run's
    temporary logs must write back, not fail on."""
    import os

    source = ROOT / "samples" / "applicants" / "suzhou-jiangnan-huatong.yaml"
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9-\xff.yaml")
    with open(odd, "wb") as fh:
        fh.write(source.read_bytes())
    run = screen(compiled, [str(tmp_path)], options=BatchOptions(jobs=jobs))
    assert len(run.results) == 1 and not run.intake.invalid
    (path,) = run.applicant_files()
    assert os.fsencode(path) == odd
    assert run.results[0].evaluation.source_path == path
    assert run.data().applicant_digest()[1] == 1


@pytest.mark.parametrize("size", [0, 1, 1000, READ_BLOCK - 1, READ_BLOCK, 3 * READ_BLOCK + 5])
def test_read_bytes_reads_whole_files_within_the_limit(tmp_path: Path, size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    path = tmp_path / "f.yaml"
    path.write_bytes(data)
    assert worker._read_bytes(str(path), size) == data
    assert worker._read_bytes(str(path), size + 1) == data
    assert worker._read_bytes(str(path), max(size - 1, 0)) == (None if size else data)
    assert worker._read_bytes(str(tmp_path / "missing.yaml"), 10) is None
    assert worker._read_bytes(str(tmp_path), 10) is None  # a folder


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_in_a_cached_batch_is_refused_not_waited_on(tmp_path: Path) -> None:
    """The cache lookup reads each file first; a FIFO must not block it (it did, until the
    read went through sourcefile's non-blocking open)."""
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.yaml")
    shutil.copy(ROOT / "samples" / "applicants" / "suzhou-jiangnan-huatong.yaml", folder)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from dealerscreen.cli.start import main; main()",
            "screen",
            str(folder),
            "--cache-dir",
            str(tmp_path / "c"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "pipe.yaml: [error] not a regular file (not-a-file)" in done.stderr
    assert "2 found, 1 screened, 1 invalid" in done.stderr
