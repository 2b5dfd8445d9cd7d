"""The column mapping a returned application form carries, and whether it is trusted.

`template` writes the form's mapping into a hidden sheet (cell A2) so that a filled form
is screened without `--mapping`; it is used only while it is the mapping the template
writes for the profile, in one of its languages: a dealer can unhide the sheet, and a
mapping that sets a field on every row could verify its own evidence.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from typing import Any

from dealerscreen.i18n.problemtext import say
from dealerscreen.intake import xlsxparts
from dealerscreen.intake.mapping import EMBEDDED_SHEET, Mapping, parse_mapping
from dealerscreen.models.problems import FatalError, Problem
from dealerscreen.yamlsource import SourceError, locate, parse_yaml
from dealerscreen.yamlsource.sourcefile import DEFAULT_MAX_BATCH_BYTES, open_regular


def embedded_mapping(
    path: str, templates: Sequence[Mapping], max_total: int = DEFAULT_MAX_BATCH_BYTES
) -> Mapping | Problem | None:
    """The mapping an application form carries in its hidden sheet, when it is one of
    `templates` (what `template` writes for the profile, in each language); None when the
    workbook has none (or cannot be read: `read_table` then says why), a problem when it
    is invalid, differs from the template's, or the workbook is refused on the way to it.

    The cell is read without openpyxl (`xlsxparts.mapping_cell`): a workbook without a
    mapping is known before its shared strings are read."""
    try:
        with open_regular(path, max_total) as fh, zipfile.ZipFile(fh) as archive:
            if sum(m.file_size for m in archive.infolist()) > max_total:
                return None
            text = xlsxparts.mapping_cell(path, archive, EMBEDDED_SHEET)
    except SourceError as exc:
        return exc.problem
    except Exception:
        return None
    if text is None:
        return None
    where = f"{path}[{EMBEDDED_SHEET}]"
    try:
        own = parse_mapping(text, where)
    except FatalError as exc:
        if not templates:
            return exc.problems[0]
        # The template never writes a mapping that does not load: one that does not was
        # changed (a constant a column fills inside, say), and that is what is said, at the
        # place where it stops loading.
        first = exc.problems[0]
        return Problem(
            where, first.line, first.column, "error", _CHANGED, first.field, "mapping-changed"
        )
    return _trusted(own, text, where, templates)


_CHANGED = say("mapping-changed")


def _trusted(
    own: Mapping, text: str, where: str, templates: Sequence[Mapping]
) -> Mapping | Problem:
    """The form's mapping when it equals a template's (its title aside: a form made for
    another profile reads the same), else the first difference, located in the cell's YAML.

    The mapping decides what every cell means and what every row is given (`constants`):
    an applicant who unhides the sheet could make a cell verify its own evidence."""
    differences = [_difference(own, t) for t in templates]
    if any(d is None for d in differences):
        return own
    key: tuple[str, ...] = ()  # no template to compare with: nothing is trusted
    if templates:  # against the form's language: the template whose headers it shares most
        mine = {c.header for c in own.columns}
        best = max(
            range(len(templates)),
            key=lambda i: (len(mine & {c.header for c in templates[i].columns}), -i),
        )
        key = differences[best] or ()
    try:
        line, column, _ = locate(parse_yaml(text, where).node, key)
    except SourceError:
        line = column = None
    field = ".".join(str(k) for k in key)
    return Problem(where, line, column, "error", _CHANGED, field, "mapping-changed")


def _difference(own: Mapping, template: Mapping) -> tuple[str, ...] | None:
    """Where a mapping differs from a template's, as a key path of its YAML; None if not."""
    for key in ("first_row", "decimal"):
        if getattr(own, key) != getattr(template, key):
            return (key,)
    for key in sorted(set(own.constants) | set(template.constants), key=str):
        if not _same(own.constants.get(key, _ABSENT), template.constants.get(key, _ABSENT)):
            return ("constants", str(key))
    mine = {c.header: (c.field, c.type) for c in own.columns}
    theirs = {c.header: (c.field, c.type) for c in template.columns}
    for header in [*mine, *theirs]:
        if mine.get(header) != theirs.get(header):
            return ("columns", header)
    return None


_ABSENT = object()


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types throughout (True is not 1 here)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
