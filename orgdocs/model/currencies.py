"""Exchange rates: what one unit of another currency is worth in the org's currency.

Amounts stay in the currency they are written in (a Tokyo band in yen); every sum and comparison converts
them with these rates first, so yen are never added to dollars.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import ConfigDict, Field, WithJsonSchema, model_validator

from orgdocs.model.common import MAX_RATE, MIN_RATE, Strict, Text


class Rate(Strict):
    """`JPY: 0.0067`, or with a note: `EUR: {rate: 1.08, as_of: 2024-06-28, source: ECB reference rate}`."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    rate: float = Field(ge=MIN_RATE, le=MAX_RATE,
                        description="Units of the org's currency that one unit of this currency is worth.")
    as_of: dt.date | None = Field(default=None, description="Date of the rate (YYYY-MM-DD).")
    source: Text | None = Field(default=None, description="Where the rate comes from.")

    @model_validator(mode="before")
    @classmethod
    def _plain_number(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return {"rate": value}
        return value


RateLike = Annotated[
    Rate,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": MIN_RATE, "maximum": MAX_RATE},
                {
                    "type": "object",
                    "properties": {
                        "rate": {"type": "number", "minimum": MIN_RATE, "maximum": MAX_RATE},
                        "as_of": {"type": "string", "format": "date"},
                        "source": {"type": "string", "minLength": 1, "maxLength": 10000},
                    },
                    "required": ["rate"],
                    "additionalProperties": False,
                },
            ],
            "description": "Units of the org's currency one unit of this currency is worth: 0.0067, or "
                           "{rate: 0.0067, as_of: 2024-06-28, source: ...}.",
        }
    ),
]
