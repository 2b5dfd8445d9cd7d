"""The programme commands in Chinese (the locale's language): their errors, their findings
and what they report hold no English sentence (tests/englishcheck.py); in English the
same lines are English, so the check can fail."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest
from sqlalchemy import text

from dealerscreen.models.applicant import DocumentKind
from tests.englishcheck import english_runs
from tests.programme.helpers import SAMPLES, Cli, Made
from tests.programme.test_acts import BAD, SUZ


def _speak(monkeypatch: pytest.MonkeyPatch, lang: str) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8" if lang == "zh" else "C.UTF-8")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_team_acts_in_the_locales_language(
    made: Made, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    _speak(monkeypatch, lang)
    told = [made.run("intake", SAMPLES), made.run("screen", "-f", "json")]
    told += [made.run("note", "XM24-SUZ-001", "called back")]
    for _what, argv, _option, _words in BAD:
        result = made.run(*argv)
        assert result.exit_code == 2, result
        told.append(result)
    made.run("override", "XM24-SUZ-002", "--to", "shortlisted", "--reason", "r", "--by", "Li")
    told += [made.run("approve", "5", "--by", "Li"), made.run("programme", "check")]
    with made.engine().begin() as conn:  # an act edited by hand: `check` names it
        conn.execute(text("UPDATE acts SET reason = 'edited' WHERE seq = 3"))
    told.append(made.run("programme", "check"))
    assert told[-1].exit_code == 1, told[-1]
    # A usage line is the command's synopsis: its metavars (ID TEXT) are not sentences.
    lines = "".join(t.stderr for t in told).splitlines()
    stderr = "\n".join(x for x in lines if not x.startswith(("Usage:", "用法：")))
    assert ("错误" in stderr) == (lang == "zh"), stderr
    # every line the tool says starts as the screening summary's does in that language
    prefix = "dealerscreen：" if lang == "zh" else "dealerscreen: "
    said = [x for x in lines if x.startswith("dealerscreen")]
    assert said and all(x.startswith(prefix) for x in said), said
    found = english_runs(stderr, get_args(DocumentKind))  # codes, as --document takes them
    assert (found == []) == (lang == "zh"), (found, stderr)


# Each programme command as a team runs it (the programme's -p/--db added), and whether
# its stdout is read: a machine format (screen's json, the export) is data, its problems not.
FLOW: list[tuple[tuple[str, ...], bool]] = [
    (("intake", SAMPLES), True),
    (("screen", "-f", "json"), False),
    (("note", SUZ, "called back"), True),
    (("verify", SUZ, "standing.top100_rank", "--document", "ranking_certificate"), True),
    (("request", SUZ, "site.building_area_sqm", "--due", "2099-01-01"), True),
    (("override", "XM24-SUZ-002", "--to", "shortlisted", "--reason", "r", "--by", "Li"), True),
    (("approve", "6", "--by", "Wang"), True),
    (("stage", SUZ, "due-diligence"), True),
    (("review", SUZ, "site_visit=7", "--by", "Li"), True),
    (("status",), True),
    (("history", "XM24-SUZ-002"), True),
    (("programme", "check"), True),
    (("programme", "export"), False),
    (("programme", "round", "--carry", "shortlisted", "-c", "xiaomi-2s-2024"), True),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_programme_command_speaks_lang(
    made: Made, cli: Cli, tmp_path: Path, lang: str
) -> None:
    """`--lang zh` in an English locale: what each programme command says holds no English
    sentence (names from the input files aside); with `--lang en` it does, so the check can
    fail. `programme init` and `programme export`'s problem are run outside the programme."""
    from tests.test_chinese_throughout import NAMES

    commands = {f"programme {name}" for name in ("init", "check", "export", "round")}
    names = NAMES | set(get_args(DocumentKind)) | commands  # a usage line names its command
    said = []
    for argv, read_stdout in FLOW:
        result = made.run(*argv, "--lang", lang)
        assert result.exit_code == 0, (argv, result)
        said.append((argv, (result.stdout if read_stdout else "") + result.stderr))
    made_elsewhere = cli(
        "programme", "init", str(tmp_path / "new"), "-c", "xiaomi-2s-2024", "--lang", lang
    )
    nowhere = cli("programme", "export", "-p", str(tmp_path / "nowhere"), "--lang", lang)
    assert (made_elsewhere.exit_code, nowhere.exit_code) == (0, 2), (made_elsewhere, nowhere)
    said += [
        (("programme", "init"), made_elsewhere.stderr),
        (("programme", "export"), nowhere.stderr),
    ]
    assert all(text.strip() for _argv, text in said if _argv[-1] != "export"), said
    found = [(argv, english_runs(text, names)) for argv, text in said]
    if lang == "zh":
        assert [(argv, runs) for argv, runs in found if runs] == [], said
    else:
        assert sum(bool(runs) for _argv, runs in found) > len(found) // 2, found


@pytest.mark.parametrize("approved_by", [None, "Wang"])
def test_an_override_is_told_in_the_languages_parentheses(approved_by: str | None) -> None:
    """The decision shown with its override, and the override awaiting or given approval,
    in Chinese parentheses ("入围（改判 4 …（已批准：Wang））"), as every other remark of
    the team's in Chinese: they were English's " (…)"."""
    from dealerscreen.words.teamwords import override_text, shown_text

    o = {"act": 4, "by": "Li", "to": "shortlisted", "was": "reserve", "reason": "tie"}
    o |= {"approved_by": approved_by, "in_effect": approved_by is not None}
    said = override_text(o, "zh")
    assert "（" in said and " (" not in said and "(" not in said
    if approved_by:
        shown = shown_text({"shown": "shortlisted", "override": o}, "zh")
        assert shown.startswith("入围（") and "(" not in shown
    english = override_text(o, "en")
    assert " (" in english and "（" not in english
