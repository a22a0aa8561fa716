"""Pay bands, location zones, incentive plans and base/variable mix."""

from __future__ import annotations

from pydantic import Field, model_validator

from orgdocs.model.common import MAX_ZONE_FACTOR, ClosedRangeLike, Currency, Id, Money, Name, RangeLike, Strict, Text


class Amounts(Strict):
    min: Money
    mid: Money | None = Field(default=None, description="Midpoint; (min + max) / 2 when absent.")
    max: Money

    @model_validator(mode="after")
    def _order(self) -> "Amounts":
        if self.min > self.max:
            raise ValueError(f"band minimum {self.min:,.0f} is above its maximum {self.max:,.0f}")
        if self.mid is not None and not (self.min <= self.mid <= self.max):
            raise ValueError(f"band midpoint {self.mid:,.0f} is outside {self.min:,.0f}–{self.max:,.0f}")
        return self

    @property
    def midpoint(self) -> float:
        return self.mid if self.mid is not None else (self.min + self.max) / 2


class Zone(Strict):
    name: Name
    factor: float = Field(default=1, gt=0, le=MAX_ZONE_FACTOR,
                          description="Multiplier on the base band for this location, at most 100.")
    description: Text | None = None


class Band(Amounts):
    """A salary range for a level or a role. Positions find their band through role.band, the role, or the level."""

    title: Name | None = None
    level: Id | None = None
    role: Id | None = None
    currency: Currency | None = None
    zones: dict[Id, Amounts] = Field(
        default_factory=dict, description="Ranges for zones that do not simply scale by the zone factor."
    )
    note: Text | None = None


class IncentivePlan(Strict):
    name: Name
    target_pct: float = Field(ge=0, le=1000, description="Target incentive as % of base salary.")
    multiplier: RangeLike | None = Field(
        default=None, description="Performance multiplier range, e.g. 0.8-1.5, or 0.8+ when uncapped.")
    multiplier_basis: Text | None = Field(default=None, description="What moves the multiplier.")
    cap_pct: float | None = Field(default=None, gt=0, le=10_000, description="Maximum payout as % of target.")
    metrics: list[Text] = Field(default_factory=list)
    roles: list[Id] = Field(default_factory=list, description="Roles on this plan.")
    levels: list[Id] = Field(default_factory=list, description="Levels on this plan.")
    description: Text | None = None


class PayMix(Strict):
    """Base/variable split for a level or role, e.g. CSM 70-80% base, 20-30% variable."""

    level: Id | None = None
    role: Id | None = None
    base_pct: ClosedRangeLike = Field(description="Base salary as % of pay, e.g. 70-80 (both ends).")
    variable_pct: ClosedRangeLike = Field(description="Variable pay as % of pay, e.g. 20-30 (both ends).")
    tied_to: list[Text] = Field(default_factory=list, description="What the variable part pays for.")

    @model_validator(mode="after")
    def _sums(self) -> "PayMix":
        if (self.level is None) == (self.role is None):
            raise ValueError("a pay mix names exactly one of level or role")
        for what, pct in (("base", self.base_pct), ("variable", self.variable_pct)):
            if pct.min < 0 or pct.max > 100:
                raise ValueError(f"{what} {pct}% is not a share between 0% and 100%")
        if self.base_pct.min <= 0:
            # variable pay is estimated as a multiple of base: a base that can be 0% has no multiple
            raise ValueError(f"base {self.base_pct}% must be more than 0%")
        lo = self.base_pct.min + self.variable_pct.min
        hi = self.base_pct.max + self.variable_pct.max
        if not (lo <= 100 <= hi):
            raise ValueError(f"base {self.base_pct}% and variable {self.variable_pct}% cannot add up to 100%")
        return self


class VariableComponent(Strict):
    name: Name
    description: Text | None = None


class Compensation(Strict):
    currency: Currency | None = Field(default=None, description="Defaults to the org's currency.")
    zones: dict[Id, Zone] = Field(default_factory=dict)
    bands: dict[Id, Band] = Field(default_factory=dict)
    incentive_plans: dict[Id, IncentivePlan] = Field(default_factory=dict)
    pay_mix: list[PayMix] = Field(default_factory=list)
    variable_components: list[VariableComponent] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
