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
    budget_period: Literal["annual", "quarterly", "monthly"] = Field(
        default="annual", description="Period the stated budget covers: annual (the default), quarterly or monthly.")
    breakdown: Breakdown | None = Field(
        default=None, description="Stated headcount per group, compared with the seats whose attribute has that "
                                  "value, e.g. {attribute: staff_group, counts: {agents: 60, leadership: 10}}.")
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
    """How documents look: logo, colours and font (every key optional)."""

    logo: str | None = Field(default=None, description="Path of a logo image inside the org folder: PNG, JPEG, "
                                                        "GIF, WebP or SVG, at most 5 MB.")
    colour: Colour | None = Field(default=None, description="Main colour of documents (headings, rules).")
    accent: Colour | None = Field(default=None, description="Second colour (pay boxes).")
    font: FontName | None = Field(default=None, description="Font family for documents.")


class OrgInfo(Strict):
    """What the org is: its name, date, currency and the figures its source document states."""

    name: Name = Field(description="Name of the org, shown on every document, e.g. Customer Success. Required for "
                                   "the org as a whole; a variant or a file merged with others may leave it out.")
    as_of: dt.date | None = Field(default=None, description="Date the structure describes (YYYY-MM-DD).")
    currency: Currency = Field(default="USD", description="Currency of every amount and total unless a band "
                                                           "or `compensation.currency` says otherwise; default USD.")
    department: Name | None = Field(default=None, description="Department the org belongs to, shown on documents.")
    stage: Name | None = Field(default=None, description="Company stage this structure fits, e.g. Series A.")
    variant: Name | None = Field(default=None, description="What sets this variant apart, e.g. Segment-first teams.")
    summary: Text | None = Field(default=None, description="One paragraph on the org, shown first in documents.")
    description: Text | None = Field(default=None, description="Longer description of the org.")
    declared: Declared = Field(default_factory=Declared,
                               description="Figures the source document states, which `check` compares with the "
                                           "positions listed.")
    brand: Brand | None = Field(default=None, description="Logo, colours and font of the documents.")
    headcount_includes: list[Workforce] = Field(
        default_factory=lambda: ["employee"], min_length=1,
        description="Workforce types that count in headcount, FTE and people (and the declared figures they are "
                    "checked against), e.g. [employee, intern]; every type is also counted apart.",
    )


class Unit(Strict):
    """A department or team."""

    name: Name = Field(description="Name of the unit, e.g. Enterprise Success.")
    lead: Id | None = Field(default=None, description="Position id of the unit's lead.")
    parent: Id | None = Field(default=None, description="Unit this unit belongs to.")
    colour: Colour | None = Field(default=None, description="Colour of the unit's boxes on charts coloured by "
                                                            "unit (the default); else one is picked.")
    description: Text | None = Field(default=None, description="What the unit does.")
    focus_areas: list[Text] = Field(default_factory=list, description="What the unit concentrates on.")


class ExternalLine(Strict):
    """A dotted line written at the external's end: from the external to a position, e.g. a vendor's on-call rota
    to the engineering manager who relies on it."""

    to: Id = Field(description="Position id this external has a dotted line to.")
    label: Text | None = Field(default=None, description="What the relation is about.")


class External(Strict):
    """Someone or something outside the org that positions report or relate to: a CCO, Engineering, a CRO."""

    name: Name = Field(description="Name shown in its box on the chart, e.g. Chief Customer Officer.")
    kind: Literal["executive", "team", "function", "company"] = Field(
        default="team", description="What it is: executive, team (the default), function or company.")
    description: Text | None = Field(default=None, description="Shown as the box's tooltip.")
    dotted_lines: list[ExternalLine] = Field(
        default_factory=list, description="Dotted lines from this external to positions, e.g. [{to: em-compute}].")
