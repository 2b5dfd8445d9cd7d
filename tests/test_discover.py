"""Discovery walks folders as `os.walk(followlinks=True)` with sorted names would.

`loading._walk` uses `os.scandir` for speed; this pins it to the plainer walk it replaced,
on a tree with nesting, hidden entries, other file types, links to files and folders, a
broken link and a link loop.
"""

from __future__ import annotations

import os
from pathlib import Path

from dealerscreen.intake.loading import SUFFIXES, discover


def reference(root: str) -> tuple[list[str], list[str], list[str]]:
    files, skipped, broken = [], [], []
    seen: set[str] = set()
    visited: set[str] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if name.startswith("."):
                continue
            if not name.lower().endswith(SUFFIXES):
                if name.lower() not in ("readme.md", "readme.txt"):
                    skipped.append(full)
                continue
            if os.path.islink(full) and not os.path.exists(full):
                broken.append(full)
                continue
            key = os.path.realpath(full)
            if key in seen:
                skipped.append(full)
                continue
            seen.add(key)
            files.append(full)
    return files, skipped, broken


def test_the_walk_is_os_walks(tmp_path: Path) -> None:
    def touch(rel: str) -> None:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x: 1\n")

    for rel in [
        "a.yaml", "b.json", "notes.txt", "README.md", ".hidden.yaml", "z.YML",
        "sub/c.yaml", "sub/deeper/d.yaml", "sub-x/e.yaml", "sub.y/f.yaml",
        ".git/g.yaml", "s/t/u/v/w.yaml", "s/t.yaml",
    ]:  # fmt: skip
        touch(rel)
    (tmp_path / "link-to-a.yaml").symlink_to(tmp_path / "a.yaml")
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path / "sub")
    (tmp_path / "linked-folder").symlink_to(tmp_path / "s")
    (tmp_path / "linked-outside").symlink_to(tmp_path / "sub" / "deeper")
    files, skipped, broken = discover([str(tmp_path)])
    want_files, want_skipped, want_broken = reference(str(tmp_path))
    assert files == want_files and len(files) >= 8
    assert sorted(s.path for s in skipped) == sorted(want_skipped)
    assert [b.path for b in broken] == want_broken
