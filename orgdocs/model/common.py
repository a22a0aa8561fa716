"""Value types shared by every part of the org model.

Numbers HR writes by hand ("$8.5M", "4-8", "18–24 months") are accepted as they appear in the source
documents and normalised here, so the rest of the code only sees plain numbers.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"

Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=80),
    Field(description="Identifier: letters, digits, '.', '_' or '-', starting with a letter or digit."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=10_000)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=300)]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"),
    Field(description="Colour as #rgb or #rrggbb."),
]
Currency = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{3}$"), Field(description="ISO 4217 currency code, e.g. USD.")
]


class Strict(BaseModel):
    """Base for every model: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


_MONEY = re.compile(r"^\s*([$€£¥])?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*([kKmM])?\s*$")


def _parse_money(value: Any) -> Any:
    if isinstance(value, str):
        m = _MONEY.match(value)
        if not m:
            raise ValueError(f"not an amount: {value!r} (write 85000, 85K or $8.5M)")
        number = float(m.group(2).replace(",", ""))
        factor = {"k": 1_000, "m": 1_000_000}.get((m.group(3) or "").lower(), 1)
        value = number * factor
    if isinstance(value, bool):
        raise ValueError("an amount must be a number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Money = Annotated[
    float,
    BeforeValidator(_parse_money),
    Field(ge=0),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0},
                {"type": "string", "pattern": r"^\s*[$€£¥]?\s*\d+(,\d{3})*(\.\d+)?\s*[kKmM]?\s*$"},
            ],
            "description": "Amount in the org's currency: 85000, '85K' or '$8.5M'.",
        }
    ),
]

_RANGE = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(?:(?:-|–|—|to)\s*(-?\d+(?:\.\d+)?))?\s*$")


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


class Range(Strict):
    """An inclusive range of numbers. YAML may say 3, "4-8", "4–8", [4, 8] or {min: 4, max: 8}."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        json_schema_extra={"description": "A number or range: 3, '4-8', [4, 8] or {min: 4, max: 8}."},
    )

    min: float
    max: float

    @model_validator(mode="before")
    @classmethod
    def _coerce(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("expected a number or a range such as 4-8")
        if isinstance(value, (int, float)):
            return {"min": value, "max": value}
        if isinstance(value, str):
            m = _RANGE.match(value)
            if not m:
                raise ValueError(f"not a number or range: {value!r} (write 4 or 4-8)")
            lo = float(m.group(1))
            hi = float(m.group(2)) if m.group(2) is not None else lo
            return {"min": lo, "max": hi}
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise ValueError("a range list needs exactly two numbers: [min, max]")
            return {"min": value[0], "max": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min > self.max:
            raise ValueError(f"range starts above its end ({_num(self.min)} > {_num(self.max)})")
        return self

    def contains(self, x: float) -> bool:
        return self.min <= x <= self.max

    @property
    def mid(self) -> float:
        return (self.min + self.max) / 2

    def __str__(self) -> str:
        if self.min == self.max:
            return f"{_num(self.min)}"
        return f"{_num(self.min)}–{_num(self.max)}"

    def plain(self) -> dict[str, float | int]:
        return {"min": _num(self.min), "max": _num(self.max)}


RangeLike = Annotated[
    Range,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*((-|–|—|to)\s*-?\d+(\.\d+)?)?\s*$"},
                {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
                {
                    "type": "object",
                    "properties": {"min": {"type": "number"}, "max": {"type": "number"}},
                    "required": ["min", "max"],
                    "additionalProperties": False,
                },
            ],
            "description": "A number or an inclusive range: 3, '4-8', [4, 8] or {min: 4, max: 8}.",
        }
    ),
]

AttributeValue = str | int | float | bool | list[str]


class Selector(Strict):
    """Picks positions by role, level, unit or attribute; all given criteria must match."""

    roles: list[Id] = Field(default_factory=list, description="Role ids; any of them matches.")
    levels: list[Id] = Field(default_factory=list, description="Level ids; any of them matches.")
    units: list[Id] = Field(default_factory=list, description="Unit ids; any of them matches.")
    attributes: dict[Name, str] = Field(
        default_factory=dict, description="Attribute values that must all match, e.g. {segment: Enterprise}."
    )

    @model_validator(mode="after")
    def _not_empty(self) -> "Selector":
        if not (self.roles or self.levels or self.units or self.attributes):
            raise ValueError("a selector needs at least one of roles, levels, units or attributes")
        return self
