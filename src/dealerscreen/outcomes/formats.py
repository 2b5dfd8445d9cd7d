"""`test --format`: text, json, junit. Each turns a run into a string; never prints."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

from dealerscreen.choices import TestFormat
from dealerscreen.outcomes.runner import Outcome, TestRun

SCHEMA = "dealerscreen.test/1"


Format = TestFormat  # the choices live in dealerscreen.choices, for the CLI's --help


def _where(o: Outcome) -> str:
    return f"{o.file}:{o.line}" if o.line is not None else o.file


def summary(run: TestRun) -> str:
    c = run.counts()
    verdict = "ok" if run.ok else "FAILED"
    if not c["cases"] and not c["errors"]:
        verdict = "FAILED (no test cases found)"
    return (
        f"dealerscreen test: {c['files']} file(s), {c['cases']} case(s): {c['passed']} passed, "
        f"{c['failed']} failed, {c['errors']} error(s): {verdict}\n"
    )


def text(run: TestRun) -> str:
    lines: list[str] = [p.render() for p in run.problems]
    for o in run.outcomes:
        lines.append(f"{o.status.upper():5} {o.profile}::{o.id}  ({_where(o)})")
        if o.status == "pass":
            continue
        lines.extend(f"      {p.render()}" for p in o.problems)
        lines.extend(f"      {f}" for f in o.failures)
        if o.explanation:
            lines.append("      explanation:")
            lines.extend(f"        {e}" if e else "" for e in o.explanation)
    return "".join(line + "\n" for line in lines) + summary(run)


def as_json(run: TestRun) -> str:
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
                "failures": list(o.failures),
                "explanation": list(o.explanation),
                "problems": [p.render() for p in o.problems],
            }
            for o in run.outcomes
        ],
        "problems": [p.render() for p in run.problems],
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def junit(run: TestRun) -> str:
    """JUnit XML as CI systems read it: one testsuite per case file."""
    root = ET.Element("testsuites", name="dealerscreen test")
    by_file: dict[str, list[Outcome]] = {}
    for o in run.outcomes:
        by_file.setdefault(o.file, []).append(o)
    for p in run.problems:  # a file that could not run is a suite with one error
        by_file.setdefault(p.path, [])
    for path, outcomes in by_file.items():
        broken = [p for p in run.problems if p.path == path]
        suite = ET.SubElement(
            root,
            "testsuite",
            name=path,
            tests=str(len(outcomes) + (1 if broken else 0)),
            failures=str(sum(o.status == "fail" for o in outcomes)),
            errors=str(sum(o.status == "error" for o in outcomes) + (1 if broken else 0)),
        )
        if broken:
            case = ET.SubElement(suite, "testcase", classname=path, name="(file)")
            err = ET.SubElement(case, "error", message=broken[0].message)
            err.text = "\n".join(p.render() for p in broken)
        for o in outcomes:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=o.profile,
                name=o.id,
                file=o.file,
                line=str(o.line or 0),
            )
            if o.status == "fail":
                fail = ET.SubElement(case, "failure", message=o.failures[0])
                fail.text = "\n".join([*o.failures, "", *o.explanation])
            elif o.status == "error":
                err = ET.SubElement(case, "error", message=o.problems[0].message)
                err.text = "\n".join(p.render() for p in o.problems)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


FORMATS: dict[Format, Callable[[TestRun], str]] = {
    Format.text: text,
    Format.json: as_json,
    Format.junit: junit,
}
