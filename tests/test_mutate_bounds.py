"""`test --mutate` is bounded whatever a profile holds: a list of 8,000 values gets a
sample of mutants (the first, the last and a seeded few), a profile at most PER_PROFILE,
no mutant keeps a copy of a list or of the profile, and the report says how many mutants
were made of how many possible. The hostile profiles are in tests/cases/mutation/."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.outcomes.mutants import PER_LIST, PER_PROFILE, Mutant, mutants, plan
from dealerscreen.outcomes.mutate import Collector
from dealerscreen.outcomes.runner import run_tests
from tests.conftest import CliResult

Cli = Callable[..., CliResult]
CORPUS = Path(__file__).parent / "cases" / "mutation"
CASE_FILES = sorted(CORPUS.glob("*.cases.yaml"))
LONG = CORPUS / "long-in-list.yaml"
VALUES = 8000  # of the gate's `in` list in long-in-list.yaml


def _data(ref: str) -> dict[str, Any]:
    return load_criteria(ref).profile.model_dump(mode="python")


def _drops(found: list[Mutant]) -> list[str]:
    return [m.change for m in found if m.loc[:4] == ("gates", 1, "condition", "value")]


def test_a_long_in_list_gets_a_bounded_sample_of_mutants() -> None:
    data = _data(str(LONG))
    drops = _drops(list(mutants(data)))
    assert len(drops) == PER_LIST, len(drops)  # one mutant per value would be 8,000
    # the first and the last value, and the same sample on every run
    assert drops[0] == "drop D00001" and drops[-1] == "drop D08000"
    assert drops == _drops(list(mutants(_data(str(LONG)))))
    assert len(_drops(list(mutants(data, None)))) == VALUES  # what is possible, counted
    made = plan(data)
    assert len(made.made) < 40 and made.possible > VALUES


def test_no_mutant_keeps_a_copy_of_a_list() -> None:
    """What a mutant holds is its place and its change: constant, whatever the list's size
    (a mutant that held the list without its value made a run quadratic in memory)."""
    for m in mutants(_data(str(LONG))):
        held = [c.cell_contents for c in m.edit.__closure__ or ()]  # type: ignore[attr-defined]
        assert not [x for x in held if isinstance(x, list | dict)], m.id


def test_edits_share_the_profile_data_and_never_write_it() -> None:
    """Each edit copies only the containers on its path; the dump all mutants share is
    left as it was, and each mutant's copy differs from it."""
    data = _data("xiaomi-2s-2024")
    given = {"kind": "present", "field": "site.address"}
    data["gates"][0]["condition"] = {
        "kind": "all_of",
        "conditions": [data["gates"][0]["condition"], given, {"kind": "not", "condition": given}],
    }
    pristine = copy.deepcopy(data)
    found = list(mutants(data))
    assert {"present → not present", "not removed", "le → lt"} <= {m.change for m in found}
    for m in found:
        mine = dict(data)
        m.edit(mine)
        assert mine != data, m.id
        assert mine["tie_break"] is data["tie_break"]  # shared, not copied
    assert data == pristine


def test_a_profile_gets_at_most_per_profile_mutants(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data("xiaomi-2s-2024")
    every = list(mutants(data))
    monkeypatch.setattr("dealerscreen.outcomes.mutants.PER_PROFILE", 10)
    made = plan(data)
    assert len(made.made) == 10 and made.possible == len(every)
    assert made.made[0] == every[0] and made.made[-1] == every[-1]  # in the profile's order
    assert [m.id for m in made.made] == [m.id for m in plan(data).made]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_mutating_a_hostile_profile_stays_bounded(cli: Cli, path: Path) -> None:
    col = Collector()
    assert run_tests([str(path)], col).ok
    col.run()
    (m,) = col.profiles.values()
    assert len(m.outcomes) <= PER_PROFILE and len(m.outcomes) < m.possible
    assert len([o for o in m.outcomes if "value" in o.mutant.loc]) <= PER_LIST
    out = cli("test", str(path), "--mutate")
    assert out.exit_code == 0, out
    assert f"{len(m.outcomes)} of {m.possible} possible mutants made" in out.stdout
    data = json.loads(cli("test", str(path), "--mutate", "-f", "json").stdout)
    (profile,) = data["profiles"]
    assert (profile["made"], profile["possible"]) == (len(m.outcomes), m.possible)
    assert data["limits"] == {"per_list": PER_LIST, "per_profile": PER_PROFILE}


def test_a_profile_mutated_in_full_says_nothing_of_sampling(cli: Cli) -> None:
    out = cli("test", "tests/cases/outcomes/partial.yaml", "--mutate")
    assert "possible mutants made" not in out.stdout


def test_help_states_the_bounds(cli: Cli) -> None:
    text = " ".join(cli("test", "--help").stdout.split())
    assert f"At most {PER_LIST} elements of each list and {PER_PROFILE} mutants a profile" in text
