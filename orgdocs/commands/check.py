"""`orgdocs check`: the findings of every org, as text or JSON; exit 1 on errors (or warnings, when strict).

For all-hands (the default) the findings that quote pay (PAY_CHECKS: band amounts, the payroll estimate) are
left out and counted in a note; --audience hr shows them. The exit code counts every finding, shown or not:
an org's problems do not depend on who reads about them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from orgdocs.commands.result import Result
from orgdocs.commands.vocabulary import CHECK_FORMATS, DEFAULT_AUDIENCE, target
from orgdocs.errors import EXIT_FINDINGS, OrgdocsError


@dataclass(frozen=True)
class Options:
    orgs: tuple[str, ...]
    output: Path | None = None
    format: str | None = None
    strict: bool = False
    audience: str = DEFAULT_AUDIENCE


def run(options: Options) -> Result:
    from orgdocs.collector import collector_paused

    with collector_paused():  # reading and checking make long-lived objects only: see orgdocs/collector.py
        return _run(options)


def _run(options: Options) -> Result:
    where = target(options.output, options.format, CHECK_FORMATS, default="text")
    from orgdocs.commands import deliver, steps
    from orgdocs.render import strict_json
    from orgdocs.views.audience import findings_for

    lines, reports, failed, notes = [], [], False, []
    try:
        for item in steps.load(list(options.orgs)):
            findings = steps.check(item)
            shown = findings_for(findings, options.audience, item.org)
            reports.append(steps.check_report(item, shown))
            failed |= any(p.severity == "error" or (options.strict and p.severity == "warning") for p in findings)
            accepted = [p for p in shown if p.severity == "accepted"]
            lines += [f"{item.id}: {steps.summary_line(shown)}"] + [
                f"  {p.format()}" for p in shown if p.severity != "accepted"]
            # listed, not hidden: an accepted finding is still there, with why it is intended
            lines += ["  Accepted:"] * bool(accepted) + ["    " + p.format().replace("\n", "\n  ") for p in accepted]
            if hidden := len(findings) - len(shown):
                notes.append(f"note: {item.id}: {hidden} finding{'s' if hidden != 1 else ''} about pay left out "
                             f"for {options.audience}; --audience hr shows {'them' if hidden != 1 else 'it'}")
        text = strict_json.dumps(reports, "check") if where.format == "json" else "".join(f"{x}\n" for x in lines)
    except OrgdocsError as exc:
        return deliver.failed(exc, where)
    result = deliver.deliver(where, text.encode())
    result.messages += notes  # on stderr: they can explain an exit code
    result.exit_code = EXIT_FINDINGS if failed else 0
    return result
