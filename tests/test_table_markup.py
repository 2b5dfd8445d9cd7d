"""A profile's title and a city's name are shown as written in the terminal table, never
read as the terminal library's markup ("[red]" in a title is text, not a colour)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import ROOT

TITLE = "Partners [bold]2S[/bold] [link=x]call[/link]"


def profile(tmp_path: Path) -> str:
    path = tmp_path / "marked.yaml"
    path.write_text(
        "schema_version: 1\nkind: profile\n"
        f"extends: {ROOT / 'criteria' / 'xiaomi-2s-2024.yaml'}\n"
        f"id: marked\ntitle: '{TITLE}'\nversion: 0.1.0\n",
        encoding="utf-8",
    )
    return str(path)


def test_title_is_shown_as_written(cli: Callable[..., object], tmp_path: Path) -> None:
    crit = profile(tmp_path)
    for args in ([], ["--by-city"]):
        result = cli("screen", "samples/applicants", "-c", crit, *args)
        assert TITLE in result.stdout, args  # type: ignore[attr-defined]
