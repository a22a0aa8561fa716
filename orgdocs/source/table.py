"""A table read from an HRIS export (CSV, XLSX, JSON): column names, rows of text, and where each cell is.

Cells are kept as text (None when empty) with the row number they were written on, so every problem found in
them later names `file:row:column (Column Name)`. Reading is guarded like the YAML reader: the file's size,
the number of rows and columns, the length of a cell; a path outside the folder it must stay in is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from orgdocs.limits import DEFAULT_LIMITS, Limits
from orgdocs.paths import inside
from orgdocs.problems import Location, Problem

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".json", ".ldif")


@dataclass(frozen=True, order=True)
class CellLocation(Location):
    """A cell: its row (the line or sheet row it starts on; a JSON record's number) and column, and the
    column's name, shown as `file:row:column (Column Name)`."""

    name: str = ""

    def __str__(self) -> str:
        base = Location.__str__(self)
        return f"{base} ({self.name})" if self.name else base


@dataclass
class Table:
    file: str  # as named in messages
    columns: list[str]
    rows: list[list[str | None]]  # as many cells as columns, stripped; None when empty
    lines: list[int]  # where each row starts (1-based, the header is row 1 of a CSV)
    kind: str = "csv"  # csv, xlsx, json, ldif
    notes: list[str] = field(default_factory=list)  # what was detected while reading (encoding, delimiter)
    # LDIF: each row's line per column (an entry's attributes are on lines of their own, at column 1)
    cell_lines: list[dict[int, int]] | None = None

    def at(self, row: int, column: int) -> CellLocation:
        """Where the cell of row index `row` (0-based) and column index `column` (0-based) is."""
        name = self.columns[column] if 0 <= column < len(self.columns) else ""
        if self.cell_lines is not None:
            return CellLocation(self.file, self.cell_lines[row].get(column, self.lines[row]), 1, name)
        return CellLocation(self.file, self.lines[row], column + 1, name)

    def header(self, column: int) -> CellLocation:
        return CellLocation(self.file, 1, column + 1, self.columns[column])


class TableError(Exception):
    """The file cannot be read as a table; carries the located problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(p.format() for p in problems))
        self.problems = problems


def cell_text(value: object, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """A cell as stripped text, None when empty."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = text.strip()
    return text or None


def check_shape(table: Table, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    problems = []
    if len(table.rows) > limits.max_table_rows:
        problems.append(Problem(f"{len(table.rows):,} rows; the limit is {limits.max_table_rows:,}",
                                Location(table.file), code="too-many-rows"))
    if len(table.columns) > limits.max_table_columns:
        problems.append(Problem(f"{len(table.columns):,} columns; the limit is {limits.max_table_columns:,}",
                                Location(table.file), code="too-many-columns"))
    return problems


def check_cells(table: Table, limits: Limits = DEFAULT_LIMITS) -> list[Problem]:
    """Cells over the length limit, and headers named twice or not at all."""
    problems = []
    seen: dict[str, int] = {}
    for i, name in enumerate(table.columns):
        if not name:
            continue
        if name.lower() in seen:
            problems.append(Problem(f"column {name!r} is named twice (first in column {seen[name.lower()] + 1})",
                                    table.header(i), code="duplicate-column"))
        else:
            seen[name.lower()] = i
    for r, row in enumerate(table.rows):
        for c, value in enumerate(row):
            if value is not None and len(value) > limits.max_scalar_chars:
                problems.append(Problem(f"a value of {len(value):,} characters is over the limit of "
                                        f"{limits.max_scalar_chars:,}", table.at(r, c), code="value-too-long"))
    return problems


def open_table(path: Path, *, label: str | None = None, folder: Path | None = None, encoding: str | None = None,
               sheet: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """Read the export at `path` by its suffix; `folder`: the folder it must resolve inside, if any.
    Raises TableError with every problem found."""
    label = label or str(path)
    if folder is not None and not inside(folder, path):
        raise TableError([Problem(f"resolves outside {folder}; it was not read", Location(label),
                                  code="outside-folder")])
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise TableError([Problem(f"cannot tell the format from {path.name!r}: name a .csv, .tsv, .txt, .xlsx, "
                                  ".json or .ldif file", Location(label), code="unknown-format")])
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise TableError([Problem(f"cannot read file: {exc.strerror or exc}", Location(label),
                                  code="unreadable")]) from None
    if size > limits.max_table_bytes:  # checked before reading, so a huge file is never loaded
        raise TableError([Problem(f"file is {size:,} bytes; the limit is {limits.max_table_bytes:,}",
                                  Location(label), code="file-too-large")])
    if sheet is not None and suffix != ".xlsx":
        raise TableError([Problem("--sheet names a sheet of an .xlsx file", Location(label), code="bad-option")])
    try:
        if suffix == ".xlsx":
            from orgdocs.source.xlsx_table import read_xlsx

            table = read_xlsx(path, label, sheet, limits)
        else:
            data = path.read_bytes()
            if suffix == ".json":
                from orgdocs.source.json_table import read_json

                table = read_json(data, label, encoding, limits)
            elif suffix == ".ldif":
                from orgdocs.source.ldif_table import read_ldif

                table = read_ldif(data, label, encoding, limits)
            else:
                from orgdocs.source.csv_table import read_csv

                table = read_csv(data, label, encoding, limits)
    except OSError as exc:
        raise TableError([Problem(f"cannot read file: {exc.strerror or exc}", Location(label),
                                  code="unreadable")]) from None
    problems = check_shape(table, limits) or check_cells(table, limits)
    if problems:
        raise TableError(problems)
    return table
