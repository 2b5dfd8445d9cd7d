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
