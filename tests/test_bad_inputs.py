"""Broken applicant files from tests/cases/applicants-invalid: each names the problems it must give.

Every case is screened alone against the default profile; the expected problem must be
among those reported, at its line and column, with its field and words. No case may end
a run or give a problem without a path.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dealerscreen.batch.screening import ScreenRun, load_criteria, screen
from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.loading import load_batch
from dealerscreen.models.problems import Problem

CORPUS = Path(__file__).parent / "cases" / "applicants-invalid"
SIDECAR = CORPUS / ".expectations.yaml"


@dataclass(frozen=True)
class Expect:
    file: str  # relative to the corpus
    where: str  # "LINE:COL", or "-" for no position
    check: str
    field: str | None
    words: str

    def matches(self, p: Problem) -> bool:
        at = "-" if p.line is None else f"{p.line}:{p.column}"
        return (
            at == self.where
            and p.check == self.check
            and (self.field is None or p.field == self.field)
            and self.words in p.text
        )


def parse_expect(file: str, text: str) -> Expect | None:
    """`LINE:COL CHECK [field=FIELD] [words]`, or `ok ...` for a file that must load."""
    if text.startswith("ok"):
        return None
    where, check, *rest = text.split(" ", 2)
    words = rest[0] if rest else ""
    field = None
    if words.startswith("field="):
        field, _, words = words.removeprefix("field=").partition(" ")
    return Expect(file, where, check, field, words)


def _case_expectations() -> dict[str, list[Expect | None]]:
    out: dict[str, list[Expect | None]] = {}
    sidecar = yaml.safe_load(SIDECAR.read_text(encoding="utf-8"))
    for file, lines in sidecar.items():
        out.setdefault(file.split("/")[0], []).extend(parse_expect(file, t) for t in lines)
    for path in sorted(CORPUS.glob("*.yaml")):
        if path.name in sidecar or path.name.startswith("."):
            continue
        head = path.read_text(encoding="utf-8-sig").splitlines()
        expects = [ln.removeprefix("# expect: ") for ln in head if ln.startswith("# expect: ")]
        assert expects, f"{path.name} names no expected problem"
        out[path.name] = [parse_expect(path.name, t) for t in expects]
    return out


EXPECTATIONS = _case_expectations()


def test_every_case_has_expectations() -> None:
    entries = {p.name for p in CORPUS.iterdir() if not p.name.startswith(".")} - {"README.md"}
    assert entries == set(EXPECTATIONS)


@functools.cache
def profile() -> CompiledProfile:
    return load_criteria("xiaomi-2s-2024")


def screen_case(name: str) -> ScreenRun:
    return screen(profile(), [str(CORPUS / name)])


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_bad_file_gives_its_located_problem(name: str) -> None:
    run = screen_case(name)
    problems = run.intake.problems
    shown = "\n".join(p.render() for p in problems)
    for expect in EXPECTATIONS[name]:
        if expect is None:
            assert not [p for p in problems if p.level == "error"], shown
            assert len(run.results) == 1
            continue
        mine = [p for p in problems if p.path == str(CORPUS / expect.file)]
        assert any(expect.matches(p) for p in mine), f"expected {expect}\ngot:\n{shown}"
    # The count always adds up, whatever went wrong.
    counts = run.counts()
    assert counts["found"] == counts["screened"] + counts["invalid"] + counts["skipped"]


def test_warnings_keep_the_applicant_screened() -> None:
    """An unknown city or brand is advice: the applicant is screened, the run is not invalid."""
    for name in ("unknown-city.yaml", "unknown-brand.yaml"):
        run = screen_case(name)
        assert len(run.results) == 1 and not run.intake.invalid
        assert {p.level for p in run.intake.problems} == {"warning"}
    city = screen_case("unknown-city.yaml").results[0].evaluation
    assert not city.eligible  # the recruitment-city gate still decides


def test_same_file_twice_is_counted_once_and_skipped_once() -> None:
    path = str(CORPUS / "bom.yaml")
    intake = load_batch([path, path, str(CORPUS)])
    # Skipped once when named again, once when met again in the folder walk.
    assert [s.path for s in intake.skipped if "more than once" in s.why.english()] == [path, path]
    assert len([x for x in intake.loaded if x.path == path]) == 1


def test_too_large_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    import dealerscreen.intake.loading as loading

    def no_parse(*_: object) -> None:
        raise AssertionError("a file over the limit must not be parsed")

    monkeypatch.setattr(loading, "parse", no_parse)
    item = loading.load_file(str(CORPUS / "billion-laughs.yaml"), max_bytes=100)
    assert [p.check for p in item.problems] == ["too-large"]
    assert "over the limit of 100" in item.problems[0].text


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.yaml"
    path.write_text((CORPUS / "bom.yaml").read_text(encoding="utf-8-sig"), encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: make the denial happen anyway
        real_open = os.open  # sourcefile reads through os.open

        def denied(file: str, *args: int, **kwargs: int) -> int:
            if str(file) == str(path):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)

        monkeypatch.setattr(os, "open", denied)
    try:
        intake = load_batch([str(tmp_path)])
    finally:
        path.chmod(0o644)
    assert [p.check for p in intake.problems] == ["unreadable"]
    assert intake.problems[0].path == str(path)


def test_broken_symlink_and_symlink_loop_in_a_folder_walk(tmp_path: Path) -> None:
    root = tmp_path / "batch"
    (root / "sub").mkdir(parents=True)
    good = (CORPUS / "bom.yaml").read_text(encoding="utf-8-sig")
    (root / "sub" / "good.yaml").write_text(good, encoding="utf-8")
    (root / "dangling.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "self.yaml").symlink_to(root / "self.yaml")  # a link to itself
    intake = load_batch([str(root), str(tmp_path / "gone.yaml")])
    by_path = {p.path: p for p in intake.problems}
    assert by_path[str(root / "dangling.yaml")].text == "broken symbolic link"
    assert by_path[str(root / "self.yaml")].check in ("not-found", "unreadable")
    assert by_path[str(tmp_path / "gone.yaml")].text == "no such file or folder"
    assert [x.applicant.applicant_id for x in intake.valid if x.applicant] == ["XM24-OK-BOM"]
