"""The html status board, read as structure: every city and stage named, what waits told in
words (not only by colour) and linked to its applicant, each applicant a labelled row that a
narrow screen shows as a card, and the pipeline's totals adding up."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from dealerscreen.i18n.punctuation import punct
from dealerscreen.words.teamwords import flag_text, say, stage_name
from tests.programme.helpers import SAMPLES, Made

LATE = "XM24-SUZ-005"  # asked for a fact, due before the board's date
WAITS = "XM24-SUZ-002"  # overridden, not approved
MOVED = "XM24-SUZ-001"  # moved to due diligence
AS_OF = "2030-03-01"


class Board(HTMLParser):
    """The page as tables of rows of cells (tag, attributes, text) and the waiting list."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, dict[str, str], str]]]] = []
        self.rows: dict[str, list[tuple[str, dict[str, str], str]]] = {}  # by the row's id
        self.items: list[tuple[str, list[str]]] = []  # (text, hrefs) of each <li>
        self._cell: tuple[str, dict[str, str]] | None = None
        self._text: list[str] = []
        self._item: tuple[list[str], list[str]] | None = None
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
            if "id" in found:
                self.rows[found["id"]] = self.tables[-1][-1]
        elif tag in ("td", "th"):
            self._cell, self._text = (tag, found), []
        elif tag == "li":
            self._item = ([], [])
        elif tag == "a" and self._item is not None:
            self._item[1].append(found.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append((*self._cell, "".join(self._text).strip()))
            self._cell = None
        elif tag == "li" and self._item is not None:
            self.items.append(("".join(self._item[0]), self._item[1]))
            self._item = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._text.append(data)
        if self._item is not None:
            self._item[0].append(data)


@pytest.fixture
def acted(made: Made) -> Made:
    made.replay(
        ("intake", SAMPLES),
        ("screen", "-f", "json"),
        ("request", LATE, "site.building_area_sqm", "--due", "2030-01-31", "--by", "Li"),
        ("override", WAITS, "--to", "shortlisted", "--reason", "runner-up of a tie", "--by", "Li"),
        ("stage", MOVED, "due-diligence", "--by", "Li"),
    )
    return made


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_board_names_every_city_and_stage_and_adds_up(acted: Made, lang: str) -> None:
    found = json.loads(acted.run("status", "-f", "json", "--all", "--as-of", AS_OF).stdout)
    board = Board(acted.run("status", "-f", "html", "--as-of", AS_OF, "--lang", lang).stdout)
    pipeline = board.tables[0]
    heads = [text for _, _, text in pipeline[0]]
    assert heads[1:-1] == [stage_name(s, lang) for s in found["stages"]]
    by_city = {row[0][2]: row[1:] for row in pipeline[1:-1]}
    cities = {
        a["city_zh"] if lang == "zh" and a.get("city_zh") else a["city"]: a["city"]
        for a in found["applicants"]
    }
    assert set(by_city) == set(cities)
    for shown, city in cities.items():
        counts = found["pipeline"][city]
        cells = [text for _, _, text in by_city[shown]]
        assert cells == [str(counts.get(s, "")) for s in found["stages"]] + [
            str(sum(counts.values()))
        ]
    due = heads.index(stage_name("due-diligence", lang))
    assert pipeline[-1][0][2] == say("status.total", lang)
    assert pipeline[-1][due][2] == "1"  # the applicant moved
    assert pipeline[-1][-1][2] == str(len(found["applicants"]))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_what_waits_is_said_in_words_and_linked_to_its_applicant(acted: Made, lang: str) -> None:
    board = Board(acted.run("status", "-f", "html", "--as-of", AS_OF, "--lang", lang).stdout)
    opens = punct(lang, "punct.paren").split("{text}")[0]  # " (", in Chinese "（"
    items = {text.split(opens)[0]: (text, hrefs) for text, hrefs in board.items}
    for key, who in (("overdue_requests", LATE), ("overrides_awaiting_approval", WAITS)):
        text, hrefs = items[say("waiting." + key, lang)]
        assert who in text and f"#a-{who}" in hrefs
    for _, hrefs in items.values():
        assert all(href[1:] in board.rows for href in hrefs)  # every link has its row
    late_flags = board.rows[f"a-{LATE}"][-1][2]
    assert flag_text({"flag": "request-overdue", "act": 3, "due": "2030-01-31"}, lang) in late_flags
    waits_flags = board.rows[f"a-{WAITS}"][-1][2]
    assert flag_text({"flag": "override-waiting", "act": 4}, lang) in waits_flags


def test_each_applicant_cell_carries_its_label_for_a_narrow_screen(acted: Made) -> None:
    board = Board(acted.run("status", "-f", "html", "--as-of", AS_OF, "--lang", "zh").stdout)
    row = board.rows[f"a-{MOVED}"]
    labels = [attrs.get("data-label") for _, attrs, _ in row]
    colon = punct("zh", "punct.colon")  # a card's label as Chinese writes one: "城市："
    assert labels[2:5] == [say("status." + c, "zh") + colon for c in ("city", "stage", "decision")]
    assert row[3][2] == stage_name("due-diligence", "zh")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_text_board_punctuates_as_its_language_writes(acted: Made, lang: str) -> None:
    """The pipeline's and the waiting lists' lines take the language's colon and list
    separator ("长沙：初筛 3、尽调 1"), as its headings do; they used to be English's."""
    text = acted.run("status", "--as-of", AS_OF, "--lang", lang).stdout
    colon, sep = punct(lang, "punct.colon"), punct(lang, "punct.list")
    pipeline = text.split(say("status.pipeline", lang))[1].split(say("status.waiting", lang))[0]
    lines = [line.strip() for line in pipeline.splitlines() if line.strip()]
    assert lines and all(colon in line for line in lines)
    moved = [line for line in lines if stage_name("due-diligence", lang) in line]
    assert moved and all(sep in line for line in moved)  # a city with two stages
    waiting = text.split(say("status.waiting", lang))[1].splitlines()[1:5]
    assert say("waiting.overdue_requests", lang) + colon in text
    if lang == "zh":
        assert not any(": " in line for line in lines + waiting)
        page = acted.run("status", "-f", "html", "--as-of", AS_OF, "--lang", lang).stdout
        assert not any(": " in text or " (" in text for text, _ in Board(page).items)
