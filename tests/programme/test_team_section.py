"""The reports' section of the team's acts (`screen -p`, table, markdown, html) lists the
applicants the team has acted on or flagged, not every applicant (the table already says
each one's decision): one line when there is none. The json's per-applicant `team` stays
complete: it is data. And `status` puts into standings only the applicants it lists or
that may wait, not every applicant."""

from __future__ import annotations

import json
import re
from html import escape

import pytest

from dealerscreen.programme import queries
from dealerscreen.words.teamwords import say
from tests.programme.helpers import SAMPLES, Made

ACTED = ("XM24-SUZ-001", "XM24-SUZ-002", "XM24-SUZ-005")
AS_OF = "2030-03-01"


def _section(out: str, fmt: str) -> str:
    """The report's text from the section's heading to the next section (or the end)."""
    title = say("team.title", "en")
    start = out.index(escape(title) if fmt == "html" else title)
    if fmt == "html":
        return out[start : out.index("</section>", start)]
    if fmt == "markdown":
        end = out.find("\n## ", start)
        return out[start : end if end >= 0 else None]
    return out[start:]  # the table's: its counts, basis and manifest follow, without ids


def _listed(section: str) -> set[str]:
    return set(re.findall(r"XM24-[A-Z]{3}-\d{3}", section))


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_the_section_lists_the_applicants_acted_on(made: Made, fmt: str) -> None:
    made.replay(
        ("intake", SAMPLES),
        ("screen", "-f", "json"),
        ("stage", ACTED[0], "due-diligence", "--by", "Li"),
        ("override", ACTED[1], "--to", "shortlisted", "--reason", "tie", "--by", "Li"),
        ("note", ACTED[2], "called back", "--by", "Li"),
    )
    out = made.run("screen", "-f", fmt, "--as-of", AS_OF)
    assert out.exit_code in (0, 1), out
    section = _section(out.stdout, fmt)
    assert _listed(section) == set(ACTED), section
    said = json.loads(made.run("screen", "-f", "json", "--as-of", AS_OF).stdout)
    teams = [r["team"] for r in said["results"]]
    assert len(teams) == 53 and all(t is not None for t in teams)  # json: every applicant
    assert {t["applicant_id"] for t in teams if t["acts"]} == set(ACTED)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_section_with_no_act_is_one_line(made: Made, fmt: str) -> None:
    made.replay(("intake", SAMPLES))
    out = made.run("screen", "-f", fmt, "--as-of", AS_OF)
    assert out.exit_code in (0, 1), out
    section = _section(out.stdout, fmt)
    assert _listed(section) == set(), section
    none = say("team.none", "en")
    assert (escape(none) if fmt == "html" else none) in section


def test_status_puts_into_standings_only_what_it_may_list(
    made: Made, monkeypatch: pytest.MonkeyPatch
) -> None:
    made.replay(
        ("intake", SAMPLES),
        ("screen", "-f", "json"),
        ("note", ACTED[2], "called back", "--by", "Li"),
    )
    seen: list[str] = []
    standing = queries._standing

    def counted(*args: object, **kwargs: object) -> queries.Standing:
        s = standing(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(s.applicant_id)
        return s

    monkeypatch.setattr(queries, "_standing", counted)
    found = json.loads(made.run("status", "-f", "json").stdout)
    provisional = set(found["waiting"]["missing_verifications"])
    assert set(seen) == provisional | {ACTED[2]}, seen
    assert len(seen) < found["total"] / 2
    assert [a["applicant_id"] for a in found["applicants"]] == sorted(seen)
