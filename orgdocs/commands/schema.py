"""`orgdocs schema`: the JSON Schema of the org format, or (-f md) the readable reference, docs/format.md."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.commands.result import Result


@dataclass(frozen=True)
class Options:
    format: str | None = None  # json (the default) or md (Markdown)


def run(options: Options) -> Result:
    if options.format == "md":
        from orgdocs.schema.reference import reference_text

        return Result(stdout=reference_text())
    from orgdocs.schema import schema_text

    return Result(stdout=schema_text())
