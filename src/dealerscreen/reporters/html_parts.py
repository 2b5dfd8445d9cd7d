"""Small pieces of the html report: escaping and table cells, shared by its sections."""

from __future__ import annotations

from html import escape

from dealerscreen.words.safetext import printable


def e(text: object) -> str:
    """Escaped for html, without control characters or direction overrides."""
    return escape(printable(str(text)), quote=True)


def tr(cells: list[str], cls: str = "", attrs: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<tr{attr}{attrs}>" + "".join(cells) + "</tr>"


def td(text: object, numeric: bool = False, nowrap: bool = False, value: object = None) -> str:
    """`value`: what the cell sorts by when it is not its text ("1/2 ✓" sorts as 1)."""
    sort = f' data-v="{e(value)}"' if value is not None else ""
    if numeric:
        return f'<td class="n"{sort}>{e(text)}</td>'
    return f'<td class="nw"{sort}>{e(text)}</td>' if nowrap else f"<td{sort}>{e(text)}</td>"


def th(text: object, numeric: bool = False) -> str:
    return f'<th class="n">{e(text)}</th>' if numeric else f"<th>{e(text)}</th>"


def table_head(cells: list[str], sortable: bool = True, table_id: str = "") -> str:
    """A table's start with its header row: a sortable table's headings become buttons
    when the page's script runs (`html_script`); without it the table reads as it is."""
    ident = f' id="{table_id}"' if table_id else ""
    cls = ' class="sortable"' if sortable else ""
    return f"<table{ident}{cls}><thead>{tr(cells)}</thead><tbody>"


TABLE_END = "</tbody></table>"
