"""A laid-out chart as DOT with every position pinned (rendered by `neato -n2`): Graphviz only draws.

Header (title), the chart, then legend and footer are stacked on one canvas so SVG, PNG and PDF all carry
them. Every label is an HTML-like label built from escaped text; node ids are generated, never user text.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field

from orgdocs.chart.layout import (
    AVATAR,
    AVATAR_GAP,
    FRAME_LABEL,
    TEXT_PAD,
    Layout,
    Placed,
    cohead_column,
    cohead_limit,
    cohead_lines,
    cohead_pictures,
    external_title,
    name_lines_allowed,
    text_limit,
)
from orgdocs.chart.options import PAGES, SLIDES, ChartOptions
from orgdocs.chart.palette import tint
from orgdocs.chart.routing import LABEL_SIZE
from orgdocs.chart.scene import Box, Scene
from orgdocs.render import font_metrics as fonts
from orgdocs.render import text_fit as metrics
from orgdocs.render.escape import html_text, quoted, quoted_escstring
from orgdocs.render.han import has_han

FONT = "Noto Sans"
CJK_FONT = "Noto Sans CJK SC"  # Han text in Chinese glyph forms rather than Japanese ones
MARGIN = 24.0
PAPER_MARGIN = 28.0
MAX_HTML_WIDTH = 65000.0  # Graphviz ignores larger WIDTH values in HTML labels
MAX_ENLARGE = 1.5  # small charts grow to use the paper, but not into poster-sized type
HEADER_H = 54.0
TEXT_SLACK = 4.0  # Pango sets a line a little wider than the sum of its advance widths
PAD = TEXT_PAD
TEXT = "#1f2430"
MUTED = "#5b6270"
LINE = "#6b7380"
CHANGE_COLOURS = {"added": "#2e9d4f", "moved": "#e39b1b", "changed": "#6a4c93", "removed": "#d1495b"}
BORDER = "#9aa3ad"
DOTTED = "#5b6b85"  # dotted lines, their arrowheads and labels
FRAME_WIDTH = 1.4  # a unit frame's border
# contractors: a dashed border; vendor and partner teams: a dotted, rounded one (their badge names their size);
# interns keep the usual border and are told apart by their badge
WORKFORCE_STYLES = {"contractor": ("dashed,filled", "#5b6270", 1.3),
                    "vendor": ("rounded,dotted,filled", "#5b6270", 1.8)}


def _font(text: str, size: float, *, bold: bool = False, italic: bool = False, colour: str = TEXT) -> str:
    body = html_text(text)
    if bold:
        body = f"<B>{body}</B>"
    if italic:
        body = f"<I>{body}</I>"
    face = f' FACE="{CJK_FONT}"' if has_han(text) else ""
    return f'<FONT POINT-SIZE="{size:g}" COLOR="{colour}"{face}>{body}</FONT>'


def _lines(lines: list[str], size: float, **style) -> str:
    return '<BR ALIGN="LEFT"/>'.join(_font(line, size, **style) for line in lines) + '<BR ALIGN="LEFT"/>'


_BR = '<BR ALIGN="LEFT"/>'
_names_line = metrics.names_lines  # both chart writers wrap names by the same rule


def box_style(box: Box) -> tuple[str, str, str, float]:
    """A box's Graphviz style, fill, border colour and border width (both chart writers draw from this)."""
    width = 1.0
    if box.external:
        style, fill, border = "rounded,dashed,filled", "#f1f2f4", "#8f96a0"
    elif "ghost" in box.classes:
        style, fill, border, width = "dashed,filled", "#fdf1f2", CHANGE_COLOURS["removed"], 2.0
    elif box.vacancy:
        style, fill, border = "dashed,filled", "#fbfbfb", "#7d8590"
    elif box.workforce in WORKFORCE_STYLES:
        style, border, width = WORKFORCE_STYLES[box.workforce]
        fill = tint(box.colour, 0.9)
    else:
        style, fill, border = "filled", tint(box.colour, 0.9), BORDER
    for state in ("added", "moved", "changed"):
        if state in box.classes:
            border, width = CHANGE_COLOURS[state], 2.6
    return style, fill, border, width


def image_name(data: bytes) -> str:
    """The file name a picture has in Graphviz's private folder (render/graphviz.py): by its content, so the
    same picture is written once and no user text reaches a path."""
    return f"avatar-{hashlib.sha256(data).hexdigest()[:20]}.png"


def _with_avatar(box: Box, inner: str, width: float) -> str:
    """The names and status beside the person's picture, in a table exactly as wide as its cell (Graphviz
    stretches a narrower one across the cell, moving the text off its place)."""
    return (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" WIDTH="{width:.0f}"><TR>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{AVATAR:g}" HEIGHT="{AVATAR:g}" VALIGN="TOP">'
            f'<IMG SRC="{image_name(box.avatar)}" SCALE="TRUE"/></TD>'
            f'<TD FIXEDSIZE="TRUE" WIDTH="{AVATAR_GAP:g}" HEIGHT="{AVATAR:g}"></TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" WIDTH="{width - AVATAR - AVATAR_GAP:.0f}">{inner}</TD>'
            f'</TR></TABLE>')


def box_label(box: Box, p: Placed) -> str:
    """Colour band on top; title, then co-heads side by side, then names and status, left-aligned (beside the
    person's picture when the chart has pictures); the group badge on the right of the title. A cell holds text
    or a table, never both, so each is a row."""
    full = p.w - 2
    badge_w = round(metrics.width(box.badge, 9, True) + 2 * PAD + 2) if box.badge else 0
    inner = full - badge_w - 2 * PAD
    cols = 2 if box.badge else 1
    title = _lines(metrics.wrap(box.title, inner, 10, 2, bold=True), 10, bold=True)
    badge = (f'<TD ALIGN="RIGHT" VALIGN="TOP" CELLPADDING="{PAD:g}" WIDTH="{badge_w}">'
             f'{_font(box.badge, 9, bold=True, colour=MUTED)}</TD>') if box.badge else ""
    rows = [f'<TR><TD HEIGHT="5" WIDTH="{full:.0f}" BGCOLOR="{box.colour}" COLSPAN="{cols}"></TD></TR>',
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" CELLPADDING="{PAD:g}" WIDTH="{full - badge_w:.0f}">'
            f'{title}</TD>{badge}</TR>']
    if box.coheads:
        pictured = cohead_pictures(box)
        column, limit = cohead_column(box, p.w), cohead_limit(box, p.w)
        cells = []
        for i, lines in enumerate(cohead_lines(box, p.w)):
            text = _BR.join(_font(line, 9) for line in lines)
            if pictured:  # the picture, or its empty space, then the name: every column's text lines up
                picture = box.cohead_avatars[i] if i < len(box.cohead_avatars) else b""
                img = f'<IMG SRC="{image_name(picture)}" SCALE="TRUE"/>' if picture else ""
                text = (f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" WIDTH="{column:.0f}"><TR>'
                        f'<TD FIXEDSIZE="TRUE" WIDTH="{AVATAR:g}" HEIGHT="{AVATAR:g}" VALIGN="TOP">{img}</TD>'
                        f'<TD FIXEDSIZE="TRUE" WIDTH="{AVATAR_GAP:g}" HEIGHT="{AVATAR:g}"></TD>'
                        f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" WIDTH="{limit:.0f}">{text}</TD></TR></TABLE>')
            cells.append(f'<TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" CELLPADDING="1" '
                         f'WIDTH="{(column if pictured else limit) + 2:.0f}">{text}</TD>')
        cells = "<VR/>".join(cells)
        rows.append(f'<TR><TD ALIGN="LEFT" COLSPAN="{cols}" CELLPADDING="{PAD - 1:g}"><TABLE BORDER="0" '
                    f'CELLBORDER="0" CELLSPACING="3" CELLPADDING="0"><TR>{cells}</TR></TABLE></TD></TR>')
    parts = []
    limit = text_limit(box, p.w)
    names = _names_line(box.names, limit, 9, name_lines_allowed(box, p.h))
    if names:
        parts.append(_lines(names, 9))
    if box.status:
        colour = "#8a4b00" if box.vacancy or "open" in box.status else MUTED
        parts.append(_lines([metrics.shorten(box.status, limit, 8)], 8, italic=True, colour=colour))
    if box.counts:
        parts.append(_lines([metrics.shorten(box.counts, limit, 8)], 8, colour=MUTED))
    if box.avatar:
        parts = [_with_avatar(box, "".join(parts), full - 2 * PAD)]
    # the last row takes up the rest of the box, so the content stays at the top
    rows.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" VALIGN="TOP" COLSPAN="{cols}" CELLPADDING="{PAD:g}">'
                f'{"".join(parts)}</TD></TR>' if parts else f'<TR><TD COLSPAN="{cols}"></TD></TR>')
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" FIXEDSIZE="TRUE" '
            f'WIDTH="{full:.0f}" HEIGHT="{p.h - 2:.0f}">{"".join(rows)}</TABLE>>')


def _legend_styles(scene: Scene) -> list[tuple[str, str, str]]:
    styles = [("───", "reports to", LINE)]
    for state, text in (("added", "added"), ("removed", "removed (ghost)"), ("moved", "moved (was under …)"),
                        ("changed", "changed (count, level, band …)")):
        if state in scene.flags:
            styles.append(("■", text, CHANGE_COLOURS[state]))
    for flag, symbol, text in (
        ("dotted", "┄┄›", "dotted-line relation, in its direction"),
        ("unit-frame", "▭", "unit (its name on its frame)"),
        ("vacancy", "⬚", "open role (dashed box)"),
        ("group", "×N", "group of N seats"),
        ("external", "▢", "outside the org (grey, dashed)"),
        ("staff", "├─", "staff role beside its manager"),
        ("co-head", "│", "co-heads sharing one role"),
        ("contractor", "┆", "contractor (dashed border)"),
        ("vendor", "⋯", "vendor or partner team · its size (dotted border)"),
        ("intern", "I", "intern"),
    ):
        if flag in scene.flags:
            styles.append((symbol, text, LINE))
    return styles


@dataclass(frozen=True)
class LegendGrid:
    """The legend's cells, as every chart writer sets them: colour keys, then line and box styles, `per_row` cells
    of `col_w` points a row."""

    keys: list[tuple[str, str]]  # (colour, label)
    styles: list[tuple[str, str, str]]  # (mark, label, colour)
    col_w: int
    per_row: int

    def top(self, top: float, height: float) -> float:
        """Where the grid starts for it to sit in the middle of the legend's band."""
        rows = 1 + -(-len(self.keys) // self.per_row) + -(-len(self.styles) // self.per_row)
        return top + (height - (2 + 14 + 2 + 15 * (rows - 1))) / 2


def legend_grid(scene: Scene, max_width: float) -> LegendGrid:
    keys = [(colour, metrics.shorten(label, 170, 9)) for colour, label in scene.legend]
    styles = _legend_styles(scene)
    col_w = round(max(metrics.width(label, 9) for label in [k for _, k in keys] + [t for _, t, _ in styles]) + 16)
    return LegendGrid(keys, styles, col_w, max(1, min(max(len(keys), len(styles)), int(max_width // (col_w + 30)))))


def _legend_label(scene: Scene, max_width: float) -> tuple[str, float, float]:
    """The legend as one grid of fixed-size cells (colour keys, then line and box styles): Graphviz stretches
    tables to fill their cell, and fixed cells keep every key next to its label. Returns the label, and its
    estimated width and height."""
    g = legend_grid(scene, max_width)
    keys, styles, col_w, per_row = g.keys, g.styles, g.col_w, g.per_row

    def grid(entries: list[tuple], swatch: bool) -> list[str]:
        rows = []
        for i in range(0, len(entries), per_row):
            cells = []
            for mark, label, *colour in entries[i:i + per_row]:
                if swatch:
                    first = (f'<TD WIDTH="24" HEIGHT="13" FIXEDSIZE="TRUE" ALIGN="LEFT"><TABLE BORDER="0" '
                             f'CELLPADDING="0" CELLSPACING="0"><TR><TD BGCOLOR="{mark}" WIDTH="14" HEIGHT="10" '
                             f'FIXEDSIZE="TRUE"></TD></TR></TABLE></TD>')
                else:
                    first = (f'<TD WIDTH="24" HEIGHT="13" FIXEDSIZE="TRUE" ALIGN="LEFT">'
                             f'{_font(mark, 9, bold=True, colour=colour[0] if colour else LINE)}</TD>')
                cells.append(first + f'<TD WIDTH="{col_w}" HEIGHT="13" FIXEDSIZE="TRUE" ALIGN="LEFT">'
                                     f'{_font(label, 9)}</TD>')
            rows.append("<TR>" + "".join(cells) + "</TR>")
        return rows

    header = (f'<TR><TD ALIGN="LEFT" COLSPAN="{per_row * 2}" HEIGHT="14">'
              f'{_font(scene.legend_title, 9, bold=True)}</TD></TR>')
    rows = [header] + grid(keys, True) + grid(styles, False)
    label = f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0">{"".join(rows)}</TABLE>'
    height = 16.0 * (len(rows) + 1)
    # every cell has a fixed size, so this is the table's exact width (cells, spacing, none stretched)
    width = per_row * (24 + col_w) + 2 * (2 * per_row + 1)
    return label, float(width), height


def _left_block(inner: str, width: float) -> str:
    """An HTML label exactly `width` wide with its content at the left edge, so it can be placed without
    knowing how wide the content renders."""
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" WIDTH="{width:.0f}">'
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="{width:.0f}">{inner}</TD></TR></TABLE>>')


def _pos(x: float, y: float, height: float) -> str:
    return f"{x:.2f},{height - y:.2f}"


def note_node(name: str, text: str, size: float, x: float, y: float, width: float, canvas_h: float) -> str:
    """A plain line of muted text `width` wide with its left edge at x and its middle at y."""
    return (f"  {name} [shape=plaintext, fixedsize=false, id={quoted(name)}, class={quoted(name)}, "
            f"label={_left_block(_font(text, size, colour=MUTED), width)}, "
            f"pos={quoted(_pos(x + width / 2, y, canvas_h) + '!')}];")


def _spline(points: list[tuple[float, float]], height: float) -> str:
    """A polyline as Graphviz spline control points: every segment is a straight cubic."""
    out = [points[0]]
    for a, b in zip(points, points[1:]):
        out += [a, b, b]
    return " ".join(_pos(x, y, height) for x, y in out)


def page_size(options: ChartOptions, width: float, height: float) -> tuple[float, float] | None:
    if options.page is None:
        return None
    pw, ph = PAGES[options.page]
    # a slide is landscape unless asked otherwise: a projector's screen does not turn for a tall chart
    wide = width > height or options.page in SLIDES
    landscape = options.orientation == "landscape" or (options.orientation == "auto" and wide)
    return (max(pw, ph), min(pw, ph)) if landscape else (pw, ph)


def canvas(scene: Scene, layout: Layout) -> tuple[float, float, float, float, str, float]:
    """Width and height of the whole sheet, where the legend starts, its height, the legend and its width."""
    legend, legend_w, legend_h = _legend_label(scene, max(layout.width, 600.0))
    # the title and footer by the font's own widths: an estimate short of the drawn text let Graphviz widen the
    # sheet on both sides and move the whole chart off its margins
    width = max(layout.width, legend_w, fonts.width(scene.title, 18, True), fonts.width(scene.subtitle, 10),
                fonts.width(scene.footer, 9) + TEXT_SLACK) + 2 * MARGIN
    legend_top = MARGIN + HEADER_H + layout.height + 20
    height = legend_top + legend_h + 10 + 16 + MARGIN
    return width, height, legend_top, legend_h, legend, legend_w


def fit_scale(scene: Scene, layout: Layout, options: ChartOptions) -> float:
    """How much the chart is scaled to fit its page: below 1 shrunk, up to MAX_ENLARGE grown; 1 without a page."""
    width, height, *_ = canvas(scene, layout)
    page = page_size(options, width, height)
    if page is None:
        return 1.0
    return min(MAX_ENLARGE, (page[0] - 2 * PAPER_MARGIN) / width, (page[1] - 2 * PAPER_MARGIN) / height)


@dataclass(frozen=True)
class Piece:
    """One statement of the DOT source and where it draws on the canvas (x0, y0, x1, y1, y downwards), so a
    tile can take only what it shows."""

    line: str
    box: tuple[float, float, float, float]
    node: str = ""  # the node this line declares
    ends: tuple[str, ...] = ()  # the nodes an edge needs declared
    solid: bool = False  # a position's box: tiles are cut between these where they can be


@dataclass
class DotParts:
    graph: list[str]  # graph attributes, without size or viewport
    defaults: list[str]  # node and edge defaults
    pieces: list[Piece]
    width: float  # the canvas
    height: float
    title: str  # the chart's title, for tile labels
    images: dict[str, bytes] = field(default_factory=dict)  # pictures the labels name: file name -> PNG bytes

    def source(self, graph: list[str], extra: list[str], pieces: list[Piece] | None = None) -> str:
        body = [p.line for p in (self.pieces if pieces is None else pieces)]
        return "\n".join(["digraph orgchart {", "  graph [" + ", ".join(graph) + "];", *self.defaults, *extra,
                          *body, "}"]) + "\n"


def sheet_line(x0: float, y0: float, x1: float, y1: float, canvas_h: float) -> str:
    """An invisible node over (x0, y0)-(x1, y1) sets the output's bounds: Graphviz would otherwise crop to
    the drawing and lose the margins."""
    return (f'  sheet [style=invis, label="", pos={quoted(_pos((x0 + x1) / 2, (y0 + y1) / 2, canvas_h) + "!")}, '
            f'width={(x1 - x0) / 72:.4f}, height={(y1 - y0) / 72:.4f}];')


ARROW = 8.0  # arrowhead length: Graphviz draws 10 × arrowsize


def _arrow_end(curve: list[tuple[float, float]]) -> tuple[list[tuple[float, float]], tuple[float, float]]:
    """The curve shortened by an arrowhead's length along its last leg, and the arrow's tip (its old end)."""
    (x0, y0), (x1, y1) = curve[-2], curve[-1]
    d = math.hypot(x1 - x0, y1 - y0) or 1.0
    back = (x1 - (x1 - x0) / d * ARROW, y1 - (y1 - y0) / d * ARROW)
    return curve[:-1] + [back], (x1, y1)


def dotted_drawing(points: list[tuple[float, float]], both: bool) -> tuple[list[tuple[float, float]],
                                                                         tuple[float, float],
                                                                         tuple[float, float] | None]:
    """A dotted line's polyline shortened for its arrowheads, the head's tip and the tail's tip (both ways)."""
    body, head = _arrow_end(points)
    tail = None
    if both:
        rev, tail = _arrow_end(body[::-1])
        body = rev[::-1]
    return body, head, tail


def label_table(lines: list[str], box: tuple[float, float, float, float]) -> str:
    """A dotted line's label: white behind it so it reads over other lines, exactly the size layout gave it."""
    w, h = box[2] - box[0], box[3] - box[1]
    return (f'<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" BGCOLOR="white" FIXEDSIZE="TRUE" '
            f'WIDTH="{w:.0f}" HEIGHT="{h:.0f}"><TR><TD ALIGN="CENTER" BALIGN="CENTER">'
            + '<BR/>'.join(_font(line, LABEL_SIZE, colour=DOTTED) for line in lines) + '</TD></TR></TABLE>>')


def _span(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def to_dot(scene: Scene, layout: Layout, options: ChartOptions, parts: DotParts | None = None) -> str:
    parts = parts or dot_parts(scene, layout)
    graph = list(parts.graph)
    page = page_size(options, parts.width, parts.height)
    if page is None:
        return parts.source(graph, [sheet_line(0, 0, parts.width, parts.height, parts.height)])
    # on paper, the sheet is the paper in drawing units, centred on the canvas
    pw, ph = page
    scale = fit_scale(scene, layout, options)
    graph.append(f"size={quoted(f'{pw / 72:.4f},{ph / 72:.4f}!')}")
    cx, cy, w, h = parts.width / 2, parts.height / 2, pw / scale / 2, ph / scale / 2
    return parts.source(graph, [sheet_line(cx - w, cy - h, cx + w, cy + h, parts.height)])


def dot_parts(scene: Scene, layout: Layout) -> DotParts:
    chart_w = layout.width
    canvas_w, canvas_h, legend_top, legend_h, legend, legend_w = canvas(scene, layout)
    top = MARGIN + HEADER_H  # the chart starts below the header
    footer_y = legend_top + legend_h + 10
    offset_x = MARGIN + (canvas_w - 2 * MARGIN - chart_w) / 2

    def at(x: float, y: float) -> str:
        return quoted(_pos(x + offset_x, y + top, canvas_h) + "!")

    graph = ["bgcolor=white", "pad=0", "margin=0", "outputorder=edgesfirst", "splines=true",
             f"fontname={quoted(FONT)}", f"id={quoted('orgchart')}"]
    defaults = [f'  node [fontname={quoted(FONT)}, shape=box, fixedsize=true, margin=0, penwidth=1];',
                f'  edge [dir=none, color="{LINE}", penwidth=1.2, fontname={quoted(FONT)}];']
    out: list[Piece] = []

    content_w = min(canvas_w - 2 * MARGIN, MAX_HTML_WIDTH)
    centre_x = MARGIN + content_w / 2
    title = (_font(scene.title, 18, bold=True) + '<BR ALIGN="LEFT"/>' + _font(scene.subtitle, 10, colour=MUTED)
             + '<BR ALIGN="LEFT"/>')
    title_w = max(metrics.width(scene.title, 18, True), metrics.width(scene.subtitle, 10))
    out.append(Piece(f'  title [shape=plaintext, fixedsize=false, id="title", class="title", '
                     f'label={_left_block(title, content_w)}, '
                     f'pos={quoted(_pos(centre_x, MARGIN + HEADER_H / 2 - 4, canvas_h) + "!")}];',
                     (MARGIN, MARGIN - 4, MARGIN + title_w, MARGIN + HEADER_H - 8), "title"))

    if layout.frame:
        x0, y0, x1, y1 = layout.frame
        out.append(Piece(f'  frame [id="org-frame", class="org-frame", label="", style="rounded,dashed", '
                         f'color="#c3c9d1", pos={at((x0 + x1) / 2, (y0 + y1) / 2)}, '
                         f'width={(x1 - x0) / 72:.4f}, height={(y1 - y0) / 72:.4f}];',
                         (x0 + offset_x, y0 + top, x1 + offset_x, y1 + top), "frame"))

    for i, (f, r, t) in enumerate(layout.unit_frames):
        out.append(Piece(f'  uf{i} [id={quoted("unit-frame-" + f.unit)}, class="unit-frame", label="", '
                         f'style="rounded", color="{f.colour}", penwidth={FRAME_WIDTH:g}, '
                         f'pos={at((r[0] + r[2]) / 2, (r[1] + r[3]) / 2)}, width={(r[2] - r[0]) / 72:.4f}, '
                         f'height={(r[3] - r[1]) / 72:.4f}];',
                         (r[0] + offset_x, r[1] + top, r[2] + offset_x, r[3] + top), f"uf{i}"))
        out.append(Piece(f'  ul{i} [shape=plaintext, id={quoted("unit-label-" + f.unit)}, class="unit-label", '
                         f'label=<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="0" BGCOLOR="white" '
                         f'FIXEDSIZE="TRUE" WIDTH="{t[2] - t[0]:.0f}" HEIGHT="{t[3] - t[1]:.0f}"><TR><TD>'
                         f'{_font(f.name, FRAME_LABEL, bold=True)}</TD></TR></TABLE>>, '
                         f'pos={at((t[0] + t[2]) / 2, (t[1] + t[3]) / 2)}, width={(t[2] - t[0]) / 72:.4f}, '
                         f'height={(t[3] - t[1]) / 72:.4f}];',
                         (t[0] + offset_x, t[1] + top, t[2] + offset_x, t[3] + top), f"ul{i}"))

    ids = {}
    images: dict[str, bytes] = {}
    for i, (key, box) in enumerate(scene.boxes.items()):
        ids[key] = f"n{i}"
        p = layout.boxes[key]
        classes = " ".join(box.classes)
        style, fill, border, width = box_style(box)
        for picture in (box.avatar, *box.cohead_avatars):
            if picture:
                images[image_name(picture)] = picture
        label = box_label(box, p) if not box.external else (
            f'<{"<BR/>".join(_font(line, 10, bold=True) for line in external_title(box, p.w))}<BR/>'
            f'{_font("Outside this org", 8, italic=True, colour=MUTED)}>'
        )
        # links come from the output plan, URL-quoted (role ids are [A-Za-z0-9._-]), never free text from the org
        link = f"href={quoted(box.link)}, target=_top, " if box.link else ""
        out.append(Piece(
            f"  n{i} [id={quoted(('ext-' if box.external else 'pos-') + key.removeprefix('ext-'))}, "
            f"class={quoted(classes)}, tooltip={quoted_escstring(box.tooltip or box.title)}, {link}"
            f'style="{style}", fillcolor="{fill}", color="{border}", penwidth={width:g}, '
            f"width={p.w / 72:.4f}, height={p.h / 72:.4f}, pos={at(p.x, p.y + p.h / 2)}, label={label}];",
            (p.x - p.w / 2 + offset_x, p.y + top, p.x + p.w / 2 + offset_x, p.y + p.h + top), f"n{i}", solid=True,
        ))

    def shifted(points):
        return [(x + offset_x, y + top) for x, y in points]

    for a, b, line in layout.tree_lines:
        out.append(Piece(f'  {ids[a]} -> {ids[b]} [class="reports-to", id={quoted(f"edge-{a}-{b}")}, '
                         f'pos="{_spline(shifted(line), canvas_h)}"];', _span(shifted(line)), ends=(ids[a], ids[b])))
    for a, b, line in layout.external_lines:
        out.append(Piece(f'  {ids[a]} -> {ids[b]} [class="reports-to external", id={quoted(f"edge-{a}-{b}")}, '
                         f'color="#8f96a0", pos="{_spline(shifted(line), canvas_h)}"];', _span(shifted(line)),
                         ends=(ids[a], ids[b])))
    for rel in layout.dotted_lines:
        a, b = rel.start, rel.end
        # arrowheads at the end it was written towards (both ends for relations both ways): the line stops short
        # of the box and `e,` (`s,`) is the tip
        body, head, tail = dotted_drawing(shifted(rel.points), rel.arrow_start)
        pts = (f"s,{_pos(*tail, canvas_h)} " if tail else "") + f"e,{_pos(*head, canvas_h)} " + \
            _spline(body, canvas_h)
        extent = shifted(rel.points)
        label = ""
        if rel.label_box:
            x0, y0, x1, y1 = rel.label_box
            extent += shifted([(x0, y0), (x1, y1)])
            label = (f", label={label_table(rel.label_lines, rel.label_box)}, "
                     f"lp={quoted(_pos((x0 + x1) / 2 + offset_x, (y0 + y1) / 2 + top, canvas_h))}")
        out.append(Piece(f'  {ids[a]} -> {ids[b]} [class="dotted-line", id={quoted(f"dotted-{a}-{b}")}, '
                         f'style=dashed, color="{DOTTED}", dir={"both" if tail else "forward"}, arrowhead=vee, '
                         f'arrowtail=vee, arrowsize={ARROW / 10:g}, '
                         f'tooltip={quoted_escstring(rel.label or "dotted line")}, '
                         f'pos="{pts}"{label}];', _span(extent), ends=(ids[a], ids[b])))

    # placed by its exact width: inside a wider block Graphviz would spread its columns apart
    out.append(Piece(f'  legend [shape=plaintext, fixedsize=false, id="legend", class="legend", label=<{legend}>, '
                     f'pos={quoted(_pos(MARGIN + legend_w / 2, legend_top + legend_h / 2, canvas_h) + "!")}];',
                     (MARGIN, legend_top, MARGIN + legend_w, legend_top + legend_h), "legend", solid=True))
    out.append(Piece(f'  footer [shape=plaintext, fixedsize=false, id="footer", class="footer", '
                     f'label={_left_block(_font(scene.footer, 9, colour=MUTED), content_w)}, '
                     f'pos={quoted(_pos(centre_x, footer_y + 8, canvas_h) + "!")}];',
                     (MARGIN, footer_y, MARGIN + metrics.width(scene.footer, 9), footer_y + 16), "footer"))
    return DotParts(graph, defaults, out, canvas_w, canvas_h, scene.title, images)
