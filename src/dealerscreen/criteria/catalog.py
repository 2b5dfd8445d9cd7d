"""The profiles that can be named with --criteria: found by reading each file's header.

Kept apart from `criteria.loading` so that `dealerscreen profiles` reads a few YAML
headers without importing pydantic and the criteria models (most of a run's start-up).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from dealerscreen.i18n.problemtext import say
from dealerscreen.models.problems import Problem, UsageError
from dealerscreen.yamlsource import SourceError, _Constructor, _Loader, parse_yaml
from dealerscreen.yamlsource.sourcefile import read_text

CRITERIA_MAX_BYTES = 5_000_000


def shipped_dir() -> Path:
    """The shipped criteria: package data in an install, criteria/ in a checkout."""
    packaged = Path(str(resources.files("dealerscreen"))) / "profiles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "criteria"


def search_dirs() -> list[Path]:
    extra = [
        Path(p) for p in os.environ.get("DEALERSCREEN_CRITERIA_PATH", "").split(os.pathsep) if p
    ]
    return [*extra, shipped_dir()]


HEADER_KEYS = ("kind", "id", "title", "version")


def _profile_header(path: Path) -> tuple[str, str, str] | None:
    """(id, title, version) of a profile file, or None if it is not one.

    Read from the top-level keys as the YAML events arrive, stopping once all four are
    seen: listing profiles need not build (or validate) every rule of every profile. A
    problem further down is reported when the profile is loaded, with its position.
    """
    try:
        text = read_text(str(path), CRITERIA_MAX_BYTES).text
        found = _top_level_scalars(text, HEADER_KEYS)
    except (SourceError, yaml.YAMLError):
        return None
    if found is None or found.get("kind") != "profile":
        return None
    return (
        str(found.get("id", path.stem)),
        str(found.get("title", "")),
        str(found.get("version", "")),
    )


def _top_level_scalars(text: str, keys: tuple[str, ...]) -> dict[str, Any] | None:
    """The scalar values of some top-level keys of a mapping document (None: not a
    mapping), constructed as a full load would construct them."""
    loader = _Loader(text)
    try:
        found: dict[str, Any] = {}
        depth = 0
        key: str | None = None  # at depth 1: the key whose value comes next, if any
        expecting_key = True
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return None
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                if depth == 0:
                    break
                if depth == 1:  # a value that was a list or mapping: a key comes next
                    expecting_key = True
            elif depth == 1 and isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if expecting_key:
                    key = event.value if isinstance(event, yaml.ScalarEvent) else None
                    expecting_key = False
                    continue
                if isinstance(event, yaml.ScalarEvent) and key in keys and key not in found:
                    tag = event.tag  # written (!!int, !!python/...) or else resolved
                    if tag is None or tag == "!":
                        tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                    node = yaml.ScalarNode(tag, event.value, style=event.style)
                    found[key] = _Constructor().construct_object(node)
                    if len(found) == len(keys):
                        break
                expecting_key = True
        return found
    finally:
        loader.dispose()


@dataclass(frozen=True)
class ProfileInfo:
    id: str
    title: str
    version: str
    path: str


def list_profiles(dirs: list[Path] | None = None) -> list[ProfileInfo]:
    seen: dict[str, ProfileInfo] = {}
    for folder in dirs if dirs is not None else search_dirs():
        for path in sorted(folder.glob("*.yaml")):
            header = _profile_header(path)
            if header and header[0] not in seen:
                seen[header[0]] = ProfileInfo(*header, str(path))
    return sorted(seen.values(), key=lambda p: p.id)


def title_in(info: ProfileInfo, lang: str) -> str:
    """The profile's title in `lang` (its `translations`), else as written. Read in full
    only for a language other than English: the listing reads headers only."""
    if lang == "en":
        return info.title
    try:
        data = parse_yaml(read_text(info.path, CRITERIA_MAX_BYTES).text, info.path).data
    except SourceError:
        return info.title
    found = data.get("translations", {}).get(lang, {}) if isinstance(data, dict) else {}
    title = found.get("title") if isinstance(found, dict) else None
    return title if isinstance(title, str) and title else info.title


def find_profile(ref: str) -> str:
    """A path as given, or the file of a profile id.

    Raises UsageError (exit 2) when the path does not exist or no profile has the id: the
    command line, or a case file, names something that is not there.
    """
    if os.path.exists(ref):
        return ref
    if ref.endswith((".yaml", ".yml")) or os.sep in ref or "/" in ref:
        raise UsageError(
            [Problem(ref, None, None, "error", say("criteria.no-criteria-file"), None, "not-found")]
        )
    for info in list_profiles():
        if info.id == ref:
            return info.path
    known = ", ".join(p.id for p in list_profiles()) or "none"
    raise UsageError(
        [
            Problem(
                ref,
                None,
                None,
                "error",
                say("criteria.unknown", ref=ref, known=known),
                None,
                "unknown-profile",
            )
        ]
    )
