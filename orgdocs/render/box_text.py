"""What a chart box says, line by line, after wrapping and shortening to its width: one answer for every writer
that draws boxes from the scene itself (the PowerPoint deck), so its text is the SVG's text."""

from __future__ import annotations

from dataclasses import dataclass

from orgdocs.chart.layout import Placed, cohead_lines, external_title, name_lines_allowed, text_limit
from orgdocs.chart.scene import Box
from orgdocs.render import text_fit as metrics
from orgdocs.render.chart_dot import MUTED, PAD

EXTERNAL_NOTE = "Outside this org"
OPEN_COLOUR = "#8a4b00"  # a status that says a seat is open


@dataclass(frozen=True)
class BoxText:
    title: list[str]  # bold, at most two lines
    badge: str  # "×8", "Contractor", right of the title
    coheads: list[str]  # side by side, one each (a name wrapped in the SVG reads as one line here)
    names: list[str]  # lines
    status: str  # italic; "" for none
    status_colour: str
    counts: str = ""  # "6 direct · 42 total" with --counts


def box_text(box: Box, p: Placed) -> BoxText:
    """The texts chart_svg._box draws, by the same rules (widths from chart/text.py)."""
    if box.external:
        return BoxText(external_title(box, p.w), "", [], [], EXTERNAL_NOTE, MUTED)
    full = p.w - 2
    badge_w = round(metrics.width(box.badge, 9, True) + 2 * PAD + 2) if box.badge else 0
    title = metrics.wrap(box.title, full - badge_w - 2 * PAD, 10, 2, bold=True)
    coheads = [" ".join(lines) for lines in cohead_lines(box, p.w)] if box.coheads else []
    limit = text_limit(box, p.w)
    names = metrics.names_lines(box.names, limit, 9, name_lines_allowed(box, p.h))
    status = metrics.shorten(box.status, limit, 8) if box.status else ""
    colour = OPEN_COLOUR if box.vacancy or "open" in box.status else MUTED
    counts = metrics.shorten(box.counts, limit, 8) if box.counts else ""
    return BoxText(title, box.badge, coheads, names, status, colour, counts)
