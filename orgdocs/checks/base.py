"""What every check shares: the registry of codes, and turning findings into located problems: severities from
`policies.checks`, and findings the org accepts as intended (`policies.accept`) listed apart with their reason."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from orgdocs.analyse.summary import Analysis
from orgdocs.model.check_codes import CHECKS
from orgdocs.problems import Location, Problem
from orgdocs.source.located import Located


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    path: tuple
    subject: str  # the id the finding is about (band, position, role, unit...): what `policies.accept` names
    key: bool = False  # point at the key (a role's id) rather than its value
    related: tuple[tuple, ...] = ()  # other places worth a look (paths)
    at: Location | None = None  # where it is, when that is not a path in the org (a variant's change)
    severity: str | None = None  # a rule's own `severity:` (ratios, coverage, capacity), else the code's default


class Reporter:
    def __init__(self, analysis: Analysis, located: Located):
        self.analysis = analysis
        self.located = located
        self.findings: list[Finding] = []

    def position_path(self, pid: str, *rest: str) -> tuple:
        return ("positions", self.analysis.tree.nodes[pid].index, *rest)

    def add(self, code: str, message: str, path: tuple, *, subject: str, key: bool = False,
            related: tuple[tuple, ...] = (), at: Location | None = None, severity: str | None = None) -> None:
        self.findings.append(Finding(code, message, path, subject, key, related, at, severity))

    def problems(self) -> list[Problem]:
        overrides = self.analysis.org.policies.checks
        accepts = self.analysis.org.policies.accept
        used = [False] * len(accepts)
        out = []
        for f in self.findings:
            # policies.checks tunes a code org-wide, so it wins over one rule's own severity
            severity = overrides.get(f.code, f.severity or CHECKS[f.code][0])
            taken = next((i for i, acc in enumerate(accepts) if (acc.check, acc.subject) == (f.code, f.subject)),
                         None)
            if taken is not None:
                used[taken] = True
            if severity == "off":
                continue
            where = f.at or self.located.where(f.path, key=f.key)
            problem = Problem(f.message, where, severity=severity, code=f.code,
                              related=tuple(self.located.where(p) for p in f.related), subject=f.subject)
            if taken is not None:
                problem = dataclasses.replace(problem, severity="accepted", reason=accepts[taken].reason,
                                              accepted_at=self.located.where(("policies", "accept", taken)))
            out.append(problem)
        for i, acc in enumerate(accepts):
            if not used[i] and overrides.get("accept-unused", CHECKS["accept-unused"][0]) != "off":
                out.append(Problem(f"no {acc.check} finding about {acc.subject!r} to accept (fixed since, or "
                                   "the subject is not the one `check --json` gives)",
                                   self.located.where(("policies", "accept", i)),
                                   severity=overrides.get("accept-unused", CHECKS["accept-unused"][0]),
                                   code="accept-unused", subject=acc.subject))
        return sorted(out, key=Problem.sort_key)


def plural(n: float, word: str) -> str:
    n_text = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{n_text} {word}" + ("" if n == 1 else "s")
