"""`orgdocs export`: one org's roster (CSV, XLSX, JSON: the columns `orgdocs import` reads back) or its structure
in the W3C Organization Ontology (JSON-LD), to standard output (text formats) or a file (-o; XLSX needs one).

Pay columns only for an audience that sees pay (hr); names only for one that sees names (not public). What it
writes is scanned for what its audience may not see before it is written (exit 5)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE, EXPORT_FORMATS, target
from orgdocs.errors import UsageError

# an absolute IRI (a scheme, then characters an IRI may hold unescaped); it should end in / # or :
_BASE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*[/#:]")


@dataclass(frozen=True)
class Options:
    org: str
    output: Path | None = None
    format: str | None = None
    audience: str = DEFAULT_AUDIENCE
    per: str = "person"
    base: str | None = None
    quiet: bool = False


def run(options: Options) -> Result:
    where = target(options.output, options.format, EXPORT_FORMATS, default="csv")
    if options.base is not None and not _BASE.fullmatch(options.base):
        raise UsageError(f"--base {options.base!r} is not an absolute IRI ending in /, # or : "
                         "(e.g. https://example.org/org/)")
    from orgdocs.commands import deliver, steps
    from orgdocs.outputs.public import check_export
    from orgdocs.render import roster as render
    from orgdocs.views.roster import roster

    item = steps.load_one(options.org)
    if where.format == "jsonld":
        from orgdocs.render import strict_json
        from orgdocs.views.linked import linked

        original = steps.load_one(str(item.located.extends)) if item.located.extends else None
        text = strict_json.dumps(linked(item, options.audience, options.base, original), "graph")
        check_export(item, "export.jsonld", text, options.audience)
        return deliver.deliver(where, text.encode())
    rows = roster(item, options.audience, options.per)
    if where.format == "json":
        text = render.json_text(rows)
        check_export(item, "roster.json", text, options.audience)
        return deliver.deliver(where, text.encode())
    text = render.csv_text(rows)
    check_export(item, "roster.csv", text, options.audience)  # an XLSX holds the same cells
    if where.format == "xlsx":
        return deliver.deliver(where, render.xlsx_bytes(rows, item.org.org.name, item.org.org.as_of))
    return deliver.deliver(where, text.encode())
