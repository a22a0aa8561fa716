"""`orgdocs compare`: what changes from each variant to the next, as a text summary, Markdown, JSON, a composite
SVG of the charts, or an HTML or PDF report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import COMPARE_FORMATS, DEFAULT_AUDIENCE, target
from orgdocs.errors import OrgdocsError, UsageError


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    output: Path | None = None
    format: str | None = None
    templates: Path | None = None
    audience: str = DEFAULT_AUDIENCE
    quiet: bool = False


def run(options: Options) -> Result:
    where = target(options.output, options.format, COMPARE_FORMATS, default="text")
    from orgdocs.commands import deliver, steps
    from orgdocs.outputs.build import comparison_bytes
    from orgdocs.render.comparison import text_summary

    try:
        items = steps.load(list(options.orgs))
        if len(items) < 2:
            raise UsageError("compare needs at least two orgs (or a folder of variants)")
        comparison = steps.comparison(items, options.audience)
        if where.format == "text":
            data = text_summary(comparison).encode()
        else:
            data = comparison_bytes(comparison, where.format, options.templates)
    except OrgdocsError as exc:
        return deliver.failed(exc, where)
    return deliver.deliver(where, data)
