"""The application form a channel team sends to dealers: XLSX or YAML, made from the model.

Both forms are built from `formfields.form_fields()` (the applicant model's fields) and
the profile's reference lists (its cities and brands), so they cannot drift from what the
screening reads.

- XLSX (`write_xlsx_form`): a form a dealer reads and prints (#24): one applicant per
  workbook, one question per row (its number, the question with its unit, the answer
  cell, the unit, how to answer with the choices and an example in the reader's
  language); a drop-down list (data validation) on every enumeration, yes/no, city and
  brand answer (the names in a hidden sheet), number and date checks on the others. It
  prints on A4 portrait, as wide as the page, the headings on every page. No question is
  the team's (who verified a document): checking is the team's act, in its own file.
- A hidden sheet holds the column mapping (YAML, in A2; the layout in A3:
  `intake.formsheet`), so a filled form is screened without `--mapping`
  (`intake.formmapping`), when that mapping is still the one written here
  (`template_form`): a dealer can unhide the sheet, and a mapping that sets a field on
  every row could verify its own evidence.
- The wide layout of forms sent before (`write_table_form`: a header row, a row of
  descriptions, an example row, then one applicant per row) is still read as it was, and
  is kept for a team that keys many applications into one sheet.
- YAML: one applicant file, the example's values with each field's description, unit and
  choices in a comment above it; facts the example leaves out are commented lines.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any, BinaryIO

import yaml

from dealerscreen.criteria.compile import CompiledProfile
from dealerscreen.intake.formfields import (
    CONSTANTS,
    EXAMPLE,
    LIST_ROWS,
    FormField,
    form_fields,
)
from dealerscreen.intake.formsheet import (
    ANSWER,
    HEADER_ROW,
    HELP,
    LAYOUT_CELL,
    LAYOUT_MARK,
    NUMBER,
    QUESTION,
    UNIT,
)
from dealerscreen.intake.mapping import EMBEDDED_SHEET
from dealerscreen.words.form import (
    FIRST_ROW,
    FORM_ROWS,
    choice_text,
    describe,
    example,
    mapping_text,
    names_in,
    reference_of,
)
from dealerscreen.words.labels import Messages


def write_xlsx_form(compiled: CompiledProfile, lang: str, stamp: datetime, out: BinaryIO) -> None:
    """The form with one question per row."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.properties import PageSetupProperties

    from dealerscreen.reporters.celltext import text_width
    from dealerscreen.reporters.workbook import save_stamped

    msgs = Messages(lang)
    title = msgs("form.title", title=compiled.profile.title)
    fields = form_fields()
    wb, ws, lists, hidden = _form_book(msgs, title, fields)
    hidden[LAYOUT_CELL] = LAYOUT_MARK

    wrap = Alignment(wrap_text=True, vertical="top")
    ws.cell(1, 1, title).font = Font(bold=True, size=13)
    intro = ws.cell(2, 1, msgs("form.q.intro"))
    intro.alignment = wrap
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=HELP)
    ws.row_dimensions[2].height = 45
    heads = ["form.q.no", "form.q.question", "form.q.answer", "form.q.unit", "form.q.help"]
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    for column, key in enumerate(heads, start=1):
        cell = ws.cell(HEADER_ROW, column, msgs(key))
        cell.font, cell.fill, cell.alignment = head_font, head_fill, wrap
    widths = {NUMBER: 5, QUESTION: 28, ANSWER: 30, UNIT: 9, HELP: 58}
    for column, width in widths.items():
        ws.column_dimensions[get_letter(column)].width = width
    line = Side(style="thin", color="999999")
    answer_box = Border(left=line, right=line, top=line, bottom=line)
    answer_fill = PatternFill("solid", fgColor="FFFBE6")  # where to write
    list_columns: dict[str, str] = {}
    for n, field in enumerate(fields, start=1):
        row = HEADER_ROW + n
        ws.cell(row, NUMBER, n).alignment = wrap
        ws.cell(row, QUESTION, field.label(lang)).alignment = wrap
        answer = ws.cell(row, ANSWER)
        answer.border, answer.fill, answer.alignment = answer_box, answer_fill, wrap
        ws.cell(row, UNIT, field.unit(lang) or None).alignment = wrap
        help_text = _help(field, compiled, msgs)
        ws.cell(row, HELP, help_text).alignment = wrap
        lines = max(
            -(-text_width(help_text) // (widths[HELP] - 4)),
            -(-text_width(field.label(lang)) // (widths[QUESTION] - 3)),
            1,
        )
        ws.row_dimensions[row].height = int(msgs("form.line_pt")) * lines + 2
        validation = _validation(field, compiled, lang, lists, list_columns, quote_sheetname)
        if validation is not None:
            dv = DataValidation(**validation, allow_blank=True)
            dv.showErrorMessage = True
            dv.prompt = describe(field, compiled, msgs)[:255]
            dv.showInputMessage = True
            ws.add_data_validation(dv)
            dv.add(f"{get_letter(ANSWER)}{row}")
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    setup = ws.page_setup
    setup.orientation = "portrait"
    setup.paperSize = 9  # A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.gridLines = True
    save_stamped(wb, out, stamp)


def _form_book(msgs: Messages, title: str, fields: Any) -> tuple[Any, Any, Any, Any]:
    """A form's workbook, either layout: the applicant's sheet, the hidden lists its
    drop-downs read, and the hidden sheet with the mapping the form is read back by."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.title = title
    ws = wb.active
    assert ws is not None
    ws.title = msgs("form.sheet")
    lists = wb.create_sheet(msgs("form.lists"))
    lists.sheet_state = "hidden"
    hidden = wb.create_sheet(EMBEDDED_SHEET)
    hidden.sheet_state = "hidden"
    hidden["A1"] = msgs("form.hidden_note")
    hidden["A2"] = mapping_text(fields, msgs.lang, title)
    return wb, ws, lists, hidden


def _help(field: FormField, compiled: CompiledProfile, msgs: Messages) -> str:
    """How to answer: the description, required, the choices, and the example's value."""
    text = describe(field, compiled, msgs)
    if len(field.choices) > LONG_CHOICES:  # forty field paths help no one: the list does
        text = describe(replace(field, choices=()), compiled, msgs) + msgs("form.q.from_list")
    value = example(field, compiled, msgs.lang)
    if value is None or field.reference is not None:
        return text  # a list's first name is no example of the applicant's own
    shown = value.isoformat() if isinstance(value, date) else str(value)
    return text + msgs.space + msgs("form.q.example", value=shown)


def write_table_form(compiled: CompiledProfile, lang: str, stamp: datetime, out: BinaryIO) -> None:
    """The wide form, one applicant per row, as forms were sent before #24."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from dealerscreen.reporters.celltext import text_width
    from dealerscreen.reporters.workbook import save_stamped

    msgs = Messages(lang)
    profile = compiled.profile
    title = msgs("form.title", title=profile.title)
    fields = form_fields()
    wb, ws, lists, _ = _form_book(msgs, title, fields)

    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDE4EE")
    note_font, wrap = Font(italic=True, color="666666"), Alignment(wrap_text=True, vertical="top")
    list_columns: dict[str, str] = {}  # reference name -> the range of its names
    for i, field in enumerate(fields, start=1):
        col = get_column_letter(i)
        label = field.label(lang)
        head = ws.cell(1, i, label)
        head.font, head.fill, head.alignment = head_font, head_fill, wrap
        note = ws.cell(2, i, describe(field, compiled, msgs))
        note.font, note.alignment = note_font, wrap
        value = example(field, compiled, lang)
        if value is not None:
            ws.cell(3, i, value).font = note_font
        ws.column_dimensions[col].width = min(max(text_width(label) + 4, 14), 40)
        rows = f"{col}{FIRST_ROW}:{col}{FIRST_ROW + FORM_ROWS - 1}"
        validation = _validation(field, compiled, lang, lists, list_columns, quote_sheetname)
        if validation is not None:
            dv = DataValidation(**validation, allow_blank=True)
            dv.showErrorMessage = True
            dv.prompt = describe(field, compiled, msgs)[:255]
            dv.showInputMessage = True
            ws.add_data_validation(dv)
            dv.add(rows)
    ws.row_dimensions[2].height = 90
    ws.freeze_panes = f"C{FIRST_ROW}"
    save_stamped(wb, out, stamp)


LIST_INLINE_MAX = 255  # the longest list Excel takes written in a validation rule
LONG_CHOICES = 12  # more choices than this are left to the cell's list, not spelled out


def get_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _validation(
    field: FormField,
    compiled: CompiledProfile,
    lang: str,
    lists: Any,
    list_columns: dict[str, str],
    quote: Any,
) -> dict[str, Any] | None:
    """The data validation of a column: a drop-down, or a number or date check, each with
    the error Excel shows for a value it refuses (only a drop-down's says to choose)."""
    checked = _checked(field, compiled, lang, lists, list_columns, quote)
    if checked is None:
        return None
    error = {"whole": "form.bad_whole", "decimal": "form.bad_number", "date": "form.bad_date"}
    return checked | {"error": Messages(lang)(error.get(checked["type"], "form.bad_value"))}


def _checked(
    field: FormField,
    compiled: CompiledProfile,
    lang: str,
    lists: Any,
    list_columns: dict[str, str],
    quote: Any,
) -> dict[str, Any] | None:
    ref = reference_of(compiled, field)
    if ref is not None and field.reference is not None:
        if field.reference not in list_columns:
            from openpyxl.utils import get_column_letter

            col = get_column_letter(len(list_columns) + 1)
            names = names_in(ref, lang)
            for row, name in enumerate(names, start=1):
                lists[f"{col}{row}"] = name
            list_columns[field.reference] = f"{quote(lists.title)}!${col}$1:${col}${len(names)}"
        # A list of names only suggests: an alias (苏州市, Mercedes) is a valid answer too.
        return {"type": "list", "formula1": f"={list_columns[field.reference]}"} | {
            "errorStyle": "warning"
        }
    if field.choices:
        shown = [choice_text(v, lang) for v in field.choices]
        inline = '"' + ",".join(shown) + '"'
        if len(inline) <= LIST_INLINE_MAX:
            return {"type": "list", "formula1": inline}
        # Excel refuses (and "repairs" the file, dropping the check) a list written in the
        # rule longer than 255 characters: the evidence's facts go to the lists sheet.
        if field.key not in list_columns:
            from openpyxl.utils import get_column_letter

            col = get_column_letter(len(list_columns) + 1)
            for row, name in enumerate(shown, start=1):
                lists[f"{col}{row}"] = name
            list_columns[field.key] = f"{quote(lists.title)}!${col}$1:${col}${len(shown)}"
        return {"type": "list", "formula1": f"={list_columns[field.key]}"}
    if field.type == "bool":
        msgs = Messages(lang)
        return {"type": "list", "formula1": f'"{msgs.yes_no(True)},{msgs.yes_no(False)}"'}
    if field.type in ("int", "float"):
        kind = "whole" if field.type == "int" else "decimal"
        return {"type": kind, "operator": "greaterThanOrEqual", "formula1": "0"}
    if field.type == "date":
        return {"type": "date", "operator": "greaterThan", "formula1": "36526"}  # 2000-01-01
    return None


def yaml_form(compiled: CompiledProfile, lang: str) -> str:
    """One applicant file to fill in: the example's values, each field explained above it."""
    msgs = Messages(lang)
    profile = compiled.profile
    out = [
        "# "
        + msgs("form.title", title=profile.title)
        + msgs("form.version", id=profile.id, version=profile.version),
        f"# {msgs('form.yaml_intro')}",
        *(f"{key}: {value}" for key, value in CONSTANTS.items()),
    ]
    opened: set[str] = set()
    for field in form_fields():
        if field.n not in (None, 1):
            continue  # one brand agency as the example; more are added as list items
        parts = field.path.replace("[0]", "").split(".")
        indent = ""
        for depth, part in enumerate(parts[:-1]):
            key = ".".join(parts[: depth + 1])
            if key not in opened:
                opened.add(key)
                listed = part in LIST_ROWS
                out.append(f"{indent}{part}:")
                if listed:
                    out.append(f"{indent}  -")
            indent += "    " if part in LIST_ROWS else "  "
        value = example(field, compiled, lang)
        ref = reference_of(compiled, field)
        out.append(
            f"{indent}# "
            + msgs(
                "form.field",
                label=field.label(lang),
                text=describe(field, compiled, msgs, codes=True),
            )
        )
        if ref is not None:
            out.append(f"{indent}#   " + msgs.list_sep.join(names_in(ref, lang)))
        if isinstance(value, str) and field.type == "bool":
            value = value == msgs.yes_no(True)
        elif field.choices and isinstance(value, str):
            value = EXAMPLE[field.path]  # the code: a YAML file is read by the model alone
        text = _scalar(value) if value is not None else ""
        prefix = "" if value is not None else "# "
        out.append(f"{indent}{prefix}{parts[-1]}: {text}".rstrip())
    return "\n".join(out) + "\n"


def _scalar(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
    return text.removesuffix("\n...\n").strip()
