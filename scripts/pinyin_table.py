"""Write the pinyin readings table the name forms read: `python3 scripts/pinyin_table.py`.

    .venv/bin/python scripts/pinyin_table.py          # rewrite src/dealerscreen/reference/pinyin.txt
    .venv/bin/python scripts/pinyin_table.py --check  # change nothing; exit 1 when it differs

One line per character of `nameforms.TABLE_RANGES`, in order: the character's readings as
pypinyin gives them (`Style.NORMAL`, every heteronym, ü written v, no phrase dictionary),
separated by spaces; an empty line for a character pypinyin has none for. Importing
pypinyin costs about 40 ms of every run that meets a name a list does not know (its
dictionary is a 0.8 MB JSON file), the table about 1 ms. tests/test_pinyin_table.py
checks every line against the installed pypinyin: rerun this after updating it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")

import pypinyin  # after its phrase dictionary is switched off

from dealerscreen.reference.nameforms import TABLE_RANGES

TABLE = Path(__file__).resolve().parents[1] / "src" / "dealerscreen" / "reference" / "pinyin.txt"


def line(char: str) -> str:
    (readings,) = pypinyin.pinyin(char, style=pypinyin.Style.NORMAL, heteronym=True, v_to_u=False)
    return "" if readings == [char] else " ".join(readings)


def table() -> str:
    return (
        "\n".join(line(chr(cp)) for first, last in TABLE_RANGES for cp in range(first, last + 1))
        + "\n"
    )


def main(argv: list[str]) -> int:
    text = table()
    if "--check" in argv:
        same = TABLE.exists() and TABLE.read_text(encoding="utf-8") == text
        print(
            f"{TABLE}: {'up to date' if same else 'differs from pypinyin ' + pypinyin.__version__}"
        )
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"{TABLE}: written from pypinyin {pypinyin.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
