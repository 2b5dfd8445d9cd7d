"""Criteria read only criteria (issue #13 item 15): `reference:` and `extends:` stay in the
criteria roots, and a file that is not a criteria file is never quoted.

Criteria arrive in pull requests and CI runs them: a profile must not make CI read any
YAML or JSON file on the machine and echo pieces of it in its error messages.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.models.problems import FatalError
from tests.conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
SECRET = "hunter2-do-not-print"


def profile(folder: Path, reference: str, extends: str | None = None) -> Path:
    """The shipped xiaomi profile, copied with one reference (or an extends) changed."""
    text = (ROOT / "criteria" / "xiaomi-2s-2024.yaml").read_text(encoding="utf-8")
    text = text.replace("cities: reference/cities-xiaomi-2s-2024.yaml", f"cities: {reference}")
    if extends is not None:
        text = text.replace("id: xiaomi-2s-2024", f"id: child\nextends: {extends}", 1)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "criteria" / "reference", folder / "reference", dirs_exist_ok=True)
    path = folder / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def secret_file(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"password: {SECRET}\ntoken: [{SECRET}]\n", encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FatalError) as info:
        load_criteria(str(path))
    return [p.render() for p in info.value.problems]


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink"])
def test_reference_outside_the_criteria_folders_is_refused_unread(tmp_path: Path, how: str) -> None:
    outside = secret_file(tmp_path / "home" / "secrets.yaml")
    folder = tmp_path / "repo" / "criteria"
    ref = {"absolute": str(outside), "dotdot": "../../home/secrets.yaml", "symlink": "link.yaml"}
    path = profile(folder, ref[how])
    if how == "symlink":  # a link committed into the criteria folder, pointing out of it
        (folder / "link.yaml").symlink_to(outside)
    shown = "\n".join(problems_of(path))
    assert "(outside-criteria)" in shown and "is outside the criteria folders" in shown
    assert SECRET not in shown and "password" not in shown
    assert shown.startswith(f"{path}:")  # at the profile's own reference line


def test_extends_outside_the_criteria_folders_is_refused(tmp_path: Path) -> None:
    parent = profile(tmp_path / "elsewhere", "reference/cities-xiaomi-2s-2024.yaml")
    child = profile(tmp_path / "pr", "reference/cities-xiaomi-2s-2024.yaml", str(parent))
    shown = "\n".join(problems_of(child))
    assert "(outside-criteria)" in shown and "extends" in shown


def test_a_reference_that_is_not_a_reference_list_is_not_quoted(tmp_path: Path) -> None:
    folder = tmp_path / "criteria"
    secret_file(folder / "deploy" / "values.yaml")  # inside the root, but not criteria
    path = profile(folder, "deploy/values.yaml")
    shown = "\n".join(problems_of(path))
    assert "is not a reference list" in shown and "(not-criteria)" in shown
    assert SECRET not in shown and "password" not in shown and "token" not in shown


def test_the_criteria_path_and_the_shipped_profiles_are_roots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    shutil.copytree(ROOT / "criteria" / "reference", shared / "reference")
    path = profile(tmp_path / "pr", "../shared/reference/cities-xiaomi-2s-2024.yaml")
    assert any("outside-criteria" in p for p in problems_of(path))
    monkeypatch.setenv("DEALERSCREEN_CRITERIA_PATH", str(shared))
    assert load_criteria(str(path)).cities is not None
    # A child anywhere may extend a shipped profile by id; its references are the parent's.
    child = tmp_path / "pr" / "child.yaml"
    child.write_text(
        "schema_version: 1\nkind: profile\nid: child\nextends: xiaomi-2s-2024\n", encoding="utf-8"
    )
    assert load_criteria(str(child)).cities is not None


def test_validate_refuses_it_with_exit_1(cli: Cli, tmp_path: Path) -> None:
    path = profile(tmp_path / "criteria", "/etc/passwd.yaml")
    result = cli("validate", str(path))
    assert result.exit_code == 1, result
    assert "outside-criteria" in result.stdout
