"""`orgdocs schema`: the JSON Schema of the org format."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.commands.result import Result


@dataclass(frozen=True)
class Options:
    pass


def run(options: Options) -> Result:
    from orgdocs.schema import schema_text

    return Result(stdout=schema_text())
