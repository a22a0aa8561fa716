"""JSON exports as a table: a list of records, a SCIM 2.0 ListResponse (`Resources`) or a Microsoft Graph
response (`value`). Nested objects become dotted column names (`name.givenName`,
`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User.manager.value`, `manager.id`); a list of objects
(SCIM `emails`) gives its primary item, else its first; a list of plain values is joined with ';'. A cell's row
is its record's number (1 for the first record)."""

from __future__ import annotations

import json

from orgdocs.limits import DEFAULT_LIMITS, Limits
from orgdocs.problems import Location, Problem
from orgdocs.source.csv_table import decode
from orgdocs.source.table import Table, TableError, cell_text

_MAX_NESTING = 8


def _flatten(value: object, prefix: str, out: dict[str, str | None], depth: int = 0) -> None:
    if depth > _MAX_NESTING:
        return
    if isinstance(value, dict):
        for key, sub in value.items():
            _flatten(sub, f"{prefix}.{key}" if prefix else str(key), out, depth + 1)
    elif isinstance(value, list):
        if value and all(isinstance(v, dict) for v in value):
            primary = next((v for v in value if v.get("primary") is True), value[0])
            _flatten(primary, prefix, out, depth + 1)
        else:
            out[prefix] = ";".join(str(v) for v in value if v is not None and not isinstance(v, (dict, list)))
    elif isinstance(value, bool):
        out[prefix] = "true" if value else "false"
    elif value is not None:
        out[prefix] = str(value)


def records_of(doc: object) -> tuple[list | None, str]:
    """The records a document holds and what kind of document it is."""
    if isinstance(doc, list):
        return doc, "a list of records"
    if isinstance(doc, dict):
        if isinstance(doc.get("Resources"), list):
            return doc["Resources"], "a SCIM ListResponse"
        if isinstance(doc.get("value"), list):
            return doc["value"], "a Microsoft Graph response"
    return None, ""


def read_json(data: bytes, file: str, encoding: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    text, _ = decode(data, file, encoding)
    try:
        doc = json.loads(text.lstrip("\ufeff"))
    except json.JSONDecodeError as exc:
        raise TableError([Problem(f"JSON syntax: {exc.msg}", Location(file, exc.lineno, exc.colno),
                                  code="json-syntax")]) from None
    except RecursionError:
        raise TableError([Problem("JSON nested too deeply", Location(file), code="json-syntax")]) from None
    records, kind = records_of(doc)
    if records is None:
        raise TableError([Problem("expected a list of records, a SCIM ListResponse ({\"Resources\": [...]}) or a "
                                  "Microsoft Graph response ({\"value\": [...]})", Location(file),
                                  code="json-shape")])
    if len(records) > limits.max_table_rows:
        raise TableError([Problem(f"{len(records):,} records; the limit is {limits.max_table_rows:,}",
                                  Location(file), code="too-many-rows")])
    flat: list[dict[str, str | None]] = []
    problems = []
    for i, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(f"record {i} is not an object", Location(file, i, 1), code="json-shape"))
            continue
        out: dict[str, str | None] = {}
        _flatten(record, "", out)
        flat.append(out)
    if problems:
        raise TableError(problems)
    columns = list(dict.fromkeys(k for rec in flat for k in rec))
    if len(columns) > limits.max_table_columns:
        raise TableError([Problem(f"{len(columns):,} different fields; the limit is {limits.max_table_columns:,}",
                                  Location(file), code="too-many-columns")])
    rows = [[cell_text(rec.get(c)) for c in columns] for rec in flat]
    return Table(file, columns, rows, list(range(1, len(rows) + 1)), "json", [f"read as JSON: {kind}"])
