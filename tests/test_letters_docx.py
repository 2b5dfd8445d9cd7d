"""Word letters as they print (#24). Looked at through LibreOffice: a Chinese letter fell
back on a sans face for want of SimSun, its title was the template's blue heading, its
English group name broke mid-word, and a one-page letter sent its contact and seal alone
onto a second page."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult

Cli = Callable[..., CliResult]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RUNNER_UP = "XM24-SUZ-002"  # the longest of the samples' letters: four reasons and documents
REQUEST = "XM24-CSX-003"


def write_docx(lang: str, folder: Path) -> None:
    """The samples' Word letters in `lang`, with the team's checks and the letters settings,
    as `cli` runs a command (its folder, terminal and run time): by the module's fixture
    and again by the test that they are the same bytes each time."""
    from typer.testing import CliRunner

    from dealerscreen.cli.app import app
    from tests.conftest import CHECKS, ROOT, SOURCE_DATE_EPOCH

    args = ["letters", "samples/applicants", "-o", str(folder), "-f", "docx", "--lang", lang]
    args += [*CHECKS, "--settings", "samples/letters-settings.yaml"]
    with pytest.MonkeyPatch.context() as env:
        env.chdir(ROOT)
        env.setenv("COLUMNS", "120")
        env.setenv("NO_COLOR", "1")
        env.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def docx_letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for lang in ("en", "zh"):
        out[lang] = tmp_path_factory.mktemp(f"docx-{lang}")
        write_docx(lang, out[lang])
    return out


def fonts(style: object) -> dict[str, str]:
    r_fonts = style.element.rPr.find(f"{W}rFonts")  # type: ignore[attr-defined]
    return {k.removeprefix(W): v for k, v in r_fonts.attrib.items()}


def test_a_chinese_letter_names_its_chinese_fonts(docx_letters: dict[str, Path]) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document(str(docx_letters["zh"] / f"{RUNNER_UP}.docx"))
    body, title = fonts(doc.styles["Normal"]), fonts(doc.styles["Heading 1"])
    assert body["eastAsia"] == "SimSun" and body["ascii"] == "Times New Roman"
    assert title["eastAsia"] == "SimHei" and "eastAsiaTheme" not in title  # the theme would win
    lang = doc.styles.element.find(f"{W}docDefaults").find(f".//{W}lang")
    assert (lang.get(f"{W}val"), lang.get(f"{W}eastAsia")) == ("en-US", "zh-CN")
    assert str(doc.styles["Heading 1"].font.color.rgb) == "000000"
    assert doc.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    regards = next(p for p in doc.paragraphs if p.text.startswith("此致"))
    assert regards.paragraph_format.first_line_indent is not None  # 此致 two characters in


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_signature_is_kept_together(docx_letters: dict[str, Path], lang: str) -> None:
    from docx import Document

    doc = Document(str(docx_letters[lang] / f"{RUNNER_UP}.docx"))
    paragraphs = doc.paragraphs
    seal = next(i for i, p in enumerate(paragraphs) if "(Seal)" in p.text or "（盖章）" in p.text)
    sender, regards = paragraphs[seal].paragraph_format, paragraphs[seal - 1].paragraph_format
    assert sender.keep_together and regards.keep_with_next
    assert sender.keep_with_next == (lang == "zh")  # the Chinese date follows it
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    right = WD_ALIGN_PARAGRAPH.RIGHT
    assert (paragraphs[seal].alignment == right) == (lang == "zh")  # 落款 on the right
    bullets = [p for p in paragraphs if p.style is not None and p.style.name == "List Bullet"]
    reasons = bullets[:4]  # each reason kept with its basis below it
    assert reasons and all(p.paragraph_format.keep_with_next for p in reasons)


def test_docx_letters_open_again(docx_letters: dict[str, Path], tmp_path: Path) -> None:
    from docx import Document

    out = docx_letters["zh"]
    assert len(list(out.glob("*.docx"))) == 53
    doc = Document(str(out / f"{REQUEST}.docx"))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0].endswith("的补件通知")
    assert "尊敬的长沙雨花九州汽车销售服务有限公司：" in paragraphs
    assert any(p.startswith("整车转售（对应准入要求") for p in paragraphs)
    assert "此致\n敬礼！" in paragraphs and paragraphs[-1] == "北京，2024年1月2日"
    again = tmp_path / "again"
    write_docx("zh", again)
    first = (out / f"{REQUEST}.docx").read_bytes()
    assert first == (again / f"{REQUEST}.docx").read_bytes()  # reproducible bytes


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


PRINTED = [("en", RUNNER_UP), ("zh", RUNNER_UP), ("zh", REQUEST)]


@pytest.fixture(scope="module")
def printed(docx_letters: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The letters of PRINTED as LibreOffice prints them, `<lang>-<id>.pdf`: one start of
    LibreOffice (and of its new user profile, most of its time) converts them all."""
    folder = tmp_path_factory.mktemp("printed")
    sources = []
    for lang, applicant_id in PRINTED:
        source = folder / f"{lang}-{applicant_id}.docx"
        shutil.copyfile(docx_letters[lang] / f"{applicant_id}.docx", source)
        sources.append(str(source))
    profile = f"file://{folder / 'profile'}"
    command = [str(_office()), f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(folder), *sources]
    subprocess.run(command, capture_output=True, timeout=180, check=False)
    return folder


@pytest.mark.skipif(_office() is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize(("lang", "applicant_id"), PRINTED)
def test_a_letter_prints_on_one_page(printed: Path, lang: str, applicant_id: str) -> None:
    """As LibreOffice lays it out (the English runner-up's contact and seal went over)."""
    pdf = printed / f"{lang}-{applicant_id}.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice could not convert a Word document here (no Writer?)")
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    assert len(pages) == 1
