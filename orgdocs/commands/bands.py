"""`orgdocs bands`: the pay band document and range chart, into OUT_DIR/<org>/hr/. Pay is for HR only, so
the command asks for --audience hr rather than assuming it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE
from orgdocs.errors import UsageError


@dataclass(frozen=True)
class Options:
    org: str
    out_dir: Path | None = None
    audience: str = DEFAULT_AUDIENCE
    templates: Path | None = None
    quiet: bool = False


def run(options: Options) -> Result:
    if options.audience != "hr":
        raise UsageError("pay bands are pay data, for HR only: give --audience hr")
    from orgdocs.commands import steps
    from orgdocs.outputs.build import documents
    from orgdocs.outputs.documents import DocOptions
    from orgdocs.outputs.plan import audience_prefix, org_folder
    from orgdocs.write import write_all

    item = steps.load_one(options.org)
    docs = documents(item, DocOptions(audience="hr", templates=options.templates), steps.check(item))
    files = docs.band_files(prefix=audience_prefix(options.audience))
    return Result().wrote(write_all(org_folder(options.out_dir, item.id), files))
