"""`orgdocs roles`: a page and a PDF per role and a role handbook, into OUT_DIR/<org>/roles/ (all-hands) or
OUT_DIR/<org>/hr/roles/ (hr: with pay)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE


@dataclass(frozen=True)
class Options:
    org: str
    out_dir: Path | None = None
    audience: str = DEFAULT_AUDIENCE
    templates: Path | None = None
    no_handbook: bool = False
    jobs: int = 2
    quiet: bool = False


def run(options: Options) -> Result:
    from orgdocs.commands import steps
    from orgdocs.outputs.build import documents
    from orgdocs.outputs.documents import DocOptions
    from orgdocs.outputs.plan import audience_prefix, org_folder
    from orgdocs.outputs.public import check_public
    from orgdocs.write import write_all

    item = steps.load_one(options.org)
    docs = documents(item, DocOptions(audience=options.audience, templates=options.templates))
    files = docs.role_files(handbook=not options.no_handbook, prefix=audience_prefix(options.audience),
                            workers=options.jobs)
    check_public(item, files, options.audience)  # exit 5 when a page shows what its audience may not see
    return Result().wrote(write_all(org_folder(options.out_dir, item.id), files))
