"""`diff --format`: text, json, markdown (sized for a pull-request comment). Strings only.

text and markdown are read by people and are in the reader's language; json is read by
programs and keeps its English words (a cause's "absent", "pass"), whatever the locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from dealerscreen.diff.compare import Cause, Change, DiffResult, Label, Side
from dealerscreen.i18n.criteriatext import words
from dealerscreen.models.choices import DiffFormat
from dealerscreen.reporters import jsontext
from dealerscreen.words.safetext import markdown as markdown_text

SCHEMA = "dealerscreen.diff/1"
MAX_ROWS = 50  # per markdown table: a PR comment must stay well under GitHub's 65,536 chars


Format = DiffFormat  # the choices live in dealerscreen.models.choices, for the CLI's --help


def _tier(s: Side, said: dict[str, str]) -> str:
    return s.tier if s.eligible and s.tier else ("-" if s.eligible else said["diff.out"])


def _rank(r: int | None) -> str:
    return "-" if r is None else str(r)


def _names(ids: tuple[str, ...], said: dict[str, str], most: int = 3) -> str:
    shown = said["diff.list-sep"].join(ids[:most])
    return said["diff.more"].format(names=shown, n=len(ids) - most) if len(ids) > most else shown


def _value(text: str, said: dict[str, str]) -> str:
    """A cause's before or after: a number as it is; "absent", "pass", "from 5" in words."""
    if text.startswith("from "):
        return said["diff.value.from"].format(points=text[len("from ") :])
    return said.get("diff.value." + text, text)


def _cause(x: Cause, said: dict[str, str]) -> str:
    return said["diff.cause"].format(
        kind=said.get("diff.kind." + x.kind, x.kind),
        id=x.id,
        before=_value(x.before, said),
        after=_value(x.after, said),
    )


def _why(c: Change, said: dict[str, str]) -> str:
    """The rules whose outcome changed for it; for a rank move, who passed whom."""
    parts = [_cause(x, said) for x in c.causes]
    if c.overtaken_by:
        named = [
            said["diff.newly"].format(id=x) if x in c.newly_eligible else x for x in c.overtaken_by
        ]
        parts.append(said["diff.overtaken"].format(names=_names(tuple(named), said)))
    if c.overtook:
        parts.append(said["diff.overtook"].format(names=_names(c.overtook, said)))
    if c.dropped_out:
        parts.append(said["diff.moved-up"].format(names=_names(c.dropped_out, said)))
    return said["diff.why-sep"].join(parts) or said["diff.unchanged"]


def _sections(result: DiffResult, said: dict[str, str]) -> list[tuple[str, list[Change]]]:
    return [
        (said["diff.eligibility"], result.having("eligibility")),
        (said["diff.tiers"], [c for c in result.having("tier") if "eligibility" not in c.kinds]),
        (said["diff.ranks"], result.having("rank")),
    ]


def _head(result: DiffResult, said: dict[str, str]) -> str:
    b, n = result.base, result.new
    sides = [said["diff.side"].format(id=x.id, version=x.version, spec=x.spec) for x in (b, n)]
    return " → ".join(sides)


def _origin(label: Label, said: dict[str, str], show: Callable[[str], str] = str) -> str:
    """Where a side was read: 'git origin/main:criteria/x.yaml, commit 1a2b3c4d5e6f'."""
    o = label.origin
    if o is None:  # compared by a caller that did not say
        return show(label.spec)
    if o.kind == "git":
        where = f"{o.revision}:{o.path}"
        commit = (o.commit or "")[:12]
        return said["diff.origin.git"].format(where=show(where), commit=show(commit))
    if o.kind == "profile":
        return said["diff.origin.profile"].format(id=show(label.spec), path=show(o.path))
    return said["diff.origin.file"].format(path=show(o.path))


def _origins(
    result: DiffResult, said: dict[str, str], show: Callable[[str], str] = str
) -> list[str]:
    """One line per side: where the criteria before and after the edit were read."""
    return [
        said["diff.from"].format(side=said["diff.from." + name], origin=_origin(label, said, show))
        for name, label in (("base", result.base), ("new", result.new))
    ]


def _counts_line(result: DiffResult, said: dict[str, str]) -> str:
    points_only = sum(1 for x in result.changes if x.kinds == ("points",))
    return said["diff.counts"].format(**result.counts(), total_only=points_only)


def _city(name: str, result: DiffResult, lang: str) -> str:
    """A city by its name in `lang`, the reader's first: '苏州 Suzhou' in Chinese."""
    other = result.city_names.get(lang, {}).get(name)
    return f"{other} {name}" if other and other != name else name


def _line(c: Change, said: dict[str, str], city: str) -> str:
    a, b = c.before, c.after
    return said["diff.line"].format(
        id=c.applicant_id,
        city=city,
        tier_before=_tier(a, said),
        tier_after=_tier(b, said),
        rank_before=_rank(a.rank),
        rank_after=_rank(b.rank),
        total_before=a.total_text(),
        total_after=b.total_text(),
    )


def text(result: DiffResult, lang: str = "en") -> str:
    said = words(lang)
    lines = [said["diff.head"].format(head=_head(result, said)), *_origins(result, said)]
    lines.append(_counts_line(result, said))
    for title, changes in _sections(result, said):
        if not changes:
            continue
        lines += ["", said["diff.section"].format(title=title)]
        for c in changes:
            lines.append("  " + _line(c, said, _city(c.city, result, lang)))
            lines.append("      " + said["diff.why"].format(why=_why(c, said)))
    if result.cities:
        lines += ["", said["diff.section"].format(title=said["diff.cities"])]
        for city in result.cities:
            parts = [f"+{x}" for x in city.added] + [f"-{x}" for x in city.removed]
            name = _city(city.city, result, lang)
            lines.append("  " + said["diff.city"].format(city=name, moves=" ".join(parts)))
    return "\n".join(lines) + "\n"


def _num(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def _label(label: Label) -> dict[str, object]:
    o = label.origin
    origin = (
        None
        if o is None
        else {
            "kind": o.kind,
            "path": o.path,
            "revision": o.revision,
            "commit": o.commit,
        }
    )
    return {"spec": label.spec, "id": label.id, "version": label.version, "origin": origin}


def _side(s: Side) -> dict[str, object]:
    return {
        "eligible": s.eligible,
        "tier": s.tier,
        "rank": s.rank,
        "city_rank": s.city_rank,
        "shortlisted": s.shortlisted,
        "total": _num(s.total),
        "score": _num(s.score),
        "bonus": _num(s.bonus),
        "max_points": _num(s.max_points),
    }


def _change(c: Change) -> dict[str, object]:
    return {
        "applicant_id": c.applicant_id,
        "city": c.city,
        "before": _side(c.before),
        "after": _side(c.after),
        "changed": list(c.kinds),
        "causes": [
            {"kind": x.kind, "id": x.id, "before": x.before, "after": x.after} for x in c.causes
        ],
        "overtaken_by": list(c.overtaken_by),
        "overtook": list(c.overtook),
        "newly_eligible": list(c.newly_eligible),
        "dropped_out": list(c.dropped_out),
    }


_CHANGES = "\x00changes\x00"  # where the changes stand in the envelope's text


def _items(items: Iterable[object], depth: int) -> Iterator[str]:
    """A list `depth` levels deep, as `jsontext.dumps` of the whole writes it (as the json
    report's results are written)."""
    pad = "  " * (depth + 1)
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + pad + jsontext.dumps(item).replace("\n", "\n" + pad)
        first = False
    yield "[]" if first else "\n" + "  " * depth + "]"


def as_json(result: DiffResult, lang: str = "en") -> str:
    return "".join(json_parts(result, lang))


def json_parts(result: DiffResult, lang: str = "en") -> Iterator[str]:
    """`as_json`'s text a change at a time: a weights edit changes nearly every applicant,
    and at 100,000 the changes as one dict and one text were most of the diff's memory."""
    envelope = {
        "schema": SCHEMA,
        "status": result.status,
        "base": _label(result.base),
        "new": _label(result.new),
        "counts": result.counts(),
        "changes": _CHANGES,
        "cities": [
            {"city": x.city, "added": list(x.added), "removed": list(x.removed)}
            for x in result.cities
        ],
    }
    text = jsontext.dumps(envelope)
    at, mark = text.index(jsontext.dumps(_CHANGES)), len(jsontext.dumps(_CHANGES))
    yield text[:at]
    yield from _items(map(_change, result.changes), 1)
    yield text[at + mark :] + "\n"


def _cell(text: str) -> str:
    return markdown_text(text)


def _heading(title: str, n: int, said: dict[str, str]) -> str:
    return "#### " + said["diff.heading"].format(title=title, n=n)


def markdown(result: DiffResult, lang: str = "en") -> str:
    said = words(lang)
    head = (
        f"`{result.base.id}` v{_cell(result.base.version)} → "
        f"`{result.new.id}` v{_cell(result.new.version)}"
    )
    out = ["### " + said["diff.head"].format(head=head), ""]
    out += ["- " + line for line in _origins(result, said, _cell)]
    out += ["", _counts_line(result, said)]
    columns = ("applicant", "city", "tier", "rank", "total", "why")
    for title, changes in _sections(result, said):
        if not changes:
            continue
        out += [
            "",
            _heading(title, len(changes), said),
            "",
            "| " + " | ".join(said["diff.col." + k] for k in columns) + " |",
            "|---|---|---|---|---|---|",
        ]
        for c in changes[:MAX_ROWS]:
            a, b = c.before, c.after
            out.append(
                f"| `{c.applicant_id}` | {_cell(_city(c.city, result, lang))} | {_tier(a, said)} → {_tier(b, said)} | "
                f"{_rank(a.rank)} → {_rank(b.rank)} | {a.total_text()} → {b.total_text()} | "
                f"{_cell(_why(c, said))} |"
            )
        if len(changes) > MAX_ROWS:
            out.append("\n" + said["diff.rows-more"].format(n=len(changes) - MAX_ROWS))
    if result.cities:
        heads = " | ".join(said["diff.col." + k] for k in ("city", "in", "out"))
        out += [
            "",
            _heading(said["diff.cities"], len(result.cities), said),
            "",
            f"| {heads} |",
            "|---|---|---|",
        ]
        for city in result.cities[:MAX_ROWS]:
            added = ", ".join(f"`{x}`" for x in city.added) or "-"
            removed = ", ".join(f"`{x}`" for x in city.removed) or "-"
            out.append(f"| {_cell(_city(city.city, result, lang))} | {added} | {removed} |")
    if not result.changes:
        out += ["", said["diff.no-change"]]
    return "\n".join(out) + "\n"


# json is written as it is made (`json_parts`); the others are short, or a line a change.
FORMATS: dict[Format, Callable[[DiffResult, str], str | Iterator[str]]] = {
    Format.text: text,
    Format.json: json_parts,
    Format.markdown: markdown,
}
