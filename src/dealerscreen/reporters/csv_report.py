"""`--format csv`: one flat row per applicant, safe to open in a spreadsheet.

Columns: rank, ids and names, city, eligibility, tier, points (total, score, bonus), city
rank and shortlist, one column per criterion's points (its id), the failed gates' ids, the
one-line reason, the source file and its sha256, and the manifest (tool version, profile,
criteria fingerprint, run time) repeated on every row so each row stands on its own; then
the scale the score is out of, the review flags and the key that separated the applicant
from the one across its city's quota line (#12).

A cell that starts with = + - @ (or a tab or carriage return) is prefixed with an
apostrophe: a spreadsheet would otherwise run it as a formula (CSV injection). A cell that
holds a comma, a quote, a line feed or a carriage return is quoted (RFC 4180). Python's
`csv` writer quotes only the characters of its own line ending, so with `\n` lines a bare
carriage return went out unquoted, and a spreadsheet started a new row there whose first
cell was never neutralised.

`--bom` starts the file with a UTF-8 byte-order mark: Excel (on a Chinese Windows above
all) reads a CSV without one in the system's code page, and Chinese names become mojibake.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from dealerscreen.decide.explaining import points_by_criterion
from dealerscreen.models.clock import combined_digest
from dealerscreen.reporters.interface import Reporter, View
from dealerscreen.words.explain import one_line, points
from dealerscreen.words.telling import review_codes

BLOCK = 1 << 16  # characters of rows written at a time

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED = frozenset(',"\r\n')
BOM = "\ufeff"


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(DANGEROUS) else value


def cell(value: str) -> str:
    """One cell as written: neutralised, then quoted if anything in it could end it."""
    value = neutralise(value)
    if _QUOTED.isdisjoint(value):
        return value
    return '"' + value.replace('"', '""') + '"'


def csv_line(cells: list[str]) -> str:
    return ",".join(cell(c) for c in cells) + "\n"


class CsvReporter(Reporter):
    def render(self, view: View) -> str:
        return "".join(self.render_parts(view))

    def render_parts(self, view: View) -> Iterator[str]:
        """The rows a block at a time: a batch's CSV is never held whole."""
        msgs = view.msgs
        profile = view.compiled.profile
        criteria = [c.id for c, _ in view.compiled.criteria]
        header = [
            "rank",
            "applicant_id",
            "legal_name",
            "chinese_name",
            "group_name",
            "city_id",
            "city",
            "eligible",
            "tier",
            "total",
            "score",
            "bonus",
            "city_rank",
            "city_quota",
            "shortlisted",
            "provisional",
            *(f"points:{c}" for c in criteria),
            "failed_gates",
            "evidence_wanted",
            "reason",
            "source",
            "source_sha256",
            "tool_version",
            "profile",
            "profile_version",
            "criteria_sha256",
            "generated_at",
            # #12, at the end so that existing readers of the columns are not moved
            "max_points",
            "needs_review",
            "separated_by",
        ]
        manifest = view.manifest()
        fixed = [
            str(manifest["version"]),
            profile.id,
            profile.version,
            combined_digest(dict(view.compiled.loaded.files)),
            view.generated_at or "",
        ]
        shas = dict(view.data.applicant_files())
        buffer = io.StringIO()
        if view.bom:
            buffer.write(BOM)
        buffer.write(csv_line(header))
        for r in view.rows:
            ev = r.evaluation
            by_id = points_by_criterion(ev)  # the points, not the criteria's words
            row = [
                "" if r.rank is None else str(r.rank),
                ev.applicant_id,
                ev.legal_name,
                ev.chinese_name or "",
                ev.group_name or "",
                ev.city_id,
                msgs.city(ev),
                "true" if ev.eligible else "false",
                ev.tier or "",
                points(ev.total),
                points(ev.score),
                points(ev.bonus),
                "" if r.city_rank is None else str(r.city_rank),
                "" if r.city_quota is None else str(r.city_quota),
                "true" if r.shortlisted else "false",
                "true" if ev.provisional else "false",
                *(points(by_id[c]) if c in by_id else "" for c in criteria),
                " ".join(g.id for g in ev.failed_gates),
                " ".join(w.fact for w in ev.wanted),
                one_line(r, msgs),
                ev.source_path,
                shas.get(ev.source_path) or "",
                *fixed,
                points(ev.max_points),
                " ".join(review_codes(r)),
                r.separation.key if r.separation is not None else "",
            ]
            buffer.write(csv_line(row))
            if buffer.tell() > BLOCK:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()
