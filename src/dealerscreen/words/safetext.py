"""Applicant text made harmless before a reporter shows it.

Applicant files are typed by strangers: a legal name can carry terminal escape sequences
(colours, cursor moves, window titles, hyperlinks), a carriage return that overwrites what
was printed before it, or Unicode direction overrides that make text read differently
from what it is. Reporters pass every applicant string through one of these functions;
html and csv escaping belong to their own formats and can build on `printable`;
`markdown` is the one for GitHub-flavoured markdown, where a report may become a
pull-request comment.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \),
# DCS/SOS/PM/APC strings (ESC P/X/^/_ ... ESC \), then any other two-byte escape.
_ESCAPES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]                  # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?     # OSC, terminated or not
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?          # DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]?                         # other escapes, or a lone ESC
    | \x9b[0-?]*[ -/]*[@-~]                  # 8-bit CSI
    """,
    re.VERBOSE,
)
# C0 and C1 controls, DEL, the bidirectional overrides and isolates, and the two
# noncharacters XML refuses (U+FFFE, U+FFFF: a JSON or YAML escape can write them; the
# workbook and the Word letters could not be saved with one).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")
_SPACES = re.compile(r"[\t\n\r\v\f]+")


def printable(text: str) -> str:
    """The text without escape sequences and control characters; line breaks become spaces."""
    if text.isprintable():
        # Nearly every text: it holds no control character (Unicode Cc), no direction
        # override or isolate (Cf), so none of the patterns below would find anything.
        return text
    text = _ESCAPES.sub("", text)
    text = _SPACES.sub(" ", text)
    return _CONTROLS.sub("", text)


def terminal(text: str | None, fallback: str = "") -> str:
    """For a terminal table cell: printable, on one line, never empty by accident."""
    if text is None:
        return fallback
    return printable(text).strip() or fallback


def visible(text: str) -> str:
    """For diagnostics: control characters shown as escapes (\\x1b), so a user can find them.

    A problem line must point at the bad bytes, not hide them; shown this way they are
    inert in any terminal.
    """
    shown = _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return undecodable(shown)


# A str holds what is not text as lone surrogates: the bytes of a file name that are not
# UTF-8 (a GBK name from a Windows zip; Python reads each as U+DC80..U+DCFF), or a YAML
# escape such as "\udcce". No encoder writes them, so every report passes through this.
_SURROGATES = re.compile("[\ud800-\udfff]")


def _byte(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"%{code - 0xDC00:02X}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def undecodable(text: str) -> str:
    """The text with each byte a file name holds that is not UTF-8 shown as its URL escape
    (%CB%D5 for GBK's 苏): one form that stays what it is in JSON, CSV, markdown, HTML, a
    SARIF URI, a workbook cell and a terminal. Any other lone surrogate (no byte of a
    file) is U+FFFD."""
    if text.isascii():  # O(1) in CPython: most reports never look further
        return text
    return _SURROGATES.sub(_byte, text)


# Markdown: what would make a link or image ([text](url), ![alt](src), [ref]: url), end a
# table cell (|), open a code span (`) or raw HTML (<), or spell a character as an entity
# (&#64; is an @ after rendering). An @mention or #123 reference notifies people or links
# issues: a word joiner after the sign keeps the text as it reads and the notice unsent
# (GitHub's patterns need a letter or digit right after the sign).
_MD_ESCAPED = re.compile(r"[\\|\[\]`]")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_MENTION = re.compile(r"(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])|#(?=[0-9])")
WORD_JOINER = "\u2060"
# What `markdown` would change: a sign it escapes or acts on, white space other than
# single spaces between words. A text without any (most: names, ids, statuses) is itself.
# Searched as a character class, and the spaces as text: a printable text holds no white
# space but the space, and one pattern with the alternatives tried each at every position
# took three times as long (a markdown report makes about 25 cells an applicant).
_MD_SIGNS = re.compile(r"[\\|\[\]`&<>@#]")


def markdown(text: str) -> str:
    """For GitHub-flavoured markdown inline text: one line, shown as written, never acting.

    No link, image, raw HTML, entity, code span, table-cell end, @mention or #reference
    comes out of it. A bare URL is still linked by GitHub: it shows where it goes.
    """
    if (
        text.isprintable()
        and not _MD_SIGNS.search(text)
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
    ):
        return text
    return markdown_escaped(text)


def markdown_escaped(text: str) -> str:
    """`markdown`, every step taken."""
    value = " ".join(printable(text).split())
    value = _MD_ENTITY.sub("&amp;", value)
    value = _MD_ESCAPED.sub(lambda m: "\\" + m.group(), value)
    value = value.replace("<", "&lt;").replace(">", "&gt;")
    return _MD_MENTION.sub(lambda m: m.group() + WORD_JOINER, value)
