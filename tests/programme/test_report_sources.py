"""A report of a programme names what it screened: its manifest lists each submission by
its source and the digest the record keeps of its content (what `history` shows), the
same on every run; and each applicant's source is its submission's. Both used to be the
temporary JSON Lines file `screen -p` reads the newest submissions through (the manifest
its name, gone once the command ended, with a digest that changed on every run; each
applicant a line of it)."""

from __future__ import annotations

import json

from tests.programme.helpers import SAMPLES, Made


def test_the_manifest_names_the_submissions_screened(made: Made) -> None:
    made.replay(("intake", SAMPLES))
    first = made.run("screen", "-f", "json", "--as-of", "2030-01-01")
    again = made.run("screen", "-f", "json", "--as-of", "2030-01-01")
    assert first.exit_code in (0, 1), first
    listed = json.loads(first.stdout)["manifest"]["applicant_files"]
    assert listed == json.loads(again.stdout)["manifest"]["applicant_files"]
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    kept = {s["source"]: s["digest"] for s in exported["submissions"] if s["valid"]}
    assert listed == kept and len(listed) == len(json.loads(first.stdout)["results"])
    table = [made.run("screen", "--top", "1", "--as-of", "2030-01-01").stdout for _ in "ab"]
    assert table[0].split("applicants sha256")[1] == table[1].split("applicants sha256")[1]


def test_each_applicant_is_shown_at_its_submissions_source(made: Made) -> None:
    made.replay(("intake", SAMPLES))
    report = json.loads(made.run("screen", "-f", "json", "--as-of", "2030-01-01").stdout)
    exported = json.loads(made.run("programme", "export", "-f", "json").stdout)
    source_of = {s["applicant_id"]: s["source"] for s in exported["submissions"] if s["valid"]}
    shown = {r["applicant_id"]: r["source"] for r in report["results"]}
    assert shown == source_of
    one = sorted(source_of)[0]
    explained = made.run("explain", "--id", one, "--as-of", "2030-01-01").stdout
    assert source_of[one] in explained and ".jsonl" not in explained
