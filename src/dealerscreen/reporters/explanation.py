"""The `explain` command's text: one applicant in full, with the what-if and the manifest."""

from __future__ import annotations

from dealerscreen.models.result import Result
from dealerscreen.reporters.interface import View
from dealerscreen.words.explain import explain_lines
from dealerscreen.words.safetext import printable


def render_explanation(view: View, result: Result) -> str:
    lines = explain_lines(result, view.msgs, view.outlook(result), view.compiled)
    # Applicant text (names, facts) must not drive the terminal it is printed on.
    return "\n".join(printable(line) for line in [*lines, "", view.manifest_line()]) + "\n"
