"""The report stage's fourth-pass shortcuts (issue 22) give what the long way gives.

- `safetext.markdown` returns a text that holds nothing it would change as it is, without
  its steps: for any text, what every step gives (`markdown_escaped`).
- `explain.points` remembers each value of points shown: what `show` says of it.
- The html explanations make the words every article repeats once per language: a page
  in English after one in Chinese (and the other way) is the page made first.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from dealerscreen.batch.screenrun import ScreenRun
from dealerscreen.models.fields import show
from dealerscreen.reporters import html_applicant
from dealerscreen.reporters.html_report import HtmlReporter
from dealerscreen.reporters.interface import View
from dealerscreen.words.explain import points
from dealerscreen.words.safetext import markdown, markdown_escaped

TOKENS = ["ab", "1", "&", "#", "@", "<", ">", "|", "[", "]", "`", "\\", ";", "&amp;",
          "\t", "\n", "\u3000", "\xa0", "\u2028", "\x1b", " ", "  ", "苏"]  # fmt: skip
SIGNS = st.lists(st.sampled_from(TOKENS), max_size=6).map("".join)
WORD = st.sampled_from(["", "ab", "1", "苏州", "x y"])
ONE_SIGN = st.tuples(WORD, st.sampled_from(TOKENS), WORD).map("".join)  # "ab#1"


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(max_size=30), SIGNS, ONE_SIGN))
@example("plain words")
@example(" lead")
@example("trail ")
@example("two  spaces")
@example("a\u3000b")
@example("&amp; #1 @x")
def test_markdown_without_its_steps_is_markdown_with_them(text: str) -> None:
    assert markdown(text) == markdown_escaped(text)


def _page(run: ScreenRun, lang: str) -> str:
    view = View(run.data(), run.results, lang=lang, generated_at="2024-01-02T00:00:00Z")
    return HtmlReporter().render(view)


def test_html_words_are_each_languages_own(samples_run: ScreenRun) -> None:
    html_applicant._WORDS.clear()
    english = _page(samples_run, "en")
    chinese = _page(samples_run, "zh")
    assert _page(samples_run, "en") == english
    html_applicant._WORDS.clear()
    assert _page(samples_run, "zh") == chinese
    assert chinese != english


@given(st.lists(st.decimals(allow_nan=False, allow_infinity=False), max_size=8))
@example([Decimal("1.50"), Decimal("1.5"), Decimal("-0"), Decimal("0"), Decimal("1E+2")])
def test_points_remembered_are_points_shown(values: list[Decimal]) -> None:
    """Equal points in another form (1.50, 1.5) read back what `show` says of each."""
    for value in values:
        assert points(value) == show(value)
