"""Broken criteria files from tests/cases/criteria-invalid: each names the problem it must give.

The first line of each file is `# expect: LINE:COL CHECK [words in the message]`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dealerscreen.batch.screening import load_criteria
from dealerscreen.models.problems import FatalError

CASES = sorted((Path(__file__).parent / "cases" / "criteria-invalid").glob("*.yaml"))


def expectation(path: Path) -> tuple[str, str, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path} has no '# expect:' line"
    where, check, *words = first.removeprefix("# expect: ").split(" ", 2)
    return where, check, words[0] if words else ""


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_broken_criteria_give_a_located_problem(path: Path) -> None:
    where, check, words = expectation(path)
    with pytest.raises(FatalError) as info:
        load_criteria(str(path))
    found = [f"{p.line}:{p.column} {p.check}" for p in info.value.problems]
    assert f"{where} {check}" in found, "\n".join(p.render() for p in info.value.problems)
    assert any(words in p.text for p in info.value.problems if p.check == check)


def test_cli_exits_3_on_broken_criteria(cli) -> None:  # type: ignore[no-untyped-def]
    result = cli("screen", "tests/data", "--criteria", str(CASES[0]))
    assert result.exit_code == 3, result
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith(str(CASES[0]))
