"""What a chart shows and how: the options of `orgdocs chart`, as plain data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

PAGES = {  # width x height in points, portrait
    "A4": (595.28, 841.89),
    "A3": (841.89, 1190.55),
    "A0": (2383.94, 3370.39),
    "letter": (612.0, 792.0),
    "tabloid": (792.0, 1224.0),
    # slides, 13.333 × 7.5 in and 10 × 7.5 in: landscape by nature (page_size turns them unless asked not to)
    "slide-16x9": (540.0, 960.0),
    "slide-4x3": (540.0, 720.0),
}
SLIDES = ("slide-16x9", "slide-4x3")
DEFAULT_SLIDE = "slide-16x9"  # the page of a PowerPoint deck when no --page is given
DEFAULT_DPI = 192.0  # PNG: an A3 chart at 3175 × 2245 px, twice what a screen needs; print asks --dpi 300


@dataclass(frozen=True)
class ChartOptions:
    root: str | None = None
    depth: int | None = None
    expand_groups: bool = False
    direction: Literal["TB", "LR"] = "TB"
    stack: bool = True
    color_by: str = "unit"
    hide_names: bool = False
    audience: Literal["all-hands", "hr"] = "all-hands"
    page: str | None = None  # None: the drawing's own size
    orientation: Literal["auto", "portrait", "landscape"] = "auto"
    split: bool = False
    engine: Literal["tidy", "dot"] = "tidy"  # who places the boxes: orgdocs' tidy tree, or Graphviz dot
    stack_column: int = 10  # most boxes in one stacked column before it splits into more columns
    # a box's link to its role's page, by role id (the output plan decides it: build writes the chart beside the
    # role pages); None: boxes link nowhere
    role_links: Callable[[str], str] | None = None
    # a box's link to its position's page, by position id (build's site: positions/<id>.html); before role_links
    position_links: Callable[[str], str] | None = None
    dpi: float = DEFAULT_DPI  # PNG resolution (at --scale 1), lowered to keep within what image viewers open
    scale: float = 1.0  # the output's size: SVG and PDF sheets, PNG pixels (dpi × scale)
    transparent: bool = False  # no white sheet under the SVG, an alpha PNG (PDFs stay on white paper)
    embed_fonts: bool = False  # the SVG carries a subset of its font (render/font_embed.py); `chart` asks for it,
    # an SVG inlined in a page does not
    unit_frames: bool = False  # a labelled frame around each unit that is one subtree under its lead
    # people in boxes (issue 15): a holder's photo cropped round or square (none: no photos); initials in a
    # circle where a one-person box has no photo: True, False, or None for "when the chart shows any photo"
    photos: Literal["round", "square", "none"] = "round"
    initials: bool | None = None
    counts: bool = False  # "6 direct · 42 total" on manager boxes
    stop_at: frozenset[str] = frozenset()  # positions drawn collapsed (their own split page shows them), but
    # never the root: every page of a split chart shares one set instead of a copy without its own top
