"""`orgdocs init`: a new org folder for a company stage: org.yaml (a starter catalog, structure and policies),
README.md (what to edit next) and org.schema.json (for the editor). Only into a folder that does not exist or
is empty (anything else exits 3, nothing written); the files are written all together or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.errors import OutputError, UsageError


@dataclass(frozen=True)
class Options:
    dir: Path
    stage: str = "seed"
    name: str | None = None
    quiet: bool = False


def run(options: Options) -> Result:
    from orgdocs.outputs.starter import MAX_NAME, STAGES, starter_files
    from orgdocs.schema import schema_text
    from orgdocs.source.guards import bad_character
    from orgdocs.write import write_all

    if options.stage not in STAGES:
        raise UsageError(f"--stage {options.stage!r}: choose one of {', '.join(STAGES)}")
    name = (options.name if options.name is not None else options.dir.resolve().name).strip()
    bad = next((what for ch in name if (what := bad_character(ch)) or ch in "\r\n\t"), None) if name else None
    if not name or len(name) > MAX_NAME or bad or "\n" in name or "\t" in name:
        raise UsageError(f"--name must be one line of 1 to {MAX_NAME} characters without control characters")
    folder = options.dir
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"cannot create the org in {folder}: it is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise OutputError(f"{folder} is not empty: orgdocs init writes a new org into a new or empty folder "
                          f"only, and changes nothing that is already there")
    files = starter_files(name, options.stage, str(options.dir), schema_text())
    return Result().wrote(write_all(folder, files))
