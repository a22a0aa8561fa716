"""The org block, units and external entities."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from orgdocs.model.common import MAX_COUNT, Colour, Currency, Id, Money, Name, RangeLike, Strict, Text
from orgdocs.model.positions import Workforce


class Breakdown(Strict):
    """A declared split of headcount, e.g. '60 support agents, 15 specialists, 10 leadership'."""

    attribute: Name = Field(description="Position attribute whose values name the groups, e.g. staff_group.")
    counts: dict[Name, Annotated[int, Field(ge=0, le=MAX_COUNT)]] = Field(
        description="Declared headcount per attribute value.")


class Declared(Strict):
    """Figures the source document states. Kept apart from what orgdocs computes, so `check` can compare."""

    headcount: int | None = Field(default=None, ge=0, le=MAX_COUNT,
                                  description="Stated headcount, in seats (counted as `basis` says).")
    fte: float | None = Field(default=None, ge=0, le=MAX_COUNT,
                              description="Stated full-time equivalents (counted as `basis` says).")
    open_roles: int | None = Field(default=None, ge=0, le=MAX_COUNT,
                                   description="Stated open roles (vacant seats): 2 in '38 FTE plus 2 open roles'.")
    basis: Literal["filled", "including-open"] = Field(
        default="filled",
        description="What the stated headcount, FTE and breakdown count: filled seats only (the default; open "
                    "roles stated apart), or filled and open seats together.",
    )
    budget: Money | None = Field(default=None, description="Stated budget for the period.")
    budget_period: Literal["annual", "quarterly", "monthly"] = "annual"
    breakdown: Breakdown | None = None
    span: RangeLike | None = Field(default=None, description="Stated span of control for managers, e.g. 4-8.")
    layers: int | None = Field(default=None, ge=1, le=1000, description="Stated number of management layers.")
    customers: RangeLike | None = Field(default=None, description="Number of customers or accounts served.")
    notes: list[Text] = Field(default_factory=list, description="The statements as the source words them.")


FontName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,60}$"),
    Field(description="A font family name installed on the machine, e.g. Noto Serif."),
]


class Brand(Strict):
    logo: str | None = Field(default=None, description="Path of a logo image inside the org folder: PNG, JPEG, "
                                                        "GIF, WebP or SVG, at most 5 MB.")
    colour: Colour | None = Field(default=None, description="Main colour of documents (headings, rules).")
    accent: Colour | None = Field(default=None, description="Second colour (pay boxes).")
    font: FontName | None = Field(default=None, description="Font family for documents.")


class OrgInfo(Strict):
    name: Name
    as_of: dt.date | None = Field(default=None, description="Date the structure describes (YYYY-MM-DD).")
    currency: Currency = "USD"
    department: Name | None = None
    stage: Name | None = Field(default=None, description="Company stage this structure fits, e.g. Series A.")
    variant: Name | None = Field(default=None, description="What sets this variant apart, e.g. Segment-first teams.")
    summary: Text | None = None
    description: Text | None = None
    declared: Declared = Field(default_factory=Declared)
    brand: Brand | None = None
    headcount_includes: list[Workforce] = Field(
        default_factory=lambda: ["employee"], min_length=1,
        description="Workforce types that count in headcount, FTE and people (and the declared figures they are "
                    "checked against), e.g. [employee, intern]; every type is also counted apart.",
    )


class Unit(Strict):
    """A department or team."""

    name: Name
    lead: Id | None = Field(default=None, description="Position id of the unit's lead.")
    parent: Id | None = Field(default=None, description="Unit this unit belongs to.")
    colour: Colour | None = None
    description: Text | None = None
    focus_areas: list[Text] = Field(default_factory=list)


class ExternalLine(Strict):
    to: Id = Field(description="Position id this external has a dotted line to.")
    label: Text | None = Field(default=None, description="What the relation is about.")


class External(Strict):
    """Someone or something outside the org that positions report or relate to: a CCO, Engineering, a CRO."""

    name: Name
    kind: Literal["executive", "team", "function", "company"] = "team"
    description: Text | None = None
    dotted_lines: list[ExternalLine] = Field(
        default_factory=list, description="Dotted lines from this external to positions, e.g. [{to: em-compute}].")
