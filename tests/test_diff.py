"""`dealerscreen diff`: a changed weight names exactly the applicants whose tier or rank
moved (checked against two independent screenings), with the rule that caused it."""

from __future__ import annotations

import gc
import json
import pickle
import shutil
import subprocess
import weakref
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from dealerscreen.batch.results import Results
from dealerscreen.batch.screening import load_criteria, screen
from dealerscreen.decide.engine import Decision
from dealerscreen.diff import compare as diff_compare
from dealerscreen.diff import formats as diff_formats
from dealerscreen.diff.compare import Origin
from dealerscreen.diff.run import FailOn, run_diff
from dealerscreen.models.applicant import Applicant
from dealerscreen.models.problems import FatalError
from tests.conftest import ROOT

SAMPLES = str(ROOT / "samples" / "applicants")
DEFAULT = ROOT / "criteria" / "xiaomi-2s-2024.yaml"


def edited_copy(folder: Path) -> Path:
    """The default profile with one weight changed: site tenure 6 -> 12 points (max 106)."""
    shutil.copytree(ROOT / "criteria" / "reference", folder / "reference")
    text = DEFAULT.read_text(encoding="utf-8")
    old_crit = "  - id: site-tenure\n    title: Site secured\n    group: site\n    points: 6\n"
    old_table = "table: {owned: 6, leased: 5, under_negotiation: 2, none: 0}"
    assert old_crit in text and old_table in text and "max_points: 100\n" in text
    text = (
        text.replace(old_crit, old_crit.replace("points: 6", "points: 12"))
        .replace(old_table, "table: {owned: 12, leased: 10, under_negotiation: 4, none: 0}")
        .replace("max_points: 100\n", "max_points: 106\n")
    )
    path = folder / "xiaomi-edited.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def moved_independently(base: str, new: str) -> tuple[set[str], set[str]]:
    """Applicants whose tier, or whose rank, differs between two ordinary screenings."""
    before = {r.evaluation.applicant_id: r for r in screen(load_criteria(base), [SAMPLES]).results}
    after = {r.evaluation.applicant_id: r for r in screen(load_criteria(new), [SAMPLES]).results}
    tiers = {i for i in before if before[i].evaluation.tier != after[i].evaluation.tier}
    ranks = {i for i in before if before[i].rank != after[i].rank}
    return tiers, ranks


def test_changed_weight_names_exactly_the_movers_and_why(tmp_path: Path) -> None:
    edited = edited_copy(tmp_path)
    run = run_diff(str(DEFAULT), str(edited), [SAMPLES])
    tiers, ranks = moved_independently(str(DEFAULT), str(edited))
    assert tiers and ranks, "the edit must move someone, or the test proves nothing"
    assert {c.applicant_id for c in run.result.having("tier")} == tiers
    assert {c.applicant_id for c in run.result.having("rank")} == ranks
    for change in run.result.having("tier"):
        assert [x.id for x in change.causes] == ["site-tenure"], change
    # Pinned, so that a change in the engine or the samples is seen here too.
    assert tiers == {
        "XM24-SUZ-003", "XM24-DGG-001", "XM24-SUZ-002",
        "XM24-HFE-001", "XM24-WNZ-001", "XM24-NKG-002",
        # a stated rank the reference list does not confirm scores 15, not 18 (#12), so
        # the tenure weight now lifts this one across a tier too
        "XM24-HFE-002",
        # XM24-SJW-001 and XM24-NGB-002 left the set: they state no customer satisfaction,
        # which no longer earns half its points (#12, missing is missing)
    }  # fmt: skip
    assert ranks == {
        "XM24-SUZ-003", "XM24-DGG-001", "XM24-SUZ-002", "XM24-CSX-002", "XM24-SUZ-004"
    }  # fmt: skip
    assert run.gate_failed(FailOn.tier_change) and not run.gate_failed(FailOn.eligibility_change)


def test_same_criteria_no_changes() -> None:
    run = run_diff("xiaomi-2s-2024", str(DEFAULT), [SAMPLES])
    assert run.result.changes == [] and run.result.cities == []


def test_eligibility_and_shortlist_changes_with_extends() -> None:
    run = run_diff("xiaomi-2s-2024", "xiaomi-2s-2025-expansion", [SAMPLES])
    (change,) = run.result.having("eligibility")
    assert change.city == "Hangzhou" and [c.text() for c in change.causes] == [
        "gate recruitment-city: FAIL → pass",
        "quota hangzhou: 1 → 2",  # the expansion also sets Hangzhou's quota
    ]
    assert [(c.city, c.added) for c in run.result.cities] == [("Hangzhou", (change.applicant_id,))]


def test_cli_formats_and_fail_on(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    edited = str(edited_copy(tmp_path))
    md = cli("diff", SAMPLES, "--base", str(DEFAULT), "--criteria", edited, "-f", "markdown")
    assert md.exit_code == 0, md
    assert "#### Tier changes (7)" in md.stdout and "site-tenure: 5/6 → 10/12" in md.stdout
    gated = cli(
        "diff", SAMPLES, "--base", str(DEFAULT), "--criteria", edited, "--fail-on", "tier-change"
    )
    assert gated.exit_code == 1, gated
    data = json.loads(
        cli("diff", SAMPLES, "--base", str(DEFAULT), "--criteria", edited, "-f", "json").stdout
    )
    assert data["counts"]["tier"] == 7 and data["schema"] == "dealerscreen.diff/1"
    assert cli("diff", SAMPLES, "--base", str(DEFAULT), "--fail-on", "always").exit_code == 2
    assert cli("diff", SAMPLES, "--base", "no-such-profile").exit_code == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_from_a_git_revision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "criteria", repo / "criteria")

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)

    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    edited = edited_copy(tmp_path / "edit")
    shutil.copy(edited, repo / "criteria" / "xiaomi-2s-2024.yaml")  # the working copy changes
    monkeypatch.chdir(repo)
    run = run_diff("HEAD:criteria/xiaomi-2s-2024.yaml", "criteria/xiaomi-2s-2024.yaml", [SAMPLES])
    assert len(run.result.having("tier")) == 7  # see the pinned set above
    with pytest.raises(FatalError, match="bad-revision"):
        run_diff(
            "nosuchrev:criteria/xiaomi-2s-2024.yaml", "criteria/xiaomi-2s-2024.yaml", [SAMPLES]
        )


def test_edits_outside_the_rules_are_named(tmp_path: Path) -> None:
    """A tier threshold, the tie-break order and a quota change outcomes without any rule."""
    shutil.copytree(ROOT / "criteria" / "reference", tmp_path / "reference")
    text = DEFAULT.read_text(encoding="utf-8")
    for old, new in [
        ("{id: A, min_points: 80,", "{id: A, min_points: 96,"),
        ('  - {key: "criterion:standing"}\n', ""),
        ("quota:\n  default: 1", "quota:\n  default: 2"),
    ]:
        assert old in text
        text = text.replace(old, new)
    edited = tmp_path / "edited.yaml"
    edited.write_text(text, encoding="utf-8")
    run = run_diff(str(DEFAULT), str(edited), [SAMPLES])
    for change in run.result.having("tier"):
        assert [c.text() for c in change.causes] == ["tier A: from 80 → from 96"]
    movers = run.result.having("rank")
    assert movers and all(any(c.kind == "tie-break" for c in m.causes) for m in movers)
    assert all(m.overtaken_by or m.overtook for m in movers)
    shortlisted = [c for c in run.result.having("shortlist")]
    assert shortlisted and all(any(c.kind == "quota" for c in s.causes) for s in shortlisted)


def test_rank_moves_name_who_overtook_whom(tmp_path: Path) -> None:
    run = run_diff(str(DEFAULT), str(edited_copy(tmp_path)), [SAMPLES])
    by_id = {c.applicant_id: c for c in run.result.having("rank")}
    assert set(by_id["XM24-DGG-001"].overtaken_by) == {"XM24-SUZ-003"}
    assert set(by_id["XM24-SUZ-004"].overtaken_by) == {"XM24-CSX-002"}
    assert "XM24-DGG-001" in by_id["XM24-SUZ-003"].overtook


def test_golden_markdown(tmp_path: Path, golden) -> None:  # type: ignore[no-untyped-def]
    from dealerscreen.diff.formats import markdown

    run = run_diff(str(DEFAULT), str(edited_copy(tmp_path)), [SAMPLES])
    # the files as a checkout names them, wherever the test runs
    r = run.result
    r.base = replace(r.base, origin=Origin("file", "criteria/xiaomi-2s-2024.yaml"))
    r.new = replace(r.new, origin=Origin("file", "xiaomi-edited.yaml"))
    golden("diff-site-tenure-weight.md", markdown(r))


def test_a_newly_eligible_applicant_is_named_as_overtaking() -> None:
    """The expansion makes one Hangzhou applicant eligible: everyone it now ranks ahead of
    moves down one, and is told who overtook it, not that its own outcome did not change."""
    expansion = ROOT / "criteria" / "xiaomi-2s-2025-expansion.yaml"
    run = run_diff(str(DEFAULT), str(expansion), [SAMPLES])
    (entered,) = run.result.having("eligibility")
    movers = [c for c in run.result.having("rank") if c.applicant_id != entered.applicant_id]
    assert len(movers) > 20
    for c in movers:
        assert c.overtaken_by == (entered.applicant_id,) == c.newly_eligible, c
        assert "its own outcome did not change" not in diff_formats.text(run.result)
    # and the other way round: without it, those behind it move up, and are told why
    back = run_diff(str(expansion), str(DEFAULT), [SAMPLES])
    up = [c for c in back.result.having("rank") if c.applicant_id != entered.applicant_id]
    assert up and all(c.dropped_out == (entered.applicant_id,) for c in up)
    assert "no longer eligible" in diff_formats.text(back.result)


def test_json_has_a_status_like_every_envelope(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expansion = "criteria/xiaomi-2s-2025-expansion.yaml"
    same = json.loads(cli("diff", SAMPLES, "--base", str(DEFAULT), "-f", "json").stdout)
    assert same["status"] == "ok"
    gated = cli(
        "diff",
        SAMPLES,
        "--base",
        str(DEFAULT),
        "-c",
        expansion,
        "-f",
        "json",
        "--fail-on",
        "eligibility-change",
    )
    assert gated.exit_code == 1 and json.loads(gated.stdout)["status"] == "failed"
    invalid = cli("diff", "samples/invalid", "--base", str(DEFAULT), "-f", "json")
    assert invalid.exit_code == 1 and json.loads(invalid.stdout)["status"] == "invalid-input"


def test_the_applicants_are_read_once_and_never_all_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A diff of 100,000 applicants held every validated model at once (4 GB): each model
    is now decided under both profiles as it is read and dropped. The models are counted
    alive (weak references) as each next one is read."""
    real = Results.models
    alive: list[int] = []
    read = 0

    def counted(self: Results) -> Iterator[tuple[Applicant, str]]:
        nonlocal read
        refs: list[weakref.ref[Applicant]] = []
        for model, source in real(self):
            gc.collect()
            alive.append(sum(r() is not None for r in refs))
            refs.append(weakref.ref(model))
            read += 1
            yield model, source

    monkeypatch.setattr(Results, "models", counted)
    edited = edited_copy(tmp_path)
    run = run_diff(str(DEFAULT), str(edited), [SAMPLES])
    assert read == run.result.screened > 10, "every applicant is read, once"
    # The one just yielded may still be bound to the loop's name when the next is read.
    assert max(alive) <= 1, f"models alive at once: up to {max(alive)}"


def test_what_is_kept_of_each_decision_is_a_fraction_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two decisions per applicant stay until both sides are ranked: only what a diff reads
    of each (verdicts, points, total, tier, the sort key as bytes), not the rules' records
    and the words' data, which are most of a decision (pickled size as the measure: a
    whole decision kept is 1.0 of itself). The causes are still named from what is left."""
    real_decide, real_kept = diff_compare.decide, diff_compare._kept
    whole: list[int] = []
    kept: list[int] = []

    def decide(*args: Any, **kw: Any) -> Decision:
        d = real_decide(*args, **kw)
        whole.append(len(pickle.dumps(d)))
        return d

    def keep(d: Decision) -> Any:
        k = real_kept(d)
        kept.append(len(pickle.dumps(k)))
        return k

    monkeypatch.setattr(diff_compare, "decide", decide)
    monkeypatch.setattr(diff_compare, "_kept", keep)
    run = run_diff(str(DEFAULT), str(edited_copy(tmp_path)), [SAMPLES])
    assert len(kept) == len(whole) == 2 * run.result.screened
    assert max(k / w for k, w in zip(kept, whole, strict=True)) < 0.4
    assert {c.id for ch in run.result.having("tier") for c in ch.causes} == {"site-tenure"}
