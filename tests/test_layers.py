"""The house: packages in layers, imports pointing down only, no circle anywhere.

Every import counts, also one inside a function or under `if TYPE_CHECKING:`: a circle
hidden that way still ties two modules together for a reader and for a change.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "src" / "dealerscreen"

# Bottom first. A module may import its own package and any package listed before it;
# packages on one line are peers that do not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("models",),  # plain data: applicant, result records, problems, numbers
    ("i18n",),  # catalogs, language tags, the English texts by key
    ("yamlsource",),  # safe YAML and JSON with positions
    ("reference",),  # reference lists and how names are matched
    ("rules",),  # one module per rule kind
    ("criteria",),  # profiles: models, extends, compile, evidence needs
    ("decide",),  # the engine: decision, review, separation, what-if
    ("intake",),  # applicant files, JSON Lines, CSV/XLSX, the parse cache
    ("words",),  # decisions into sentences: explain, letters, labels, the form's questions
    ("batch",),  # a run over many files: workers, ranking, per-city lists
    ("reporters",),  # one module per format, SARIF and GitHub annotations
    ("programme",),  # the programme record: submissions, decisions, the team's acts
    ("validation", "outcomes", "diff"),  # criteria as code
    ("cli",),  # the commands
)
RANK = {pkg: i for i, layer in enumerate(LAYERS) for pkg in layer}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = path.relative_to(PKG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(name: str, path: Path) -> Iterator[str]:
    """The project's modules `name` imports, wherever the import stands."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            # `from package import module` imports the module; any other name, the module
            # that defines it (the package's __init__ when that is where it lives).
            targets = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name and target.startswith("dealerscreen"):
                yield target


@functools.cache
def graph() -> dict[str, list[str]]:
    """Each module's imports of the project: every module parsed, when a test first asks
    (not at collection, which every worker does)."""
    return {name: sorted(set(_imports(name, path))) for name, path in MODULES.items()}


def _package(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in RANK) else None


def test_every_package_has_a_layer() -> None:
    packages = {p.name for p in PKG.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(RANK), "a package must be given its place in LAYERS"


def test_the_root_holds_little() -> None:
    assert [p.name for p in sorted(PKG.glob("*.py"))] == ["__init__.py"]


@pytest.mark.parametrize("module", sorted(MODULES))  # the graph's keys
def test_imports_point_down(module: str) -> None:
    mine = _package(module)
    if mine is None:
        return
    up = [
        target
        for target in graph()[module]
        if (theirs := _package(target)) is not None
        and theirs != mine
        and RANK[theirs] >= RANK[mine]
    ]
    assert not up, f"{module} imports a package at or above its own layer: {up}"


def test_no_circle_between_modules() -> None:
    # Depth-first search for a back edge; the path to it is the circle to show.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph().get(node, ()):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for module in graph():
        if module not in state and (circle := visit(module)):
            pytest.fail("import circle: " + " -> ".join(circle))


def test_the_layer_test_sees_imports() -> None:
    """The graph is not empty by mistake: the engine imports the compiled profile."""
    assert "dealerscreen.criteria.compile" in graph()["dealerscreen.decide.engine"]


# A module a reader holds in mind at once: one job, at most this many lines.
MAX_LINES = 400
OVER_MAX_LINES: set[str] = set()  # none now: intake/tabular.py was split (#24)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_max_lines(module: str) -> None:
    path = MODULES[module]
    where = path.relative_to(PKG).as_posix()
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if where in OVER_MAX_LINES:
        return
    assert lines <= MAX_LINES, f"{where} has {lines} lines: split it, one job per module"


def _reaches(start: str) -> set[str]:
    """Every project module `start` imports, directly or through others."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph().get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


REPORTERS = sorted(m for m in MODULES if m.startswith("dealerscreen.reporters"))


@pytest.mark.parametrize("module", REPORTERS)
def test_reporters_read_data_not_the_run(module: str) -> None:
    """A report is made from plain data (`batch.rundata.RunData`, the ranked `Results`),
    never from the orchestrator: no reporter imports `batch.screenrun`, even through
    another module, or names `ScreenRun` (not even in a string annotation)."""
    assert "dealerscreen.batch.screenrun" not in _reaches(module), module
    text = MODULES[module].read_text(encoding="utf-8")
    assert not re.search(r"\bScreenRun\b", text), f"{module} names ScreenRun"


def test_the_reporter_check_sees_the_reporters() -> None:
    """Not vacuous: the reporters are found, and the CLI, above them, does reach the run."""
    assert "dealerscreen.reporters.interface" in REPORTERS
    assert "dealerscreen.batch.screenrun" in _reaches("dealerscreen.cli.app")
