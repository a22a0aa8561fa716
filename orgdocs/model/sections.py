"""Free-form sections (tech stack, channels, playbooks, achievements) carried into documents."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from orgdocs.model.common import Id, Name, Strict, Text


class Item(Strict):
    label: Name
    text: Text | None = None


class Table(Strict):
    columns: list[Name] = Field(min_length=1)
    rows: list[list[Text | float | int]]

    @model_validator(mode="after")
    def _rectangular(self) -> "Table":
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"row {i + 1} has {len(row)} cells but the table has {len(self.columns)} columns")
        return self


class Section(Strict):
    id: Id | None = None
    title: Name
    text: Text | None = None
    items: list[Text | Item] = Field(default_factory=list)
    ordered: bool = Field(default=False, description="Number the items (steps, ranked lists).")
    table: Table | None = None
    sections: list["Section"] = Field(default_factory=list)
    audience: Literal["all", "hr"] = Field(default="all", description="hr sections never reach all-hands output.")
