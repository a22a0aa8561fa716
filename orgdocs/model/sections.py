"""Free-form sections (tech stack, channels, playbooks, achievements) carried into documents."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from orgdocs.model.common import Id, Name, Strict, Text


class Item(Strict):
    """A list item with a bold label: {label: Zendesk, text: ticketing}."""

    label: Name = Field(description="The item's label, shown first, e.g. Zendesk.")
    text: Text | None = Field(default=None, description="Text after the label.")


class Table(Strict):
    """A table: column headings and rows of the same width."""

    columns: list[Name] = Field(min_length=1, description="Column headings (at least one).")
    rows: list[list[Text | float | int]] = Field(description="Rows of cells, each as many as there are columns.")

    @model_validator(mode="after")
    def _rectangular(self) -> "Table":
        for i, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                raise ValueError(f"row {i + 1} has {len(row)} cells but the table has {len(self.columns)} columns")
        return self


class Section(Strict):
    """Free-form content carried into the about page: text, a list, a table, sub-sections."""

    id: Id | None = Field(default=None, description="Identifier of the section (kept, not shown).")
    title: Name = Field(description="Heading of the section, e.g. Tech stack.")
    text: Text | None = Field(default=None, description="A paragraph under the heading.")
    items: list[Text | Item] = Field(default_factory=list,
                                     description="List items: plain text, or {label, text}.")
    ordered: bool = Field(default=False, description="Number the items (steps, ranked lists).")
    table: Table | None = Field(default=None, description="A table under the heading.")
    sections: list["Section"] = Field(default_factory=list, description="Sub-sections, nested the same way.")
    audience: Literal["all", "hr"] = Field(default="all", description="hr sections never reach all-hands output.")
