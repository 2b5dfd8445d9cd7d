"""The console script's entry (cli/start.py) has the garbage collector wait while the
commands are imported: at Python's threshold the import alone made 94 collections of the
youngest generation, each traversing the objects made so far (about 25 ms of every
command, `--version` and `--help` included)."""

from __future__ import annotations

from importlib.metadata import entry_points

from tests.conftest import fresh_python

COUNTED = (
    "import gc, sys\n"
    "made = []\n"
    "gc.callbacks.append(lambda phase, info: made.append(1) if phase == 'start' else None)\n"
    "sys.argv = ['dealerscreen', '--version']\n"
    "from {module} import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(len(made), file=sys.stderr)\n"
)


def _collections(module: str) -> int:
    out = fresh_python(COUNTED.format(module=module))
    assert out.stdout.startswith("dealerscreen "), out.stdout  # the version was printed
    return int(out.stderr.split()[-1])


def test_the_console_script_starts_through_the_entry_that_holds_collections() -> None:
    (script,) = entry_points(group="console_scripts", name="dealerscreen")
    assert script.value == "dealerscreen.cli.start:main"


def test_a_command_starts_without_collecting_what_it_imports() -> None:
    assert _collections("dealerscreen.cli.start") <= 3
    assert _collections("dealerscreen.cli.app") > 20  # imported first, as before: collected
