"""`test --format`: text, json, junit, github, sarif. Each turns a run into a string; never prints.

text (and the text part of github) is in the reader's language; json, JUnit and SARIF are
read by programs and keep their English, whatever the locale.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable

from dealerscreen.i18n.criteriatext import words
from dealerscreen.i18n.problemtext import in_lang, render
from dealerscreen.models.choices import TestFormat
from dealerscreen.models.problems import Problem, plain
from dealerscreen.outcomes.runner import CaseResult, TestRun
from dealerscreen.reporters import jsontext
from dealerscreen.reporters.annotations import annotate
from dealerscreen.reporters.sarif import Rule, log

SCHEMA = "dealerscreen.test/1"


Format = TestFormat  # the choices live in dealerscreen.models.choices, for the CLI's --help


def _where(o: CaseResult) -> str:
    return f"{o.file}:{o.line}" if o.line is not None else o.file


def _column(word: str, width: int) -> str:
    """`word` padded to `width` columns as a terminal shows it (a Chinese character is two)."""
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in word)
    return word + " " * (width - shown)


def summary(run: TestRun, lang: str = "en") -> str:
    c, said = run.counts(), words(lang)
    verdict = said["verdict.ok" if run.ok else "verdict.failed"]
    if not c["cases"] and not c["errors"]:
        verdict = said["test.no-cases"]
    return said["test.summary"].format(**c, verdict=verdict) + "\n"


def text(run: TestRun, lang: str = "en") -> str:
    said = words(lang)
    lines: list[str] = [render(p, lang) for p in run.problems]
    for o in run.outcomes:
        status = _column(said["test." + o.status], 5)  # PASS, FAIL and ERROR in one column
        where = _where(o)
        lines.append(
            said["test.case"].format(status=status, case=f"{o.profile}::{o.id}", where=where)
        )
        if o.status == "pass":
            continue
        lines.extend(f"      {render(p, lang)}" for p in o.problems)
        lines.extend(f"      {in_lang(f, lang)}" for f in o.failures)
        if o.explanation:
            lines.append("      " + said["test.explanation"])
            lines.extend(f"        {e}" if e else "" for e in o.explanation)
    return "".join(line + "\n" for line in lines) + summary(run, lang)


def as_json(run: TestRun, lang: str = "en") -> str:
    envelope = {
        "schema": SCHEMA,
        "status": "ok" if run.ok else "failed",
        "counts": run.counts(),
        "cases": [
            {
                "file": o.file,
                "line": o.line,
                "id": o.id,
                "profile": o.profile,
                "status": o.status,
                "failures": [f.english() for f in o.failures],
                "explanation": list(o.explanation),
                "problems": [p.render() for p in o.problems],
            }
            for o in run.outcomes
        ],
        "problems": [p.render() for p in run.problems],
    }
    return jsontext.dumps(envelope) + "\n"


def _seconds(x: float) -> str:
    return f"{x:.3f}"


def junit(run: TestRun, lang: str = "en") -> str:
    """JUnit XML as CI systems read it: one testsuite per case file, with times and totals."""
    root = ET.Element("testsuites", name="dealerscreen test")
    by_file: dict[str, list[CaseResult]] = {}
    for o in run.outcomes:
        by_file.setdefault(o.file, []).append(o)
    for p in run.problems:  # a file that could not run is a suite with one error
        by_file.setdefault(p.path, [])
    totals = {"tests": 0, "failures": 0, "errors": 0}
    all_time = 0.0
    for path, outcomes in by_file.items():
        broken = [p for p in run.problems if p.path == path]
        counts = {
            "tests": len(outcomes) + (1 if broken else 0),
            "failures": sum(o.status == "fail" for o in outcomes),
            "errors": sum(o.status == "error" for o in outcomes) + (1 if broken else 0),
        }
        spent = sum(o.seconds for o in outcomes)
        all_time += spent
        for key, n in counts.items():
            totals[key] += n
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(counts["tests"]),
            failures=str(counts["failures"]),
            errors=str(counts["errors"]),
            skipped="0",
            time=_seconds(spent),
        )
        if broken:
            case = ET.SubElement(suite, "testcase", classname=path, name="(file)", time="0.000")
            err = ET.SubElement(case, "error", message=broken[0].text)
            err.text = "\n".join(p.render() for p in broken)
        for o in outcomes:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=o.profile,
                name=o.id,
                file=o.file,
                line=str(o.line or 0),
                time=_seconds(o.seconds),
            )
            if o.status == "fail":
                failures = [f.english() for f in o.failures]
                fail = ET.SubElement(case, "failure", message=failures[0])
                fail.text = "\n".join([*failures, "", *o.explanation])
            elif o.status == "error":
                err = ET.SubElement(case, "error", message=o.problems[0].text)
                err.text = "\n".join(p.render() for p in o.problems)
    for key, n in totals.items():
        root.set(key, str(n))
    root.set("time", _seconds(all_time))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FAILED = "case-failed"
RULES = {
    r.id: r
    for r in (
        Rule(
            FAILED,
            "an expected outcome does not hold: the profile decides otherwise than the case says",
            """A case pins what a profile must decide about one applicant (eligible,
            failed_gates, tier, total, min_total, max_total, points, bonuses), and a ranking
            the order of some cases. The message gives each expectation that does not hold,
            expected against actual; `dealerscreen test` prints the whole explanation.

            Fails::

                - id: tier-a
                  applicant: {...}
                  expect: {tier: A}        # the profile gives it B
            """,
        ),
        Rule(
            "invalid-applicant",
            "a case's applicant is not a valid applicant, so the case cannot run",
            "The facts of `defaults` merged with the case's `applicant` must make a valid "
            "applicant file; the message names the field and what is wrong with it.",
        ),
        Rule(
            "unknown-case",
            "a ranking names a case that does not exist or could not run",
            "Every id in a ranking's `order` must be the id of a case of the same file.",
        ),
        Rule(
            "unknown-profile",
            "the case file names a profile that does not exist",
            "`profile:` is a path relative to the case file, or the id of a profile.",
        ),
    )
}


def unknown_rule(check: str) -> Rule:
    return Rule(
        check,
        f"the case file cannot be read or run ({check})",
        "The message says what is wrong, at its line and column.",
    )


def failed_cases(run: TestRun) -> list[Problem]:
    """Every failed case as a problem located at the case; every case or file that could
    not run, as its own problems."""
    out: list[Problem] = list(run.problems)
    for o in run.outcomes:
        if o.status == "fail":
            text = f"{o.profile}::{o.id}: " + "; ".join(f.english().strip() for f in o.failures)
            out.append(Problem(o.file, o.line, o.column, "error", plain(text), None, FAILED))
        out.extend(o.problems)
    return out


def sarif(run: TestRun, lang: str = "en") -> str:
    """A SARIF 2.1.0 log of the failed cases (at the case) and what could not run."""
    return log(failed_cases(run), RULES, unknown_rule)


def github(run: TestRun, lang: str = "en") -> str:
    """Annotations for failed cases (at the case, at most 10: GitHub's limit per step),
    then the text report, with every explanation."""
    lines = annotate(((p, "error") for p in failed_cases(run)), rest_as_lines=False)
    return "".join(line + "\n" for line in lines) + text(run, lang)


FORMATS: dict[Format, Callable[[TestRun, str], str]] = {
    Format.text: text,
    Format.json: as_json,
    Format.junit: junit,
    Format.github: github,
    Format.sarif: sarif,
}
