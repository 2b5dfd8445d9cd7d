"""The application form's questions in each language: labels, descriptions, the example,
the column mapping, and how a returned form is known (`template_form`).

What `template` writes (reporters/applicationform.py) and what the batch reads back
(`intake.tabular`) come from here, so a filled form is recognised as exactly what was sent.
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass
from typing import Any

import yaml

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.i18n import catalogs, valuetext
from dealerscreen.i18n.langs import SPOKEN
from dealerscreen.i18n.punctuation import punct
from dealerscreen.intake.formfields import (
    CONSTANTS,
    EXAMPLE,
    FormField,
    form_fields,
)
from dealerscreen.intake.mapping import Mapping, parse_mapping
from dealerscreen.reference.lists import ReferenceList
from dealerscreen.words.labels import Messages

FIRST_ROW = 4  # header, descriptions, example, then the applicants
FORM_ROWS = 1000  # rows that get drop-downs and checks


def reference_of(compiled: CompiledProfile, field: FormField) -> ReferenceList | None:
    if field.reference == "cities":
        return compiled.cities
    if field.reference:
        return compiled.loaded.references.get(field.reference)
    return None


def names_in(ref: ReferenceList, lang: str) -> list[str]:
    return [entry.display(lang) for entry in ref.spec.entries]


def choice_text(value: Any, lang: str) -> str:
    """An enumeration's value as the form shows it, in its drop-down, example and
    description: the code in English, the language the codes are written in (what an
    applicant file writes), its words in any other (a cell is read either way:
    intake.choicecells)."""
    if lang == "en":
        return str(value)
    return valuetext.label(str(value), lang)


def choice_code(value: Any, lang: str) -> str:
    """An enumeration's value as a YAML form shows it: the code a file must write, with its
    words in a language other than the codes' own."""
    words = choice_text(value, lang)
    if words == str(value) or str(value) not in valuetext.EN:
        return str(value)
    return str(value) + punct(lang, "punct.paren").format(text=words)


def describe(
    field: FormField, compiled: CompiledProfile, msgs: Messages, codes: bool = False
) -> str:
    """The field's description, with what a cell may hold: required, unit, choices (as
    codes, for a YAML file: `codes`)."""
    parts = [field.description(msgs.lang)]
    if field.required:
        parts.append(msgs("form.required"))
    unit = field.unit(msgs.lang)
    if unit:
        parts.append(msgs("form.unit", unit=unit))
    sep = msgs.list_sep
    if field.choices:
        shown = choice_code if codes else choice_text
        choices = sep.join(shown(v, msgs.lang) for v in field.choices)
        parts.append(msgs("form.choices", choices=choices))
    elif field.type == "bool":
        parts.append(msgs("form.yes_no"))
    ref = reference_of(compiled, field)
    if ref is not None:
        parts.append(msgs("form.list", n=len(ref.spec.entries)))
    return msgs.space.join(parts)


def example(field: FormField, compiled: CompiledProfile, lang: str) -> Any:
    """The example row's value for a field (None: the example leaves it out)."""
    ref = reference_of(compiled, field)
    if ref is not None and field.n in (None, 1):
        entries = ref.spec.entries
        luxury = [e for e in entries if "luxury" in e.tags]
        return (luxury or entries)[0].display(lang) if entries else None
    value = EXAMPLE.get(field.path)
    if isinstance(value, bool):
        return Messages(lang).yes_no(value)
    if field.choices and isinstance(value, str):
        return choice_text(value, lang)
    return value


def mapping_text(fields: list[FormField], lang: str, title: str) -> str:
    """The column mapping of a form, as the YAML a mapping file holds."""
    columns = {f.label(lang): {"field": f.path, "type": f.type} for f in fields}
    doc = {
        "kind": "column-mapping",
        "title": title,
        "constants": CONSTANTS,
        "first_row": FIRST_ROW,
        "columns": columns,
    }
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)


@dataclass(frozen=True)
class TemplateForm:
    """What `template -f xlsx` writes for a profile, in every language it speaks: how a
    filled form is known when it comes back (`intake.tabular`). Its mapping is trusted
    only as one of `mappings`; its descriptions and example row are `rows` (header ->
    value), passed over wherever they are, and no other row is."""

    mappings: tuple[Mapping, ...]
    rows: tuple[dict[str, Any], ...]


@functools.lru_cache(maxsize=32)
def template_mapping(lang: str, catalog: gettext.NullTranslations, title: str) -> Mapping:
    """The mapping `template` writes in `lang`, as read back: made once per process and
    language, as dumping it to YAML and parsing it again is most of `template_form`'s cost,
    paid by each batch that meets a table. The answer is the form's fields (the model's),
    their labels in `lang` (read from `catalog`, the language's compiled catalog, which is
    therefore in the key: a catalog read afresh is a new key) and the title."""
    return parse_mapping(mapping_text(form_fields(), lang, title), f"template ({lang})")


def template_form(compiled: CompiledProfile) -> TemplateForm:
    fields = form_fields()
    mappings: list[Mapping] = []
    rows: list[dict[str, Any]] = []
    for lang in SPOKEN:
        msgs = Messages(lang)
        title = msgs("form.title", title=compiled.profile.title)
        mappings.append(template_mapping(lang, catalogs.translations(lang), title))
        rows.append({f.label(lang): describe(f, compiled, msgs) for f in fields})
        rows.append({f.label(lang): example(f, compiled, lang) for f in fields})
    return TemplateForm(tuple(mappings), tuple(rows))
