"""`orgdocs ladder`: the career ladder document and diagram, into OUT_DIR/<org>/."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.errors import InputError


@dataclass(frozen=True)
class Options:
    org: str
    out_dir: Path | None = None
    templates: Path | None = None
    quiet: bool = False


def run(options: Options) -> Result:
    from orgdocs.commands import steps
    from orgdocs.outputs.build import documents
    from orgdocs.outputs.documents import DocOptions
    from orgdocs.outputs.plan import org_folder
    from orgdocs.outputs.public import check_public
    from orgdocs.write import write_all

    item = steps.load_one(options.org)
    if not item.org.ladders:
        raise InputError(f"{item.id} defines no career ladders (add a ladders: section)")
    docs = documents(item, DocOptions(audience="all-hands", templates=options.templates))
    files = docs.ladder_files()
    check_public(item, files)  # ladders are for everyone: exit 5 when one shows pay
    return Result().wrote(write_all(org_folder(options.out_dir, item.id), files))
