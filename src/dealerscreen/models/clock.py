"""The time a report says it was made: fixed by --as-of or SOURCE_DATE_EPOCH for reproducibility.

SOURCE_DATE_EPOCH is the reproducible-builds convention (seconds since 1970, UTC); --as-of
takes an ISO date or date-time and wins over it. Without either, the clock is read, and
reports differ from run to run only in that field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime


class ClockError(ValueError):
    """A time that cannot be read: a usage error."""


def run_time(as_of: str | None, environ: Mapping[str, str], now: datetime | None = None) -> str:
    """ISO-8601 UTC time of the run, to the second ('2024-01-02T00:00:00Z')."""
    if as_of:
        try:
            when = datetime.fromisoformat(as_of.replace("Z", "+00:00"))
        except ValueError:
            raise ClockError(
                f"'{as_of}' is not an ISO date or date-time (e.g. 2024-01-02 or 2024-01-02T09:30:00Z)"
            ) from None
        when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    elif environ.get("SOURCE_DATE_EPOCH"):
        raw = environ["SOURCE_DATE_EPOCH"]
        try:
            when = datetime.fromtimestamp(int(raw), UTC)
        except (ValueError, OverflowError, OSError):
            raise ClockError(
                f"SOURCE_DATE_EPOCH='{raw}' is not a whole number of seconds"
            ) from None
    else:
        when = now or datetime.now(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def combined_digest(files: Mapping[str, str | None]) -> str:
    """One sha256 over 'sha256  path' lines in path order: a short fingerprint of a file set."""
    lines = "".join(digest_line(path, sha) for path, sha in sorted(files.items()))
    return hashlib.sha256(lines.encode("utf-8", "surrogateescape")).hexdigest()


def digest_line(path: str, sha: str | None) -> str:
    return f"{sha or '-'}  {path}\n"
