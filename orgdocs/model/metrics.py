"""Metrics/KPIs and budgets."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from orgdocs.model.common import Id, Money, Name, Strict, Text


class Metric(Strict):
    """A KPI: where it stands, where it should be, and who owns it."""

    name: Name = Field(description="Name of the metric, e.g. Gross revenue retention.")
    category: Name | None = Field(default=None, description="Group the metric is listed under, e.g. Retention.")
    current: float | None = Field(default=None, description="Value now, in `unit`, e.g. 92.")
    previous: float | None = Field(default=None, description="An earlier value, for 'up from 4.2'.")
    target: float | None = Field(default=None, description="Value aimed for, in `unit`, e.g. 95.")
    comparator: Literal[">=", "<=", ">", "<", "="] | None = Field(
        default=None, description="How current compares with target: '>' for '>95%', '<' for '<30 days'."
    )
    unit: Name | None = Field(default=None, description="'%', days, hours, a currency code, ...")
    scale: float | None = Field(default=None, gt=0, description="Top of a score scale, e.g. 5 for '4.5/5'.")
    period: Name | None = Field(default=None, description="Period the value covers, e.g. quarterly.")
    owner: Id | None = Field(default=None, description="Position or role id accountable for it; listed in that "
                                                       "role's document.")
    description: Text | None = Field(default=None, description="What is measured and how.")


class Budget(Strict):
    """A budget of the org (training, programs); only audiences that see `budgets` get it."""

    name: Name = Field(description="Name of the budget, e.g. Training.")
    amount: Money = Field(description="Amount for the period, e.g. 120K.")
    period: Literal["annual", "quarterly", "monthly"] = Field(
        default="annual", description="Period the amount covers: annual (the default), quarterly or monthly.")
    per_head: Money | None = Field(default=None, description="Stated amount per employee; `check` compares it "
                                                             "times the seats with the amount.")
    owner: Id | None = Field(default=None, description="Position or role id that holds the budget.")
    items: list[Text] = Field(default_factory=list, description="What it pays for (key programs).")
    description: Text | None = Field(default=None, description="What the budget is for.")
