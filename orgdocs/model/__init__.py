"""The org model: what an org definition may say, validated strictly (unknown keys are errors)."""

from __future__ import annotations

from pydantic import Field

from orgdocs.model.audiences import AudienceRule, Audiences
from orgdocs.model.common import Currency, Id, Range, Selector, Strict
from orgdocs.model.compensation import Band, Compensation, IncentivePlan, PayMix
from orgdocs.model.currencies import Rate, RateLike
from orgdocs.model.hris import Hris
from orgdocs.model.ladders import Competency, Ladder, OrgCompetency, Step
from orgdocs.model.metrics import Budget, Metric
from orgdocs.model.org import Declared, External, OrgInfo, Unit
from orgdocs.model.policies import Capacity, Coverage, Formula, Policies, Ratio
from orgdocs.model.positions import DottedLine, Holder, Position
from orgdocs.model.roles import Level, Role, Track
from orgdocs.model.sections import Section

SCHEMA_ID = "https://orgdocs.dev/schema/org.schema.json"


class Org(Strict):
    """An org definition. One YAML file, or a folder of files merged together."""

    include: list[str] = Field(
        default_factory=list, description="Files in the same folder to merge in first (a shared catalog)."
    )
    extends: str | None = Field(
        default=None, description="A file in the same folder this org is a variant of; `changes` are applied to it."
    )
    changes: list[dict] = Field(
        default_factory=list,
        description="Changes to the org this one extends, in order, one per item: add, remove, move, update, "
                    "update_role, update_band, move_unit ({unit: infra, parent: platform}: nest a unit under "
                    "another; parent: null for a top unit) and update_unit ({unit: infra, name: ..., lead: ...}: "
                    "any unit field but parent).",
    )
    org: OrgInfo = Field(description="What the org is: name, date, currency, stage, the figures its source "
                                     "states (`declared`) and its brand. Required once the files are merged.")
    units: dict[Id, "Unit"] = Field(default_factory=dict, description="Departments and teams by id.")
    externals: dict[Id, External] = Field(
        default_factory=dict, description="People or teams outside the org that positions relate to."
    )
    tracks: dict[Id, Track] = Field(default_factory=dict, description="Career tracks by id (IC, management).")
    levels: dict[Id, Level] = Field(default_factory=dict, description="Ranked levels by id.")
    roles: dict[Id, Role] = Field(default_factory=dict, description="The role catalog: jobs by id.")
    positions: list[Position] = Field(default_factory=list, description="The reporting tree: every box on the "
                                                                        "chart, one or more seats each.")
    compensation: Compensation = Field(default_factory=Compensation,
                                       description="Pay bands, zones, incentive plans and pay mix (pay: hr only, "
                                                   "by default).")
    currencies: dict[Currency, RateLike] = Field(
        default_factory=dict,
        description="Exchange rates for amounts in other currencies than the org's: {JPY: 0.0067} means one yen "
                    "is worth 0.0067 of the org's currency.",
    )
    ladders: dict[Id, Ladder] = Field(default_factory=dict, description="Career ladders by id.")
    competencies: dict[Id, OrgCompetency] = Field(
        default_factory=dict,
        description="Competencies shared by ladders, defined once: {communication: {name, description, "
                    "expectations}}; a ladder names them in its `competencies` list.")
    metrics: dict[Id, Metric] = Field(default_factory=dict, description="KPIs by id; roles list them in `kpis`.")
    budgets: dict[Id, Budget] = Field(default_factory=dict, description="Budgets by id (seen by the audiences that see "
                                                                      "`budgets`).")
    policies: Policies = Field(default_factory=Policies,
                               description="Rules `check` holds the org to (span, layers, ratios, coverage, "
                                           "capacity) and check severities.")
    sections: list[Section] = Field(default_factory=list, description="Free-form text, lists and tables carried "
                                                                      "into the documents.")
    audiences: Audiences = Field(
        default_factory=dict,
        description="Override what the built-in audiences may see (hr: everything; all-hands: names and "
                    "assessments; public: none), e.g. {all-hands: {sees: [names, budgets]}}.")
    hris: Hris = Field(default_factory=Hris,
                       description="How `orgdocs import` reads the org's HRIS export (preset, column map, title → "
                                   "role map, grouping, pay), written by import so a re-import reads it the same "
                                   "way.")

    def currency(self) -> str:
        return self.compensation.currency or self.org.currency

    def rate(self, currency: str | None) -> float:
        """What one unit of currency is worth in the org's currency (validation makes sure a rate is given)."""
        if currency is None or currency == self.currency():
            return 1.0
        return self.currencies[currency].rate


__all__ = [
    "AudienceRule", "Band", "Budget", "Capacity", "Competency", "Compensation", "Coverage", "Declared",
    "DottedLine", "External", "Formula", "Hris", "Holder", "IncentivePlan", "Ladder", "Level", "Metric", "Org",
    "OrgInfo",
    "OrgCompetency", "PayMix", "Policies", "Position", "Range", "Rate", "Ratio", "Role", "Section", "Selector", "Step",
    "Track", "Unit", "SCHEMA_ID",
]
