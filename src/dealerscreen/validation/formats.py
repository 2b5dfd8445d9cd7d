"""`validate --format`: text, json, github. Each turns a result into a string; never prints."""

from __future__ import annotations

import json
from collections.abc import Callable

from dealerscreen.choices import ValidateFormat
from dealerscreen.problems import Problem
from dealerscreen.validation.runner import ValidationResult

SCHEMA = "dealerscreen.validate/1"


Format = ValidateFormat  # the choices live in dealerscreen.choices, for the CLI's --help


def summary(result: ValidationResult, strict: bool) -> str:
    c = result.counts()
    verdict = "FAILED" if result.failed(strict) else "ok"
    mode = " (strict: warnings fail)" if strict else ""
    return (
        f"dealerscreen validate: {c['profiles']} profile(s), {c['reference_lists']} reference "
        f"list(s): {c['errors']} error(s), {c['warnings']} warning(s){mode}: {verdict}\n"
    )


def text(result: ValidationResult, strict: bool) -> str:
    return "".join(p.render() + "\n" for p in result.problems) + summary(result, strict)


def _record(p: Problem) -> dict[str, object]:
    return {
        "path": p.path,
        "line": p.line,
        "column": p.column,
        "level": p.level,
        "field": p.field,
        "message": p.message,
        "check": p.check,
    }


def as_json(result: ValidationResult, strict: bool) -> str:
    envelope = {
        "schema": SCHEMA,
        "status": "failed" if result.failed(strict) else "ok",
        "strict": strict,
        "counts": result.counts(),
        "files": {"profiles": result.profiles, "reference_lists": result.lists},
        "problems": [_record(p) for p in result.problems],
    }
    return json.dumps(envelope, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _escape(text: str, prop: bool = False) -> str:
    # The workflow-command escapes; properties also escape ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github(result: ValidationResult, strict: bool) -> str:
    """Workflow annotation lines: GitHub shows them on the pull request's diff."""
    lines = []
    for p in result.problems:
        kind = "error" if p.level == "error" or strict else "warning"
        props = [f"file={_escape(p.path, True)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
            if p.column is not None:
                props.append(f"col={p.column}")
        props.append(f"title={_escape(p.check, True)}")
        where = f"{p.field}: " if p.field else ""
        lines.append(f"::{kind} {','.join(props)}::{_escape(where + p.message)}")
    return "".join(line + "\n" for line in lines) + summary(result, strict)


FORMATS: dict[Format, Callable[[ValidationResult, bool], str]] = {
    Format.text: text,
    Format.json: as_json,
    Format.github: github,
}
