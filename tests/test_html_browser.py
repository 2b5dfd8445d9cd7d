"""The html report in a real browser (headless Chromium): everything shows, nothing
overflows, the tables sort and filter, and a PDF print holds every explanation.

Skipped when Chromium is not installed (CI installs it where it can: .ci/run). The test
renders copies of the report, each in a frame of the width looked at (one browser start
for all), with a probe script appended that measures the laid-out page,
clicks column headings and types into the filter box (after the page's own script has
run: both are inline, in order) and writes its findings into the DOM, which `--dump-dom`
then returns. At 400 px (a phone) nothing may widen the page; printing (the `beforeprint`
event a print or a PDF export sends) must open every explanation; `--print-to-pdf` and
`--screenshot` make the files a person looks at (DEALERSCREEN_SHOTS=DIR keeps them).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dealerscreen.words.labels import Messages
from tests.conftest import CliResult
from tests.pdftext import pdf_text

Cli = Callable[..., CliResult]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")

PROBE = """
<script>
(() => {
  const closedBefore = document.querySelectorAll("details:not([open])").length;
  window.dispatchEvent(new Event("beforeprint"));  // what printing or saving a PDF sends
  const closedInPrint = document.querySelectorAll("details:not([open])").length;
  window.dispatchEvent(new Event("afterprint"));
  const vw = document.documentElement.clientWidth;
  const over = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) over.push(el.tagName + "#" + (el.id || el.className));
  }
  const table = document.getElementById("ranked-table");
  const heads = Array.from(table.tHead.rows[0].cells);
  const column = (i) => Array.from(table.tBodies[0].rows, (r) => r.cells[i].textContent.trim());
  const visible = () => Array.from(table.tBodies[0].rows).filter((r) => !r.hidden)
    .map((r) => r.cells[1].textContent.trim());
  // what a reader sees of each row (innerText leaves out the cells a narrow page hides)
  const rowsSeen = Array.from(table.tBodies[0].rows, (r) => r.innerText);
  const buttons = heads.map((h) => [h.querySelector("button")?.type, h.getAttribute("aria-sort")]);
  const sorts = {};
  for (const [name, i] of [["total", 6], ["applicant", 2], ["rank", 0]]) {
    const button = heads[i].querySelector("button");
    button.click();
    const up = [heads[i].getAttribute("aria-sort"), column(i)];
    button.click();
    sorts[name] = {up: up, down: [heads[i].getAttribute("aria-sort"), column(i)]};
  }
  const box = document.getElementById("filters");
  const input = box.querySelector("input");
  const select = (name, value) => {
    const s = box.querySelector(`select[name=${name}]`);
    s.value = value;
    s.dispatchEvent(new Event("change"));
  };
  const filters = {boxShown: !box.hidden};
  input.value = "sUz";  // XM24-SUZ-…, and Suzhou in English names and cities
  input.dispatchEvent(new Event("input"));
  filters.text = visible();
  filters.shown = document.getElementById("shown").textContent;
  input.value = "";
  input.dispatchEvent(new Event("input"));
  select("city", "nanjing");
  filters.city = visible();
  select("status", "runner-up");
  filters.cityAndStatus = visible();
  select("city", "");
  select("status", "out");
  filters.status = visible();
  select("status", "");
  filters.all = visible().length;
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    closedBefore: closedBefore,
    closedInPrint: closedInPrint,
    overflowing: over.slice(0, 20),
    text: document.body.innerText,
    buttons: buttons,
    rowsSeen: rowsSeen,
    sorts: sorts,
    filters: filters,
  });
  document.body.appendChild(out);
})();
</script>
"""

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER
    done = subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done


# Each page of `render` sends what it has to tell (the value of a script expression at
# its end) to the page around it, into the element of its number: a frame made from the
# page's own text is of that page's origin.
SEND = """<script>
parent.document.getElementById("seen-%d").textContent = %s;
</script>"""
PROBED = 'document.getElementById("probe").textContent'  # what PROBE found, as JSON
DOM = "document.documentElement.outerHTML"  # the page as `--dump-dom` returns a page


def render(pages: list[tuple[str, int, str]]) -> list[str]:
    """What each (page, width, expression) tells: one browser start lays them all out
    (a start took about as long as the layout of five pages), each in a frame of its
    width, all in view one over the other, and what they tell is in the page
    `--dump-dom` returns. A frame is as narrow as asked: a window is at least 500 px
    wide, so in a window of its own the "400 px" page was laid out at 500."""
    frames = "".join(f'<pre id="seen-{i}"></pre>' for i in range(len(pages)))
    for i, (page, width, told) in enumerate(pages):
        framed = html.escape(page.replace("</body>", SEND % (i, told) + "</body>"))
        style = f"position:absolute;left:0;top:0;border:0;width:{width}px;height:900px"
        frames += f'<iframe srcdoc="{framed}" style="{style}"></iframe>'
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.html"
        path.write_text(f"<!DOCTYPE html><html><body>{frames}</body></html>", encoding="utf-8")
        done = chromium(Path(tmp), "--window-size=1280,900", "--dump-dom", path.as_uri())
    found = []
    for i in range(len(pages)):
        start = done.stdout.index(f'<pre id="seen-{i}">') + len(f'<pre id="seen-{i}">')
        found.append(html.unescape(done.stdout[start : done.stdout.index("</pre>", start)]))
    return found


# The samples' reports, and what the browser saw of them, made once per module: the tests
# read the same pages (strings, so no test can change another's), and a browser start
# and a screening of every sample are most of each test's time.
_REPORTS: dict[tuple[str | None, str], str] = {}
_SEEN: dict[tuple[str, int] | str, str] = {}
# Every (language, width) a test below looks at, laid out by one browser start.
SIZES = [("en", 1280), ("zh", 1280), ("en", 800), ("en", 400), ("zh", 400)]


def samples_report(cli: Cli, fmt: str, lang: str | None = None) -> str:
    """The samples screened as `fmt`, in `lang` (or the locale's language when None)."""
    if (lang, fmt) not in _REPORTS:
        args = ["screen", "samples/applicants", "-f", fmt, *(["--lang", lang] if lang else [])]
        out = cli(*args)
        assert out.exit_code == 0, out
        _REPORTS[lang, fmt] = out.stdout
    return _REPORTS[lang, fmt]


def without_script(page: str) -> str:
    """Scripts off: the page without its script (Chromium's own switch for it also stops
    --dump-dom, and a frame's page telling what it holds, which read the page by a script)."""
    start = page.index("<script>")
    return page[:start] + page[page.index("</script>", start) + 9 :]


def browsed(cli: Cli) -> dict[tuple[str, int] | str, str]:
    """What the browser saw: the probe's findings on the html report at each of SIZES, and
    under "scripts off" the page without its script as laid out."""
    if not _SEEN:
        pages = []
        for lang, width in SIZES:
            page = samples_report(cli, "html", lang)
            pages.append((page.replace("</body>", PROBE + "</body>"), width, PROBED))
        pages.append((without_script(samples_report(cli, "html")), 1280, DOM))
        _SEEN.update(zip([*SIZES, "scripts off"], render(pages), strict=True))
    return _SEEN


def seen_in_browser(cli: Cli, lang: str, width: int) -> dict[str, Any]:
    """The probe's findings on the html report in `lang` at `width` px (a fresh copy)."""
    return json.loads(browsed(cli)[lang, width])  # type: ignore[no-any-return]


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
@pytest.mark.parametrize(("lang", "width"), SIZES)
def test_html_report_renders_complete_without_overflow(cli: Cli, lang: str, width: int) -> None:
    data = json.loads(samples_report(cli, "json", lang))
    seen = seen_in_browser(cli, lang, width)
    assert seen["viewport"] == width  # laid out as wide as asked, not wider
    assert seen["scrollWidth"] == seen["viewport"], seen["overflowing"]
    assert seen["overflowing"] == []
    assert seen["closedBefore"] == len(data["results"])  # the full breakdowns start closed
    assert seen["closedInPrint"] == 0  # and all open to print
    text = str(seen["text"])
    for r in data["results"]:
        assert r["applicant_id"] in text
        assert r["city"]["name_zh" if lang == "zh" and r["city"]["name_zh"] else "name"] in text
    for city in data["cities"]:
        assert city["name"] in text


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_400_px_each_row_says_its_status_in_words(cli: Cli, lang: str) -> None:
    """Shortlisted rows had only a pale green background: on a phone (and in a black and
    white print) a runner-up and a shortlisted applicant looked the same (#24)."""
    data = json.loads(samples_report(cli, "json", lang))
    msgs = Messages(lang)
    seen = seen_in_browser(cli, lang, 400)  # the page, as the overflow test's browser saw it
    rows = {text.split()[1]: text for text in seen["rowsSeen"]}  # by id, after the rank
    words = {"shortlisted": msgs("shortlisted"), "runner-up": msgs("runner_up")}
    for r in data["results"]:
        status = (
            "out" if not r["eligible"] else ("shortlisted" if r["shortlisted"] else "runner-up")
        )
        said = words.get(status) or msgs("html.status_out")
        others = [w for w in (*words.values(), msgs("html.status_out")) if w != said]
        seen_row = rows[r["applicant_id"]]
        assert said in seen_row, seen_row
        assert not any(w in seen_row for w in others if w not in said), seen_row


def _numbers(cells: list[str]) -> list[float]:
    """Cells as numbers; a total cell reads '93.75+10' (criteria points, then bonus)."""
    return [sum(float(p) for p in c.split("+")) for c in cells if c not in ("-", "")]


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
@pytest.mark.parametrize(("lang", "width"), [("en", 1280), ("zh", 400)])
def test_tables_sort_and_filter_in_the_browser(cli: Cli, lang: str, width: int) -> None:
    results = json.loads(samples_report(cli, "json", lang))["results"]
    seen = seen_in_browser(cli, lang, width)
    # every heading is a button (keyboard: Tab to it, Enter or Space), none sorted yet
    assert all(b == ["button", "none"] for b in seen["buttons"]), seen["buttons"]
    total = seen["sorts"]["total"]
    assert total["up"][0] == "ascending" and total["down"][0] == "descending"
    assert _numbers(total["up"][1]) == sorted(float(r["total"]) for r in results)  # as numbers
    assert _numbers(total["down"][1]) == sorted((float(r["total"]) for r in results), reverse=True)
    rank = seen["sorts"]["rank"]
    ineligible = sum(not r["eligible"] for r in results)
    assert rank["up"][1][-ineligible:] == ["-"] * ineligible  # no rank: last either way
    assert rank["down"][1][-ineligible:] == ["-"] * ineligible
    assert _numbers(rank["down"][1]) == sorted(_numbers(rank["down"][1]), reverse=True)
    names = seen["sorts"]["applicant"]
    assert sorted(names["up"][1]) == sorted(names["down"][1]) and names["up"][1] != names["down"][1]
    assert names["up"][1][0] == names["down"][1][-1]

    f = seen["filters"]
    assert f["boxShown"] and f["all"] == len(results)
    in_suzhou = [r["applicant_id"] for r in results if "-SUZ-" in r["applicant_id"]]
    assert sorted(f["text"]) == sorted(in_suzhou) and in_suzhou  # case-insensitive text
    assert str(len(in_suzhou)) in f["shown"] and str(len(results)) in f["shown"]
    nanjing = [r for r in results if r["city"]["id"] == "nanjing"]
    assert sorted(f["city"]) == sorted(r["applicant_id"] for r in nanjing)
    assert sorted(f["cityAndStatus"]) == sorted(
        r["applicant_id"] for r in nanjing if r["eligible"] and not r["shortlisted"]
    )
    assert sorted(f["status"]) == sorted(r["applicant_id"] for r in results if not r["eligible"])


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(head[16:20]), int.from_bytes(head[20:24])


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
def test_screenshots_and_a_pdf_print_hold_every_explanation(cli: Cli, tmp_path: Path) -> None:
    """The files a person looks at: the page at 1280 and 400 px, and its PDF print, which
    must hold every applicant's full breakdown (closed <details> on screen)."""
    keep = os.environ.get("DEALERSCREEN_SHOTS")
    where = Path(keep) if keep else tmp_path
    where.mkdir(parents=True, exist_ok=True)
    page = samples_report(cli, "html")
    data = json.loads(samples_report(cli, "json"))
    report = where / "report.html"
    report.write_text(page, encoding="utf-8")
    pdf = where / "report.pdf"
    for width in (1280, 400):
        shot = where / f"report-{width}.png"
        # the PDF by the first start too: a print is laid out on its paper, whatever the window
        also = ["--no-pdf-header-footer", f"--print-to-pdf={pdf}"] if width == 1280 else []
        window = f"--window-size={width},2400"
        chromium(tmp_path, window, f"--screenshot={shot}", *also, report.as_uri())
        assert _png_size(shot) == (width, 2400)
    text = _letters(pdf_text(pdf.read_bytes()))
    for r in data["results"]:
        # the source path is said only inside the full breakdown, and so are the gates
        assert r["source"] in text, r["applicant_id"]
        passed = [g for g in r["gates"] if g["passed"]]
        if passed:
            assert _letters(passed[0]["detail"]) in text


def _letters(text: str) -> str:
    """Without spaces (lines break anywhere), and ASCII only: a machine without a Chinese
    font prints no glyph for 长沙, so its text is not there to read back."""
    return "".join(c for c in text if c.isascii() and not c.isspace())


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
def test_with_scripts_off_the_table_is_complete_and_the_controls_stay_hidden(cli: Cli) -> None:
    data = json.loads(samples_report(cli, "json"))
    dom = browsed(cli)["scripts off"]
    table = dom[
        dom.index('id="ranked-table"') : dom.index("</table>", dom.index('id="ranked-table"'))
    ]
    assert table.count("<tr data-city=") + table.count("<tr class=") == len(data["results"])
    for r in data["results"]:
        assert f">{r['applicant_id']}<" in table
    assert 'class="sort"' not in dom  # no buttons that would do nothing
    assert re.search(r'<div class="filters" id="filters" [^>]*hidden', dom)
