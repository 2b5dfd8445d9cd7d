"""GitHub workflow annotations (`::error file=...,line=...::message`), capped as GitHub caps them.

GitHub shows at most 10 error and 10 warning annotations per step (and drops the rest
silently); so the first 10 of each level become annotations, the others stay plain
located lines in the log, and one notice says how many were not annotated.
"""

from __future__ import annotations

from collections.abc import Iterable

from dealerscreen.models.problems import Problem

PER_LEVEL = 10  # GitHub's limit per step, for each of error and warning


def escape(text: str, prop: bool = False) -> str:
    """The workflow-command escapes; properties also escape ':' and ','."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def annotation(p: Problem, kind: str | None = None, title: str | None = None) -> str:
    props = [f"file={escape(p.path, True)}"]
    if p.line is not None:
        props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
    props.append(f"title={escape(title or p.check, True)}")
    where = f"{p.field}: " if p.field else ""
    return f"::{kind or p.level} {','.join(props)}::{escape(where + p.text)}"


def annotate(
    problems: Iterable[tuple[Problem, str]], limit: int = PER_LEVEL, rest_as_lines: bool = True
) -> list[str]:
    """(problem, level) pairs as lines: annotations up to `limit` per level, the others as
    plain located lines (unless the caller prints them anyway), then a notice counting what
    was not annotated."""
    shown: dict[str, int] = {}
    rest: dict[str, int] = {}
    lines: list[str] = []
    for p, kind in problems:
        if shown.get(kind, 0) < limit:
            shown[kind] = shown.get(kind, 0) + 1
            lines.append(annotation(p, kind))
        else:
            rest[kind] = rest.get(kind, 0) + 1
            if rest_as_lines:
                lines.append(p.render())
    if rest:
        counts = " and ".join(f"{n} more {k}(s)" for k, n in sorted(rest.items()))
        lines.append(
            f"::notice title=dealerscreen::{counts} listed in the log, not annotated "
            f"(GitHub shows at most {limit} annotations per level in a step)"
        )
    return lines
