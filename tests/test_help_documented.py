"""Each command's `--help` is what the README's command reference shows, word for word.

A typer or click release that changes how help is drawn (typer 0.29 wrote `{paths}...` and
`<list[str]>`) fails here, in the newest-versions run of CI, before a user reads it.
`pytest --update-golden` rewrites the README's blocks on purpose; review the diff.
"""

from __future__ import annotations

import fcntl
import functools
import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
import typer

from dealerscreen.cli.app import app
from tests.conftest import ROOT

README = ROOT / "README.md"
WIDTH = 78  # as a terminal shows it: click draws help at most 80 columns less a margin of 2
BLOCK = re.compile(r"(<!-- help: (?P<name>[a-z ]+) -->\n```text\n)(?P<text>.*?)(```\n)", re.S)


@functools.cache
def _group() -> Any:
    """The app's click command, built once: typer builds the same command from the app's
    functions each time asked, in more time than a help text takes to draw (48 help
    texts, with a build each, took 3.4 of this file's 4.4 s)."""
    return typer.main.get_command(app)


def commands() -> list[str]:
    return ["", *sorted(_group().commands)]


def help_text(name: str) -> str:
    group = _group()
    command = group.commands[name] if name else group
    ctx = command.make_context(
        name or "dealerscreen",
        [],
        parent=group.make_context("dealerscreen", [name]) if name else None,
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        resilient_parsing=True,
    )
    text: str = command.get_help(ctx)
    return text.rstrip() + "\n"


def documented() -> dict[str, str]:
    return {m["name"].strip(): m["text"] for m in BLOCK.finditer(README.read_text())}


def rewrite_block(readme: Path, key: str, actual: str) -> None:
    """The README's block of `key` made `actual`. The suite's workers rewrite their own
    commands' blocks at once: each takes a lock for its read and write, and replaces the
    file whole, so that neither a writer nor a reader sees it half written (without these,
    two workers erased the README)."""
    tag = hashlib.sha256(str(readme.resolve()).encode()).hexdigest()[:16]
    with open(Path(tempfile.gettempdir()) / f"dealerscreen-readme-{tag}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        text = readme.read_text()
        text = BLOCK.sub(lambda m: m[1] + actual + m[4] if m["name"].strip() == key else m[0], text)
        fresh = readme.with_name(readme.name + f".{os.getpid()}.tmp")
        fresh.write_text(text)
        os.replace(fresh, readme)


def test_every_command_is_documented_once() -> None:
    names = [m["name"].strip() for m in BLOCK.finditer(README.read_text())]
    assert sorted(names) == sorted(n or "dealerscreen" for n in commands())


@pytest.mark.parametrize("name", commands(), ids=lambda n: n or "dealerscreen")
def test_help_is_what_the_readme_shows(name: str, request: pytest.FixtureRequest) -> None:
    key = name or "dealerscreen"
    command = f"dealerscreen {name}".strip()
    actual = help_text(name)
    if request.config.getoption("--update-golden"):
        rewrite_block(README, key, actual)
        return
    assert documented().get(key) == actual, (
        f"`{command} --help` differs from the README; run pytest --update-golden "
        "on purpose and review the diff"
    )


@pytest.mark.parametrize("name", commands(), ids=lambda n: n or "dealerscreen")
def test_help_names_no_python_types(name: str) -> None:
    """Choices and metavars, never the annotations typer would otherwise print."""
    text = help_text(name)
    assert not re.search(r"<(str|int|float|list\[[^>]*\])[^>]*>|\{paths\}", text), text


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            "dealerscreen screen --format ",
            {"table", "json", "csv", "markdown", "html", "sarif", "xlsx"},
        ),
        ("dealerscreen diff --fail-on ", {"tier-change", "eligibility-change", "none"}),
        ("dealerscreen screen --lang ", {"en", "zh"}),
        ("dealerscreen va", {"validate"}),
    ],
)
def test_shell_completion_offers_the_real_choices(words: str, expected: set[str]) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).parent / "dealerscreen"
    env = {
        **os.environ,
        "_DEALERSCREEN_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    out = subprocess.run([str(script)], env=env, capture_output=True, text=True, timeout=60)
    assert set(out.stdout.split()) == expected, out


def test_the_language_choices_are_the_catalogues() -> None:
    from dealerscreen.i18n.catalogs import LOCALE_DIR
    from dealerscreen.i18n.langs import SPOKEN
    from dealerscreen.words.labels import CATALOGUES, LANGS

    assert SPOKEN == LANGS
    assert set(CATALOGUES) == set(LANGS)
    assert {p.name for p in LOCALE_DIR.iterdir() if p.is_dir()} == set(LANGS) - {"en"}


def _rewrite_many(readme: str, key: str, times: int) -> None:
    for i in range(times):
        rewrite_block(Path(readme), key, f"{key} {i}\n")


def test_workers_rewriting_their_blocks_at_once_keep_every_block(tmp_path: Path) -> None:
    """`--update-golden` with two workers: each rewrites its own blocks of one README at
    the same time; every block survives, with its writer's last text."""
    import multiprocessing

    readme = tmp_path / "README.md"
    readme.write_text(README.read_text())
    keys = sorted(documented())[:4]
    ctx = multiprocessing.get_context("fork")
    workers = [ctx.Process(target=_rewrite_many, args=(str(readme), k, 60)) for k in keys]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    found = {m["name"].strip(): m["text"] for m in BLOCK.finditer(readme.read_text())}
    assert len(found) == len(documented())
    assert all(found[k] == f"{k} 59\n" for k in keys)
