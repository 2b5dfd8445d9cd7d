"""A checker for Chinese output: no English sentence outside identifiers and names.

English here means a run of two or more English words of the dictionary: the words of
every English text the program can print (the catalogs' sources: reports, rules,
problems, pydantic's messages, usage errors) and of a list of common words. Allowed are
identifiers (dotted paths, ids with digits, dashes or underscores, check ids, option
names, file paths) and the names taken from the input files, which are removed first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from dealerscreen.i18n import (
    checktext,
    clitext,
    criteriatext,
    problemtext,
    programmetext,
    valuetext,
)
from dealerscreen.rules import phrases
from dealerscreen.words import labels as i18n
from dealerscreen.words import teamwords

COMMON = [
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "not",
    "no",
    "is",
    "are",
    "be",
    "was",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "as",
    "if",
    "then",
    "than",
    "so",
    "but",
    "any",
    "all",
    "each",
    "every",
    "one",
    "two",
    "more",
    "most",
    "less",
    "least",
    "your",
    "you",
    "we",
    "our",
    "they",
    "their",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "may",
    "do",
    "does",
    "only",
    "also",
    "per",
    "here",
    "there",
    "what",
    "which",
    "who",
    "when",
    "where",
    "why",
    "how",
    "file",
    "files",
    "line",
    "column",
    "field",
    "value",
    "values",
    "number",
    "points",
    "point",
    "city",
    "rank",
    "tier",
    "eligible",
    "applicant",
    "applicants",
    "report",
]


@cache  # the catalogs do not change during a run
def dictionary() -> frozenset[str]:
    words = set(COMMON)
    for catalog in (
        i18n.EN,
        phrases.EN,
        problemtext.EN,
        problemtext.PYDANTIC,
        clitext.EN,
        valuetext.EN,
        checktext.EN,
        programmetext.EN,
        criteriatext.EN,
        teamwords.EN,
        criteriatext.SHAPES,
    ):
        for text in catalog.values():
            text = re.sub(r"\{[^}]*\}", " ", text)
            words.update(w.lower() for w in re.findall(r"[A-Za-z]{2,}", text))
    return frozenset(words)


# Identifiers: anything with a dot, slash, underscore, digit, @ or an inner dash, option
# names (--lang), placeholders and `code`, and the program's name with a command's.
# An identifier ends where Chinese text begins ("读作是/否" is no path).
COMMANDS = "screen|explain|sensitivity|profiles|template|letters|validate|test|diff|schema"
_ID = r"[^\s\u3000-\u9fff\uff00-\uffef]"
IDENTIFIER = re.compile(
    rf"`[^`]*`|dealerscreen(?: (?:{COMMANDS})\b)?|--?[a-z][\w-]*|{_ID}*[./_\d@]{_ID}*"
    r"|\w+-\w[\w-]*"
)
WORD_RUN = re.compile(r"[A-Za-z]+(?:[ ,'’]+[A-Za-z]+)+")


def without_names(text: str, names: Iterable[str]) -> str:
    """`text` with each whole occurrence of a name blanked, the longest names first: a short
    one ('in', 'le') must not split an identifier, so the characters either side of it are
    no letter, digit or underscore.

    This is `(?<![A-Za-z0-9_])NAME(?![A-Za-z0-9_])` with the look-behind moved after the
    name (it looks back over the name to the character before it): a pattern that starts
    with the name is searched for as a literal, many times faster on a long report, and
    a name not in the text at all is passed over without a pattern. The test of this
    module checks the two forms agree.
    """
    for name in sorted(set(names), key=len, reverse=True):
        if name and name in text:
            pattern = rf"{re.escape(name)}(?<![A-Za-z0-9_][\s\S]{{{len(name)}}})(?![A-Za-z0-9_])"
            text = re.sub(pattern, " ", text)
    return text


def english_runs(text: str, names: Iterable[str] = ()) -> list[str]:
    """The runs of two or more dictionary words in `text`, once `names` (from the input
    files) and identifiers are taken out."""
    text = IDENTIFIER.sub(" ", without_names(text, names))
    words = dictionary()
    found = []
    for run in WORD_RUN.finditer(text):
        tokens = re.findall(r"[A-Za-z]+", run[0])
        streak: list[str] = []
        for token in tokens:
            if token.lower() in words and len(token) > 1:
                streak.append(token)
                continue
            if len(streak) >= 2:
                found.append(" ".join(streak))
            streak = []
        if len(streak) >= 2:
            found.append(" ".join(streak))
    return found
