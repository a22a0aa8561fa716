"""Pay bands, location zones, incentive plans and base/variable mix."""

from __future__ import annotations

from pydantic import Field, model_validator

from orgdocs.model.common import MAX_ZONE_FACTOR, ClosedRangeLike, Currency, Id, Money, Name, RangeLike, Strict, Text


class Amounts(Strict):
    """A pay range: minimum, midpoint and maximum annual base pay."""

    min: Money = Field(description="Lowest annual base pay of the range, e.g. 80K.")
    mid: Money | None = Field(default=None, description="Midpoint; (min + max) / 2 when absent. Payroll "
                                                        "estimates price each seat at it.")
    max: Money = Field(description="Highest annual base pay of the range, e.g. 110K.")

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
    """A pay zone (a location): bands scale by its factor unless they give the zone a range of its own."""

    name: Name = Field(description="Name of the zone, e.g. London.")
    factor: float = Field(default=1, gt=0, le=MAX_ZONE_FACTOR,
                          description="Multiplier on the base band for this location, e.g. 1.2; default 1, "
                                      "at most 100.")
    description: Text | None = Field(default=None, description="What the zone covers.")


class Band(Amounts):
    """A salary range for a level or a role. Positions find their band through role.band, the role, or the level."""

    title: Name | None = Field(default=None, description="Name shown for the band; else its role's title or "
                                                         "its level's name.")
    level: Id | None = Field(default=None, description="Level id: the band of every role at that level without a "
                                                       "band of its own. Level bands are checked against each other.")
    role: Id | None = Field(default=None, description="Role id: the band of that role (before any level band).")
    currency: Currency | None = Field(
        default=None, description="Currency of this band's amounts, e.g. JPY; default the org's (then "
                                  "`currencies` must give a rate).")
    zones: dict[Id, Amounts] = Field(
        default_factory=dict, description="Ranges for zones that do not simply scale by the zone factor."
    )
    note: Text | None = Field(default=None, description="Shown with the band in the pay band document.")


class IncentivePlan(Strict):
    """Variable pay: a target % of base, with a multiplier and a cap. A role's `incentive`, else a plan naming its
    role or level, else the only plan naming neither, applies."""

    name: Name = Field(description="Name of the plan, e.g. CSM quarterly bonus.")
    target_pct: float = Field(ge=0, le=1000, description="Target incentive as % of base salary.")
    multiplier: RangeLike | None = Field(
        default=None, description="Performance multiplier range, e.g. 0.8-1.5, or 0.8+ when uncapped.")
    multiplier_basis: Text | None = Field(default=None, description="What moves the multiplier.")
    cap_pct: float | None = Field(default=None, gt=0, le=10_000, description="Maximum payout as % of target.")
    metrics: list[Text] = Field(default_factory=list, description="What the payout is measured on, e.g. Net "
                                                                  "revenue retention.")
    roles: list[Id] = Field(default_factory=list, description="Roles on this plan.")
    levels: list[Id] = Field(default_factory=list, description="Levels on this plan.")
    description: Text | None = Field(default=None, description="How the plan works.")


class PayMix(Strict):
    """Base/variable split for a level or role, e.g. CSM 70-80% base, 20-30% variable."""

    level: Id | None = Field(default=None, description="Level id the mix applies to (exactly one of level or role).")
    role: Id | None = Field(default=None, description="Role id the mix applies to; wins over a level's mix.")
    base_pct: ClosedRangeLike = Field(description="Base pay as % of total pay, e.g. 70-80 (both ends; more than 0, "
                                                  "at most 100).")
    variable_pct: ClosedRangeLike = Field(description="Variable pay as % of total pay, e.g. 20-30 (both ends); with "
                                                      "base_pct it must be able to add up to 100.")
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
    """A kind of variable pay the org uses (commission, spot bonus), listed in the pay band document."""

    name: Name = Field(description="Name of the component, e.g. Retention bonus.")
    description: Text | None = Field(default=None, description="What it pays for and how.")


class Compensation(Strict):
    """Pay: bands, zones, incentive plans and the base/variable mix; only audiences that see `pay` (hr, by
    default) get it."""

    currency: Currency | None = Field(default=None, description="Currency of totals and bands; defaults to the "
                                                                "org's currency.")
    zones: dict[Id, Zone] = Field(default_factory=dict, description="Pay zones (locations) by id, which positions "
                                                                    "and holders name in `zone`.")
    bands: dict[Id, Band] = Field(default_factory=dict, description="Salary bands by id, for a level or a role.")
    incentive_plans: dict[Id, IncentivePlan] = Field(default_factory=dict, description="Incentive plans by id.")
    pay_mix: list[PayMix] = Field(default_factory=list, description="Base/variable split per level or role.")
    variable_components: list[VariableComponent] = Field(default_factory=list,
                                                         description="Kinds of variable pay the org uses.")
    notes: list[Text] = Field(default_factory=list, description="Shown under the bands in the pay band document.")
