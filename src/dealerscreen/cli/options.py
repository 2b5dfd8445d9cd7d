"""The options and arguments the commands share, as typer types, and their defaults."""

from __future__ import annotations

from typing import Annotated

import typer

from dealerscreen.cli.language import choose_language
from dealerscreen.i18n import langs

PathsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH...", help="Applicant files or folders (searched recursively), or -."
    ),
]
OutputOpt = Annotated[
    str | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write the output to this file (atomically)."
    ),
]
CriteriaOpt = Annotated[
    str,
    typer.Option(
        "--criteria",
        "-c",
        metavar="ID|FILE",
        help="Criteria: a profile file, or the id of a shipped profile.",
    ),
]
DEFAULT_CRITERIA = "xiaomi-2s-2024"

LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        metavar="LANG",
        callback=choose_language,
        autocompletion=lambda: list(langs.SPOKEN),
        show_default=False,
        help="Language: en (English) or zh (中文), also en-US, zh-CN, zh_CN, zh-Hans; "
        "default from LC_ALL, LC_MESSAGES or LANG.",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Time the report states (ISO date or date-time, UTC); default SOURCE_DATE_EPOCH, else now.",
    ),
]
DEFAULT_MAX_SIZE = "1M"
MaxSizeOpt = Annotated[
    str,
    typer.Option(
        "--max-file-size",
        metavar="SIZE",
        help="Refuse applicant files (and JSON Lines lines) larger than this, before "
        "parsing (e.g. 500k, 2M).",
    ),
]
DEFAULT_MAX_BATCH_SIZE = "500M"
MaxBatchSizeOpt = Annotated[
    str,
    typer.Option(
        "--max-batch-size",
        metavar="SIZE",
        help="Refuse JSON Lines, CSV and XLSX files larger than this, and XLSX files that "
        "unpack to more (e.g. 200M, 2G).",
    ),
]

# How applicants are read: the same options, and the same intake, for every command that
# reads them (screen, explain, sensitivity, diff).
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Worker processes (default: all cores for large batches).",
    ),
]
MappingOpt = Annotated[
    str | None,
    typer.Option(
        "--mapping", metavar="FILE", help="Column mapping (YAML) for CSV and XLSX exports."
    ),
]
CacheDirOpt = Annotated[
    str | None,
    typer.Option(
        "--cache-dir",
        metavar="DIR",
        help="Parse cache folder (default: DEALERSCREEN_CACHE_DIR, else ~/.cache/dealerscreen).",
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Parse every file; neither read nor write the cache.")
]
VerificationsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--verifications",
        metavar="FILE",
        help="The screening team's checks of documents (YAML, kept by the team): only these "
        "make a document verified, never an application. Repeatable.",
    ),
]
QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet", "-q", help="Leave warnings out of stderr (they are still counted); errors stay."
    ),
]
