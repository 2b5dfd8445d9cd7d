"""`dealerscreen --help` starts quickly: loading the commands imports none of the heavy
parts (reports, the batch, the programme record and its database libraries); each command
imports what it uses when it runs. A module-level import in a command module once pulled
every reporter in and made `--help` cost five times `import typer` (benchmarks/targets.py)."""

from __future__ import annotations

import subprocess
import sys

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
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == [], out


def test_help_of_a_command_loads_no_heavy_part_and_evaluates_each_annotation_once() -> None:
    """`dealerscreen screen --help` as main() runs it. typer coerces a flag's value with
    pydantic unless it is a bool already (the group's flags not given arrived as None, and
    pydantic was loaded for them), and it reads each command's string annotations about
    four times while it builds the commands (compiling and evaluating them each time):
    main() evaluates them once, beforehand."""
    code = (
        "import sys, typing\n"
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
        "sys.argv = ['dealerscreen', 'screen', '--help']\n"
        "try:\n"
        "    app.main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print(seen[0], strings, *heavy, file=sys.stderr)\n"
    )
    err = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stderr.split()
    evaluated, strings, heavy = int(err[0]), int(err[1]), err[2:]
    assert heavy == [], heavy
    assert strings > 50  # the commands' annotations are strings (the test would be empty)
    # once each, and a few more that typer's own completion options take (twice each: 2.2x)
    assert evaluated < 1.5 * strings, (evaluated, strings)
