"""The html report in a real browser (headless Chromium): everything shows, nothing overflows.

Skipped when Chromium is not installed (CI may not have it). The test renders a copy of
the report with a probe script appended that measures the laid-out page and writes its
findings into the DOM, which `--dump-dom` then returns. At 400 px (a phone) nothing may
widen the page; printing (the `beforeprint` event a print or a PDF export sends) must open
every explanation.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

Cli = Callable[..., CliResult]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")

PROBE = """
<script>
(() => {
  const closedBefore = document.querySelectorAll("details:not([open])").length;
  window.dispatchEvent(new Event("beforeprint"));  // what printing or saving a PDF sends
  const closedInPrint = document.querySelectorAll("details:not([open])").length;
  const vw = document.documentElement.clientWidth;
  const over = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) over.push(el.tagName + "#" + (el.id || el.className));
  }
  const out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    viewport: vw,
    scrollWidth: document.documentElement.scrollWidth,
    closedBefore: closedBefore,
    closedInPrint: closedInPrint,
    overflowing: over.slice(0, 20),
    text: document.body.innerText,
  });
  document.body.appendChild(out);
})();
</script>
"""


def render(page: str, width: int) -> dict[str, object]:
    assert BROWSER
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
        profile = Path(tmp) / "profile"
        done = subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                f"--user-data-dir={profile}",
                f"--window-size={width},900",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    start = done.stdout.index('<pre id="probe">') + len('<pre id="probe">')
    raw = done.stdout[start : done.stdout.index("</pre>", start)]
    result: dict[str, object] = json.loads(html.unescape(raw))
    return result


@pytest.mark.skipif(BROWSER is None, reason="Chromium is not installed")
@pytest.mark.parametrize(
    ("lang", "width"), [("en", 1280), ("zh", 1280), ("en", 800), ("en", 400), ("zh", 400)]
)
def test_html_report_renders_complete_without_overflow(cli: Cli, lang: str, width: int) -> None:
    page = cli("screen", "samples/applicants", "-f", "html", "--lang", lang).stdout
    data = json.loads(cli("screen", "samples/applicants", "-f", "json", "--lang", lang).stdout)
    seen = render(page, width)
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
