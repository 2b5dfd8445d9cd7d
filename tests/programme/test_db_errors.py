"""A database that cannot be reached is one problem line and exit 3, whatever the driver
writes: PostgreSQL's messages run over several lines, the next indented with a tab."""

from __future__ import annotations

from pathlib import Path

import pytest

from dealerscreen.programme.errors import driver_said
from tests.programme.helpers import Cli


def test_a_driver_message_of_several_lines_is_said_on_one() -> None:
    said = driver_said(OSError("port 1 failed: Connection refused\n\tIs the server running?\n"))
    assert said == "port 1 failed: Connection refused Is the server running?"


def test_an_unreachable_server_is_one_line_and_fatal(cli: Cli, tmp_path: Path) -> None:
    pytest.importorskip("psycopg")
    folder = tmp_path / "prog"
    assert cli("programme", "init", str(folder), "--criteria", "xiaomi-2s-2024").exit_code == 0
    nowhere = "postgresql://nobody@127.0.0.1:1/none"  # port 1: refused at once
    out = cli("status", "-p", str(folder), "--db", nowhere)
    assert out.exit_code == 3, out
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot open the record" in lines[0], out.stderr
    assert "\\n" not in lines[0] and "\\t" not in lines[0], lines[0]
