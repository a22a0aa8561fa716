"""A laid-out chart written as SVG directly, without Graphviz: the same drawing `neato -n2` makes of the DOT in
chart_dot, with the same structure (group ids and classes, <title> names n0, n1 ..., <a> tooltips and links), so
the site, the tests and anything reading Graphviz's SVG read this one the same way.

Coordinates are Graphviz's: y runs upwards from the bottom of the sheet (negative numbers) and the outer group
is translated down by the sheet's height. Every text goes through escape.xml_text/xml_attr; ids and classes are
generated or come from position ids ([A-Za-z0-9._-]). The document is a list of parts joined once, so 100,000
boxes cost one join rather than a quadratic series of concatenations.
"""

from __future__ import annotations

import base64
import math

from orgdocs.chart.layout import (
    AVATAR,
    AVATAR_GAP,
    COHEAD_PICTURE_ROW,
    FRAME_LABEL,
    LINE,
    NAME_LINES_H,
    Layout,
    Placed,
    cohead_lines,
    cohead_pictures,
    external_title,
    name_lines_allowed,
    text_limit,
)
from orgdocs.chart.options import ChartOptions
from orgdocs.chart.routing import LABEL_LINE, LABEL_SIZE
from orgdocs.chart.scene import Box, Scene
from orgdocs.render import chart_dot as dot
from orgdocs.render import font_metrics as fonts
from orgdocs.render import text_fit as metrics
from orgdocs.render.bidi import has_rtl
from orgdocs.render.chart_dot import (
    ARROW,
    CJK_FONT,
    FONT,
    HEADER_H,
    MARGIN,
    MUTED,
    PAD,
    TEXT,
    box_style,
    canvas,
    fit_scale,
    page_size,
)
from orgdocs.render.chart_dot import (
    LINE as LINE_COLOUR,
)
from orgdocs.render.escape import MAX_ATTRIBUTE, xml_attr, xml_text
from orgdocs.render.han import has_han

# the font the text was measured with first (embedded with --embed-fonts), then fonts of nearly the same widths
# (Open Sans is Noto Sans' parent), then what each system has; a generic family last
FAMILY = "'Noto Sans', 'Open Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
# Han text in Chinese glyph forms rather than Japanese ones
CJK_FAMILY = ("'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Noto Sans', "
              "sans-serif")
DASHES = {"dashed": "5,2", "dotted": "1,5"}  # Graphviz's own dash patterns
RADIUS = 12.0
EXTERNAL_LINE_STEP = 10.0  # Graphviz sets a second line of a 10 pt bold name 10 pt lower
EXTERNAL_SHIFT = 6.8  # and the block 6.8 pt higher  # Graphviz's rounded corners (style=rounded)


def _n(v: float) -> str:
    """A coordinate to a tenth of a point (Graphviz writes two places; a twentieth of a point does not show)."""
    return "%.1f" % v


class _Writer:
    """Canvas coordinates (y down from the top of the canvas) turned into Graphviz's: from the sheet's corner
    at (ox, oy) on the canvas, y up and negative."""

    def __init__(self, height: float, ox: float = 0.0, oy: float = 0.0):
        self.ox, self.oy = ox, oy + height
        self.out: list[str] = []
        self.used: dict[tuple[str, bool, bool], set[str]] = {}  # the characters each face draws, to embed

    def pt(self, x: float, y: float) -> str:
        return "%.1f,%.1f" % (x - self.ox, y - self.oy)

    def text(self, x: float, y: float, content: str, size: float, *, bold: bool = False, italic: bool = False,
             colour: str = TEXT) -> None:
        weight = ' font-weight="bold"' if bold else ""
        style = ' font-style="italic"' if italic else ""
        han = has_han(content)
        family = f'{CJK_FAMILY}" xml:lang="zh-Hans' if han else FAMILY
        self.used.setdefault((CJK_FONT if han else FONT, bold, italic), set()).update(content)
        # right-to-left text takes its direction from its first letter, as Pango sets it in Graphviz's drawings
        # (a browser would set a line that starts in Arabic left to right, its parts in another order)
        bidi = ' unicode-bidi="plaintext"' if has_rtl(content) else ""
        self.out.append(f'<text text-anchor="start" x="{_n(x - self.ox)}" y="{_n(y - self.oy)}" font-family="{family}"'
                        f'{weight}{style} font-size="{size:.2f}" fill="{colour}"{bidi}>{xml_text(content)}</text>\n')

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: str, stroke: str = "transparent",
             extra: str = "") -> None:
        pts = " ".join(self.pt(x, y) for x, y in ((x1, y0), (x0, y0), (x0, y1), (x1, y1), (x1, y0)))
        self.out.append(f'<polygon fill="{fill}" stroke="{stroke}"{extra} points="{pts}"/>\n')

    def rounded(self, x0: float, y0: float, x1: float, y1: float, fill: str, stroke: str, extra: str = "") -> None:
        r = min(RADIUS, (x1 - x0) / 2, (y1 - y0) / 2)
        p = self.pt
        d = (f"M{p(x1 - r, y0)}L{p(x0 + r, y0)}Q{p(x0, y0)} {p(x0, y0 + r)}L{p(x0, y1 - r)}"
             f"Q{p(x0, y1)} {p(x0 + r, y1)}L{p(x1 - r, y1)}Q{p(x1, y1)} {p(x1, y1 - r)}L{p(x1, y0 + r)}"
             f"Q{p(x1, y0)} {p(x1 - r, y0)}Z")
        self.out.append(f'<path fill="{fill}" stroke="{stroke}"{extra} d="{d}"/>\n')

    def image(self, x: float, y: float, size: float, png: bytes) -> None:
        """A picture embedded as a data: URI, never a reference to a file (the SVG stands alone)."""
        data = base64.b64encode(png).decode("ascii")
        self.out.append(f'<image width="{size:g}px" height="{size:g}px" preserveAspectRatio="xMinYMin meet" '
                        f'x="{_n(x - self.ox)}" y="{_n(y - self.oy)}" xlink:href="data:image/png;base64,{data}"/>\n')

    def polyline(self, points: list[tuple[float, float]], stroke: str, extra: str = "") -> None:
        d = "M" + "L".join(self.pt(x, y) for x, y in points)
        self.out.append(f'<path fill="none" stroke="{stroke}" stroke-width="1.2"{extra} d="{d}"/>\n')


def _stroke(style: str, width: float) -> str:
    dash = next((DASHES[s] for s in style.split(",") if s in DASHES), "")
    return (f' stroke-width="{width:g}"' if width != 1 else "") + (f' stroke-dasharray="{dash}"' if dash else "")


def _tooltip(text: str) -> str:
    """As Graphviz shows a tooltip: cut at the same length, line breaks as spaces."""
    return xml_attr(" ".join(text[:MAX_ATTRIBUTE].split()) if any(c in text for c in "\n\r\t") else
                    text[:MAX_ATTRIBUTE])


def _open_link(w: _Writer, anchor_id: str, box: Box | None, tooltip: str) -> None:
    link = f' xlink:href={xml_attr(box.link)}' if box is not None and box.link else ""
    target = ' target="_top"' if link else ""
    w.out.append(f'<g id={xml_attr("a_" + anchor_id)}><a{link} xlink:title={_tooltip(tooltip)}{target}>\n')


def _node_id(box: Box) -> str:
    return ("ext-" if box.external else "pos-") + box.key.removeprefix("ext-")


def _box(w: _Writer, name: str, box: Box, p: Placed, dx: float, dy: float, parent: str = "") -> None:
    """parent: the manager's node id; data-parent lets the site's chart viewer collapse a manager's subtree."""
    x0, y0, x1, y1 = p.x - p.w / 2 + dx, p.y + dy, p.x + p.w / 2 + dx, p.y + p.h + dy
    key = _node_id(box)
    above = f" data-parent={xml_attr(parent)}" if parent else ""
    w.out.append(f'<g id={xml_attr(key)} class={xml_attr(" ".join(["node", *box.classes]))}{above}>\n'
                 f'<title>{name}</title>\n')
    _open_link(w, key, box, box.tooltip or box.title)
    style, fill, border, width = box_style(box)
    extra = _stroke(style, width)
    if "rounded" in style:
        w.rounded(x0, y0, x1, y1, fill, border, extra)
    else:
        w.rect(x0, y0, x1, y1, fill, border, extra)
    if box.external:
        lines = external_title(box, p.w)
        mid = (x0 + x1) / 2
        cy = (y0 + y1) / 2 - EXTERNAL_SHIFT * (len(lines) - 1)  # the block stays centred as it grows
        for i, title in enumerate(lines):
            w.text(mid - fonts.width(title, 10, True) / 2, cy - 0.2 + EXTERNAL_LINE_STEP * i, title, 10, bold=True)
        w.text(mid - fonts.width("Outside this org", 8, italic=True) / 2,
               cy + 8.2 + EXTERNAL_LINE_STEP * (len(lines) - 1), "Outside this org", 8, italic=True, colour=MUTED)
        w.out.append("</a>\n</g>\n</g>\n")
        return
    full = p.w - 2
    w.rect(x0 + 1, y0 + 1, x1 - 1, y0 + 6, box.colour)
    badge_w = round(metrics.width(box.badge, 9, True) + 2 * PAD + 2) if box.badge else 0
    title = metrics.wrap(box.title, full - badge_w - 2 * PAD, 10, 2, bold=True)
    for i, line in enumerate(title):
        w.text(x0 + 1 + PAD, y0 + 18 + 10 * i, line, 10, bold=True)
    if box.badge:
        w.text(x1 - 1 - PAD - fonts.width(box.badge, 9, True), y0 + 17.2, box.badge, 9, bold=True, colour=MUTED)
    below = y0 + 9 * (len(title) - 1)  # the rows under the title move down with its second line
    if box.coheads:
        col = (full - 2 * PAD) / len(box.coheads)
        columns = cohead_lines(box, p.w)
        pictured = cohead_pictures(box)
        # the row grows with its longest name, or with the pictures (Graphviz: 18 pt)
        extra = max(COHEAD_PICTURE_ROW - NAME_LINES_H if pictured else 0,
                    LINE * (max(len(lines) for lines in columns) - 1))
        for i, lines in enumerate(columns):
            left = x0 + 1 + PAD + i * col
            if i:
                w.rect(left - 1, below + 31, left - 1, below + 47 + extra, "#9aa3ad", "#9aa3ad")
            if pictured:
                if i < len(box.cohead_avatars) and box.cohead_avatars[i]:
                    w.image(left + 4, below + 35, AVATAR, box.cohead_avatars[i])
                left += AVATAR + AVATAR_GAP + 4
            for j, line in enumerate(lines):
                w.text(left + 3, below + 42.2 + LINE * j, line, 9)
        below += 26 + extra  # the status and counts go under the co-heads' row
    limit = text_limit(box, p.w)
    left = x0 + 1 + PAD
    if box.avatar:
        w.image(left, below + 32, AVATAR, box.avatar)
        left += AVATAR + AVATAR_GAP
    names = dot._names_line(box.names, limit, 9, name_lines_allowed(box, p.h))
    y = below + (38.2 if box.status or box.counts else 39.2)  # a line of small type moves the names up a point
    last = None  # the baseline of the last line drawn, as Graphviz sets lines: 10 pt apart, 8.2 to small type
    for line in names:
        w.text(left, y, line, 9)
        last, y = y, y + 10
    if box.status:
        colour = "#8a4b00" if box.vacancy or "open" in box.status else MUTED
        last = last + 8.2 if last is not None else below + 37.4
        w.text(left, last, metrics.shorten(box.status, limit, 8), 8, italic=True, colour=colour)
    if box.counts:
        last = (last + (8 if box.status else 8.2)) if last is not None else below + 38.4
        w.text(left, last, metrics.shorten(box.counts, limit, 8), 8, colour=MUTED)
    w.out.append("</a>\n</g>\n</g>\n")


def _legend(w: _Writer, scene: Scene, top: float, height: float, max_width: float) -> None:
    """The legend's grid as chart_dot lays it out for Graphviz: fixed cells, 2 pt apart."""
    g = dot.legend_grid(scene, max_width)
    keys, styles, col_w, per_row, table_top = g.keys, g.styles, g.col_w, g.per_row, g.top(top, height)
    left = MARGIN + 2
    w.out.append('<g id="legend" class="node legend">\n<title>legend</title>\n')
    w.text(left, table_top + 12.2, scene.legend_title, 9, bold=True)
    row_top = table_top + 18
    for entries, swatch in ((keys, True), (styles, False)):
        for i in range(0, len(entries), per_row):
            for k, (mark, label, *colour) in enumerate(entries[i:i + per_row]):
                x = left + k * (24 + col_w + 4)
                if swatch:
                    w.rect(x + 5, row_top + 1.5, x + 19, row_top + 11.5, mark)
                else:
                    w.text(x, row_top + 9.2, mark, 9, bold=True, colour=colour[0] if colour else LINE_COLOUR)
                w.text(x + 26, row_top + 10.2, label, 9)
            row_top += 15
    w.out.append("</g>\n")


def svg_document(scene: Scene, layout: Layout, options: ChartOptions) -> tuple[bytes, float, float]:
    """The chart as SVG bytes, and the canvas' width and height in points (as Graphviz states them). With a
    --page, the sheet is the paper: the canvas scaled to fit it and centred, as chart_dot.to_dot asks of
    Graphviz."""
    canvas_w, canvas_h, legend_top, legend_h, _, _ = canvas(scene, layout)
    width, height = _whole(canvas_w), _whole(canvas_h)
    paper = page_size(options, canvas_w, canvas_h)
    size = options.scale  # --scale: the sheet's size in the file, the drawing inside unchanged (the viewBox)
    if paper is None:
        scale, sheet_w, sheet_h, ox, oy = 1.0, width, height, 0.0, 0.0
        outer = (f'width="{width * size:g}pt" height="{height * size:g}pt" '
                 f'viewBox="0.00 0.00 {width:.2f} {height:.2f}"')
    else:
        scale = fit_scale(scene, layout, options)
        sheet_w, sheet_h = round(paper[0] / scale), round(paper[1] / scale)
        ox, oy = canvas_w / 2 - sheet_w / 2, canvas_h / 2 - sheet_h / 2
        outer = (f'width="{_whole(paper[0]) * size:g}pt" height="{_whole(paper[1]) * size:g}pt" '
                 f'viewBox="0.00 0.00 {paper[0]:.2f} {paper[1]:.2f}"')
    w = _Writer(sheet_h, ox, oy)
    top = MARGIN + HEADER_H
    dx = MARGIN + (canvas_w - 2 * MARGIN - layout.width) / 2
    w.out.append('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
                 f'<svg {outer} xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">\n')
    w.out.append(f'<g id="orgchart" class="graph" transform="scale({scale:.4g} {scale:.4g}) rotate(0) '
                 f'translate(0 {sheet_h:g})">\n<title>orgchart</title>\n')
    if not options.transparent:  # --transparent: the slide or page behind shows through
        w.rect(ox, oy, ox + sheet_w, oy + sheet_h, "white")
    names = {key: f"n{i}" for i, key in enumerate(scene.boxes)}
    ids = {key: _node_id(box) for key, box in scene.boxes.items()}

    def ends(a: str, b: str) -> str:  # which boxes a line joins, for the viewer to hide it with either
        return f" data-from={xml_attr(ids[a])} data-to={xml_attr(ids[b])}"

    def shifted(points):
        return [(x + dx, y + top) for x, y in points]

    # lines first, as Graphviz draws them with outputorder=edgesfirst
    for lines, cls, stroke in ((layout.tree_lines, "reports-to", LINE_COLOUR),
                               (layout.external_lines, "reports-to external", "#8f96a0")):
        for a, b, line in lines:
            w.out.append(f'<g id={xml_attr(f"edge-{a}-{b}")} class="edge {cls}"{ends(a, b)}>\n'
                         f'<title>{names[a]}-&gt;{names[b]}</title>\n')
            w.polyline(shifted(line), stroke)
            w.out.append("</g>\n")
    for rel in layout.dotted_lines:
        a, b = rel.start, rel.end
        key = f"dotted-{a}-{b}"
        w.out.append(f'<g id={xml_attr(key)} class="edge dotted-line"{ends(a, b)}>\n'
                     f'<title>{names[a]}-&gt;{names[b]}</title>\n')
        _open_link(w, key, None, rel.label or "dotted line")
        body, head, tail = dot.dotted_drawing(shifted(rel.points), rel.arrow_start)
        curve = [body[0]] + [p for s, e in zip(body, body[1:]) for p in (s, e, e)]
        pts = " ".join(w.pt(x, y) for x, y in curve[1:])
        w.out.append(f'<path fill="none" stroke="{dot.DOTTED}" stroke-width="1.2" stroke-dasharray="5,2" '
                     f'd="M{w.pt(*curve[0])}C{pts}"/>\n')
        if tail:
            w.out.append(_arrowhead(w, body[0], tail))
        w.out.append(_arrowhead(w, body[-1], head))
        w.out.append("</a>\n</g>\n")
        if rel.label_box:
            _label(w, rel.label_lines, shifted([rel.label_box[:2], rel.label_box[2:]]))
        w.out.append("</g>\n")

    w.out.append('<g id="title" class="node title">\n<title>title</title>\n')
    w.text(MARGIN, MARGIN + 22.4, scene.title, 18, bold=True)
    w.text(MARGIN, MARGIN + 34, scene.subtitle, 10, colour=MUTED)
    w.out.append("</g>\n")
    if layout.frame:
        x0, y0, x1, y1 = layout.frame
        w.out.append('<g id="org-frame" class="node org-frame">\n<title>frame</title>\n')
        w.rounded(x0 + dx, y0 + top, x1 + dx, y1 + top, "none", "#c3c9d1", ' stroke-dasharray="5,2"')
        w.out.append("</g>\n")
    for i, (f, r, t) in enumerate(layout.unit_frames):
        w.out.append(f'<g id={xml_attr("unit-frame-" + f.unit)} class="node unit-frame">\n<title>uf{i}</title>\n')
        w.rounded(r[0] + dx, r[1] + top, r[2] + dx, r[3] + top, "none", f.colour, _stroke("", dot.FRAME_WIDTH))
        w.out.append(f'</g>\n<g id={xml_attr("unit-label-" + f.unit)} class="node unit-label">\n<title>ul{i}</title>\n')
        w.rect(t[0] + dx, t[1] + top, t[2] + dx, t[3] + top, "white")
        w.text((t[0] + t[2]) / 2 + dx - fonts.width(f.name, FRAME_LABEL, True) / 2, (t[1] + t[3]) / 2 + top + 3.1,
               f.name, FRAME_LABEL, bold=True)
        w.out.append("</g>\n")
    managers = {b: ids[a] for a, b, _ in layout.tree_lines}
    for key, box in scene.boxes.items():
        _box(w, names[key], box, layout.boxes[key], dx, top, managers.get(key, ""))
    _legend(w, scene, legend_top, legend_h, max(layout.width, 600.0))
    w.out.append('<g id="footer" class="node footer">\n<title>footer</title>\n')
    w.text(MARGIN, legend_top + legend_h + 10 + 10.2, scene.footer, 9, colour=MUTED)
    w.out.append("</g>\n</g>\n</svg>\n")
    if options.embed_fonts:  # a standalone file: the letters it uses travel with it (render/font_embed.py)
        from orgdocs.render.font_embed import font_style

        w.out.insert(1, font_style(w.used))
    return "".join(w.out).encode("utf-8"), float(width) * size, float(height) * size


def _label(w: _Writer, lines: list[str], corners: list[tuple[float, float]]) -> None:
    """A dotted line's label as Graphviz draws chart_dot.label_table: a white box, each line centred in it."""
    (x0, y0), (x1, y1) = corners
    w.rect(x0, y0, x1, y1, "white")
    first = (y0 + y1) / 2 - (len(lines) - 1) * LABEL_LINE / 2 + 2.8  # a baseline below each line's middle
    for i, line in enumerate(lines):
        w.text((x0 + x1) / 2 - fonts.width(line, LABEL_SIZE) / 2, first + i * LABEL_LINE, line, LABEL_SIZE,
               colour=dot.DOTTED)


def _arrowhead(w: _Writer, base: tuple[float, float], tip: tuple[float, float]) -> str:
    """Graphviz's `vee`: two barbs from the tip back to the base, notched halfway."""
    (bx, by), (tx, ty) = base, tip
    ux, uy = (tx - bx) / ARROW, (ty - by) / ARROW  # one unit along the line
    px, py = -uy * 3.6, ux * 3.6  # the barbs' half-width
    notch = (tx - ux * ARROW / 2, ty - uy * ARROW / 2)
    pts = " ".join(w.pt(x, y) for x, y in (tip, (bx + px, by + py), notch, (bx - px, by - py), tip))
    return f'<polygon fill="{dot.DOTTED}" stroke="{dot.DOTTED}" stroke-width="1.2" points="{pts}"/>\n'


def _whole(value: float) -> float:
    """A size as Graphviz writes it: the sheet in inches to 4 places, rounded to whole points."""
    return float(math.floor(round(value / 72, 4) * 72 + 0.5))
