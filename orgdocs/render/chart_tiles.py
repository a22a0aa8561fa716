"""Charts too large for one PDF page or one PNG image, cut into tiles that common viewers open.

Acrobat's largest page is 200 × 200 inches (14,400 pt); browsers and image viewers fail beyond about 16,384 px
a side or 100 megapixels. Rather than shrink a big chart into hairlines (or an 8 dpi strip), it is drawn at a
readable scale over a grid of pages or images, each labelled with its place in the grid. Cuts fall between
boxes where they can, and every tile's DOT source holds only what the tile shows, so the work stays in
proportion to the chart.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from orgdocs.chart import text as metrics
from orgdocs.chart.options import DEFAULT_DPI
from orgdocs.render.chart_dot import PAPER_MARGIN, DotParts, Piece, note_node, sheet_line
from orgdocs.render.escape import quoted

PDF_MAX_SIDE = 14_400.0  # points: Acrobat's page limit, 200 inches
PNG_MAX_SIDE = 16_384  # pixels a side
PNG_MAX_PIXELS = 100_000_000  # pixels an image
PNG_DPI = DEFAULT_DPI  # 10 pt text is 27 px tall (Graphviz's own 96 dpi: 13 px, blurred on a slide)
PNG_MIN_DPI = 72.0  # below this, box text is under 9 px tall: tile instead of shrinking further
SMALLEST_READABLE_SCALE = 0.45  # on paper, below this the 9 pt box text prints under 4 pt: tile instead
BAND = 22.0  # output points: the strip above each tile that says where it belongs
LABEL_SIZE = 9.0
CUT_SLACK = 0.25  # a cut may come this share of a tile early, to fall between boxes
STROKE = 2.0  # lines and borders reach this far outside the boxes they belong to


@dataclass(frozen=True)
class Limits:
    """What one page or image may hold. Sizes are output points (before a PNG's dpi)."""

    width: float  # most a tile's window may be, in output points
    height: float  # the same, without the label band
    scale: float  # drawing points → output points
    paper: tuple[float, float] | None = None  # a fixed page size with margins, else each tile its own size
    reason: str = ""  # why the chart is tiled, for the note


@dataclass(frozen=True)
class Tile:
    window: tuple[float, float, float, float]  # x0, y0, x1, y1 on the chart's canvas (drawing points)
    row: int
    col: int
    rows: int
    cols: int


def pdf_limits(width: float, height: float, paper: tuple[float, float] | None, fit: float) -> Limits | None:
    """None when the chart goes on one PDF page as it always has: at natural size within the page limit, or
    fitted to its paper at a readable scale."""
    if paper is None:
        if max(width, height) <= PDF_MAX_SIDE:
            return None
        return Limits(PDF_MAX_SIDE, PDF_MAX_SIDE - BAND, 1.0,
                      reason=f"at {width:,.0f} × {height:,.0f} pt it is larger than a PDF page can be "
                             f"({PDF_MAX_SIDE:,.0f} pt a side)")
    return _paper_limits(width, height, paper, fit)


def png_dpi(width: float, height: float, wanted: float = PNG_DPI) -> float:
    """The highest resolution up to `wanted` at which an image of width × height points stays within the pixel
    budget."""
    by_side = PNG_MAX_SIDE * 72 / max(width, height)
    by_area = math.sqrt(PNG_MAX_PIXELS / (width * height)) * 72
    return min(wanted, by_side, by_area)


def page_dpi(width: float, height: float, paper: tuple[float, float] | None, limits: Limits | None,
             wanted: float = PNG_DPI) -> float:
    """The resolution a PNG page or tile is drawn at: what was asked for, lowered only as far as keeps the
    image within the budget (a chart on its own, or its paper; tiles off paper are cut to fit at `wanted`)."""
    if paper is not None:
        return png_dpi(*paper, wanted)
    return wanted if limits is not None else png_dpi(width, height, wanted)


def png_limits(width: float, height: float, paper: tuple[float, float] | None, fit: float,
               dpi: float = PNG_DPI) -> Limits | None:
    """None when one image holds the chart readably (at png_dpi, or its paper at a readable scale); else tiles
    that each hold what `dpi` allows."""
    if paper is not None:
        return _paper_limits(width, height, paper, fit)
    if png_dpi(width, height, dpi) >= min(PNG_MIN_DPI, dpi):
        return None
    # output points at the wanted dpi, a point to spare a side: tile_dot rounds a tile up to whole points, which
    # at 192 dpi is almost 3 px more
    side = PNG_MAX_SIDE * 72 / dpi - 1
    area = PNG_MAX_PIXELS * (72 / dpi) ** 2
    w, h = min(side, width), min(side - BAND, height)
    if (w + 1) * (h + BAND + 1) > area:  # both sides long: shrink the longer one until the tile is within budget
        if w >= h:
            w = area / (h + BAND + 1) - 1
        else:
            h = area / (w + 1) - BAND - 1
    return Limits(w, h, 1.0, reason=f"at {PNG_MIN_DPI:g} dpi or more it would be larger than an image viewer "
                                    f"opens ({PNG_MAX_SIDE:,} px a side, {PNG_MAX_PIXELS / 1e6:g} megapixels)")


def _paper_limits(width: float, height: float, paper: tuple[float, float], fit: float) -> Limits | None:
    if fit >= SMALLEST_READABLE_SCALE:
        return None
    pw, ph = paper
    cw, ch = pw - 2 * PAPER_MARGIN, ph - 2 * PAPER_MARGIN - BAND
    # the fewest sheets at the smallest readable scale, then as large as those sheets allow (with room for
    # cuts that come early to fall between boxes)
    cols = math.ceil(width * SMALLEST_READABLE_SCALE / cw)
    rows = math.ceil(height * SMALLEST_READABLE_SCALE / ch)
    scale = max(SMALLEST_READABLE_SCALE, min(1.0, 0.9 * cols * cw / width, 0.9 * rows * ch / height))
    return Limits(cw, ch, scale, paper=paper,
                  reason=f"fitted to one sheet it would be shrunk to {fit:.{0 if fit >= 0.1 else 1}%}, below the "
                         f"readable {SMALLEST_READABLE_SCALE:.0%}")


def cuts(spans: list[tuple[float, float]], total: float, capacity: float) -> list[float]:
    """Where to cut [0, total] into pieces at most `capacity` long: each cut where it crosses the fewest
    spans (in the middle of a gap when there is one), as late as that allows. `spans` sorted by start."""
    out = [0.0]
    widest = max((b - a for a, b in spans), default=0.0)
    starts = [a for a, _ in spans]
    while total - out[-1] > capacity:
        lo, hi = out[-1] + capacity * (1 - CUT_SLACK), out[-1] + capacity
        events: dict[float, int] = {lo: 0, hi: 0}
        for a, b in spans[bisect_left(starts, lo - widest):bisect_right(starts, hi)]:
            if b > lo and a < hi:
                events[max(a, lo)] = events.get(max(a, lo), 0) + 1
                events[min(b, hi)] = events.get(min(b, hi), 0) - 1
        xs = sorted(events)
        best, cover = (math.inf, 0.0), 0
        for left, right in zip(xs, xs[1:]):
            cover += events[left]  # spans over (left, right)
            if cover <= best[0]:
                best = (cover, right if right == hi or cover else (left + right) / 2)
        out.append(best[1])
    out.append(total)
    return out


def plan(parts: DotParts, limits: Limits) -> tuple[list[Tile], list[list[Piece]]]:
    """The tiles that show something, and for each the pieces it draws (nodes its edges need included)."""
    s = limits.scale
    solid = [p.box for p in parts.pieces if p.solid]
    xcuts = cuts(sorted((b[0], b[2]) for b in solid), parts.width, limits.width / s)
    ycuts = cuts(sorted((b[1], b[3]) for b in solid), parts.height, limits.height / s)
    cols, rows = len(xcuts) - 1, len(ycuts) - 1
    buckets: dict[tuple[int, int], list[int]] = {}
    for i, piece in enumerate(parts.pieces):
        x0, y0, x1, y1 = piece.box
        c0, c1 = _range(xcuts, x0 - STROKE, x1 + STROKE)
        r0, r1 = _range(ycuts, y0 - STROKE, y1 + STROKE)
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                buckets.setdefault((r, c), []).append(i)
    nodes = {p.node: i for i, p in enumerate(parts.pieces) if p.node}
    tiles, shown = [], []
    for r in range(rows):
        for c in range(cols):
            chosen = set(buckets.get((r, c), ()))
            if not chosen:
                continue
            # an edge that reaches into the tile needs both its ends declared: those outside the tile are
            # invisible stand-ins, so their text is neither drawn nor hidden under a cover
            ends = {nodes[end] for i in chosen for end in parts.pieces[i].ends} - chosen
            tiles.append(Tile((xcuts[c], ycuts[r], xcuts[c + 1], ycuts[r + 1]), r + 1, c + 1, rows, cols))
            shown.append([_stand_in(parts.pieces[i], parts.height) for i in sorted(ends)]
                         + [parts.pieces[i] for i in sorted(chosen)])
    return tiles, shown


def _stand_in(piece: Piece, canvas_h: float) -> Piece:
    x0, y0, x1, y1 = piece.box
    return Piece(f'  {piece.node} [style=invis, label="", pos="{(x0 + x1) / 2:.2f},{canvas_h - (y0 + y1) / 2:.2f}!", '
                 f'width={(x1 - x0) / 72:.4f}, height={(y1 - y0) / 72:.4f}];', piece.box, piece.node)


def _range(edges: list[float], lo: float, hi: float) -> tuple[int, int]:
    last = len(edges) - 2
    first = min(last, max(0, bisect_right(edges, lo) - 1))
    return first, min(last, max(first, bisect_left(edges, hi) - 1))


def tile_label(heading: str, tile: Tile, number: int, count: int) -> str:
    return (f"{heading} · tile {number} of {count} (row {tile.row} of {tile.rows}, "
            f"column {tile.col} of {tile.cols})")


def tile_dot(parts: DotParts, pieces: list[Piece], tile: Tile, limits: Limits, label: str) -> str:
    """DOT for one tile: the window and a label band above it, on its own page (or image), scaled; what the
    viewport shows outside the window (parts of neighbouring tiles) is painted over in white."""
    s, band = limits.scale, BAND / limits.scale
    x0, y0, x1, y1 = tile.window
    if limits.paper:
        out_w, out_h = limits.paper
        left, top = x0 - PAPER_MARGIN / s, y0 - band - PAPER_MARGIN / s
    else:
        out_w, out_h = (x1 - x0) * s, (y1 - y0) * s + BAND
        left, top = x0, y0 - band
    # whole points, as Graphviz makes the page: a fractional edge leaves a sliver the covers do not reach
    out_w, out_h = round(out_w), round(out_h)
    right, bottom = left + out_w / s, top + out_h / s
    H = parts.height
    # Graphviz centres the viewport in coordinates from the drawing's lower-left corner; the sheet keeps that
    # corner at the canvas's, and nothing below or left of it is drawn (the covers are clipped to the canvas)
    graph = [*parts.graph, f'viewport="{out_w},{out_h},{s:.5f},{(left + right) / 2:.2f},'
                           f'{H - (top + bottom) / 2:.2f}"']
    covers = []
    # the covers reach past the page's edges: its size in whole points would otherwise show a sliver
    L, T, R, B = left - 4 / s, top - 4 / s, right + 4 / s, bottom + 4 / s
    for i, (a, b, c, d) in enumerate([(L, T, R, y0), (L, y1, R, B), (L, y0, x0, y1), (x1, y0, R, y1)]):
        a, b, c, d = max(a, 0.0), max(b, 0.0), min(c, parts.width), min(d, H)
        if c - a > 0.01 and d - b > 0.01:
            covers.append(f'  cover{i} [shape=box, style=filled, fillcolor=white, color=white, penwidth=0, '
                          f'label="", pos={quoted(f"{(a + c) / 2:.2f},{H - (b + d) / 2:.2f}!")}, '
                          f'width={(c - a) / 72:.4f}, height={(d - b) / 72:.4f}];')
    size, inset = LABEL_SIZE / s, 6 / s
    text = metrics.shorten(label, (x1 - x0) - 2 * inset, size)
    extra = [sheet_line(0, 0, parts.width, H, H)]
    label_line = note_node("tile", text, round(size, 2), x0 + inset, y0 - band / 2, x1 - x0 - 2 * inset, H)
    return parts.source(graph, extra, pieces + [_raw(c) for c in covers] + [_raw(label_line)])


def _raw(line: str) -> Piece:
    """A statement drawn on every tile it is added to."""
    return Piece(line, (0.0, 0.0, 0.0, 0.0))
