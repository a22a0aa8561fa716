"""`orgdocs check`: the findings of every org, as text or JSON; exit 1 on errors (or warnings, when strict)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import CHECK_FORMATS, target
from orgdocs.errors import EXIT_FINDINGS, OrgdocsError


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    output: Path | None = None
    format: str | None = None
    strict: bool = False


def run(options: Options) -> Result:
    where = target(options.output, options.format, CHECK_FORMATS, default="text")
    from orgdocs.commands import deliver, steps
    from orgdocs.render import strict_json

    lines, reports, failed = [], [], False
    try:
        for item in steps.load(list(options.orgs)):
            findings = steps.check(item)
            reports.append(steps.check_report(item, findings))
            failed |= any(p.severity == "error" or (options.strict and p.severity == "warning") for p in findings)
            lines += [f"{item.id}: {steps.summary_line(findings)}"] + [f"  {p.format()}" for p in findings]
        text = strict_json.dumps(reports, "check") if where.format == "json" else "".join(f"{x}\n" for x in lines)
    except OrgdocsError as exc:
        return deliver.failed(exc, where)
    result = deliver.deliver(where, text.encode())
    result.exit_code = EXIT_FINDINGS if failed else 0
    return result
