"""The lock files agree with pyproject.toml and with each other.

A dependency added to pyproject.toml without `python3 dev.py lock` would be missing from
the locked install (pip's --require-hashes refuses it only at install time, on a fresh
machine); a hand-edited pin could fall outside the stated bounds.
"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)", re.M)


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    return {canonicalize_name(m["name"]): m["version"] for m in PIN.finditer(text)}


def direct(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    found = [Requirement(r) for r in project["dependencies"]]
    if extra:
        found += [Requirement(r) for r in project["optional-dependencies"][extra]]
    build = (ROOT / "requirements" / "build.in").read_text().splitlines()
    found += [Requirement(line) for line in build if line.strip() and not line.startswith("#")]
    return found


@pytest.mark.parametrize(("lock", "extra"), [("run.txt", None), ("dev.txt", "dev")])
def test_every_direct_dependency_is_pinned_within_its_bounds(lock: str, extra: str | None) -> None:
    pinned = pins(lock)
    for req in direct(extra):
        name = canonicalize_name(req.name)
        assert name in pinned, f"{req.name} is not in requirements/{lock}: run python3 dev.py lock"
        assert req.specifier.contains(pinned[name], prereleases=True), (
            f"{req.name}=={pinned[name]} in requirements/{lock} is outside {req.specifier}"
        )


def test_the_run_lock_is_the_dev_locks_subset() -> None:
    run, dev = pins("run.txt"), pins("dev.txt")
    assert {name: dev.get(name) for name in run} == run


@pytest.mark.parametrize("lock", ["run.txt", "dev.txt"])
def test_every_pin_has_a_hash(lock: str) -> None:
    text = (ROOT / "requirements" / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[-1])
    for entry in entries:
        if PIN.match(entry):
            assert "--hash=sha256:" in entry, entry.splitlines()[0]
