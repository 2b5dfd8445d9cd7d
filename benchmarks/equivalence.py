"""Do a folder, a JSON Lines file and an XLSX export of the same applicants screen alike?

    python benchmarks/equivalence.py --n 100000 --xlsx-rows 10000

Generates (or reuses) the benchmark's N synthetic YAML files, writes the same applicants
as one JSON Lines file and the first --xlsx-rows of them as an XLSX export (through
samples/exports/mapping.yaml plus a fourth brand), screens each, and compares every
result record except its `source`. Prints the counts and exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import runs  # noqa: E402
import yaml  # noqa: E402

from dealerscreen.batch.run import BatchOptions  # noqa: E402
from dealerscreen.batch.screening import ScreenRun, load_criteria, screen  # noqa: E402
from dealerscreen.reporters.json_report import result_record  # noqa: E402


def records(run: ScreenRun) -> list[dict[str, Any]]:
    out = []
    for r in run.results:
        rec = result_record(r)
        rec.pop("source")
        out.append(rec)
    return out


def write_mapping(path: Path) -> None:
    text = (ROOT / "samples" / "exports" / "mapping.yaml").read_text(encoding="utf-8")
    text += (
        "  Brand 4: brand_agencies[3].brand\n"
        '  Brand 4 years: {field: "brand_agencies[3].years", type: int}\n'
        '  Brand 4 stores: {field: "brand_agencies[3].stores", type: int}\n'
        "  Brand 4 store type: brand_agencies[3].store_type\n"
    )
    path.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100000)
    parser.add_argument("--xlsx-rows", type=int, default=10000)
    parser.add_argument("--folder")
    opts = parser.parse_args()
    folder = Path(opts.folder or Path(tempfile.gettempdir()) / f"dealerscreen-bench-{opts.n}")
    files = runs.ensure_folder(folder, opts.n)
    work = Path(tempfile.mkdtemp(prefix="dealerscreen-equiv-"))
    jsonl, xlsx, mapping = work / "all.jsonl", work / "first.xlsx", work / "mapping.yaml"
    write_mapping(mapping)

    from dealerscreen.intake.mapping import load_mapping

    columns = load_mapping(str(mapping)).columns
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Applications")
    sheet.append([c.header for c in columns])
    with open(jsonl, "w", encoding="utf-8") as out:
        for i, f in enumerate(files):
            data = yaml.load(Path(f).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
            out.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
            if i < opts.xlsx_rows:
                row = []
                for c in columns:
                    value: Any = data
                    for part in c.path:
                        if isinstance(part, int):
                            value = (
                                value[part]
                                if isinstance(value, list) and part < len(value)
                                else None
                            )
                        else:
                            value = value.get(part) if isinstance(value, dict) else None
                    if isinstance(value, dt.date):
                        value = value.isoformat()
                    row.append("yes" if value is True else "no" if value is False else value)
                sheet.append(row)
    book.save(xlsx)

    compiled = load_criteria("xiaomi-2s-2024")
    cache = str(work / "cache")
    t = time.perf_counter()
    folder_run = screen(compiled, [str(folder)], options=BatchOptions(cache_dir=cache))
    print(f"folder: {len(folder_run.results):,} screened in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    jsonl_run = screen(compiled, [str(jsonl)], options=BatchOptions())
    print(f"jsonl:  {len(jsonl_run.results):,} screened in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    xlsx_run = screen(compiled, [str(xlsx)], options=BatchOptions(mapping=str(mapping)))
    print(f"xlsx:   {len(xlsx_run.results):,} screened in {time.perf_counter() - t:.1f} s")
    first = [str(f) for f in files[: opts.xlsx_rows]]
    subset_run = screen(compiled, first, options=BatchOptions(cache_dir=cache))

    ok = True
    for name, run, expected in (
        ("jsonl", jsonl_run, folder_run),
        ("xlsx", xlsx_run, subset_run),
    ):
        invalid = len(run.intake.invalid)
        same = records(run) == records(expected)
        ok &= same and invalid == 0
        print(
            f"{name}: {'same results as the YAML files' if same else 'DIFFERENT'}; {invalid} invalid"
        )
    shutil.rmtree(work, ignore_errors=True)  # the JSON Lines copy of 100,000 is 300 MB
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
