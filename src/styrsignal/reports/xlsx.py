"""The report's data as an Excel workbook (openpyxl).

One sheet per data table of the report — the classification, the theme × object and actor ×
object matrices, the evidence and the documents — each with a frozen, filterable header row,
column widths that fit the content, wrapped long text and numbers stored as numbers (shares
as percentages).  The matrices are coloured as heat maps.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook  # type: ignore[import-untyped,unused-ignore]
from openpyxl.formatting.rule import ColorScaleRule  # type: ignore[import-untyped,unused-ignore]
from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped,unused-ignore]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped,unused-ignore]

from styrsignal.reports.blocks import Report, Table

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP_FROM = 30
"""Columns at least this wide wrap their text."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of ``[]:*?/\\``."""
    base = _SHEET_NAME.sub("-", name)[:31] or "Sheet"
    title, n = base, 2
    while title.casefold() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.casefold())
    return title


def _value(value: str | int | float | None) -> str | int | float | None:
    if isinstance(value, str):
        return _ILLEGAL.sub("", value)
    return value


def _fill_sheet(ws: Any, table: Table) -> None:
    ws.append(list(table.columns))
    for row in table.rows:
        if row.group:
            continue
        ws.append([_value(cell.data) for cell in row.cells])
    n_rows, n_cols = len(table.rows) + 1, len(table.columns)
    for header in ws[1]:
        header.fill, header.font = HEADER_FILL, HEADER_FONT
        header.alignment = Alignment(wrap_text=True, vertical="top")
    for column in range(1, n_cols + 1):
        letter = get_column_letter(column)
        width = table.widths[column - 1] if column - 1 < len(table.widths) else 14
        ws.column_dimensions[letter].width = width
        number_format = table.formats.get(column - 1)
        wrap = width >= WRAP_FROM
        for (cell,) in ws.iter_rows(min_row=2, max_row=n_rows, min_col=column, max_col=column):
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text that only looks like a formula
            if number_format and isinstance(cell.value, int | float):
                cell.number_format = number_format
            cell.alignment = Alignment(wrap_text=wrap, vertical="top")
        if column - 1 in table.heat and n_rows > 1:
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{n_rows}",
                ColorScaleRule(start_type="num", start_value=0, start_color="FFFFFF",
                               end_type="max", end_color="6F9FC8"))
    ws.row_dimensions[1].height = 32
    # Matrices keep their row labels in view as well as the header.
    ws.freeze_panes = "B2" if table.heat else "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(n_cols)}{max(n_rows, 1)}"


def write(report: Report, out: Path) -> list[Path]:
    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = report.title
    workbook.properties.subject = report.subtitle
    workbook.properties.creator = "styrsignal"
    taken: set[str] = set()
    for table in report.sheets:
        sheet = workbook.create_sheet(sheet_title(table.sheet or table.key, taken))
        _fill_sheet(sheet, table)
    workbook.save(str(out))
    return [out]
