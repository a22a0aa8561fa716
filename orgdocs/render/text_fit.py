"""Text fitted to chart boxes by the font's own widths (render/font_metrics.py, the table of chart/text.py when
the font is not installed): every writer of boxes (chart_svg, chart_dot, chart_pptx) wraps and shortens through
here, so they agree, and a name that fits is no longer cut because an estimate erred wide."""

from __future__ import annotations

import functools

from orgdocs.chart import text as estimate
from orgdocs.render import font_metrics as fonts

# Pango (Graphviz's PNG and PDF) sets a line up to a point wider than the sum of its advance widths; the box's
# padding takes the rest (the fonts after Noto Sans in the SVG's stack are no wider: Open Sans the same, Arial and
# Segoe UI narrower)
SLACK = 1.0


def width(text: str, size: float, bold: bool = False) -> float:
    return fonts.width(text, size, bold) + SLACK


@functools.lru_cache(maxsize=65536)  # titles repeat across boxes: each is fitted once
def shorten(text: str, limit: float, size: float, bold: bool = False) -> str:
    return estimate.shorten(text, limit, size, bold, width)


def wrap(text: str, limit: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    return list(_wrap(text, limit, size, max_lines, bold))  # a list of its own: callers change lines


@functools.lru_cache(maxsize=65536)
def _wrap(text: str, limit: float, size: float, max_lines: int, bold: bool) -> tuple[str, ...]:
    return tuple(estimate.wrap(text, limit, size, max_lines, bold, width))


def fit_lines(text: str, limit: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    return estimate.fit_lines(text, limit, size, max_lines, bold, width)


def names_lines(names: list[str], limit: float, size: float, max_lines: int) -> list[str]:
    """Names wrapped by the font's widths, in at most the lines the layout gave them (chart/layout.py counts
    them with the table's estimate): a name needing more is counted ("+3"), never drawn outside its box."""
    return estimate.names_lines(names, limit, size, max_lines, width)


def wrap_all(text: str, limit: float, size: float, bold: bool = False) -> list[str]:
    return estimate.wrap_all(text, limit, size, bold, width)
