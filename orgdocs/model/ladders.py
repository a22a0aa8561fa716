"""Career ladders: ordered steps, promotion timelines, requirements and competencies."""

from __future__ import annotations

from pydantic import Field, model_validator

from orgdocs.model.common import Id, Name, RangeLike, Strict, Text


class Step(Strict):
    """One rung of a ladder: a role, a level or just a title (at least one of them)."""

    role: Id | None = Field(default=None, description="Role id of the step; its seats are that role's.")
    level: Id | None = Field(default=None, description="Level id of the step; its seats are every role's at that "
                                                       "level.")
    title: Name | None = Field(default=None, description="Shown instead of the role or level name.")
    months_to_next: RangeLike | None = Field(
        default=None, description="Typical months to the next step, e.g. 18-24, or 48+ when open-ended.")
    requirements: list[Text] = Field(default_factory=list, description="What it takes to move to the next step.")

    @model_validator(mode="after")
    def _names_something(self) -> "Step":
        if self.role is None and self.level is None and self.title is None:
            raise ValueError("a ladder step names a role, a level or a title")
        return self


class Transition(Strict):
    """A move between ladders, e.g. Senior CSM (IC track) to CS Manager (management track)."""

    from_: Id = Field(alias="from", description="Role or level id the move starts from.")
    to: Id = Field(description="Role or level id the move leads to (on another ladder, usually).")
    months: RangeLike | None = Field(default=None, description="Typical months before the move, e.g. 24-36 or 24+.")
    note: Text | None = Field(default=None, description="What the move takes, shown beside its arrow.")

    model_config = {"extra": "forbid", "frozen": True, "allow_inf_nan": False, "populate_by_name": True}


class Assessment(Strict):
    """The team's current average rating on a competency, e.g. 3.4 on a scale of 5; only audiences that see
    `assessments` get it."""

    average: float = Field(description="Average rating, e.g. 3.4.")
    scale: float = Field(default=5, gt=0, description="Top of the rating scale; default 5.")


class Competency(Strict):
    """A skill expected at every step of a ladder, one expectation per step (a competency matrix)."""

    name: Name = Field(description="Name of the competency, e.g. Customer outcomes.")
    description: Text | None = Field(default=None, description="What the competency covers.")
    expectations: dict[Id, Text] = Field(
        default_factory=dict, description="Expectation per step, keyed by the step's role or level id."
    )
    assessment: Assessment | None = Field(default=None, description="The team's current average rating.")


class OrgCompetency(Competency):
    """A competency defined once for the org (or, in a file the variants include, for a family) and named by
    ladders: `competencies: [communication, ...]`."""

    description: Text = Field(description="What the competency is about (required: it is shared by ladders).")
    expectations: dict[Id, Text] = Field(
        default_factory=dict,
        description="Expectation per level or role id, e.g. {ic3: Leads a project}; a ladder step finds its own "
                    "by its role, then its level.",
    )


class Ladder(Strict):
    """A career ladder: ordered steps from junior to senior, with promotion timelines and competencies."""

    name: Name = Field(description="Name of the ladder, e.g. CSM ladder.")
    track: Id | None = Field(default=None, description="Track id the ladder climbs.")
    description: Text | None = Field(default=None, description="What the ladder covers.")
    steps: list[Step] = Field(min_length=1, description="The steps, most junior first (at least one).")
    transitions: list[Transition] = Field(default_factory=list,
                                          description="Moves from a step of this ladder to another track.")
    requirements: list[Text] = Field(default_factory=list, description="Development requirements for promotion.")
    competencies: list[Id | Competency] = Field(
        default_factory=list,
        description="The ladder's competencies: ids of the org's `competencies`, or competencies written in place.",
    )
