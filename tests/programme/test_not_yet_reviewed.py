"""A reviewer-scored criterion no reviewer has scored yet is worded as such in English and
Chinese: the explanation and a letter say it counts by its `missing` policy until the
team's review, never that the applicant did not state something. The cases are
tests/cases/programme/reviewed/not-yet-reviewed.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.programme.helpers import Cli

CASES = Path(__file__).resolve().parent.parent / "cases" / "programme" / "reviewed"
SAMPLE = "samples/applicants/suzhou-taihu-jiarui.yaml"
WORDED: dict[str, Any] = yaml.safe_load((CASES / "not-yet-reviewed.yaml").read_text("utf-8"))


def _criteria(tmp_path: Path, missing: str) -> str:
    text = (CASES / "criteria.yaml").read_text(encoding="utf-8")
    assert "    missing: zero\n" in text
    path = tmp_path / "criteria.yaml"
    path.write_text(text.replace("    missing: zero\n", f"    missing: {missing}\n"), "utf-8")
    return str(path)


@pytest.mark.parametrize(
    "case", WORDED["cases"], ids=[f"{c['missing']}-{c['lang']}" for c in WORDED["cases"]]
)
def test_not_yet_reviewed_is_not_worded_as_not_stated(
    cli: Cli, tmp_path: Path, case: dict[str, Any]
) -> None:
    criteria, lang = _criteria(tmp_path, case["missing"]), case["lang"]
    explained = cli("explain", SAMPLE, "--criteria", criteria, "--lang", lang)
    assert explained.exit_code == 0, explained
    lines = [ln.strip() for ln in explained.stdout.splitlines()]
    assert any(ln.startswith(case["criterion"]) for ln in lines), explained
    assert ("why" in case) is any(ln == case.get("why") for ln in lines), explained
    said = explained.stdout
    if "letter" in case:
        out = tmp_path / "letters"
        written = cli("letters", SAMPLE, "--criteria", criteria, "--lang", lang, "-o", str(out))
        assert written.exit_code == 0, written
        letter = (out / "XM24-SUZ-002.md").read_text(encoding="utf-8")
        assert case["letter"] in letter.splitlines(), letter
        said += letter
    for words in WORDED["unsaid"][lang]:
        assert words not in said, said
