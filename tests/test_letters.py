"""`dealerscreen letters`: one decision letter per applicant, golden in both languages."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from dealerscreen.models.problems import ExitCode
from tests.conftest import CHECKS, CliResult

Cli = Callable[..., CliResult]
Golden = Callable[[str, str], None]
# Shortlisted, runner-up, not eligible (a single repair shop; a site outside the business
# circles; a city outside the programme), and a request for the facts left out (#24).
SAMPLES = [
    "XM24-SUZ-001",
    "XM24-SUZ-002",
    "XM24-SUZ-005",
    "XM24-CKG-005",
    "XM24-LXA-001",
    "XM24-CSX-003",
]
SETTINGS = ("--settings", "samples/letters-settings.yaml")


# The letters made for each set of options, once per module: several tests read the same
# letters, and each gets its own copy of the folder (none sees another's changes).
_MADE: dict[tuple[str, ...], Path] = {}


def letters(cli: Cli, tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "letters"
    if args in _MADE:
        shutil.copytree(_MADE[args], out)
        return out
    result = cli("letters", "samples/applicants", "-o", str(out), *CHECKS, *args)
    assert result.exit_code == 0, result
    assert result.stdout == ""
    # beside the test's tmp_path, not in it: a passed test's tmp_path is removed
    kept = tmp_path.parent / f"letters-as-made-{len(_MADE)}"
    _MADE[args] = shutil.copytree(out, kept)
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_golden_letters(cli: Cli, golden: Golden, tmp_path: Path, lang: str) -> None:
    out = letters(cli, tmp_path, "--lang", lang, *SETTINGS)
    assert len(list(out.iterdir())) == 53  # one per applicant
    for applicant_id in SAMPLES:
        text = (out / f"{applicant_id}.md").read_text(encoding="utf-8")
        golden(f"letters/{lang}-{applicant_id}.md", text)


def test_a_letter_is_addressed_by_name_and_states_the_decision(cli: Cli, tmp_path: Path) -> None:
    out = letters(cli, tmp_path)
    first = (out / "XM24-SUZ-001.md").read_text(encoding="utf-8")
    assert "Dear Suzhou Jiangnan Huatong Xinyue Automobile Sales & Service Co., Ltd.," in first
    assert "has been shortlisted" in first
    runner = (out / "XM24-SUZ-002.md").read_text(encoding="utf-8")
    assert "reserve list" in runner and "ranked 2nd" in runner
    assert "This phase has one place in Suzhou" in runner  # Suzhou's quota is 1
    two = (out / "XM24-CKG-003.md").read_text(encoding="utf-8")
    assert "This phase has 2 places in Chongqing" in two
    out_of = (out / "XM24-CKG-005.md").read_text(encoding="utf-8")
    assert "cannot proceed" in out_of
    assert "Basis: the programme's requirements published on 2 January 2024" in out_of
    assert "a new application with supporting evidence is welcome" in out_of


def test_no_points_unless_asked(cli: Cli, tmp_path: Path) -> None:
    plain = letters(cli, tmp_path)
    for path in plain.iterdir():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\bpoints?\b|\btier\b|\bweights?\b", text), path.name
    scored = letters(cli, tmp_path / "p", "--with-points")
    text = (scored / "XM24-SUZ-002.md").read_text(encoding="utf-8")
    assert "Your application scored 72/100 + 5 bonus (B: strong band)." in text
    assert "(3 of 8 points)" in text


def test_at_most_four_reasons_each_with_its_basis(cli: Cli, tmp_path: Path) -> None:
    out = letters(cli, tmp_path)
    for path in out.iterdir():
        lines = path.read_text(encoding="utf-8").splitlines()
        reasons = [i for i, line in enumerate(lines) if line.startswith("- ")]
        head = [i for i in reasons if i + 1 < len(lines) and lines[i + 1].startswith("  Basis:")]
        assert len(head) <= 4, path.name


def test_a_reason_the_team_set_says_so_with_its_rationale(cli: Cli, tmp_path: Path) -> None:
    """The dealer-standing gate cites the article but its figures are the team's: the
    letter said "Basis: the published requirements" for it, going by the citation alone."""
    out = letters(cli, tmp_path)
    text = (out / "XM24-HAK-003.md").read_text(encoding="utf-8")
    reason = text.split("- Top-100 dealer group or strong regional merchant:", 1)[1]
    basis = reason.splitlines()[1]
    assert basis.startswith("  Basis: an entry requirement set by the recruitment team.")
    assert "3 stores in the province and 5 years in the region is the team's reading" in basis
    published = (out / "XM24-SUZ-006.md").read_text(encoding="utf-8")
    assert "Basis: the programme's requirements published on 2 January 2024 (Xiaomi" in published


ASCII_SENTENCE = re.compile(r"[A-Za-z][A-Za-z'-]*(?:[ ,]+[A-Za-z][A-Za-z'-]*){2,}")


def test_chinese_letters_have_no_english_sentence(cli: Cli, tmp_path: Path) -> None:
    """Outside names from the files and identifiers, a Chinese letter is all Chinese."""
    out = letters(cli, tmp_path, "--lang", "zh")
    import yaml

    names: list[str] = []
    for sample in (Path("samples") / "applicants").glob("*.*"):
        if sample.suffix in (".yaml", ".json"):
            data = yaml.safe_load(sample.read_text(encoding="utf-8"))
            names += [data.get("legal_name") or ""]
            names += [(data.get("standing") or {}).get("group_name") or ""]
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8")
        for name in sorted(filter(None, names), key=len, reverse=True):
            text = text.replace(name, "")
        assert not ASCII_SENTENCE.search(text), (path.name, ASCII_SENTENCE.search(text))


def test_html_letters_are_escaped_pages(cli: Cli, tmp_path: Path) -> None:
    out = letters(cli, tmp_path, "--format", "html", "--lang", "zh")
    page = (out / "XM24-SUZ-001.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert "尊敬的苏州江南华通欣悦汽车销售服务有限公司：" in page
    assert "<script" not in page and "http" not in page


def test_letters_need_a_folder_that_is_not_an_input(cli: Cli) -> None:
    result = cli("letters", "samples/applicants/suzhou-taihu-jiarui.yaml", "-o",
                 "samples/applicants/suzhou-taihu-jiarui.yaml")  # fmt: skip
    assert result.exit_code == ExitCode.USAGE, result
