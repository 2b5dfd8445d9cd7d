"""A cached applicant's gate verdicts decide it again only while they still hold
(dealerscreen.decisionmemo): after an edit, an applicant is decided from its memo exactly
as from its model, or from its model."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen import decisionbytes, decisionmemo
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.decisionmemo import MemoKeys
from dealerscreen.engine import decide
from dealerscreen.models.applicant import Applicant
from dealerscreen.names import name_fields
from dealerscreen.problems import ExitCode
from dealerscreen.screening import load_criteria
from tests.conftest import ROOT, CliResult
from tests.test_cache_trust import batch

Cli = Callable[..., CliResult]
SAMPLES = ROOT / "samples" / "applicants"

# (what is edited, then pairs of a text in the default criteria and its replacement)
Edit = tuple[str, tuple[tuple[str, str], ...]]
WEIGHTS: Edit = (
    "criteria weights",
    (("    points: 5\n", "    points: 6\n"), ("max_points: 100\n", "max_points: 101\n")),
)
GATE: Edit = (
    "a gate's threshold",
    (
        (
            "customers.active_customers, op: ge, value: 1000}",
            "customers.active_customers, op: ge, value: 400}",
        ),
    ),
)
REFERENCE: Edit = (
    "the city list",
    (("aliases: [南京市, Nanjing Shi, Nanking]", "aliases: [南京市, Nanking]"),),
)


def _applicants() -> list[Applicant]:
    from dealerscreen.loading import load_file

    out = []
    for path in sorted(SAMPLES.iterdir()):
        loaded = load_file(str(path), 1 << 20, None)
        if loaded.applicant is not None:
            out.append(loaded.applicant)
    assert len(out) > 40
    return out


def _edited(tmp_path: Path, edit: Edit) -> CompiledProfile:
    folder = tmp_path / "criteria"
    shutil.copytree(ROOT / "criteria", folder)
    files = [folder / "xiaomi-2s-2024.yaml", *(folder / "reference").glob("*.yaml")]
    for old, new in edit[1]:
        path = next(p for p in files if old in p.read_text(encoding="utf-8"))
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return load_criteria(str(folder / "xiaomi-2s-2024.yaml"))


def _keys(compiled: CompiledProfile) -> MemoKeys:
    return MemoKeys.of(compiled, name_fields(compiled))


def _memos(compiled: CompiledProfile) -> list[tuple[Applicant, decisionmemo.Memo]]:
    keys = _keys(compiled)
    out = []
    for a in _applicants():
        memo = decisionmemo.read(decisionmemo.write(keys, decide(compiled, a, stop_early=True), []))
        assert memo is not None
        out.append((a, memo))
    return out


def _from_memo(
    compiled: CompiledProfile, keys: MemoKeys, memo: decisionmemo.Memo
) -> tuple[str, str, str | None, bytes] | None:
    """What a warm run writes for an applicant its memo decides: id, city, group and the
    decision record; None when it decides from the model."""
    codes = decisionmemo.shut_out_codes(keys, memo)
    if codes is None:
        return None
    return memo.applicant_id, memo.city_id, memo.group, decisionbytes.shut_out_record(codes)


def _from_model(compiled: CompiledProfile, a: Applicant) -> tuple[str, str, str | None, bytes]:
    d = decide(compiled, a, stop_early=True)
    return d.applicant_id, d.city_id, d.group, decisionbytes.encode(compiled, d)


@pytest.mark.parametrize("edit", [WEIGHTS, GATE, REFERENCE], ids=lambda e: e[0])
def test_a_memo_decides_as_the_model_or_not_at_all(tmp_path: Path, edit: Edit) -> None:
    before = load_criteria("xiaomi-2s-2024")
    after = _edited(tmp_path, edit)
    keys = _keys(after)
    from_memo = 0
    for applicant, memo in _memos(before):
        got = _from_memo(after, keys, memo) if memo.names == keys.names else None
        if got is not None:
            from_memo += 1
            assert got == _from_model(after, applicant), applicant.applicant_id
    shut_out = sum(not decide(before, a, stop_early=True).eligible for a in _applicants())
    if edit is WEIGHTS:  # no gate changed: every shut-out applicant, from its memo
        assert from_memo == shut_out >= 10
    elif edit is GATE:  # those shut out before the edited gate still are; the rest not
        assert 0 < from_memo < shut_out
    else:  # every gate reads the reference lists
        assert from_memo == 0


def test_a_memo_never_decides_an_applicant_that_meets_every_gate() -> None:
    compiled = load_criteria("xiaomi-2s-2024")
    keys = _keys(compiled)
    for applicant, memo in _memos(compiled):
        got = _from_memo(compiled, keys, memo)
        eligible = decide(compiled, applicant, stop_early=True).eligible
        assert (got is None) == eligible, applicant.applicant_id
        if got is not None:
            assert got == _from_model(compiled, applicant), applicant.applicant_id


def test_a_memo_is_read_only_when_it_is_one() -> None:
    assert decisionmemo.read("not json") is None
    assert decisionmemo.read("[1, 2]") is None
    assert decisionmemo.read('["id", "city", null, "0123456789abcdef", "1", "n", []]') is not None
    assert decisionmemo.read('["id", "city", null, "0123456789abcdef", "12", "n", []]') is None
    assert decisionmemo.read('["id", "city", null, "0123456789abcdef", "7", "n", []]') is None


def test_the_code_digest_covers_the_rules() -> None:
    digest = decisionmemo.code_digest()
    assert len(digest) == 64 and digest == decisionmemo.code_digest()


@pytest.mark.parametrize("edit", [WEIGHTS, GATE], ids=lambda e: e[0])
def test_a_warm_run_after_an_edit_reports_as_a_run_without_a_cache(
    cli: Cli, tmp_path: Path, edit: Edit
) -> None:
    inputs, cache = batch(tmp_path), tmp_path / "cache"
    cold = cli("screen", inputs, "-f", "json", "--cache-dir", str(cache))
    assert cold.exit_code == ExitCode.OK, cold
    _edited(tmp_path, edit)
    edited = str(tmp_path / "criteria" / "xiaomi-2s-2024.yaml")
    for jobs in ("1", "2"):
        warm = cli(
            "screen",
            inputs,
            "-f",
            "json",
            "--cache-dir",
            str(cache),
            "--criteria",
            edited,
            "-j",
            jobs,
        )
        plain = cli("screen", inputs, "-f", "json", "--no-cache", "--criteria", edited)
        assert warm.exit_code == plain.exit_code == ExitCode.OK, warm
        assert warm.stdout == plain.stdout
        assert warm.stderr == plain.stderr


def test_verdicts_are_found_by_their_gate_not_their_place() -> None:
    """A memo written before gates were reordered still holds each gate's verdict."""
    import dataclasses

    compiled = load_criteria("xiaomi-2s-2024")
    keys = _keys(compiled)
    checked = 0
    for applicant, memo in _memos(compiled):
        width = len(memo.digests) // len(memo.codes)
        pieces = [memo.digests[i : i + width] for i in range(0, len(memo.digests), width)]
        moved = dataclasses.replace(memo, digests="".join(pieces[::-1]), codes=memo.codes[::-1])
        got = _from_memo(compiled, keys, moved)
        assert got == _from_memo(compiled, keys, memo), applicant.applicant_id
        checked += got is not None and len(memo.codes) > 1
    assert checked >= 5
