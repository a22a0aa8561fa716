"""Metrics/KPIs and budgets."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from orgdocs.model.common import Id, Money, Name, Strict, Text


class Metric(Strict):
    name: Name
    category: Name | None = None
    current: float | None = None
    previous: float | None = Field(default=None, description="An earlier value, for 'up from 4.2'.")
    target: float | None = None
    comparator: Literal[">=", "<=", ">", "<", "="] | None = Field(
        default=None, description="How current compares with target: '>' for '>95%', '<' for '<30 days'."
    )
    unit: Name | None = Field(default=None, description="'%', days, hours, a currency code, ...")
    scale: float | None = Field(default=None, gt=0, description="Top of a score scale, e.g. 5 for '4.5/5'.")
    period: Name | None = None
    owner: Id | None = Field(default=None, description="Position or role id accountable for it.")
    description: Text | None = None


class Budget(Strict):
    name: Name
    amount: Money
    period: Literal["annual", "quarterly", "monthly"] = "annual"
    per_head: Money | None = Field(default=None, description="Stated amount per employee.")
    owner: Id | None = None
    items: list[Text] = Field(default_factory=list, description="What it pays for (key programs).")
    description: Text | None = None
