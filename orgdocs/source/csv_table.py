"""CSV exports: the encoding (a byte-order mark, else UTF-8, else Windows-1252, or as given) and the delimiter
(, ; tab or |, whichever the header line has most of) are detected; each row keeps the line it starts on."""

from __future__ import annotations

import codecs
import csv
import io

from orgdocs.limits import DEFAULT_LIMITS, Limits
from orgdocs.problems import Location, Problem
from orgdocs.source.table import Table, TableError, cell_text

DELIMITERS = (",", ";", "\t", "|")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, file: str, encoding: str | None = None) -> tuple[str, str]:
    """The text and the encoding it was read with."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise TableError([Problem(f"unknown encoding {encoding!r} (e.g. utf-8, utf-16, cp1252, latin-1)",
                                      Location(file), code="bad-encoding")]) from None
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise TableError([Problem(f"byte {exc.start + 1:,} is not {encoding}: {exc.reason}", Location(file),
                                      code="bad-encoding")]) from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise TableError([Problem(f"starts with a {name} byte-order mark but byte {exc.start + 1:,} is "
                                          f"not {name}", Location(file), code="bad-encoding")]) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise TableError([Problem(f"neither UTF-8 nor Windows-1252 (byte {exc.start + 1:,}); give --encoding",
                                  Location(file), code="bad-encoding")]) from None


def sniff(first_line: str) -> str:
    """The delimiter the header line uses most (outside quotes); a comma when it has none."""
    counts = {d: 0 for d in DELIMITERS}
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, file: str, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    text, used = decode(data, file, encoding)
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = sniff(first)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise TableError([Problem("the file is empty: no header row", Location(file), code="empty-table")]) from None
    columns = [(c or "").strip() for c in header]
    width = len(columns)
    rows: list[list[str | None]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    start = reader.line_num + 1
    try:
        for raw in reader:
            if len(rows) > limits.max_table_rows:
                break
            here = start
            start = reader.line_num + 1
            if not any(v.strip() for v in raw):
                continue  # a blank line
            if len(raw) > width:
                extra = [v for v in raw[width:] if v.strip()]
                if extra:
                    problems.append(Problem(f"{len(raw)} cells but the header has {width} columns",
                                            Location(file, here, width + 1), code="ragged-row"))
                raw = raw[:width]
            rows.append([cell_text(v) for v in raw] + [None] * (width - len(raw)))
            lines.append(here)
    except csv.Error as exc:
        problems.append(Problem(f"CSV syntax: {exc}", Location(file, reader.line_num, 1), code="csv-syntax"))
    if problems:
        raise TableError(problems)
    name = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}[delimiter]
    return Table(file, columns, rows, lines, "csv", [f"read as CSV: {used}, {name}-separated"])
