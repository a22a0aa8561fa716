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

    name: Name = Field(description="Name of the rule, quoted in findings, e.g. CS Ops per CSM.")
    numerator: Selector = Field(description="The supporting positions, e.g. {roles: [cs-ops]}.")
    denominator: Selector = Field(description="The positions they support, e.g. {roles: [csm]}.")
    per: ClosedRangeLike = Field(description="Denominator seats per numerator seat, e.g. 5-8 (both ends: the "
                                "upper one sets how few numerator seats are enough).")
    severity: Literal["error", "warning"] = Field(
        default="warning", description="Severity of this rule's findings: warning (the default) or error; "
                                       "`policies.checks` on the code wins over it.")
    note: Text | None = Field(default=None, description="Where the rule comes from.")

    @field_validator("per")
    @classmethod
    def _positive(cls, value: Range) -> Range:
        return positive(value)


class Coverage(Strict):
    """Accounts per position, e.g. Enterprise CSM 1:10-20 accounts."""

    name: Name = Field(description="Name of the rule, quoted in findings, e.g. Enterprise coverage.")
    positions: Selector = Field(description="The positions that cover the accounts, e.g. {roles: [enterprise-csm]}.")
    accounts_per_position: RangeLike = Field(
        description="Accounts each seat should cover, e.g. 10-20, or 10+ for a floor with no ceiling.")
    segment: Name | None = Field(default=None, description="Segmentation tier whose accounts these serve.")
    accounts: RangeLike | None = Field(
        default=None, description="Accounts to cover, e.g. 300-400 or 500+; else the tier's accounts.")
    focus: Text | None = Field(default=None, description="What the coverage concentrates on (kept, not shown).")
    severity: Literal["error", "warning"] = Field(
        default="warning", description="Severity of this rule's findings: warning (the default) or error; "
                                       "`policies.checks` on the code wins over it.")

    @field_validator("accounts_per_position")
    @classmethod
    def _positive(cls, value: Range) -> Range:
        return positive(value)


class FormulaInput(Strict):
    """One named input of a capacity formula."""

    label: Name = Field(description="What the input is, e.g. Customers per CSM.")
    unit: Name | None = Field(default=None, description="Unit of the input, e.g. hours.")
    default: ClosedRangeLike | None = Field(default=None, description="Value used when a capacity item gives none, "
                                                                "e.g. 40 or 35-45 (both ends).")


class Formula(Strict):
    """A capacity formula: arithmetic on named inputs, worked out with ranges (a range in gives a range out)."""

    name: Name = Field(description="Name of the formula, e.g. CSM capacity.")
    expression: str = Field(
        min_length=1,
        max_length=500,
        description="Arithmetic on the input names: + - * / ( ) and numbers, e.g. customers * hours / capacity.",
    )
    inputs: dict[Id, FormulaInput] = Field(description="The inputs the expression names, by name.")
    unit: Name | None = Field(default=None, description="Unit of the result, e.g. CSMs.")
    description: Text | None = Field(default=None, description="What the formula works out.")

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

    name: Name = Field(description="Name of the item, quoted in findings and stats.")
    formula: Id = Field(description="Formula id from `policies.formulas`.")
    inputs: dict[Id, ClosedRangeLike] = Field(default_factory=dict, description="Values of the formula's inputs for "
                                                                          "this org, e.g. {customers: 400-450}; "
                                                                          "else their defaults.")
    compare_to: Selector | None = Field(default=None, description="Positions that provide this capacity; "
                                                                  "`check` compares their seats with the result.")
    severity: Literal["error", "warning"] = Field(
        default="warning", description="Severity of this rule's findings: warning (the default) or error; "
                                       "`policies.checks` on the code wins over it.")


class Tier(Strict):
    """A customer tier of a segmentation, e.g. Enterprise: ARR over 100K, 40-60 accounts."""

    name: Name = Field(description="Name of the tier; a coverage rule's `segment` names it, e.g. Enterprise.")
    min_arr: Money | None = Field(default=None, description="Lowest annual recurring revenue of its accounts.")
    max_arr: Money | None = Field(default=None, description="Highest annual recurring revenue of its accounts.")
    accounts: RangeLike | None = Field(default=None, description="Number of accounts in the tier, e.g. 40-60; "
                                                                 "coverage rules naming the tier use it.")
    service_model: Text | None = Field(default=None, description="How the tier is served, e.g. Named CSM.")
    description: Text | None = Field(default=None, description="What sets the tier apart.")


class Segmentation(Strict):
    """How customers are split into tiers, shown in the about page."""

    name: Name = Field(description="Name of the segmentation, e.g. By revenue.")
    basis: Name | None = Field(default=None, description="revenue, potential, health, product, region ...")
    tiers: list[Tier] = Field(default_factory=list, description="The tiers, in order.")
    factors: list[Text] = Field(default_factory=list, description="What else decides a customer's tier.")


class Accept(Strict):
    """One check finding accepted as intended: `check` lists it with the reason, and it counts as no warning."""

    check: Id = Field(description="Code of the check, e.g. band-overlap.")
    subject: Name = Field(
        description="What the finding is about, as `check --json` gives it (`subject`): a band id, a position, "
                    "role, unit or budget id, a rule's name, or lower->upper band ids for a promotion path.")
    reason: Text = Field(description="Why the finding is intended; listed with it.")


class Policies(Strict):
    """The rules `check` holds the org to, and how severe each check is."""

    span: RangeLike | None = Field(default=None, description="Allowed direct reports per manager, e.g. 3-8.")
    max_layers: int | None = Field(default=None, ge=1, le=1000,
                                   description="Most layers of management allowed, e.g. 4 (1 to 1,000).")
    ratios: list[Ratio] = Field(default_factory=list, description="Support ratios, e.g. 1 CS Ops per 5-8 CSMs.")
    coverage: list[Coverage] = Field(default_factory=list, description="Accounts per position rules.")
    formulas: dict[Id, Formula] = Field(default_factory=dict, description="Capacity formulas by id.")
    capacity: list[Capacity] = Field(default_factory=list,
                                     description="Formulas worked out for this org, compared with its seats.")
    segmentation: list[Segmentation] = Field(default_factory=list, description="Customer segmentations.")
    checks: dict[Id, Severity] = Field(
        default_factory=dict, description="Raise, lower or turn off a check by its code, e.g. {role-no-band: off}."
    )
    accept: list[Accept] = Field(
        default_factory=list, description="Findings accepted as intended, one subject each, with the reason.")
