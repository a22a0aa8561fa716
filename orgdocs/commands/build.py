"""`orgdocs build`: everything for every org, one tree per audience (OUT_DIR/<audience>/<org>/), all or
nothing; each tree is scanned with its audience's rules before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import NoProgress, Progress, Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE
from orgdocs.errors import EXIT_FINDINGS


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    out_dir: Path | None = None
    audience: str = DEFAULT_AUDIENCE  # or "all": every audience's tree
    strict: bool = False
    templates: Path | None = None
    jobs: int = 2
    quiet: bool = False


def run(options: Options, progress: Progress | None = None) -> Result:
    from orgdocs.commands import steps
    from orgdocs.outputs.build import Counts, build_loaded
    from orgdocs.outputs.plan import DEFAULT_OUT_DIR, build_audiences

    progress = progress or NoProgress()
    items = steps.load(list(options.orgs))
    warnings: list[str] = []
    audiences = build_audiences(options.audience)
    progress.start(len(items) * len(audiences))
    counts = Counts()
    built = build_loaded(items, options.out_dir or DEFAULT_OUT_DIR, audiences=audiences, templates=options.templates,
                         workers=options.jobs, progress=progress.step, warn=warnings.append, counts=counts)
    result = Result(messages=warnings)
    for b in built:
        result.info.append(f"{b.org_id}: {steps.summary_line(b.findings)}, {len(b.files)} files → {b.folder}")
        result.notes += [f"note: {b.org_id}/{note}" for note in b.notes]
        result.written += b.files
        if any(p.severity == "error" or (options.strict and p.severity == "warning") for p in b.findings):
            result.exit_code = EXIT_FINDINGS
    result.info.append(f"{counts.rendered + counts.reused} files: {counts.rendered} rendered, {counts.reused} reused, "
                       f"{counts.written} written → {options.out_dir or DEFAULT_OUT_DIR}")
    return result
