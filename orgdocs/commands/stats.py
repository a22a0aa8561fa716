"""`orgdocs stats`: each org's numbers as a text table, JSON (a list, one entry per org) or tidy CSV. For
all-hands (the default) headcount, not payroll: the payroll estimate is shown with --audience hr."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import DEFAULT_AUDIENCE, STATS_FORMATS, target
from orgdocs.errors import OrgdocsError


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    output: Path | None = None
    format: str | None = None
    audience: str = DEFAULT_AUDIENCE


def run(options: Options) -> Result:
    from orgdocs.collector import collector_paused

    with collector_paused():  # reading and counting make long-lived objects only: see orgdocs/collector.py
        return _run(options)


def _run(options: Options) -> Result:
    where = target(options.output, options.format, STATS_FORMATS, default="text")
    from orgdocs.commands import deliver, steps
    from orgdocs.render import stats_csv, stats_text, strict_json
    from orgdocs.views.audience import numbers_for

    try:
        numbers = [numbers_for(steps.org_stats(item), options.audience, item.org)
                   for item in steps.load(list(options.orgs))]
        if where.format == "json":
            text = strict_json.dumps(numbers, "stats")
        elif where.format == "csv":
            text = stats_csv.render(numbers)
        else:
            text = "\n".join(stats_text.render(s) for s in numbers)
    except OrgdocsError as exc:
        return deliver.failed(exc, where)
    return deliver.deliver(where, text.encode())
