"""A decision letter (`letters.Letter`) as a Word document the team edits and stamps.

Written with python-docx: A4, the title as a heading, the reasons as a bulleted list with
each basis as a smaller paragraph, the regards and sender block on lines of their own,
space above the seal. Text only (no fields, macros or pictures); a Chinese letter is set
in a Chinese font for East Asian text, so Word shows it as it does in the other formats.
The bytes are reproducible: the document's core properties carry the letter's date, not
the time it was written.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from dealerscreen.words.letters import Letter
from dealerscreen.words.safetext import printable

ZH_FONT = "SimSun"  # 宋体: what a formal Chinese letter is set in


def _text(text: str) -> str:
    """Printable text with no character XML 1.0 cannot hold (python-docx would raise)."""
    return "".join(ch for ch in printable(text) if ch in "\t\n" or ord(ch) >= 0x20)


def render_docx(letter: Letter, written: datetime) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    if letter.lang == "zh":
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), ZH_FONT)
    props = doc.core_properties
    props.title, props.author, props.comments = _text(letter.title), "", ""
    props.created = props.modified = written.replace(tzinfo=UTC)
    props.last_modified_by = ""
    props.revision = 1

    doc.add_heading(_text(letter.title), level=1)
    if letter.dated_at_top:
        doc.add_paragraph(_text(letter.dated))
    doc.add_paragraph(_text(letter.salutation))
    for paragraph in letter.opening:
        doc.add_paragraph(_text(paragraph))
    if letter.reasons:
        doc.add_paragraph(_text(letter.reasons_heading))
        for reason, basis in letter.reasons:
            doc.add_paragraph(_text(reason), style="List Bullet")
            note = doc.add_paragraph(_text(basis))
            note.paragraph_format.left_indent = Cm(0.63)
            for run in note.runs:
                run.font.size = Pt(9)
    if letter.changes:
        doc.add_paragraph(_text(letter.change_heading))
        for change in letter.changes:
            doc.add_paragraph(_text(change), style="List Bullet")
    for paragraph in letter.closing:
        doc.add_paragraph(_text(paragraph))
    _lines(doc.add_paragraph(), letter.regards)
    sender = doc.add_paragraph()
    sender.paragraph_format.space_before = Pt(24)
    _lines(sender, letter.sender)
    if not letter.dated_at_top:
        dated = doc.add_paragraph(_text(letter.dated))
        dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return _stamped(out.getvalue(), written)


def _stamped(package: bytes, written: datetime) -> bytes:
    """The package again with every member dated `written` (python-docx dates them now)."""
    stamp = (max(written.year, 1980), written.month, written.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def _lines(paragraph: object, texts: list[str]) -> None:
    """Texts on lines of their own within one paragraph (line breaks, not paragraphs)."""
    for i, text in enumerate(texts):
        run = paragraph.add_run(_text(text))  # type: ignore[attr-defined]
        if i < len(texts) - 1:
            run.add_break()
