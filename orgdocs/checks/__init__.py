"""`orgdocs check`: located warnings and errors about a valid org (declared vs computed, policies, bands, catalog).

Each check has a code; an org can raise, lower or turn off any of them with `policies.checks`.
"""

from __future__ import annotations

from orgdocs.analyse.summary import Analysis
from orgdocs.checks import bands, catalog, declared, rules, variants
from orgdocs.checks.base import CHECKS, Finding, Reporter
from orgdocs.problems import Problem
from orgdocs.source.located import Located


def run_checks(analysis: Analysis, located: Located) -> list[Problem]:
    reporter = Reporter(analysis, located)
    for module in (declared, rules, bands, catalog, variants):
        module.run(analysis, reporter)
    return reporter.problems()


__all__ = ["CHECKS", "Finding", "run_checks"]
