"""XLSX exports, read with openpyxl in read-only mode (rows are streamed, formulas as their cached values): the
first sheet, or the one named. Dates become ISO dates; whole numbers lose their '.0'."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from orgdocs.limits import DEFAULT_LIMITS, Limits
from orgdocs.problems import Location, Problem
from orgdocs.source.table import Table, TableError, cell_text


def _text(value: object) -> str | None:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return cell_text(value)


def read_xlsx(path: Path, file: str, sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    try:
        import openpyxl
    except ImportError:  # a dependency; missing only in a broken install
        raise TableError([Problem("reading .xlsx needs openpyxl (pip install openpyxl)", Location(file),
                                  code="unreadable")]) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise TableError([Problem(f"not a readable .xlsx workbook: {exc}", Location(file),
                                  code="unreadable")]) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TableError([Problem(f"no sheet {sheet!r}; the sheets are {', '.join(book.sheetnames)}",
                                      Location(file), code="bad-option")])
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        columns: list[str] = []
        rows: list[list[str | None]] = []
        lines: list[int] = []
        for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
            if number == 1:
                columns = [_text(v) or "" for v in values]
                while columns and not columns[-1]:
                    columns.pop()
                if len(columns) > limits.max_table_columns:
                    break
                continue
            if len(rows) > limits.max_table_rows:
                break
            cells = [_text(v) for v in values[: len(columns)]]
            if not any(cells):
                continue
            rows.append(cells + [None] * (len(columns) - len(cells)))
            lines.append(number)
    finally:
        book.close()
    if not columns:
        raise TableError([Problem("the sheet is empty: no header row", Location(file), code="empty-table")])
    return Table(file, columns, rows, lines, "xlsx", [f"read as XLSX: sheet {ws.title!r}"])
