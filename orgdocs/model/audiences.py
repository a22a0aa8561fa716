"""Who an org's documents are for: the three built-in audiences and the classes of fields each may see, which an
org may override in its `audiences:` section."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from orgdocs.model.common import Strict

AudienceName = Literal["hr", "all-hands", "public"]
FieldClass = Literal["pay", "names", "budgets", "assessments"]

AUDIENCE_NAMES: tuple[str, ...] = ("hr", "all-hands", "public")
FIELD_CLASSES: tuple[str, ...] = ("pay", "names", "budgets", "assessments")

# pay: bands, zones, salaries, incentive amounts, pay mix amounts, payroll, cost by unit, compa-ratios, band
# findings; names: holders' names; budgets: org budgets and the declared budget; assessments: competency ratings
BUILTIN: dict[str, frozenset[str]] = {
    "hr": frozenset(FIELD_CLASSES),
    "all-hands": frozenset({"names", "assessments"}),
    "public": frozenset(),
}


class AudienceRule(Strict):
    """What one audience may see, replacing the built-in rule for it."""

    sees: list[FieldClass] = Field(description="The classes of fields this audience may see: pay, names, budgets, "
                                               "assessments (an empty list: none of them).")


Audiences = dict[AudienceName, AudienceRule]
