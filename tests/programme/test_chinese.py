"""The programme commands in Chinese (the locale's language): their errors, their findings
and what they report hold no English sentence (tests/englishcheck.py); in English the
same lines are English, so the check can fail."""

from __future__ import annotations

from typing import get_args

import pytest
from sqlalchemy import text

from dealerscreen.models.applicant import DocumentKind
from tests.englishcheck import english_runs
from tests.programme.helpers import SAMPLES, Made
from tests.programme.test_acts import BAD


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
    found = english_runs(stderr, get_args(DocumentKind))  # codes, as --document takes them
    assert (found == []) == (lang == "zh"), (found, stderr)
