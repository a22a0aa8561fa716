"""What every check shares: the registry of codes, and turning findings into located problems."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.analyse.summary import Analysis
from orgdocs.model.check_codes import CHECKS
from orgdocs.problems import Problem
from orgdocs.source.located import Located


@dataclass(frozen=True)
class Finding:
    code: str
    message: str
    path: tuple
    key: bool = False  # point at the key (a role's id) rather than its value
    severity: str | None = None  # a rule's own `severity:` (ratios, coverage, capacity), else the code's default


class Reporter:
    def __init__(self, analysis: Analysis, located: Located):
        self.analysis = analysis
        self.located = located
        self.findings: list[Finding] = []

    def position_path(self, pid: str, *rest: str) -> tuple:
        return ("positions", self.analysis.tree.nodes[pid].index, *rest)

    def add(self, code: str, message: str, path: tuple, *, key: bool = False, severity: str | None = None) -> None:
        self.findings.append(Finding(code, message, path, key, severity))

    def problems(self) -> list[Problem]:
        overrides = self.analysis.org.policies.checks
        out = []
        for f in self.findings:
            # policies.checks tunes a code org-wide, so it wins over one rule's own severity
            severity = overrides.get(f.code, f.severity or CHECKS[f.code][0])
            if severity == "off":
                continue
            out.append(Problem(f.message, self.located.where(f.path, key=f.key), severity=severity, code=f.code))
        return sorted(out, key=Problem.sort_key)


def plural(n: float, word: str) -> str:
    n_text = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{n_text} {word}" + ("" if n == 1 else "s")
