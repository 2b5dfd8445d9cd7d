"""Keep the gettext catalogs in step with the English texts: `python3 dev.py catalog`.

    python3 dev.py catalog           # extract, import pending texts, update the .po, compile the .mo
    python3 dev.py catalog --check   # change nothing; exit 1 when a file is not up to date

The English texts are Python dicts (`EN`) beside the code that uses them; SOURCES names
them and the msgctxt prefix of each. One run:

1. extracts every English text into a template (msgctxt = section + key, msgid = English);
2. moves pending translations: entries of a module's `ZH` dict (`ZH_PYDANTIC` for
   `PYDANTIC`, and so on), where a branch added a key with its Chinese beside the English
   as was done before the catalogs, are written into the .po as the translation of that
   key (unless the .po already has a different, checked translation of it: the .po's is
   kept, and named), and the dict in the source file is emptied (a test fails while one
   holds a text). So a ZH dict from a branch made before the catalogs can be merged whole;
3. updates `locale/zh/LC_MESSAGES/dealerscreen.po` from the template with Babel: new keys
   are added untranslated, keys no longer used are dropped, a key whose English changed
   keeps its old translation marked fuzzy for the translator to check (a fuzzy entry is
   not compiled, so the English shows until it is checked, and a test names it);
4. compiles the `.mo` that the package reads at run time (stdlib gettext).

Babel is a development dependency only (requirements/dev.txt).
"""

from __future__ import annotations

import ast
import importlib
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from dealerscreen.i18n.catalogs import DOMAIN, LOCALE_DIR  # noqa: E402
from dealerscreen.i18n.langs import SPOKEN  # noqa: E402

LANGS = tuple(lang for lang in SPOKEN if lang != "en")  # English is the source, in Python
INBOX_NOTE = "# new translations wait here for `python3 dev.py catalog`"
KEPT: list[str] = []  # keys whose pending text differed from the .po's: the .po's is kept
HEADER = """\
# The {lang} texts of dealerscreen. Translate each msgid into msgstr; keep every {name}
# placeholder as it is. msgctxt is the text's key; "#. module.DICT" says where its English is.
# After editing: python3 dev.py catalog (compiles the .mo that the program reads).
#"""
# (msgctxt prefix, module, name of its English dict); the module's Chinese inbox is `ZH`.
SOURCES: tuple[tuple[str, str, str], ...] = (
    ("report:", "dealerscreen.words.labels", "EN"),
    ("letter:", "dealerscreen.words.letters.texts", "EN"),
    ("rule:", "dealerscreen.rules.phrases", "EN"),
    ("problem:", "dealerscreen.i18n.problemtext", "EN"),
    ("pydantic:", "dealerscreen.i18n.problemtext", "PYDANTIC"),
    ("value:", "dealerscreen.i18n.valuetext", "EN"),
    ("cli:", "dealerscreen.i18n.clitext", "EN"),
    ("check:", "dealerscreen.i18n.checktext", "EN"),
    ("programme:", "dealerscreen.i18n.programmetext", "EN"),
    ("words:", "dealerscreen.i18n.criteriatext", "EN"),
    ("shape:", "dealerscreen.i18n.criteriatext", "SHAPES"),
    ("team:", "dealerscreen.words.teamwords", "EN"),
    ("help:", "dealerscreen.cli.helpwords", "EN"),  # gathered from the commands' options
    ("form:", "dealerscreen.intake.formfields", "EN"),  # the descriptions: the model's
)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def template() -> Catalog:
    cat = Catalog(project="dealerscreen", fuzzy=False)
    for prefix, module, name in SOURCES:
        texts: dict[str, str] = getattr(importlib.import_module(module), name)
        for key, english in texts.items():
            cat.add(english, context=prefix + key, auto_comments=[f"{module}.{name}"])
    return cat


def pending(lang: str) -> dict[str, str]:
    """Translations still written in Python (a module's ZH dict), by msgctxt."""
    found: dict[str, str] = {}
    for prefix, module, name in SOURCES:
        inbox_name = lang.upper() if name == "EN" else f"{lang.upper()}_{name}"
        inbox = getattr(importlib.import_module(module), inbox_name, {})
        found.update({prefix + key: text for key, text in inbox.items()})
    return found


def empty_inboxes(lang: str) -> list[str]:
    """Rewrite each source module's non-empty ZH dict (ZH_<NAME> for another dict) as `{}`,
    now that its texts are in the .po; returns the files changed."""
    changed = []
    for _prefix, module, name in SOURCES:
        inbox_name = lang.upper() if name == "EN" else f"{lang.upper()}_{name}"
        if not getattr(importlib.import_module(module), inbox_name, {}):
            continue
        path = Path(importlib.import_module(module).__file__ or "")
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        for node in ast.parse("".join(lines)).body:
            target = getattr(node, "target", None)
            if isinstance(node, ast.AnnAssign) and getattr(target, "id", "") == inbox_name:
                first, last = node.lineno - 1, (node.end_lineno or node.lineno) - 1
                lines[first : last + 1] = [f"{inbox_name}: dict[str, str] = {{}}  {INBOX_NOTE}\n"]
                path.write_text("".join(lines), encoding="utf-8")
                changed.append(str(path.relative_to(ROOT)))
                break
    return changed


def build(lang: str) -> tuple[bytes, bytes]:
    """The .po and .mo of `lang` as they should be: (po bytes, mo bytes)."""
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as f:
            cat = read_po(f, locale=lang, domain=DOMAIN)
    else:
        cat = Catalog(
            locale=lang,
            domain=DOMAIN,
            project="dealerscreen",
            version="1",
            header_comment=HEADER.replace("{lang}", lang),
            copyright_holder="the dealerscreen authors",
            last_translator="the dealerscreen team",
            language_team=f"{lang} <->",
            fuzzy=False,
        )
    tmpl = template()
    before = {m.context: m for m in cat if m.id and m.string}
    created = cat.creation_date  # update() would take the template's (now)
    # Matched by key only: Babel's guessing from similar English would hand a new key the
    # translation of another one.
    cat.update(tmpl, no_fuzzy_matching=True, update_header_comment=False)
    for message in cat:
        old = before.get(message.context)
        if message.id and not message.string and old is not None and old.id != message.id:
            # The English of a key changed: its old translation, to be checked (fuzzy).
            message.string = old.string
            message.flags.add("fuzzy")
            message.previous_id = [old.id]
    by_context = {m.context: m for m in cat if m.id}
    for context, text in pending(lang).items():
        if context not in by_context:
            raise SystemExit(f"catalog: {context}: a translation of a key with no English text")
        message = by_context[context]
        if message.string and "fuzzy" not in message.flags and message.string != text:
            # The .po is the translation of record: a ZH dict merged whole from an older
            # branch must not undo a translator's edit. Change such a text in the .po.
            KEPT.append(context)
            continue
        message.string = text
        message.flags.discard("fuzzy")
    cat.obsolete.clear()  # the .po holds what runs; git keeps the history
    # No timestamp churn: the file changes with its texts only (and --check can compare).
    cat.creation_date = cat.revision_date = created
    cat.fuzzy = False
    po = io.BytesIO()
    write_po(po, cat, width=0, omit_header=False, sort_output=False, no_location=True)
    mo = io.BytesIO()
    write_mo(mo, cat, use_fuzzy=False)
    return po.getvalue(), mo.getvalue()


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for lang in LANGS:
        po, mo = build(lang)
        path = po_path(lang)
        for target, data in ((path, po), (path.with_suffix(".mo"), mo)):
            if target.exists() and target.read_bytes() == data:
                continue
            if check:
                stale.append(str(target.relative_to(ROOT)))
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                print(f"catalog: wrote {target.relative_to(ROOT)}", file=sys.stderr)
        waiting = pending(lang)
        if waiting and not check:
            emptied = empty_inboxes(lang)
            print(
                f"catalog: moved {len(waiting) - len(KEPT)} {lang} text(s) from the Python ZH "
                "dicts into the .po (" + ", ".join(emptied) + ")",
                file=sys.stderr,
            )
            if KEPT:
                print(
                    f"catalog: {len(KEPT)} already translated differently in the .po, kept "
                    "as they are there (edit the .po to change them): " + ", ".join(KEPT),
                    file=sys.stderr,
                )
    if stale:
        print("catalog: not up to date: " + ", ".join(stale), file=sys.stderr)
        print("catalog: run `python3 dev.py catalog`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
