"""A decision letter (`letters.Letter`) as a Word document the team edits and stamps.

Written with python-docx: A4, the title as a heading in black (centred in Chinese), the
reasons as a bulleted list with each basis as a smaller paragraph kept with its reason,
the regards and sender block on lines of their own and kept together on one page, space
above the seal. Text only (no fields, macros or pictures).

Chinese text is set in 宋体 (SimSun), the title in 黑体 (SimHei), named as East Asian fonts
with the text tagged zh-CN: Word on Windows has both; where they are missing (LibreOffice
on Linux) the tag lets the font lookup pick a Chinese serif and sans (Noto Serif/Sans CJK
SC) rather than any font with the glyphs, which set the letter in a sans face. A Chinese
letter's paragraphs start two characters in, and 此致 too, 敬礼 at the margin.
The bytes are reproducible: the document's core properties carry the letter's date, not
the time it was written.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from dealerscreen.words.letters import Letter
from dealerscreen.words.letters.texts import say
from dealerscreen.words.safetext import printable

ZH_FONT = "SimSun"  # 宋体: what a formal Chinese letter is set in
ZH_TITLE_FONT = "SimHei"  # 黑体: its title


def _text(text: str) -> str:
    """Printable text with no character XML 1.0 cannot hold (python-docx would raise)."""
    return "".join(ch for ch in printable(text) if ch in "\t\n" or ord(ch) >= 0x20)


def render_docx(letter: Letter, written: datetime) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    _styles(doc, letter.lang)
    indent = int(say(letter.lang, "docx.indent"))  # characters: two in Chinese
    body = Pt(11 * indent) if indent else None
    props = doc.core_properties
    props.title, props.author, props.comments = _text(letter.title), "", ""
    props.created = props.modified = written.replace(tzinfo=UTC)
    props.last_modified_by = ""
    props.revision = 1

    title = doc.add_heading(_text(letter.title), level=1)
    if say(letter.lang, "docx.title") == "center":
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if letter.dated_at_top:
        doc.add_paragraph(_text(letter.dated))
    doc.add_paragraph(_text(letter.salutation))
    for paragraph in letter.opening:
        doc.add_paragraph(_text(paragraph)).paragraph_format.first_line_indent = body
    if letter.reasons:
        doc.add_paragraph(_text(letter.reasons_heading)).paragraph_format.keep_with_next = True
        for reason, basis in letter.reasons:
            item = doc.add_paragraph(_text(reason), style="List Bullet")
            item.paragraph_format.keep_with_next = True  # a reason and its basis on one page
            note = doc.add_paragraph(_text(basis))
            note.paragraph_format.left_indent = Cm(0.63)
            note.paragraph_format.space_after = Pt(4)
            for run in note.runs:
                run.font.size = Pt(9)
    if letter.changes:
        doc.add_paragraph(_text(letter.change_heading)).paragraph_format.keep_with_next = True
        for change in letter.changes:
            doc.add_paragraph(_text(change), style="List Bullet")
    for paragraph in letter.closing:
        doc.add_paragraph(_text(paragraph)).paragraph_format.first_line_indent = body
    # The regards, the sender block and a Chinese letter's date stay together: a page
    # that ends before the signatory sends its contact and seal alone to the next one.
    regards = doc.add_paragraph()
    regards.paragraph_format.first_line_indent = body  # 此致 two characters in, 敬礼 not
    regards.paragraph_format.keep_with_next = True
    _lines(regards, letter.regards)
    sender = doc.add_paragraph()
    sender.paragraph_format.space_before = Pt(24)
    sender.paragraph_format.keep_together = True
    sender.paragraph_format.keep_with_next = not letter.dated_at_top
    if not letter.dated_at_top:  # a Chinese letter's 落款 (sender and date) sits on the right
        sender.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _lines(sender, letter.sender)
    if not letter.dated_at_top:
        dated = doc.add_paragraph(_text(letter.dated))
        dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    doc.save(out)
    return _stamped(out.getvalue(), written)


def _styles(doc: Any, lang: str) -> None:
    """Body and title fonts named outright (not the template's theme fonts), the title in
    black, the text tagged with its language (see the module's docstring)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)  # the template's 10 pt put a letter on two pages
    _east_asian(normal, ZH_FONT)
    latin = say(lang, "docx.latin_font")
    if latin != "theme":  # figures and Latin names beside 宋体 in a serif too
        fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
        for side in ("ascii", "hAnsi"):
            fonts.attrib.pop(qn(f"w:{side}Theme"), None)
            fonts.set(qn(f"w:{side}"), latin)
    heading = doc.styles["Heading 1"]
    _east_asian(heading, ZH_TITLE_FONT)
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.font.size = Pt(14)
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(12)
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    tag = r_pr.find(qn("w:lang"))
    if tag is None:  # the template has one; w:lang is the last of the elements it has
        tag = OxmlElement("w:lang")
        r_pr.append(tag)
    # w:val tags Latin text, w:eastAsia Chinese: a Chinese letter's English name of a
    # group tagged zh-CN was broken anywhere ("Automotive Gro|up"), as Word does too.
    tag.set(qn("w:val"), say(lang, "docx.latin_tag"))
    tag.set(qn("w:eastAsia"), "zh-CN")


def _east_asian(style: Any, font: str) -> None:
    """`font` for a style's East Asian text, in place of the theme's (which would win)."""
    from docx.oxml.ns import qn

    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    fonts.set(qn("w:eastAsia"), font)


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
