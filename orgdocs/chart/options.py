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
}


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
    # people in boxes (issue 15): a holder's photo cropped round or square (none: no photos); initials in a
    # circle where a one-person box has no photo: True, False, or None for "when the chart shows any photo"
    photos: Literal["round", "square", "none"] = "round"
    initials: bool | None = None
    counts: bool = False  # "6 direct · 42 total" on manager boxes
    stop_at: frozenset[str] = frozenset()  # positions drawn collapsed (their own split page shows them), but
    # never the root: every page of a split chart shares one set instead of a copy without its own top
