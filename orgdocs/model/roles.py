"""Job architecture: tracks, levels and the role catalog."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from orgdocs.model.common import AttributeValue, Id, Name, Strict, Text
from orgdocs.model.metrics import Metric


class Track(Strict):
    """A career track (IC, management); levels, roles and ladders name it."""

    name: Name = Field(description="Name shown in role, band and ladder documents, e.g. Individual contributor.")
    kind: Literal["ic", "management", "executive", "other"] = Field(
        default="other", description="What sort of track it is: ic, management, executive or other (the default).")
    description: Text | None = Field(default=None, description="What the track is for.")


class Level(Strict):
    """A rung of the job architecture; bands and checks order levels by rank."""

    name: Name = Field(description="Name of the level, e.g. Senior CSM.")
    rank: int = Field(description="Order of the level: higher is more senior, e.g. 3. Band checks compare the "
                                  "bands of adjacent ranks on the same track.")
    track: Id | None = Field(default=None, description="Track id the level belongs to.")
    code: Name | None = Field(default=None, description="Short code shown in tables, e.g. IC3 or M2.")
    description: Text | None = Field(default=None, description="What the level means.")


class Role(Strict):
    """A job in the catalog; positions name it, and it gets its own role document."""

    title: Name = Field(description="Job title, shown in chart boxes and documents, e.g. Customer Success Manager.")
    family: Name | None = Field(default=None, description="Job family, e.g. Customer Success.")
    level: Id | None = Field(default=None, description="Level id: orders the role, and finds its band and pay mix.")
    track: Id | None = Field(default=None, description="Track id; defaults to the level's track.")
    summary: Text | None = Field(default=None, description="What the role is for, in a paragraph; also the "
                                                           "tooltip of its chart boxes.")
    responsibilities: list[Text] = Field(default_factory=list, description="What the role does, one item each.")
    focus_areas: list[Text] = Field(default_factory=list, description="Where the role puts its attention.")
    requirements: list[Text] = Field(default_factory=list,
                                     description="Experience and qualifications the role asks for.")
    skills: list[Text] = Field(default_factory=list, description="Skills the role needs.")
    kpis: list[Id | Metric] = Field(
        default_factory=list, description="Metric ids from `metrics`, or metrics written in place."
    )
    band: Id | None = Field(default=None, description="Band id; else the band for this role, then for its level.")
    incentive: Id | None = Field(default=None, description="Incentive plan id.")
    attributes: dict[Name, AttributeValue] = Field(
        default_factory=dict, description="Free facts about the role, e.g. {remote: true} (kept, not shown).")
