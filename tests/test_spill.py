"""A batch keeps compact rows and evaluates again on read: the results are the ones a full
evaluation of every applicant, ranked in memory, gives."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from dealerscreen.batch.results import ChunkWriter, Spill, SpillWriter, pack, unpack
from dealerscreen.batch.row import Row
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.decide import keys, record
from dealerscreen.decide.engine import decide, evaluate
from dealerscreen.decide.separation import rank
from dealerscreen.intake.loading import load_file
from dealerscreen.words.explain import explain_lines

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted(p.stem for p in (ROOT / "criteria").glob("*.yaml"))
SAMPLES = sorted(str(p) for p in (ROOT / "samples" / "applicants").iterdir())


@pytest.mark.parametrize("profile", PROFILES)
def test_batch_results_are_the_in_memory_ranking(profile: str) -> None:
    compiled = load_criteria(profile)
    loaded = [load_file(p) for p in SAMPLES]
    expected = rank(
        compiled, [evaluate(compiled, x.applicant, x.path) for x in loaded if x.applicant]
    )
    run = screen(compiled, SAMPLES)
    assert len(run.results) == len(expected) > 40
    assert list(run.results) == expected
    assert [explain_lines(r) for r in run.results] == [explain_lines(r) for r in expected]
    # a slice and a city keep the whole batch's ranks
    top = run.results[:5]
    assert list(top) == expected[:5]
    city = expected[0].evaluation.city_id
    in_city = run.results.in_city(city)  # type: ignore[attr-defined]
    assert list(in_city) == [r for r in expected if r.evaluation.city_id == city]
    assert run.results.eligible_count() == sum(r.rank is not None for r in expected)  # type: ignore[attr-defined]
    for result in expected[:3]:
        assert run.applicant_of(result).applicant_id == result.evaluation.applicant_id
    # the spill files are open and already unlinked: a killed run leaves none behind
    assert os.listdir(run.results._spill.folder) == []  # type: ignore[attr-defined]


def test_a_row_reads_back_what_it_was_made_of() -> None:
    key = keys.encode([(0, Decimal("-87.5")), (0, "苏州-01")])
    row = Row.make(True, key, "suzhou", "苏州-01", (7, 4_000_000_000, 4321))
    assert (row.eligible, row.city_id, row.applicant_id, row.span) == (
        True,
        "suzhou",
        "苏州-01",
        (7, 4_000_000_000, 4321),
    )
    assert row.sort_key.startswith(b"\x00" + key)
    other = Row.make(False, keys.str_bytes("A"), "", "A", (0, 0, 1))
    assert not other.eligible and other.city_id == "" and row < other  # eligible first
    assert row.group is None and other.group is None


@pytest.mark.parametrize("group", ["top100:jnht", "江南华通汽车集团", ""])
def test_a_row_keeps_its_dealer_group(group: str) -> None:
    """Multi-city groups are read off the rows; an empty key is still a group, unlike none."""
    row = Row.make(True, keys.str_bytes("X"), "wuxi", "XM-1", (1, 2, 3), group)
    assert (row.group, row.city_id, row.applicant_id, row.span) == (
        group,
        "wuxi",
        "XM-1",
        (1, 2, 3),
    )


def test_spill_round_trip_keeps_odd_paths() -> None:
    odd = "samples/\udcff名字 with space.yaml"  # a path that is not valid UTF-8 on disk
    assert unpack(pack(odd, b'{"a": 1}')) == (odd, '{"a": 1}')
    compiled = load_criteria("xiaomi-2s-2024")
    applicant = load_file(SAMPLES[0]).applicant
    assert applicant is not None
    spill, writer = Spill(compiled), ChunkWriter(0)
    writer.row(True, b"j", "c", "other", pack("first.yaml", b"{}"))
    d = decide(compiled, applicant, source_path=odd)
    row = writer.row(
        d.eligible,
        keys.encode(d.sort_key),
        d.city_id,
        applicant.applicant_id,
        pack(odd, applicant.model_dump_json().encode()),
        d.group,
        record.encode(d),
    )
    spill.add_chunk(0, *SpillWriter(spill.folder).write(writer.data()))
    assert spill.source_of(row) == odd
    assert spill.load(row) == evaluate(compiled, applicant, odd)


@pytest.mark.parametrize(
    "path",
    [
        "a/b.yaml",
        "名字/文件.yaml",
        'a"b.yaml',
        "a\\b.yaml",
        "a\nb.yaml",
        "a\tb",
        "\udcff.yaml",
        "\x7f",
    ],
)
@pytest.mark.parametrize("sha", ["0" * 64, None])
def test_file_log_lines_are_json(path: str, sha: str | None) -> None:
    import json

    from dealerscreen.intake.filelog import FileLog

    line = FileLog.line(path, sha)
    assert line == json.dumps([path, sha], ensure_ascii=False) + "\n"
    assert json.loads(line) == [path, sha]


def test_a_file_log_reads_back_what_it_was_given() -> None:
    """The log's reader skips the JSON decoder for a plain line: every other line, and a
    path that looks like the line's own separators, still reads back as written."""
    from dealerscreen.intake.filelog import FileLog

    given = [
        ("plain/a.yaml", "0" * 64),
        ('quote", "inside.yaml', "1" * 64),
        ('ends with quote".yaml', "2" * 64),
        ("comma, space.yaml", "3" * 64),
        ("back\\slash.yaml", "4" * 64),
        ("no-sha.yaml", None),
        ("南京/申请.yaml", "5" * 64),
        ("short-sha.yaml", "abc"),
        ("\udcff.yaml", "6" * 64),
    ]
    log = FileLog()
    for path, sha in given:
        log.add(path, sha)
    assert list(log) == given


@pytest.mark.parametrize("profile", PROFILES)
def test_a_row_says_whether_its_decision_is_provisional_without_its_record(
    profile: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The city lists name the provisional applicants from each row's flag: the same as
    its decision record says, and no record is decoded to say it."""
    run = screen(load_criteria(profile), SAMPLES)
    expected = [d.applicant_id for d in run.results.decisions() if d.is_provisional]
    flags = [
        (row.is_provisional, d.is_provisional)
        for (_, row, _), d in zip(run.results.placed_rows(), run.results.decisions(), strict=True)
    ]
    assert all(flag == said for flag, said in flags)

    def no_decoding(*_: object) -> None:
        raise AssertionError("a record was decoded")

    monkeypatch.setattr(record, "decode", no_decoding)
    monkeypatch.setattr(record.pickle, "loads", no_decoding)
    assert run.results.provisional_ids() == expected
    if profile == "xiaomi-2s-2024":  # the samples hold provisional decisions under it
        assert expected


def test_the_rows_a_command_finds_are_one_ranked_batch() -> None:
    """`explain` shows the rows it finds through the same type as every report: a
    ranked batch read off the rows, ranks those of the whole batch."""
    run = screen(load_criteria("xiaomi-2s-2024"), SAMPLES)
    last = run.results[len(run.results) - 1]
    found = run.results.find(applicant_id=last.evaluation.applicant_id)
    assert type(found) is type(run.results)
    assert list(found) == [last]
    assert list(run.results.find(source=last.evaluation.source_path)) == [last]
    assert not run.results.find(applicant_id="no such id")


def test_the_process_that_screens_collects_its_young_objects_less_often() -> None:
    """A worker (and the CLI, which owns its process) freezes what exists and collects
    the youngest generation every `YOUNG` allocations, not every 700: the records make
    many short-lived tuples. In a child process: it changes the whole process."""
    import subprocess
    import sys

    code = (
        "import gc; from dealerscreen.batch.worker import YOUNG, settle; "
        "before = gc.get_threshold(); settle(); after = gc.get_threshold(); "
        "assert after == (YOUNG, *before[1:]) and YOUNG > before[0], (before, after); "
        "assert gc.get_freeze_count() > 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_files_bytes_read_back_are_its_model(tmp_path: Path) -> None:
    """A --top run spills each file's bytes (results.RAW), not its model's JSON: read
    back, they are the model the worker validated, as JSON, for YAML and JSON files and
    a file that begins with a byte-order mark."""
    from dealerscreen.batch.results import RAW, model_json

    marked = tmp_path / "marked.yaml"
    marked.write_bytes(b"\xef\xbb\xbf" + Path(SAMPLES[0]).read_bytes())
    for path in [*SAMPLES, str(marked)]:
        applicant = load_file(path).applicant
        assert applicant is not None, path
        source, model = unpack(pack(path, RAW + Path(path).read_bytes()))
        assert model_json(source, model) == applicant.model_dump_json(), path
        assert model_json(source, applicant.model_dump_json()) == applicant.model_dump_json()


def test_a_top_run_writes_the_json_of_no_model_it_does_not_read() -> None:
    """Every applicant's model was written as JSON for the spill (2% of a --top run); a
    --top run spills the files' bytes and makes the JSON of the few it reads back."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from dealerscreen.models.applicant import Applicant\n"
        "from dealerscreen.cli.app import main\n"
        "made = [0]\n"
        "dump = Applicant.model_dump_json\n"
        "def counted(self, *a, **k):\n"
        "    made[0] += 1\n"
        "    return dump(self, *a, **k)\n"
        "Applicant.model_dump_json = counted\n"
        "sys.argv = ['dealerscreen', 'screen', 'samples/applicants', '--top', '3', '-q', '--no-cache']\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    print('made', made[0], file=sys.stderr)\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode in (0, 1), out.stderr
    made = int(out.stderr.rsplit("made ", 1)[1])
    assert made < 20, made  # one per sample file (53) before; the rows read back now


def test_an_ineligible_applicants_record_is_in_the_spill_not_in_its_row() -> None:
    """Every row held its decision record: at 100,000 applicants those were most of what a
    full report holds beyond a `--top 20` run. The ineligible (most of a large batch, and
    each read once by a report) keep theirs in the spill before the model; read back from
    there it is the decision as decided, and a row without it says so when read alone."""
    compiled = load_criteria("xiaomi-2s-2024")
    run = screen(compiled, SAMPLES)
    rows = [row for _, row, _ in run.results.placed_rows()]
    out = [row for row in rows if not row.eligible]
    assert out and all(row.spilled and not row.record for row in out)
    assert all(row.record and not row.spilled for row in rows if row.eligible)
    decided = {
        x.applicant.applicant_id: decide(compiled, x.applicant, source_path=x.path)
        for x in map(load_file, SAMPLES)
        if x.applicant
    }
    read = list(run.results.decisions())
    assert read == [decided[row.applicant_id] for row in rows]
    # the model and source after the record in the spill read back as they were written
    shown = [decided[row.applicant_id].shown for row in rows]
    models = [(m.applicant_id, source) for m, source in run.results.models()]
    assert models == [
        (row.applicant_id, s.source_path if s else "") for row, s in zip(rows, shown, strict=True)
    ]
    with pytest.raises(ValueError, match="in the spill"):
        out[0].decision(compiled)
