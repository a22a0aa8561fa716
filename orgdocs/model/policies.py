"""Rules the org is checked against: span, layers, ratios, coverage, capacity formulas, segmentation."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from orgdocs.model.common import ClosedRangeLike, Id, Money, Name, Range, RangeLike, Selector, Strict, Text
from orgdocs.model.formula import FormulaError, parse_expression

Severity = Literal["error", "warning", "off"]


def positive(value: Range) -> Range:
    """Ratios are divided by: a range that reaches 0 would make every check divide by zero."""
    if value.min <= 0:
        raise ValueError(f"must be more than 0, got {value}")
    return value


class Ratio(Strict):
    """'1 CS Ops per 5-8 CSMs': each numerator position supports `per` denominator positions."""

    name: Name
    numerator: Selector
    denominator: Selector
    per: ClosedRangeLike = Field(description="Denominator seats per numerator seat, e.g. 5-8 (both ends: the "
                                "upper one sets how few numerator seats are enough).")
    severity: Literal["error", "warning"] = "warning"
    note: Text | None = None

    @field_validator("per")
    @classmethod
    def _positive(cls, value: Range) -> Range:
        return positive(value)


class Coverage(Strict):
    """Accounts per position, e.g. Enterprise CSM 1:10-20 accounts."""

    name: Name
    positions: Selector
    accounts_per_position: RangeLike = Field(
        description="Accounts one position covers, e.g. 10-20, or 10+ for a floor with no ceiling.")
    segment: Name | None = Field(default=None, description="Segmentation tier whose accounts these serve.")
    accounts: RangeLike | None = Field(
        default=None, description="Accounts to cover, e.g. 300-400 or 500+; else the tier's accounts.")
    focus: Text | None = None
    severity: Literal["error", "warning"] = "warning"

    @field_validator("accounts_per_position")
    @classmethod
    def _positive(cls, value: Range) -> Range:
        return positive(value)


class FormulaInput(Strict):
    label: Name
    unit: Name | None = None
    default: ClosedRangeLike | None = Field(
        default=None, description="The input's value when a capacity item gives none; both ends, e.g. 20-30.")


class Formula(Strict):
    name: Name
    expression: str = Field(
        min_length=1,
        max_length=500,
        description="Arithmetic on the input names: + - * / ( ) and numbers, e.g. customers * hours / capacity.",
    )
    inputs: dict[Id, FormulaInput]
    unit: Name | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def _expression(self) -> "Formula":
        try:
            _, names = parse_expression(self.expression)
        except FormulaError as exc:
            raise ValueError(str(exc)) from None
        unknown = [n for n in names if n not in self.inputs]
        if unknown:
            raise ValueError(f"the expression uses {', '.join(unknown)}, which are not among its inputs")
        return self


class Capacity(Strict):
    """The formula worked out for this org, optionally compared with the seats it staffs."""

    name: Name
    formula: Id
    inputs: dict[Id, ClosedRangeLike] = Field(
        default_factory=dict, description="Values for the formula's inputs, each a number or a range with both ends.")
    compare_to: Selector | None = Field(default=None, description="Positions that provide this capacity.")
    severity: Literal["error", "warning"] = "warning"


class Tier(Strict):
    name: Name
    min_arr: Money | None = None
    max_arr: Money | None = None
    accounts: RangeLike | None = None
    service_model: Text | None = None
    description: Text | None = None


class Segmentation(Strict):
    name: Name
    basis: Name | None = Field(default=None, description="revenue, potential, health, product, region ...")
    tiers: list[Tier] = Field(default_factory=list)
    factors: list[Text] = Field(default_factory=list)


class Accept(Strict):
    """One check finding accepted as intended: `check` lists it with the reason, and it counts as no warning."""

    check: Id = Field(description="Code of the check, e.g. band-overlap.")
    subject: Name = Field(
        description="What the finding is about, as `check --json` gives it (`subject`): a band id, a position, "
                    "role, unit or budget id, a rule's name, or lower->upper band ids for a promotion path.")
    reason: Text = Field(description="Why the finding is intended; listed with it.")


class Policies(Strict):
    span: RangeLike | None = Field(default=None, description="Allowed direct reports per manager, e.g. 3-8.")
    max_layers: int | None = Field(default=None, ge=1, le=1000)
    ratios: list[Ratio] = Field(default_factory=list)
    coverage: list[Coverage] = Field(default_factory=list)
    formulas: dict[Id, Formula] = Field(default_factory=dict)
    capacity: list[Capacity] = Field(default_factory=list)
    segmentation: list[Segmentation] = Field(default_factory=list)
    checks: dict[Id, Severity] = Field(
        default_factory=dict, description="Raise, lower or turn off a check by its code, e.g. {role-no-band: off}."
    )
    accept: list[Accept] = Field(
        default_factory=list, description="Findings accepted as intended, one subject each, with the reason.")
