"""What each audience may see of an org: its rules (the built-in ones, or the org's own `audiences:`), and the
numbers and check findings filtered by them. Every output is made from data filtered here, not by templates."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from orgdocs.analyse.summary import Numbers
from orgdocs.model import Org
from orgdocs.model.audiences import AUDIENCE_NAMES, BUILTIN, FIELD_CLASSES
from orgdocs.model.check_codes import PAY_CHECKS
from orgdocs.problems import Problem

HR = "hr"


@dataclass(frozen=True)
class AudienceRules:
    name: str
    sees: frozenset[str]

    @property
    def pay(self) -> bool:
        return "pay" in self.sees

    @property
    def names(self) -> bool:
        return "names" in self.sees

    @property
    def personal(self) -> bool:
        """Holders' emails, employee ids and hire dates: for hr alone (its roster export re-imports by them); no
        document needs them, and every other audience sees at most the name."""
        return self.names and self.name == HR

    @property
    def budgets(self) -> bool:
        return "budgets" in self.sees

    @property
    def assessments(self) -> bool:
        return "assessments" in self.sees

    @property
    def hr_text(self) -> bool:
        """Sections marked `audience: hr` are for the hr audience alone, whatever it may otherwise see."""
        return self.name == HR

    def withheld(self) -> list[str]:
        """The field classes this audience does not see, in a fixed order (hr-only text counts as one)."""
        return [c for c in FIELD_CLASSES if c not in self.sees] + ([] if self.hr_text else ["hr-text"])


def audience_rules(org: Org | None, name: str) -> AudienceRules:
    """The rules of audience `name` for this org: its own `audiences:` entry, else the built-in one."""
    if name not in AUDIENCE_NAMES:
        raise ValueError(f"unknown audience {name!r}")
    own = org.audiences.get(name) if org is not None else None
    return AudienceRules(name, frozenset(own.sees) if own is not None else BUILTIN[name])


def _rules(org: Org | None, audience: str | AudienceRules) -> AudienceRules:
    return audience if isinstance(audience, AudienceRules) else audience_rules(org, audience)


def numbers_for(counted: Numbers, audience: str | AudienceRules, org: Org | None = None) -> Numbers:
    """The numbers as `audience` may see them: no payroll estimate without pay, no budgets without budgets."""
    rules = _rules(org, audience)
    if not rules.pay:
        counted = counted.without_pay()
    if not rules.budgets:
        declared = dataclasses.replace(counted.declared, budget=None, budget_period=None)
        counted = dataclasses.replace(counted, budgets=[], declared=declared)
    return counted


def findings_for(findings: list[Problem], audience: str | AudienceRules, org: Org | None = None) -> list[Problem]:
    """The findings `audience` may see: without the pay checks (PAY_CHECKS) unless it sees pay."""
    rules = _rules(org, audience)
    return list(findings) if rules.pay else [p for p in findings if p.code not in PAY_CHECKS]
