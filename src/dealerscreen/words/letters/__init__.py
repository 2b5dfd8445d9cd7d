"""Decision letters: what an applicant is told, in plain words, built from its decision.

`writer` builds a `Letter` (letter.py) from one result; `advice` decides what a letter
may advise; `texts` holds its words in both languages; `settings` reads who signs and by
when to reply. reporters/letter_format.py writes a letter as Markdown or HTML, and
reporters/letter_docx.py as a Word document.
"""

from __future__ import annotations

from dealerscreen.words.letters.letter import Letter, LetterKind, kind_of
from dealerscreen.words.letters.settings import LetterSettings, load_settings
from dealerscreen.words.letters.writer import MAX_REASONS, LetterWriter, fact_label

__all__ = [
    "MAX_REASONS",
    "Letter",
    "LetterKind",
    "LetterSettings",
    "LetterWriter",
    "fact_label",
    "kind_of",
    "load_settings",
]
