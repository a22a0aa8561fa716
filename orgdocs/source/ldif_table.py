"""LDAP directory exports (LDIF, RFC 2849: what `ldapsearch -LLL` prints) as a table: one row per person entry,
a `dn` column and one column per attribute. Folded lines (a line starting with one space continues the one before)
are joined, `attr:: base64` values decoded, comments skipped; an attribute given several times keeps its values
joined by ';'. Entries that are not people (an objectClass without person, inetOrgPerson, organizationalPerson
or user: the `ou=people` container itself) are left out and counted in a note.

Each cell keeps the line its attribute starts on, so a problem names `file:line:1 (attribute)`. Change records
(`changetype:`) and values read from a URL (`attr:< file:///...`) are refused with their line."""

from __future__ import annotations

import base64
import binascii
import re

from orgdocs.limits import DEFAULT_LIMITS, Limits
from orgdocs.problems import Location, Problem
from orgdocs.source.csv_table import decode
from orgdocs.source.table import Table, TableError, cell_text

PEOPLE = {"person", "inetorgperson", "organizationalperson", "user", "posixaccount"}
_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*|[0-9.]+)((?:;[A-Za-z0-9-]+)*)(:<|::|:)\s?(.*)$")


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) with folded lines joined; a blank line as ''; comments dropped."""
    out: list[tuple[int, str]] = []
    comment = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(" ") and out is not None and (comment or (out and out[-1][1])):
            if not comment:
                out[-1] = (out[-1][0], out[-1][1] + line[1:])
            continue
        comment = line.startswith("#")
        if not comment:
            out.append((number, line.rstrip("\r")))
    return out


def read_ldif(data: bytes, file: str, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    text, _ = decode(data, file, encoding)
    problems: list[Problem] = []
    entries: list[list[tuple[int, str, str]]] = []  # (line, attribute, value)
    current: list[tuple[int, str, str]] = []
    for number, line in _logical_lines(text.lstrip("\ufeff")) + [(0, "")]:
        if not line.strip():
            if current:
                entries.append(current)
                current = []
            continue
        m = _LINE.match(line)
        if not m:
            problems.append(Problem("not an LDIF line (write attribute: value)", Location(file, number, 1),
                                    code="ldif-syntax"))
            continue
        name, sep, value = m.group(1), m.group(3), m.group(4)
        if not current and name.lower() == "version":
            continue
        if not current and name.lower() != "dn":
            problems.append(Problem(f"an entry starts with dn:, not {name}:", Location(file, number, 1),
                                    code="ldif-syntax"))
            current = [(number, "dn", "")]  # read the rest of the entry, to report what else is wrong
        if sep == ":<":
            problems.append(Problem(f"{name}: a value read from a URL is not read; put the value in the file",
                                    Location(file, number, 1), code="ldif-url"))
            continue
        if name.lower() == "changetype":
            problems.append(Problem("a change record (changetype:) is not a directory entry; export the entries "
                                    "(ldapsearch output)", Location(file, number, 1), code="ldif-change"))
            continue
        if sep == "::":
            try:
                value = base64.b64decode(value.strip(), validate=True).decode("utf-8")
            except (binascii.Error, ValueError):
                problems.append(Problem(f"{name}:: is not base64 of UTF-8 text", Location(file, number, 1),
                                        code="ldif-base64"))
                continue
        current.append((number, name, value))
    if problems:
        raise TableError(problems)
    return _table(entries, file, limits)


def _table(entries: list[list[tuple[int, str, str]]], file: str, limits: Limits) -> Table:
    columns: dict[str, int] = {}  # attribute, as first spelled, by its lower-case name
    names: list[str] = []
    people = []
    skipped = 0
    for entry in entries:
        classes = {v.lower() for _, n, v in entry if n.lower() == "objectclass"}
        if classes and not classes & PEOPLE:
            skipped += 1
            continue
        people.append(entry)
        for _, name, _ in entry:
            if name.lower() != "objectclass" and name.lower() not in columns:
                columns[name.lower()] = len(names)
                names.append(name)
        if len(people) > limits.max_table_rows:
            raise TableError([Problem(f"over {limits.max_table_rows:,} entries", Location(file),
                                      code="too-many-rows")])
    rows, lines, cell_lines = [], [], []
    for entry in people:
        row: list[str | None] = [None] * len(names)
        at: dict[int, int] = {}
        for number, name, value in entry:
            i = columns.get(name.lower())
            if i is None:
                continue
            text = cell_text(value)
            if text is not None:
                row[i] = text if row[i] is None else f"{row[i]};{text}"
            at.setdefault(i, number)
        rows.append(row)
        lines.append(entry[0][0])
        cell_lines.append(at)
    left = f" ({skipped} {'entry' if skipped == 1 else 'entries'} that are not people left out)" if skipped else ""
    notes = [f"read as LDIF: {len(people)} people{left}"]
    return Table(file, names, rows, lines, "ldif", notes, cell_lines)
