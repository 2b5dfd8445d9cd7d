"""A report of a programme names what it screened: its manifest lists each submission by
its source and the digest the record keeps of its content (what `history` shows), the
same on every run. It used to list the temporary JSON Lines file `screen -p` reads the
newest submissions through: a name gone once the command ended, and a digest that changed
with it on every run."""

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
