"""`dealerscreen --help` starts quickly: loading the commands imports none of the heavy
parts (reports, the batch, the programme record and its database libraries); each command
imports what it uses when it runs. A module-level import in a command module once pulled
every reporter in and made `--help` cost five times `import typer` (benchmarks/targets.py)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import fresh_python

HEAVY = (
    "dealerscreen.reporters",
    "dealerscreen.batch",
    "dealerscreen.programme",
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "orjson",
    "docx",
    "pydantic",
)


def test_loading_the_commands_imports_nothing_heavy() -> None:
    code = (
        "import sys, dealerscreen.cli.app\n"
        f"print('\\n'.join(sorted(m for m in sys.modules if m.startswith({HEAVY!r}))))"
    )
    out = fresh_python(code).stdout
    assert out.split() == [], out


@pytest.mark.parametrize("args", [["--help"], ["screen", "--help"], ["scren"]])
def test_help_builds_only_what_it_shows(args: list[str]) -> None:
    """`dealerscreen --help` and `dealerscreen screen --help` as main() runs them. typer
    builds every command (reading each one's string annotations about four times,
    compiling and evaluating them each time) before it runs one, and coerces a flag's
    value with pydantic unless it is a bool already (the group's flags not given arrived as
    None: pydantic was loaded for them). main() has typer build only the command named
    (none for the group's help: each is listed by its name and help), its annotations
    evaluated once; what it prints is what the whole app prints."""
    code = (
        "import contextlib, io, sys, typing\n"
        "seen = [0]\n"
        "evaluate = typing.ForwardRef._evaluate\n"
        "def counted(self, *a, **k):\n"
        "    seen[0] += 1\n"
        "    return evaluate(self, *a, **k)\n"
        "typing.ForwardRef._evaluate = counted\n"
        "from dealerscreen.cli import app\n"
        "infos = [*app.app.registered_commands, app.app.registered_callback]\n"
        "for g in app.app.registered_groups:\n"
        "    infos += [*g.typer_instance.registered_commands, g.typer_instance.registered_callback]\n"
        "strings = sum(isinstance(a, str) for i in infos if i for a in i.callback.__annotations__.values())\n"
        f"sys.argv = ['dealerscreen', *{args!r}]\n"
        "said = []\n"
        "for run in (app.main, lambda: app.app(sys.argv[1:])):\n"
        "    out, err = io.StringIO(), io.StringIO()\n"
        "    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "        try:\n"
        "            run()\n"
        "        except SystemExit:\n"
        "            pass\n"
        "    said.append(out.getvalue() + err.getvalue())\n"
        "    if not seen[1:]:  # main()'s run: what it evaluated and loaded\n"
        f"        seen += [seen[0], sorted(m for m in sys.modules if m.startswith({HEAVY!r}))]\n"
        "print(seen[1], strings, said[0] == said[1], len(said[0]), *seen[2], file=sys.stderr)\n"
    )
    err = fresh_python(code).stderr.split()
    evaluated, strings, same, shown, heavy = int(err[0]), int(err[1]), err[2], int(err[3]), err[4:]
    assert heavy == [], heavy
    assert same == "True" and shown > 100  # what main() printed, the whole app prints too
    assert strings > 50  # the commands' annotations are strings (the test would be empty)
    # one command's at most, and typer's own few: the whole app's were 2.2 times them all
    assert evaluated < strings / 4, (evaluated, strings)


def _top_run(tmp_path: Path, before: str, after: str) -> str:
    """`screen samples/applicants --top 5 -q` by main() in a fresh process: the statement
    `before` run first, and the text of the expression `after` written however the run
    ends; that text (the table must have been printed)."""
    found = tmp_path / "found.txt"
    code = (
        "import gc, sys\n"
        "from dealerscreen.cli.app import main\n"
        "sys.argv = ['dealerscreen', 'screen', 'samples/applicants', '--top', '5', '-q']\n"
        f"{before}\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        f"    open({str(found)!r}, 'w').write(str({after}))\n"
    )
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0 and "XM24-" in out.stdout, out.stderr  # the table was printed
    return found.read_text()


def test_a_table_report_imports_no_workbook_writer(tmp_path: Path) -> None:
    """The table of a screening (`--top 20` included) loads no part of the xlsx report: the
    team section's module once imported the workbook writer for its sheet."""
    before = (
        "wanted = ('openpyxl', 'dealerscreen.reporters.workbook', 'dealerscreen.reporters.xlsx')"
    )
    after = "' '.join(m for m in sys.modules if m.startswith(wanted))"
    assert _top_run(tmp_path, before, after).split() == []


def test_models_are_built_when_first_used() -> None:
    """Loading the screening builds no pydantic validator (`defer_build`): a model's is
    built when first used. A run validates the profile and the applicants through their
    outer models; the inner ones (a rule kind, an applicant's contact) and the team's
    checks were each built for nothing, about 35 ms of every start."""
    code = (
        "import dealerscreen.batch.screening, dealerscreen.criteria.names\n"
        "from pydantic import BaseModel\n"
        "def every(cls):\n"
        "    for sub in cls.__subclasses__():\n"
        "        yield sub\n"
        "        yield from every(sub)\n"
        "ours = {c for c in every(BaseModel) if c.__module__.startswith('dealerscreen')}\n"
        "print(len(ours), sorted(c.__name__ for c in ours if c.__pydantic_complete__))\n"
    )
    out = fresh_python(code).stdout.split(maxsplit=1)
    built = ast.literal_eval(out[1])
    assert int(out[0]) > 40, out  # the models were there to build
    # but the recursive rule kinds, rebuilt at once to resolve their forward reference
    assert set(built) <= {"AllOf", "AnyItem", "AnyOf", "Boolean", "Case", "Cases", "Not"}, built


def test_start_up_is_not_collected_over_and_over(tmp_path: Path) -> None:
    """A command's start makes some 90,000 objects that live as long as the process: the
    youngest generation was collected every 700 allocations, traversing them again each
    time (about 45 ms of a run). main() has it wait for START_YOUNG."""
    collected = "gc.get_stats()[0]['collections']"
    assert int(_top_run(tmp_path, f"before = {collected}", f"{collected} - before")) <= 5  # 83
