"""programme.yaml: what a programme is (its criteria, title, stages and their moves, who
approves overrides, which criteria reviewers score), and where its folder is.

    schema_version: 1
    title: Xiaomi 2S partners, first phase
    criteria: xiaomi-2s-2024          # a shipped profile id, or a file relative to the folder
    # database: postgresql://team@db.example/dealers   (default: record.sqlite in the folder)

A programme is found as git finds its repository: `-p DIR`, else the nearest folder at or
above the current one that holds programme.yaml.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from dealerscreen.i18n.programmetext import EN as SAID
from dealerscreen.models.numbers import NO_BOOL
from dealerscreen.models.problems import FatalError
from dealerscreen.yamlsource import SourceError, parse_yaml, validation_problems
from dealerscreen.yamlsource.sourcefile import read_text

FILE_NAME = "programme.yaml"
MAX_BYTES = 1_000_000

# 初筛 -> 补件 -> 尽调 -> 实地考察 -> 意向书 -> 签约, with rejected and withdrawn as ends.
DEFAULT_STAGES: dict[str, list[str]] = {
    "screen": ["information-requested", "due-diligence", "rejected", "withdrawn"],
    "information-requested": ["screen", "due-diligence", "rejected", "withdrawn"],
    "due-diligence": ["site-visit", "letter-of-intent", "rejected", "withdrawn"],
    "site-visit": ["letter-of-intent", "rejected", "withdrawn"],
    "letter-of-intent": ["contract", "rejected", "withdrawn"],
    "contract": [],
    "rejected": [],
    "withdrawn": [],
}


class Reviews(BaseModel):
    """Criteria scored by people (a site visit, an interview), not from the application."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    criteria: list[str] = Field(
        default_factory=lambda: ["site_visit", "interview"],
        description="The criteria reviewers score with `dealerscreen review`.",
    )
    low: float = Field(0, description="The lowest score a reviewer may give.")
    high: float = Field(10, description="The highest score a reviewer may give.")
    max_spread: float = Field(
        3, ge=0, description="Reviewers' scores of one criterion further apart are flagged."
    )


class ProgrammeConfig(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Annotated[Literal[1], NO_BOOL] = Field(description="Format version; 1.")
    title: str = Field(min_length=1, description="The programme's name, as reports show it.")
    criteria: str = Field(
        min_length=1, description="A shipped profile id, or a profile file (relative here)."
    )
    database: str | None = Field(
        None, description="A PostgreSQL URL to share the record; default SQLite in the folder."
    )
    stages: dict[str, list[str]] = Field(
        default_factory=lambda: dict(DEFAULT_STAGES),
        description="Each stage and the stages it may move to; the first is where every "
        "applicant starts.",
    )
    override_approval: bool = Field(
        True, description="An override takes effect only once a second person approves it."
    )
    reviews: Reviews = Field(default_factory=Reviews)
    round: int = Field(1, ge=1, description="Which round of the recruitment this is.")
    previous: str | None = Field(
        None, description="The round before's folder (relative here), for a next round."
    )

    @model_validator(mode="after")
    def _moves_known(self) -> ProgrammeConfig:
        if not self.stages:
            raise PydanticCustomError("no_stages", SAID["no-stages"])
        for stage, moves in self.stages.items():
            unknown = [m for m in moves if m not in self.stages]
            if unknown:
                values = {"stage": stage, "unknown": str(unknown)}
                raise PydanticCustomError("unknown_stages", SAID["unknown-stages"], values)
        return self

    @property
    def first_stage(self) -> str:
        return next(iter(self.stages))


def find(start: str | None) -> Path | None:
    """The programme folder: `start` when given (None if it holds no programme.yaml), else
    the nearest folder at or above the current one holding programme.yaml."""
    if start is not None:
        return Path(start) if (Path(start) / FILE_NAME).is_file() else None
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / FILE_NAME).is_file():
            return folder
    return None


def load(folder: Path) -> ProgrammeConfig:
    """Raises FatalError with located problems when programme.yaml is not valid."""
    path = str(folder / FILE_NAME)
    try:
        doc = parse_yaml(read_text(path, MAX_BYTES).text, path)
    except SourceError as exc:
        raise FatalError([exc.problem]) from None
    try:
        return ProgrammeConfig.model_validate(doc.data)
    except ValidationError as exc:
        raise FatalError(validation_problems(doc, exc, ProgrammeConfig)) from None


def criteria_path(folder: Path, config: ProgrammeConfig) -> str:
    """The criteria as --criteria takes them: an id as it is, a file relative to the folder."""
    looks_like_file = config.criteria.endswith((".yaml", ".yml")) or os.sep in config.criteria
    return str(folder / config.criteria) if looks_like_file else config.criteria


def write_new(
    folder: Path, title: str, criteria: str, after: dict[str, object] | None = None
) -> Path:
    """A new programme.yaml with the default stages spelled out, for the team to edit;
    `after`: a next round's `round` and `previous`."""
    import yaml

    data = {"schema_version": 1, "title": title, "criteria": criteria, **(after or {})}
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    stages = yaml.safe_dump({"stages": DEFAULT_STAGES}, allow_unicode=True, sort_keys=False)
    text = (
        "# The programme: its criteria, stages and how overrides are approved.\n"
        + body
        + "# database: postgresql://USER@HOST/DB   (default: record.sqlite in this folder)\n"
        + "override_approval: true   # an override needs a second person's `approve`\n"
        + "reviews: {criteria: [site_visit, interview], low: 0, high: 10, max_spread: 3}\n"
        + "# Each stage and where it may move to; applicants start in the first.\n"
        + stages
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    path.write_text(text, encoding="utf-8")
    return path
