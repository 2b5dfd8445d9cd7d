"""A run's detail (runs.detail) is sealed by the act that recorded the run: a screening's
holds what its decisions' records are read with (each criteria file's text, each rule's
facts, the criteria digest), and a hand edit of it is found by `programme check`, which
names the run (programme/rundetail.py). Runs recorded before the seal are checked for
what can be told without it: the criteria digest the act names, and the kept texts
against it when their set is complete."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select, update

from dealerscreen.criteria.loading import load_profile
from dealerscreen.models.clock import combined_digest
from dealerscreen.programme import chain, rundetail, storing
from dealerscreen.programme.schema import acts, runs
from tests.conftest import ROOT
from tests.englishcheck import english_runs
from tests.programme.helpers import SAMPLES, Made

AS_OF = "2030-03-01"
PROFILE = "xiaomi-2s-2024.yaml"
FINDINGS = 1  # README: `programme check` exits 1 naming what does not match
Detail = dict[str, Any]


@contextmanager
def _as_before(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Runs recorded as the versions before the seal recorded them: the intake and
    screen acts' payloads without the detail's digest."""
    appended = chain.append

    def append(*args: Any, **kwargs: Any) -> chain.Act:
        # storing and submissions pass the payload as the seventh argument
        if len(args) == 7 and args[1] in ("intake", "screen"):
            args = (*args[:6], {k: v for k, v in args[6].items() if k != rundetail.SEAL})
        return appended(*args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(chain, "append", append)
        yield


def _screened(made: Made) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    assert made.run("screen", "-f", "json", "--as-of", AS_OF).exit_code in (0, 1)


def _edit(made: Made, kind: str, change: Callable[[Detail], None]) -> int:
    """The detail of the (only) run of `kind` changed by hand, written back as canonical
    JSON as a tool would; its run id."""
    engine = made.engine()
    with engine.begin() as conn:
        run_id, text = conn.execute(
            select(runs.c.id, runs.c.detail).where(runs.c.kind == kind)
        ).one()
        detail = json.loads(text)
        change(detail)
        new = chain.canonical(detail)
        assert new != text
        conn.execute(update(runs).where(runs.c.id == run_id).values(detail=new))
    engine.dispose()
    return int(run_id)


def _speak(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8")


def _weight_changed(detail: Detail) -> None:
    """One kept criteria text edited: the points of a criterion, as a later reader would
    then read the records."""
    text = detail["criteria"][PROFILE]
    assert "points: 25\n" in text
    detail["criteria"][PROFILE] = text.replace("points: 25\n", "points: 5\n", 1)


def _reads_changed(detail: Detail) -> None:
    kinds = detail["reads"]
    kind = sorted(kinds)[0]
    rule = sorted(kinds[kind])[0]
    kinds[kind][rule] = [*kinds[kind][rule], "site.colour"]


def _intact(made: Made) -> None:
    ok = made.run("programme", "check")
    assert ok.exit_code == 0 and "intact" in ok.stderr, ok


def _screen_act(made: Made) -> tuple[int, Detail]:
    """The screen act's number and payload."""
    engine = made.engine()
    with engine.connect() as conn:
        row = conn.execute(select(acts).where(acts.c.kind == "screen")).one()
    engine.dispose()
    act = chain.row_of(row)
    return act.seq, act.payload


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_edited_criteria_text_is_found_and_its_run_named(
    made: Made, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _screened(made)
    _intact(made)
    seq, payload = _screen_act(made)
    assert rundetail.SEAL in payload  # a new run seals its detail
    run_id = _edit(made, "screen", _weight_changed)
    _speak(monkeypatch, lang)
    broken = made.run("programme", "check")
    assert broken.exit_code == FINDINGS, broken
    if lang == "en":
        said = f"act {seq} (screen): the detail of run {run_id} it recorded was changed"
        assert said in broken.stderr, broken
    else:
        assert (
            f"操作 {seq}（" in broken.stderr and f"第 {run_id} 次运行的详情被改动" in broken.stderr
        )
        assert english_runs(broken.stderr, []) == [], broken.stderr


def test_edited_reads_are_found(made: Made) -> None:
    _screened(made)
    seq, _ = _screen_act(made)
    run_id = _edit(made, "screen", _reads_changed)
    broken = made.run("programme", "check")
    assert broken.exit_code == FINDINGS, broken
    assert f"act {seq} (screen): the detail of run {run_id} it recorded" in broken.stderr


def test_an_edited_intake_detail_is_found(made: Made) -> None:
    assert made.run("intake", SAMPLES).exit_code == 0
    _intact(made)
    run_id = _edit(made, "intake", lambda d: d.update(inputs=["somewhere/else"]))
    broken = made.run("programme", "check")
    assert broken.exit_code == FINDINGS, broken
    assert f"act 1 (intake): the detail of run {run_id} it recorded" in broken.stderr


def _old_form(made: Made, monkeypatch: pytest.MonkeyPatch) -> int:
    """A record whose runs were recorded as before the seal; the screen act's number."""
    with _as_before(monkeypatch):
        _screened(made)
    seq, payload = _screen_act(made)
    assert rundetail.SEAL not in payload
    _intact(made)  # an old run untouched is intact: nothing is asked of it that it lacks
    return seq


def _digest_changed(detail: Detail) -> None:
    detail.update(criteria_digest="0" * 64)


@pytest.mark.parametrize(
    "edit",
    [
        _digest_changed,  # the act's sealed payload names another digest
        _weight_changed,  # its kept texts are all the files they name: they make the digest
    ],
)
def test_an_old_runs_edited_detail_is_found(
    made: Made, monkeypatch: pytest.MonkeyPatch, edit: Callable[[Detail], None]
) -> None:
    seq = _old_form(made, monkeypatch)
    run_id = _edit(made, "screen", edit)
    broken = made.run("programme", "check")
    assert broken.exit_code == FINDINGS, broken
    assert f"act {seq} (screen): the detail of run {run_id} it recorded" in broken.stderr


def test_an_old_run_that_kept_some_of_its_files_is_not_called_edited(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A text is kept only when its file still had the digest it was decided with: a run
    stored while a reference list was being edited keeps the others, and cannot be told
    from an edited one without the seal. `check` says nothing of it (no false finding)."""
    kept = storing.criteria_texts

    def one_left_out(run: Any) -> dict[str, str]:
        texts = kept(run)
        del texts[sorted(p for p in texts if p != PROFILE)[0]]
        return texts

    monkeypatch.setattr(storing, "criteria_texts", one_left_out)
    _old_form(made, monkeypatch)


@pytest.mark.parametrize("profile", sorted(p.name for p in (ROOT / "criteria").glob("*.yaml")))
def test_a_kept_set_is_complete_only_with_every_file_it_names(profile: str) -> None:
    """What `check` asks of a run recorded before the seal: the texts of every file a
    shipped profile was loaded from (its parents, its reference lists) are a complete set,
    which makes the profile's criteria digest; without any one of them it is not."""
    loaded = load_profile(str(ROOT / "criteria" / profile))
    base = ROOT / "criteria"
    texts = {rel: (base / rel).read_text(encoding="utf-8") for rel in loaded.files}
    assert rundetail.complete(texts, loaded.profile.id)
    assert combined_digest(dict(loaded.files)) == rundetail.made_digest(texts)
    for rel in texts:
        fewer = {p: t for p, t in texts.items() if p != rel}
        assert not rundetail.complete(fewer, loaded.profile.id), rel
