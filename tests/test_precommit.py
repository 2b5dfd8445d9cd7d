"""The real pre-commit framework runs the hooks in a temporary git repository: a good
criteria folder passes, a broken edit fails with a located line, a changed outcome fails
the test hook. No mocks; skipped only when pre-commit or git is not installed."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
DEALERSCREEN = Path(sys.executable).parent / "dealerscreen"
# Kept between runs (git-ignored): installing the hook environment is the slow part.
HOME = ROOT / ".pytest_cache" / "pre-commit-home"
# The published-hooks test's repository, kept beside it: `pre-commit gc` keeps the hook
# environments that a config still on disk names, and a config in a temporary folder (which
# pytest removes a few runs later, sooner when other runs share the temporary folder) let
# gc remove the environment, so every run installed it again (20-40 s).
PUBLISHED = ROOT / ".pytest_cache" / "pre-commit-published"
# What `pip install` of this repository puts into the hook environment (the wheel: src and
# the criteria as its profiles; pyproject.toml builds it) and what the hooks run on. The
# README only fills the package's long description.
INSTALLED = ("src", "criteria", "samples/applicants", "pyproject.toml", ".pre-commit-hooks.yaml")

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None or not DEALERSCREEN.exists(),
    reason="needs pre-commit, git and the dealerscreen script in this environment",
)

LOCAL_CONFIG = f"""repos:
  - repo: local
    hooks:
      - id: dealerscreen-validate
        name: dealerscreen validate
        entry: {DEALERSCREEN} validate --strict
        language: system
        files: ^criteria/
        pass_filenames: false
      - id: dealerscreen-test
        name: dealerscreen test
        entry: {DEALERSCREEN} test
        language: system
        files: ^criteria/
        pass_filenames: false
"""


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(HOME), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(PRE_COMMIT), *args, "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def make_repo(tmp_path: Path, config: str, rev: str | None = None) -> Path:
    """A git repository holding the criteria and samples (of the working tree, or of `rev`)."""
    repo = tmp_path / "repo"
    shutil.rmtree(repo, ignore_errors=True)
    if rev is None:
        shutil.copytree(ROOT / "criteria", repo / "criteria")
        shutil.copytree(ROOT / "samples" / "applicants", repo / "samples" / "applicants")
    else:  # the criteria as they were at the hooks' commit, so code and data agree
        repo.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "archive", "--format=tar", rev, "--", "criteria", "samples/applicants"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        ).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(repo, filter="data")
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "criteria")
    return repo


def edit(repo: Path, rel: str, old: str, new: str) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    git(repo, "add", rel)


def test_local_hooks_pass_then_catch_a_broken_edit(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, LOCAL_CONFIG)
    good = pre_commit(repo, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    edit(
        repo,
        "criteria/xiaomi-2s-2024.yaml",
        "    reason: The programme",
        "    raeson: The programme",
    )
    bad = pre_commit(repo, "run")  # staged files only, as on `git commit`
    assert bad.returncode != 0
    assert "criteria/xiaomi-2s-2024.yaml:" in bad.stdout and "did you mean 'reason'" in bad.stdout


def test_test_hook_catches_a_changed_outcome(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, LOCAL_CONFIG)
    # A valid edit (tier A from 80 to 96) that changes a pinned decision.
    edit(repo, "criteria/xiaomi-2s-2024.yaml", "{id: A, min_points: 80,", "{id: A, min_points: 96,")
    result = pre_commit(repo, "run")
    assert result.returncode != 0
    assert "dealerscreen validate" in result.stdout and "tier: expected A, got B" in result.stdout


def test_hooks_from_this_repository_as_published() -> None:
    """`.pre-commit-hooks.yaml` from a clone of this repository (language: python) at the
    last commit that changed what the hooks install or run on: HEAD's files, in an
    environment that is installed again only when one of them changes."""
    try:
        rev = git(ROOT, "log", "-1", "--format=%H", "HEAD", "--", *INSTALLED).strip()
        if git(ROOT, "diff", "--name-only", rev, "HEAD", "--", *INSTALLED):  # after a merge
            rev = git(ROOT, "rev-parse", "HEAD").strip()
        git(ROOT, "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml")
    except subprocess.CalledProcessError:
        pytest.skip("HEAD has no .pre-commit-hooks.yaml (not a git checkout, or uncommitted)")
    config = (
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n"
        "      - id: dealerscreen-validate\n      - id: dealerscreen-test\n"
    )
    repo = make_repo(PUBLISHED, config, rev)
    # Environments of earlier commits, no longer named by the config, would pile up.
    pre_commit(repo, "gc")
    install = pre_commit(repo, "install-hooks")
    if install.returncode != 0:
        pytest.skip(f"pre-commit could not install the hook environment: {install.stdout[-300:]}")
    good = pre_commit(repo, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    # a team that keeps no expected-outcome cases: the test hook has nothing to run, and passes
    shutil.rmtree(repo / "criteria" / "tests")
    git(repo, "add", "-A")
    no_cases = pre_commit(repo, "run", "--all-files")
    assert no_cases.returncode == 0, no_cases.stdout + no_cases.stderr
    assert re.search(r"dealerscreen test\.+Passed", no_cases.stdout), no_cases.stdout
    edit(
        repo,
        "criteria/reference/cities-xiaomi-2s-2024.yaml",
        "aliases: [苏州市,",
        "aliases: [重庆, 苏州市,",
    )
    bad = pre_commit(repo, "run")
    assert bad.returncode != 0 and "(alias-collision)" in bad.stdout, bad.stdout
