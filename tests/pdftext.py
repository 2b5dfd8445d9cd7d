"""The text of a PDF that Chromium printed, enough to check what a print contains.

Chromium (Skia) writes each font as a Type0 font with a ToUnicode map, and text as hex
glyph strings (`<0012…> Tj`, `[<…> -3 <…>] TJ`) after `/F4 12 Tf`; ligatures as
`/ActualText (fi)`. This reads exactly that, page by page: it is a test helper for our
own prints, not a PDF reader, and needs no library the project does not already have.
"""

from __future__ import annotations

import re
import zlib

_OBJ = re.compile(rb"(?:^|\n)(\d+) 0 obj\s*")
_TOKENS = re.compile(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|/ActualText \((.*?)\)|(EMC|ET)\b")


def _stream(body: bytes) -> bytes:
    """The stream's data, inflated; read up to its end marker by a decompressor, which
    stops at the end of the deflate data (binary data may contain "endstream")."""
    start = re.search(rb"stream\r?\n", body)
    if start is None:
        return b""
    raw = body[start.end() :]
    return zlib.decompressobj().decompress(raw) if b"/FlateDecode" in body[: start.start()] else raw


def _cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode map: glyph id -> text (bfchar and bfrange entries)."""
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block
        ):
            start = int(dst, 16)
            for i, glyph in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[glyph] = chr(start + i)
    return out


def pdf_text(data: bytes) -> str:
    """Every page's text, in content order; a space between text objects."""
    starts = list(_OBJ.finditer(data))
    ends = [m.start() for m in starts[1:]] + [len(data)]
    objs = {int(m.group(1)): data[m.end() : end] for m, end in zip(starts, ends, strict=True)}
    maps: dict[int, dict[int, str]] = {}
    for number, body in objs.items():
        ref = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if ref is not None:
            maps[number] = _cmap(_stream(objs.get(int(ref.group(1)), b"")))
    out: list[str] = []
    for body in objs.values():
        if not re.match(rb"<<\s*/Type /Page\b", body):
            continue
        fonts = {
            name.decode(): maps.get(int(ref), {})
            for name, ref in re.findall(rb"/(F\d+) (\d+) 0 R", body)
        }
        contents = re.search(rb"/Contents (\d+) 0 R", body)
        if contents is None:
            continue
        font: dict[int, str] = {}
        replaced = False  # inside an /ActualText span: its glyphs (a ligature) are said already
        for m in _TOKENS.finditer(_stream(objs.get(int(contents.group(1)), b""))):
            name, glyphs, actual, op = m.groups()
            if name is not None:
                font = fonts.get(name.decode(), {})
            elif glyphs is not None and not replaced:
                ids = bytes.fromhex(glyphs.decode())
                out.extend(
                    font.get(int.from_bytes(ids[i : i + 2]), "") for i in range(0, len(ids), 2)
                )
            elif actual is not None:
                out.append(actual.decode("latin-1"))
                replaced = True
            elif op == b"EMC":
                replaced = False
            elif op == b"ET":
                out.append(" ")
    return "".join(out)
