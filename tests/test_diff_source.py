"""Which criteria `diff` reads is decided by the spec, never by what a pull request put in
the working tree: a folder committed as `origin/main:criteria/` (holding a copy of the
edited criteria, so that both sides agree) does not turn "7 tier changes, exit 1" into
"0 changes, exit 0"; a file named like a profile id is a usage error naming both
readings; and every report says where each side was read from."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, CliResult
from tests.test_diff import SAMPLES, edited_copy

Cli = Callable[..., CliResult]
BASE = "origin/main:criteria/xiaomi-2s-2024.yaml"
EDITED = "criteria/xiaomi-2s-2024.yaml"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True)
    return done.stdout.strip()


@pytest.fixture
def attacked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """A clone whose origin/main holds the shipped criteria, and a pull request on top
    that edits a weight (7 tier changes) and commits a folder literally named
    `origin/main:criteria/` holding the edited criteria too. The working folder is the
    clone's; returns it and origin/main's commit."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "criteria", repo / "criteria")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    edited = edited_copy(tmp_path / "edit")
    shutil.copy(edited, repo / EDITED)
    decoy = repo / "origin" / "main:criteria"
    shutil.copytree(repo / "criteria", decoy)
    _git(repo, "add", ".")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "pr")
    monkeypatch.chdir(repo)
    assert Path(BASE).is_file()  # the decoy answers to the base's spec as a path
    return repo, _git(repo, "rev-parse", "origin/main")


@needs_git
def test_a_folder_named_like_the_base_revision_is_not_read(
    cli: Cli, attacked: tuple[Path, str]
) -> None:
    _, commit = attacked
    args = ["diff", SAMPLES, "--base", BASE, "--criteria", EDITED]
    gated = cli(*args, "--fail-on", "tier-change")
    assert gated.exit_code == 1, gated
    assert "7 tier change(s)" in gated.stdout
    assert f"base: git {BASE}, commit {commit[:12]}" in gated.stdout
    assert f"new: file {EDITED}" in gated.stdout
    # the path that was set aside is said, and how to read it instead
    assert "(shadowed-path)" in gated.stderr and f"write ./{BASE}" in gated.stderr
    data = json.loads(cli(*args, "-f", "json").stdout)
    assert data["counts"]["tier"] == 7
    assert data["base"]["origin"] == {
        "kind": "git",
        "path": EDITED,
        "revision": "origin/main",
        "commit": commit,
    }
    assert data["new"]["origin"]["kind"] == "file"
    md = cli(*args, "-f", "markdown").stdout
    assert "#### Tier changes (7)" in md and f"- base: git {BASE}, commit {commit[:12]}" in md


@needs_git
def test_a_path_written_as_one_is_read_as_a_path(cli: Cli, attacked: tuple[Path, str]) -> None:
    out = cli("diff", SAMPLES, "--base", "./" + BASE, "--criteria", EDITED)
    assert out.exit_code == 0, out
    assert "0 tier change(s)" in out.stdout and f"base: file ./{BASE}" in out.stdout
    assert "shadowed-path" not in out.stderr


@needs_git
def test_a_revision_without_the_file_and_a_path_with_it_is_a_usage_error(
    cli: Cli, attacked: tuple[Path, str]
) -> None:
    """The revision is there but holds no such file, and the working tree does: two
    readings, neither taken."""
    repo, _ = attacked
    spec = "origin/main:criteria/only-here.yaml"
    shutil.copy(repo / EDITED, repo / "origin" / "main:criteria" / "only-here.yaml")
    out = cli("diff", SAMPLES, "--base", spec, "--criteria", EDITED)
    assert out.exit_code == 2, out
    text = " ".join(out.stderr.split())
    assert "does not exist at revision 'origin/main'" in text and f"write ./{spec}" in text


def test_a_profile_id_that_is_also_a_file_here_is_a_usage_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = edited_copy(tmp_path)
    shutil.copy(edited, tmp_path / "xiaomi-2s-2024")
    monkeypatch.chdir(tmp_path)
    shipped = str(ROOT / "criteria" / "xiaomi-2s-2024.yaml")
    out = cli("diff", SAMPLES, "--base", "xiaomi-2s-2024", "--criteria", str(edited))
    assert out.exit_code == 2, out
    text = " ".join(out.stderr.split())
    assert "--base" in text and "is both a file here and the id of the profile" in text
    assert "write ./xiaomi-2s-2024 for the file" in text
    # each reading, chosen
    as_file = cli("diff", SAMPLES, "--base", "./xiaomi-2s-2024", "--criteria", str(edited))
    assert as_file.exit_code == 0 and "0 tier change(s)" in as_file.stdout, as_file
    assert "base: file ./xiaomi-2s-2024" in as_file.stdout
    as_profile = cli("diff", SAMPLES, "--base", shipped, "--criteria", str(edited))
    assert "7 tier change(s)" in as_profile.stdout, as_profile
    # the default --criteria is that id too: the same question, asked of --criteria
    default = cli("diff", SAMPLES, "--base", shipped)
    assert default.exit_code == 2 and "--criteria" in default.stderr, default


def test_a_profile_id_names_its_file(cli: Cli) -> None:
    out = cli("diff", SAMPLES, "--base", "xiaomi-2s-2024", "-c", "criteria/xiaomi-2s-2024.yaml")
    assert out.exit_code == 0, out
    assert "base: profile xiaomi-2s-2024, file criteria/xiaomi-2s-2024.yaml" in out.stdout
    zh = cli("diff", SAMPLES, "--base", "xiaomi-2s-2024", "--lang", "zh").stdout
    assert "修改前：标准 xiaomi-2s-2024，文件 criteria/xiaomi-2s-2024.yaml" in zh


@needs_git
def test_chinese_errors_and_warnings_of_the_spec(
    cli: Cli, attacked: tuple[Path, str], tmp_path: Path
) -> None:
    from tests.englishcheck import english_runs

    out = cli("diff", SAMPLES, "--base", BASE, "--criteria", EDITED, "--lang", "zh")
    assert "（shadowed-path）" in out.stderr and "已从 git 读取" in out.stderr, out.stderr
    warning = [line for line in out.stderr.splitlines() if "shadowed-path" in line]
    assert warning and english_runs("\n".join(warning)) == [], warning
    assert "修改前：git " in out.stdout and "，提交 " in out.stdout
    (tmp_path / "repo" / "xiaomi-2s-2024").write_text("", encoding="utf-8")
    clash = cli("diff", SAMPLES, "--base", "xiaomi-2s-2024", "--lang", "zh")
    assert clash.exit_code == 2 and "既是此处的一个文件" in clash.stderr, clash
