"""The file log of a batch: (path, sha256) of every file read, kept on disk, not in memory.

A report's manifest lists every applicant file with its sha256; 100,000 of them are the
log's, streamed back in path order when they were written in it.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from typing import IO

_JSON_ESCAPES = re.compile(r'["\\\x00-\x1f\ud800-\udfff]')  # what json.dumps would escape


def _text_spill() -> IO[str]:
    # surrogateescape: a file name that is not UTF-8 is written back as its own bytes
    return tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape", newline="\n")


class FileLog:
    """(path, sha256) of every file read, on disk: a manifest lists them, memory need not."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None
        self._reading = False
        # Whether paths were logged in order: then a manifest's digest streams over the log
        # (a folder's files are read in path order) instead of sorting 100,000 of them.
        self.in_order = True
        self._last = ""

    def add(self, path: str, sha256: str | None) -> None:
        self.add_lines(self.line(path, sha256), (path, path))

    @staticmethod
    def line(path: str, sha256: str | None) -> str:
        """`json.dumps([path, sha256], ensure_ascii=False)` and a newline; written out
        directly when nothing needs escaping, which is almost always (a worker makes one
        line per file, and the encoder's machinery cost more than reading the file)."""
        if sha256 is not None and not _JSON_ESCAPES.search(path):
            return f'["{path}", "{sha256}"]\n'
        return json.dumps([path, sha256], ensure_ascii=False) + "\n"

    def add_lines(self, text: str, span: tuple[str, str] | None) -> None:
        """Lines made by `line` (a worker makes a chunk's, the parent writes them once);
        `span`: their first and last path if they are in path order, else None."""
        if not text:
            return
        if span is None:
            self.in_order = False
        else:
            if span[0] < self._last:
                self.in_order = False
            self._last = max(span[1], self._last)
        if self._file is None:
            self._file = _text_spill()
        if self._reading:  # a seek flushes the buffer: only after a read moved us
            self._file.seek(0, 2)
            self._reading = False
        self._file.write(text)

    def __iter__(self) -> Iterator[tuple[str, str | None]]:
        if self._file is None:
            return
        self._reading = True
        self._file.seek(0)
        for line in self._file:
            # `line`'s own shape, read back without the decoder (a manifest reads 100,000)
            if line.startswith('["') and line.endswith('"]\n') and "\\" not in line:
                path, _, sha = line[2:-3].rpartition('", "')
                if path and len(sha) == 64:
                    yield path, sha
                    continue
            path, sha = json.loads(line)
            yield path, sha
