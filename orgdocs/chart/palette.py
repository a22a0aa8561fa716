"""Colours: units keep their own; anything else gets a fixed palette in order of first appearance."""

from __future__ import annotations

import functools

# Tableau 10: distinct, readable with dark text on a light tint, and friendly to common colour blindness.
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac"]
NO_COLOUR = "#c8ccd2"


@functools.lru_cache(maxsize=1024)  # a few colours, asked for once per box
def tint(hex_colour: str, amount: float = 0.85) -> str:
    """Mix a colour with white: 0 keeps it, 1 is white."""
    h = hex_colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    mix = [round(c + (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


class Assigner:
    def __init__(self, fixed: dict[str, str] | None = None):
        self.fixed = fixed or {}
        self.assigned: dict[str, str] = {}

    def colour(self, key: str) -> str:
        if key not in self.assigned:
            self.assigned[key] = self.fixed.get(key) or PALETTE[len(
                [k for k in self.assigned if k not in self.fixed]) % len(PALETTE)]
        return self.assigned[key]
