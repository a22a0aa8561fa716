"""`orgdocs build`: everything for every org, into OUT_DIR/<org>/, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import NoProgress, Progress, Result
from orgdocs.errors import EXIT_FINDINGS


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    out_dir: Path | None = None
    strict: bool = False
    templates: Path | None = None
    jobs: int = 2
    quiet: bool = False


def run(options: Options, progress: Progress | None = None) -> Result:
    from orgdocs.commands import steps
    from orgdocs.outputs.build import build_loaded
    from orgdocs.outputs.plan import DEFAULT_OUT_DIR

    progress = progress or NoProgress()
    items = steps.load(list(options.orgs))
    warnings: list[str] = []
    progress.start(len(items))
    built = build_loaded(items, options.out_dir or DEFAULT_OUT_DIR, templates=options.templates,
                         workers=options.jobs, progress=progress.step, warn=warnings.append)
    result = Result(messages=warnings)
    for b in built:
        result.info.append(f"{b.org_id}: {steps.summary_line(b.findings)}, {len(b.files)} files → {b.folder}")
        result.notes += [f"note: {b.org_id}/{note}" for note in b.notes]
        result.written += b.files
        if any(p.severity == "error" or (options.strict and p.severity == "warning") for p in b.findings):
            result.exit_code = EXIT_FINDINGS
    return result
