"""Every call that makes a message names a key its maker knows and gives exactly the values
its English template asks for: a missing value would fail only when that problem is met
(KeyError while reporting it), an extra one is a value no language shows. Read from the
source, so a problem no test provokes is checked too."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from dealerscreen.i18n import checktext, criteriatext, problemtext, programmetext
from tests.conftest import ROOT

SOURCE = ROOT / "src" / "dealerscreen"
# (module, function) of each maker: its catalogue and the position of the key argument.
MAKERS: dict[tuple[str, str], tuple[dict[str, str], int]] = {
    ("dealerscreen.i18n.problemtext", "say"): (problemtext.EN, 0),
    ("dealerscreen.i18n.problemtext", "words"): (problemtext.EN, 0),
    ("dealerscreen.i18n.problemtext", "pydantic"): (problemtext.PYDANTIC, 0),
    ("dealerscreen.i18n.checktext", "message"): (checktext.EN, 0),
    ("dealerscreen.i18n.programmetext", "say"): (programmetext.EN, 0),  # programme.yaml's
    ("dealerscreen.i18n.criteriatext", "say"): (criteriatext.EN, 1),
    ("dealerscreen.i18n.criteriatext", "shape"): (criteriatext.SHAPES, 0),
    # a rule kind's coverage branch: coverage adds the criterion
    ("dealerscreen.i18n.criteriatext", "branch_words"): (
        {k: t.replace("{criterion}", "") for k, t in criteriatext.SHAPES.items()},
        0,
    ),
    ("dealerscreen.cli.language", "usage_words"): (problemtext.EN, 0),
}
OPTIONAL = {"expected_plural"}  # pydantic's plural 's', given only where it shows


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _makers_in(tree: ast.Module, here: str) -> dict[str, tuple[str, str]]:
    """The names a module calls the makers by: imported (`say`, `said`), or its own."""
    names = {func: (mod, func) for mod, func in MAKERS if mod == here}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if (node.module, alias.name) in MAKERS:
                    names[alias.asname or alias.name] = (node.module, alias.name)
                elif f"{node.module}.{alias.name}" in {m for m, _ in MAKERS}:
                    names[alias.asname or alias.name] = (f"{node.module}.{alias.name}", "")
    return names


def _keys(node: ast.expr) -> list[str] | None:
    """The key or keys a literal argument names ('a' if x else 'b'); None when computed."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _keys(node.body), _keys(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


Call = tuple[str, int, dict[str, str], list[str], set[str], bool]


@cache  # both tests read the same calls: the package parsed once, not once per test
def calls() -> tuple[Call, ...]:
    """(where, line, catalogue, keys, value names, whether more values are spread in)."""
    return tuple(_calls())


def _calls() -> Iterator[Call]:
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _makers_in(tree, _module_name(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            maker = None
            if isinstance(func, ast.Name) and names.get(func.id, ("", ""))[1]:
                maker = names[func.id]
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                module = names.get(func.value.id)
                if module is not None and (module[0], func.attr) in MAKERS:
                    maker = (module[0], func.attr)
            if maker is None:
                continue
            english, at = MAKERS[maker]
            keys = _keys(node.args[at]) if len(node.args) > at else None
            if keys is None:
                continue  # a key passed on (a maker's own body, `say(what)`)
            given = {k.arg for k in node.keywords if k.arg}
            spread = any(k.arg is None for k in node.keywords)
            yield f"{path.relative_to(ROOT)}", node.lineno, english, keys, given, spread


def test_the_source_makes_messages_this_test_reads() -> None:
    """So that the test below can fail: it finds the makers' calls across the package."""
    found = list(calls())
    assert len(found) > 200, len(found)
    assert {english is problemtext.EN for _, _, english, *_ in found} == {True, False}


def test_each_message_is_given_the_values_its_template_names() -> None:
    wrong = []
    for where, line, english, keys, given, spread in calls():
        for key in keys:
            if key not in english:
                wrong.append(f"{where}:{line}: no key {key!r}")
                continue
            wanted = _fields(english[key])
            missing, extra = wanted - given - OPTIONAL, given - wanted
            if (missing and not spread) or extra:
                wrong.append(f"{where}:{line}: {key}: missing {missing or ''} extra {extra or ''}")
    assert not wrong, "\n".join(wrong)
