"""Job architecture: tracks, levels and the role catalog."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from orgdocs.model.common import AttributeValue, Id, Name, Strict, Text
from orgdocs.model.metrics import Metric


class Track(Strict):
    name: Name
    kind: Literal["ic", "management", "executive", "other"] = "other"
    description: Text | None = None


class Level(Strict):
    name: Name
    rank: int = Field(description="Order of the level: higher is more senior.")
    track: Id | None = None
    code: Name | None = Field(default=None, description="Short code shown in tables, e.g. IC3 or M2.")
    description: Text | None = None


class Role(Strict):
    title: Name
    family: Name | None = Field(default=None, description="Job family, e.g. Customer Success.")
    level: Id | None = None
    track: Id | None = Field(default=None, description="Track id; defaults to the level's track.")
    summary: Text | None = None
    responsibilities: list[Text] = Field(default_factory=list)
    focus_areas: list[Text] = Field(default_factory=list)
    requirements: list[Text] = Field(default_factory=list)
    skills: list[Text] = Field(default_factory=list)
    kpis: list[Id | Metric] = Field(
        default_factory=list, description="Metric ids from `metrics`, or metrics written in place."
    )
    band: Id | None = Field(default=None, description="Band id; else the band for this role, then for its level.")
    incentive: Id | None = Field(default=None, description="Incentive plan id.")
    attributes: dict[Name, AttributeValue] = Field(default_factory=dict)
