"""Value types shared by every part of the org model.

Numbers HR writes by hand ("$8.5M", "4-8", "18–24 months") are accepted as they appear in the source
documents and normalised here, so the rest of the code only sees plain numbers.
"""

from __future__ import annotations

import math
import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

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
    """Base for every model: unknown keys are errors, so typos never pass silently.

    Built when first used (defer_build): an org is validated through `Org` alone, and building a validator for
    each of some fifty models as the module loads was most of a `check`'s start-up."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True)


# Limits no real org reaches. They keep every sum, product and ratio orgdocs computes finite (a float
# overflows at about 1.8e308), so a typo such as `count: 1000000000000` or `max: 1e300` is a located error
# instead of an `Infinity` in stats.json. The README's "Limits" paragraph states them.
MAX_AMOUNT = 10**12  # any amount, in any currency
MAX_COUNT = 1_000_000  # seats in one position, a declared headcount, a declared FTE
MAX_NUMBER = 10**12  # any other number: ranges, formula inputs, accounts, spans, percentages
MAX_ZONE_FACTOR = 100
MIN_RATE, MAX_RATE = 1e-9, 1e9  # units of the org's currency per unit of another currency

SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
# A sign stands for every currency that writes it; a code must match exactly.
SIGN_FITS = {"$": {"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD"}, "€": {"EUR"}, "£": {"GBP"},
             "¥": {"JPY", "CNY"}}

_MONEY = re.compile(
    r"^\s*(?:([$€£¥])|([A-Z]{3})\s)?\s*(\d+(?:,\d{3})*(?:\.\d+)?)\s*([kKmM])?\s*([A-Z]{3})?\s*$"
)


def money_marker(value: Any) -> str | None:
    """The currency sign or code an amount is written with ('$', 'EUR'), or None."""
    if not isinstance(value, str):
        return None
    m = _MONEY.match(value)
    if not m:
        return None
    if m.group(2) and m.group(5):
        return m.group(2) if m.group(2) == m.group(5) else None
    return m.group(1) or m.group(2) or m.group(5)


def marker_fits(marker: str, currency: str) -> bool:
    return currency in SIGN_FITS.get(marker, {marker})


def _parse_money(value: Any) -> Any:
    if isinstance(value, str):
        m = _MONEY.match(value)
        if not m:
            raise ValueError(f"not an amount: {value!r} (write 85000, 85K, $8.5M or 85K EUR)")
        if m.group(2) and m.group(5) and m.group(2) != m.group(5):
            raise ValueError(f"{value!r} names two currencies")
        number = float(m.group(3).replace(",", ""))
        factor = {"k": 1_000, "m": 1_000_000}.get((m.group(4) or "").lower(), 1)
        value = number * factor
    if isinstance(value, bool):
        raise ValueError("an amount must be a number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def describe_number(x: float) -> str:
    """A number for a message: 1,500,000 or, when it is huge, 1e+300."""
    return f"{x:,.0f}" if abs(x) < 1e15 else f"{x:.3g}"


Money = Annotated[
    float,
    BeforeValidator(_parse_money),
    Field(ge=0, le=MAX_AMOUNT),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": MAX_AMOUNT},
                {"type": "string",
                 "pattern": r"^\s*([$€£¥]|[A-Z]{3}\s)?\s*\d+(,\d{3})*(\.\d+)?\s*[kKmM]?\s*([A-Z]{3})?\s*$"},
            ],
            "description": "Amount, at most 10^12: 85000, '85K', '$8.5M' or '85K EUR'. A sign or code must be the "
                           "currency the amount is in (the band's, else the org's).",
        }
    ),
]

_RANGE = re.compile(
    r"^\s*(-?\d+(?:\.\d+)?)\s*(?:(\+)|(?:-|–|—|to)\s*(-?\d+(?:\.\d+)?))?\s*$"
)


def _num(x: float) -> float | int:
    return int(x) if float(x).is_integer() else x


class Range(Strict):
    """An inclusive range of numbers. YAML may say 3, "4-8", "4–8", [4, 8], {min: 4, max: 8}, or with an open
    end "48+" / {min: 48} (`max` None: no upper bound, as in "48+ months" or "500+ customers")."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        allow_inf_nan=False,
        json_schema_extra={"description": "A number or range: 3, '4-8', [4, 8], {min: 4, max: 8}, '48+' or "
                                          "{min: 48}."},
    )

    min: float
    max: float | None = None

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
                raise ValueError(f"not a number or range: {value!r} (write 4, 4-8 or 48+)")
            lo = float(m.group(1))
            if m.group(2):
                return {"min": lo}
            hi = float(m.group(3)) if m.group(3) is not None else lo
            return {"min": lo, "max": hi}
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise ValueError("a range list needs exactly two numbers: [min, max]")
            return {"min": value[0], "max": value[1]}
        return value

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        for x in (self.min, self.max):
            if x is not None and abs(x) > MAX_NUMBER:
                raise ValueError(f"{describe_number(x)} is beyond the largest number orgdocs accepts "
                                 f"(±{MAX_NUMBER:,})")
        if self.max is not None and self.min > self.max:
            raise ValueError(f"range starts above its end ({_num(self.min)} > {_num(self.max)})")
        return self

    @property
    def is_open(self) -> bool:
        """No upper bound: '48+'."""
        return self.max is None

    @property
    def upper(self) -> float:
        """The upper bound for comparisons: infinity when the range is open."""
        return math.inf if self.max is None else self.max

    def contains(self, x: float) -> bool:
        return self.min <= x <= self.upper

    @property
    def mid(self) -> float:
        if self.max is None:  # closed_range fields are the only ones that ask; an open range has no middle
            raise ValueError(f"{self} has no midpoint")
        return (self.min + self.max) / 2

    def __str__(self) -> str:
        if self.max is None:
            return f"{_num(self.min)}+"
        if self.min == self.max:
            return f"{_num(self.min)}"
        return f"{_num(self.min)}–{_num(self.max)}"

    def plain(self) -> dict[str, float | int | None]:
        """As JSON: {"min": 48, "max": null} when open, so every range has the same two keys."""
        return {"min": _num(self.min), "max": None if self.max is None else _num(self.max)}


def closed_range(value: Range) -> Range:
    """For fields that compute with both ends (a ratio's maximum, a pay mix, a formula): '48+' is not enough."""
    if value.max is None:
        raise ValueError(f"{value} has no upper end; this value needs both ends, such as 4-8")
    return value


_BOUNDED_NUMBER = {"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}
_CLOSED_FORMS: list[dict] = [
    _BOUNDED_NUMBER,
    {"type": "string", "pattern": r"^\s*-?\d+(\.\d+)?\s*((-|–|—|to)\s*-?\d+(\.\d+)?)?\s*$"},
    {"type": "array", "items": _BOUNDED_NUMBER, "minItems": 2, "maxItems": 2},
    {
        "type": "object",
        "properties": {"min": _BOUNDED_NUMBER, "max": _BOUNDED_NUMBER},
        "required": ["min", "max"],
        "additionalProperties": False,
    },
]

RangeLike = Annotated[
    Range,
    WithJsonSchema(
        {
            "anyOf": [
                _CLOSED_FORMS[0],
                {"type": "string",
                 "pattern": r"^\s*-?\d+(\.\d+)?\s*(\+|(-|–|—|to)\s*-?\d+(\.\d+)?)?\s*$"},
                _CLOSED_FORMS[2],
                {
                    "type": "object",
                    "properties": {"min": _BOUNDED_NUMBER, "max": {"anyOf": [_BOUNDED_NUMBER, {"type": "null"}]}},
                    "required": ["min"],
                    "additionalProperties": False,
                },
            ],
            "description": "A number or an inclusive range: 3, '4-8', [4, 8] or {min: 4, max: 8}; open-ended: "
                           "'48+' or {min: 48}.",
        }
    ),
]

ClosedRangeLike = Annotated[
    Range,
    AfterValidator(closed_range),
    WithJsonSchema(
        {
            "anyOf": _CLOSED_FORMS,
            "description": "A number or an inclusive range with both ends: 3, '4-8', [4, 8] or {min: 4, max: 8}.",
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
