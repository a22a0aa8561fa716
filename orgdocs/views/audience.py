"""What each audience may see of an org's numbers and check findings: all-hands sees no pay (no payroll
estimate, no findings that quote band amounts or the payroll); hr sees them whole."""

from __future__ import annotations

from orgdocs.analyse.summary import Numbers
from orgdocs.model.check_codes import PAY_CHECKS
from orgdocs.problems import Problem

HR = "hr"


def numbers_for(counted: Numbers, audience: str) -> Numbers:
    """The numbers as `audience` may see them: without the payroll estimate unless it is hr."""
    return counted if audience == HR else counted.without_pay()


def findings_for(findings: list[Problem], audience: str) -> list[Problem]:
    """The findings `audience` may see: without the pay checks (PAY_CHECKS) unless it is hr."""
    return list(findings) if audience == HR else [p for p in findings if p.code not in PAY_CHECKS]


def pay_findings(findings: list[Problem]) -> list[Problem]:
    return [p for p in findings if p.code in PAY_CHECKS]
