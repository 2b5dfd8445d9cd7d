"""An XLSX workbook's parts, read before openpyxl reads them: what reading will cost, and the
one cell of an application form's own mapping.

openpyxl (read-only) streams a worksheet's rows, but it reads some parts whole, building a
Python object per XML element: the shared strings (the text of every text cell, one string
each), the styles, the workbook part, the content types, the relationships, the document
properties, and a chartsheet with its drawings. A file of 1 MB can hold 27 million
one-letter shared strings (470 MB unpacked, well within --max-batch-size: 251 s and
2.66 GB to load). So before openpyxl sees a workbook (`Scan`):

- no part openpyxl parses may declare a DTD (`<!DOCTYPE`): XLSX allows none (ECMA-376
  part 2), and its entities could make elements that the counts below do not see;
- the shared strings: at most `MAX_STRINGS` strings and `MAX_STRING_BYTES` bytes unpacked;
- the other parts read whole: at most `MAX_ELEMENTS` XML elements together.

Each is a `too-large` problem naming the part, said as soon as a count passes its limit
(the 470 MB of strings by the size their zip declares, before any is unpacked; 2 million
tiny ones in 34 MB after the first million). The sizes are what a real
export or form stays far below: 1,200 applicants with 60 columns make about 72,000 cells.

`mapping_cell` reads cell A2 of the mapping sheet of a form (`EMBEDDED_SHEET`) through the
content types, the workbook, its relationships and that sheet, streaming each and stopping
as soon as it has the cell; a shared string is looked up by its index without reading the
strings after it. A workbook without that sheet is known before any string is read.
"""

from __future__ import annotations

import contextlib
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from dealerscreen.i18n.problemtext import say
from dealerscreen.models.problems import Message, Problem
from dealerscreen.yamlsource import SourceError

MAX_STRINGS = 1_000_000  # shared strings: about 7 s and 100 MB for openpyxl at worst
MAX_STRING_BYTES = 64_000_000  # what the shared strings part unpacks to
MAX_ELEMENTS = 200_000  # elements of the other parts read whole: styles, workbook, ...
_SMALL_PART = 16_000_000  # content types, relationships: parsed here, bounded first

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml."
_MACRO = "application/vnd.ms-excel."
# The content types of a workbook part, in the order openpyxl looks for them.
_WORKBOOK_TYPES = (
    _MACRO + "template.macroEnabled.main+xml",
    _SPREADSHEET + "template.main+xml",
    _MACRO + "sheet.macroEnabled.main+xml",
    _SPREADSHEET + "sheet.main+xml",
)
_SHARED_STRINGS = _SPREADSHEET + "sharedStrings+xml"
# Parts openpyxl reads whole by a fixed name, when they are there.
_FIXED = ("[Content_Types].xml", "xl/styles.xml", "docProps/core.xml", "docProps/custom.xml")
_STRING_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?si[\s/>]")
_TAIL = 64  # bytes of one block kept for the next: longer than any pattern counted here


def too_large(path: str, message: Message) -> SourceError:
    return SourceError(Problem(path, None, None, "error", message, None, "too-large"))


def _refused_dtd(path: str, part: str) -> SourceError:
    message = say("xlsx-dtd", part=part)
    return SourceError(Problem(path, None, None, "error", message, None, "unreadable"))


def _elements(data: bytes) -> int:
    """Start tags in XML bytes, at most: every '<' but end tags, declarations, comments."""
    return data.count(b"<") - data.count(b"</") - data.count(b"<?") - data.count(b"<!")


@dataclass
class Parts:
    """Which parts openpyxl streams (the worksheets) and which it reads whole."""

    workbook: str = "xl/workbook.xml"
    strings: tuple[str, ...] = ()  # the shared strings parts: openpyxl reads the first
    streamed: set[str] = field(default_factory=set)  # worksheets, read row by row
    sheets: dict[str, str] = field(default_factory=dict)  # relationship id -> worksheet part
    chartsheets: bool = False  # read whole, with their drawings: every part then counts

    def read_whole(self, name: str) -> bool:
        return self._by_name(name) or (self.chartsheets and name not in self.streamed)

    def _by_name(self, name: str) -> bool:
        """Read whole whatever else it is: a fixed name, a relationship, the workbook."""
        return name in _FIXED or name.endswith(".rels") or name in (self.workbook, *self.strings)

    @classmethod
    def of(cls, path: str, archive: zipfile.ZipFile) -> Parts | None:
        """The parts, from the content types and the workbook's relationships (each
        refused when too large to parse); None without content types (openpyxl then
        reads nothing and says the file is not a workbook)."""
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names:
            return None
        parts = cls()
        types = _small_xml(path, archive, "[Content_Types].xml")
        overrides = [
            (o.get("PartName", "").lstrip("/"), o.get("ContentType", ""))
            for o in types.iter(_CT + "Override")
        ]
        parts.strings = tuple(name for name, kind in overrides if kind == _SHARED_STRINGS)
        by_kind = {kind: name for name, kind in reversed(overrides)}  # the first of each
        parts.workbook = next(
            (by_kind[k] for k in _WORKBOOK_TYPES if k in by_kind), "xl/workbook.xml"
        )
        folder, name = posixpath.split(parts.workbook)
        rels = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels not in names:
            return parts
        for rel in _small_xml(path, archive, rels).iter(_REL + "Relationship"):
            target, kind = rel.get("Target", ""), rel.get("Type", "")
            if rel.get("TargetMode") == "External":
                continue
            if target.startswith("/"):
                target = target[1:]
            else:
                target = posixpath.normpath(posixpath.join(folder, target))
            if kind.endswith("/worksheet"):
                parts.sheets[rel.get("Id", "")] = target
            elif kind.endswith("/chartsheet"):
                parts.chartsheets = True
        # A part that is also read whole by name is never taken for a streamed sheet.
        parts.streamed = {s for s in parts.sheets.values() if not parts._by_name(s)}
        return parts


def _small_xml(path: str, archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    """A part that is parsed whole here (content types, relationships), once it is known
    to be small and to declare no DTD."""
    if archive.getinfo(name).file_size > _SMALL_PART:
        raise too_large(path, say("xlsx-part", part=name, limit=f"{_SMALL_PART:,}"))
    data = archive.read(name)
    if b"<!DOCTYPE" in data:
        raise _refused_dtd(path, name)
    if _elements(data) > MAX_ELEMENTS:
        raise _over_elements(path, name)
    return ElementTree.fromstring(data)


def _over_elements(path: str, part: str) -> SourceError:
    return too_large(path, say("xlsx-elements", limit=f"{MAX_ELEMENTS:,}", part=part))


class Scan:
    """Counts, block by block, what each part will cost openpyxl; refuses a part as soon
    as a limit is passed."""

    def __init__(self, path: str, parts: Parts | None) -> None:
        self.path = path
        self.parts = parts
        self.elements = 0  # in the parts read whole, but the shared strings

    def check_sizes(self, archive: zipfile.ZipFile) -> None:
        """The shared strings by the size the zip declares, before anything is unpacked
        (zipfile reads no more than that size)."""
        for name in self.parts.strings if self.parts else ():
            with contextlib.suppress(KeyError):  # named but absent: openpyxl says so
                size = archive.getinfo(name).file_size
                if size > MAX_STRING_BYTES:
                    raise self._over_bytes(name, size)

    def part(self, name: str, blocks: Iterator[bytes]) -> Iterator[bytes]:
        """The blocks of one part, passed on once counted."""
        parts = self.parts
        strings = parts is not None and name in parts.strings
        counted = parts is not None and not strings and parts.read_whole(name)
        # What openpyxl parses as XML may declare no DTD; an SVG image may (and is not parsed).
        parsed = strings or counted or (parts is not None and name in parts.streamed)
        items = 0
        size = 0
        tail = b""
        xml: bool | None = None  # a binary part (an image) has no elements to count
        for block in blocks:
            data = tail + block
            size += len(block)
            if xml is None:
                xml = block.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
            if parsed and b"<!DOCTYPE" in data:
                raise _refused_dtd(self.path, name)
            if strings:
                items += len(_STRING_ITEM.findall(data)) - len(_STRING_ITEM.findall(tail))
                if items > MAX_STRINGS:
                    raise too_large(
                        self.path, say("xlsx-strings", limit=f"{MAX_STRINGS:,}", part=name)
                    )
                if size > MAX_STRING_BYTES:
                    raise self._over_bytes(name, size)
            elif counted and xml:
                self.elements += _elements(data) - _elements(tail)
                if self.elements > MAX_ELEMENTS:
                    raise _over_elements(self.path, name)
            tail = data[-_TAIL:]
            yield block

    def _over_bytes(self, name: str, size: int) -> SourceError:
        return too_large(
            self.path,
            say("xlsx-string-bytes", part=name, size=f"{size:,}", limit=f"{MAX_STRING_BYTES:,}"),
        )


class _Enough(Exception):
    """A streamed part gave more elements than the cell sought may take: not a form's."""


def _stream(
    path: str, archive: zipfile.ZipFile, name: str, most: int
) -> Iterator[ElementTree.Element]:
    """The elements of a part as each ends, at most `most` of them; refused with a DTD.
    The caller clears what it has read, so memory stays with the elements counted."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(("end",))
    seen = 0
    tail = b""
    with archive.open(name) as source:
        while block := source.read(1 << 16):
            if b"<!DOCTYPE" in tail + block:
                raise _refused_dtd(path, name)
            tail = block[-_TAIL:]
            parser.feed(block)
            for event in parser.read_events():
                elem = event[-1]
                assert isinstance(elem, ElementTree.Element)  # "end" events give elements
                seen += 1
                if seen > most:
                    raise _Enough
                yield elem


def _text(item: ElementTree.Element) -> str:
    """The text of a string item (`<si>`, `<is>`): its runs, not its phonetic guides."""
    out = [item.findtext(_MAIN + "t") or ""]
    out += [run.findtext(_MAIN + "t") or "" for run in item.iterfind(_MAIN + "r")]
    return "".join(out)


def mapping_cell(path: str, archive: zipfile.ZipFile, sheet_name: str) -> str | None:
    """The text in cell A2 of the sheet named `sheet_name`; None when the workbook has no
    such sheet or the cell holds no text. Raises SourceError for a part too large or with
    a DTD, _Enough when a part holds far more than a form's does before that cell."""
    parts = Parts.of(path, archive)
    if parts is None:
        return None
    wanted = None
    for elem in _stream(path, archive, parts.workbook, MAX_ELEMENTS):
        if elem.tag == _MAIN + "sheet" and elem.get("name") == sheet_name:
            wanted = parts.sheets.get(elem.get(_R_ID, ""))
            break
        if elem.tag == _MAIN + "sheets":
            break
    if wanted is None or wanted not in archive.namelist():
        return None
    cell = None
    for elem in _stream(path, archive, wanted, MAX_ELEMENTS):
        if elem.tag == _MAIN + "c" and elem.get("r") == "A2":
            cell = elem
            break
        if elem.tag == _MAIN + "row" and elem.get("r") not in (None, "1"):
            break  # past row 2 (a row is complete at its end): A2 is not there
        if elem.tag == _MAIN + "row":
            elem.clear()
    if cell is None:
        return None
    kind = cell.get("t")
    if kind == "inlineStr":
        item = cell.find(_MAIN + "is")
        return _text(item) if item is not None else None
    if kind == "str":
        return cell.findtext(_MAIN + "v")
    if kind != "s":
        return None
    index = int(cell.findtext(_MAIN + "v") or "-1")
    if not 0 <= index < MAX_STRINGS or not parts.strings:
        return None
    count = 0
    for elem in _stream(path, archive, parts.strings[0], 8 * (index + 1) + MAX_ELEMENTS):
        if elem.tag == _MAIN + "si":
            if count == index:
                return _text(elem)
            count += 1
            elem.clear()
    return None
