"""`validate --format`: text, json, github, sarif. Each turns a result into a string; never prints.

text is read by people and is in the reader's language; json and SARIF are read by
programs and keep the problems' English messages, whatever the locale (a CI job comparing
them must not see them change with the machine's LANG); github's annotations are workflow
commands, English as `screen`'s are, and only its summary line follows the language.
"""

from __future__ import annotations

from collections.abc import Callable

from dealerscreen.i18n.criteriatext import words
from dealerscreen.i18n.problemtext import render
from dealerscreen.models.choices import ValidateFormat
from dealerscreen.models.problems import Problem
from dealerscreen.reporters import jsontext
from dealerscreen.reporters.annotations import annotate
from dealerscreen.reporters.sarif import Rule, log
from dealerscreen.validation import CHECKS
from dealerscreen.validation.runner import ValidationResult

SCHEMA = "dealerscreen.validate/1"


Format = ValidateFormat  # the choices live in dealerscreen.models.choices, for the CLI's --help


def summary(result: ValidationResult, strict: bool, lang: str = "en") -> str:
    said = words(lang)
    verdict = said["verdict.failed" if result.failed(strict) else "verdict.ok"]
    mode = said["validate.strict"] if strict else ""
    return said["validate.summary"].format(**result.counts(), mode=mode, verdict=verdict) + "\n"


def text(result: ValidationResult, strict: bool, lang: str = "en") -> str:
    lines = (render(p, lang) + "\n" for p in result.problems)
    return "".join(lines) + summary(result, strict, lang)


def _record(p: Problem) -> dict[str, object]:
    return {
        "path": p.path,
        "line": p.line,
        "column": p.column,
        "level": p.level,
        "field": p.field,
        "message": p.text,
        "check": p.check,
    }


def as_json(result: ValidationResult, strict: bool, lang: str = "en") -> str:
    envelope = {
        "schema": SCHEMA,
        "status": "failed" if result.failed(strict) else "ok",
        "strict": strict,
        "counts": result.counts(),
        "files": {"profiles": result.profiles, "reference_lists": result.lists},
        "problems": [_record(p) for p in result.problems],
    }
    return jsontext.dumps(envelope) + "\n"


def github(result: ValidationResult, strict: bool, lang: str = "en") -> str:
    """Workflow annotation lines: GitHub shows them on the pull request's diff (at most 10
    per level; the rest stay plain lines of the log)."""
    pairs = [(p, "error" if p.level == "error" or strict else "warning") for p in result.problems]
    return "".join(line + "\n" for line in annotate(pairs)) + summary(result, strict, lang)


def rules() -> dict[str, Rule]:
    """Every check of the registry, with its documentation as help."""
    return {c.id: Rule(c.id, c.summary.split(": ", 1)[-1], c.doc, c.level) for c in CHECKS.values()}


def unknown_rule(check: str) -> Rule:
    return Rule(
        check,
        f"a value the file format does not accept (pydantic error type '{check}')",
        "The message names the field, the value and what was expected.",
    )


def sarif(result: ValidationResult, strict: bool, lang: str = "en") -> str:
    """A SARIF 2.1.0 log: one rule per check, one result per problem."""
    return log(result.problems, rules(), unknown_rule)


FORMATS: dict[Format, Callable[[ValidationResult, bool, str], str]] = {
    Format.text: text,
    Format.json: as_json,
    Format.github: github,
    Format.sarif: sarif,
}
