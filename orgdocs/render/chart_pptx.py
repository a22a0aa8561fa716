"""A chart as an editable PowerPoint deck (python-pptx): one slide per page of the chart, drawn from the scene
and the layout, never from the SVG. Each box is one shape (its fill, border and dash) holding its text in its
own text frame, so a leader can retype a title or drag a box; lines are freeform line shapes; the title,
legend and footer are text boxes. Shapes are named after the SVG's ids (pos-<id>, edge-<a>-<b>, ...).

Fonts are set by name as the SVG names them: Noto Sans, and Han text in Noto Sans CJK SC as East Asian text
tagged zh-CN (PowerPoint substitutes a font it lacks, as a browser falls back along the SVG's stack).
Deterministic bytes: fixed core properties from the org's date, zip members with a fixed time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import zipfile
from collections.abc import Sequence

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_LINE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.freeform import FreeformBuilder
from pptx.util import Pt

from orgdocs.chart.layout import (
    AVATAR,
    AVATAR_GAP,
    FRAME_LABEL,
    Layout,
    Placed,
    cohead_lines,
    cohead_pictures,
)
from orgdocs.chart.options import DEFAULT_SLIDE, ChartOptions
from orgdocs.chart.routing import LABEL_SIZE
from orgdocs.chart.scene import Box, Scene
from orgdocs.render import chart_dot as dot
from orgdocs.render.box_text import box_text
from orgdocs.render.chart_dot import HEADER_H, LINE, MARGIN, MAX_ENLARGE, MUTED, PAD, PAPER_MARGIN, TEXT, canvas
from orgdocs.render.chart_svg import RADIUS
from orgdocs.render.han import has_han

FONT = "Noto Sans"
CJK_FONT = "Noto Sans CJK SC"
EMU = 12700  # per point
SMALLEST_FONT = 1.0  # points: PowerPoint's smallest size


def _emu(points: float) -> int:
    return int(round(points * EMU))


def _rgb(colour: str):
    h = colour.lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return RGBColor.from_string(h.upper())


class _Slide:
    """Canvas points (y down, as the SVG's canvas before Graphviz's flip) onto one slide, scaled to fit."""
    def __init__(self, slide, fit: float, ox: float, oy: float):
        self.slide, self.shapes, self.fit, self.ox, self.oy = slide, slide.shapes, fit, ox, oy

    def x(self, v: float) -> int:
        return _emu(self.ox + v * self.fit)

    def y(self, v: float) -> int:
        return _emu(self.oy + v * self.fit)

    def length(self, v: float) -> int:
        return max(1, _emu(v * self.fit))

    def size(self, points: float) -> float:
        return max(SMALLEST_FONT, round(points * self.fit * 2) / 2)  # half points, as PowerPoint offers them

    def rect(self, name: str, x0: float, y0: float, x1: float, y1: float, *, fill: str | None,
             line: str | None = None, width: float = 1.0, dash: str = "", rounded: bool = False):
        kind = MSO_SHAPE.ROUNDED_RECTANGLE if rounded else MSO_SHAPE.RECTANGLE
        shape = self.shapes.add_shape(kind, self.x(x0), self.y(y0), self.length(x1 - x0), self.length(y1 - y0))
        shape.name = name
        if rounded:  # Graphviz's corner: 12 pt, as a share of the shorter side
            shape.adjustments[0] = min(0.5, RADIUS / max(1.0, min(x1 - x0, y1 - y0)))
        if fill is None:
            shape.fill.background()
        else:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(fill)
        _line(shape, line, width * self.fit, dash)
        shape.shadow.inherit = False
        return shape

    def polyline(self, name: str, points: Sequence[tuple[float, float]], colour: str, *, dash: str = "",
                 arrow: bool = False, arrow_start: bool = False):
        builder = _freeform(self.shapes, self.x(points[0][0]), self.y(points[0][1]))
        builder.add_line_segments([(self.x(x), self.y(y)) for x, y in points[1:]], close=False)
        shape = builder.convert_to_shape()
        shape.name = name
        shape.fill.background()
        _line(shape, colour, max(0.5, 1.2 * self.fit), dash)
        shape.shadow.inherit = False
        ln = shape.line._get_or_add_ln()
        if arrow_start:  # relations both ways: an arrowhead at the start too
            ln.append(ln.makeelement(qn("a:headEnd"), {"type": "arrow", "w": "med", "len": "med"}))
        if arrow:  # the end it was written towards, as the SVG's arrowhead
            ln.append(ln.makeelement(qn("a:tailEnd"), {"type": "arrow", "w": "med", "len": "med"}))
        return shape

    def textbox(self, name: str, x0: float, y0: float, w: float, h: float):
        box = self.shapes.add_textbox(self.x(x0), self.y(y0), self.length(w), self.length(h))
        box.name = name
        frame = box.text_frame
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
        frame.word_wrap = False
        frame.auto_size = MSO_AUTO_SIZE.NONE
        return box


def _freeform(shapes, x: int, y: int):
    """python-pptx's FreeformBuilder, numbering its shape from the slide's counter (turbo_add_enabled): its own
    numbering searched every shape of the slide for the largest id."""
    class Builder(FreeformBuilder):
        def _add_freeform_sp(self, origin_x, origin_y):
            sp = CT_Shape.new_freeform_sp(shapes._next_shape_id, "Freeform", origin_x + self._left,
                                          origin_y + self._top, self._width, self._height)
            shapes._spTree.insert_element_before(sp, "p:extLst")
            return sp

    return Builder.new(shapes, x, y, 1.0, 1.0)


def _line(shape, colour: str | None, width: float, dash: str) -> None:
    if colour is None or colour == "transparent":
        shape.line.fill.background()
        return
    shape.line.color.rgb = _rgb(colour)
    shape.line.width = Pt(width)
    if dash:
        shape.line.dash_style = MSO_LINE.ROUND_DOT if dash == "dotted" else MSO_LINE.DASH


def _run(paragraph, text: str, size: float, *, bold: bool = False, italic: bool = False, colour: str = TEXT):
    """A run in the SVG's font: Noto Sans; Han text as East Asian text in Noto Sans CJK SC, tagged Chinese (the
    SVG's xml:lang="zh-Hans"), so its glyphs are the Chinese forms."""
    run = paragraph.add_run()
    run.text = text
    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = _rgb(colour)
    font.name = FONT  # the latin typeface
    rpr = run._r.get_or_add_rPr()
    if has_han(text):
        rpr.set("lang", "zh-CN")
        rpr.set("altLang", "en-US")
        ea = rpr.makeelement(qn("a:ea"), {"typeface": CJK_FONT})
        rpr.find(qn("a:latin")).addnext(ea)
    return run


def _lines(frame, lines: list[str], size: float, first: bool, **style):
    """One paragraph of lines broken by line breaks (a paragraph per item would space them apart)."""
    paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
    paragraph.alignment = PP_ALIGN.LEFT  # a shape's own first paragraph comes centred
    paragraph.line_spacing = Pt(size * 1.1)
    for i, line in enumerate(lines):
        if i:
            paragraph.add_line_break()
        _run(paragraph, line, size, **style)
    return paragraph


def _tab_stop(paragraph, position: int) -> None:
    """A right-aligned tab stop `position` EMU from the text's left edge: the badge sits at the box's right."""
    ppr = paragraph._p.get_or_add_pPr()
    tabs = ppr.makeelement(qn("a:tabLst"), {})
    tabs.append(tabs.makeelement(qn("a:tab"), {"pos": str(position), "algn": "r"}))
    ppr.insert(0, tabs)


def box_picture(s: _Slide, box: Box, p: Placed, dx: float, dy: float, title_lines: int) -> None:
    """The holder's photo or initials (render/photos made `box.avatar`, none where names are hidden) where the SVG
    draws it: left of the names, under the title; co-heads' pictures at the head of their columns."""
    x0, y0 = p.x - p.w / 2 + dx, p.y + dy
    below = y0 + 9 * (title_lines - 1)
    if box.avatar:
        picture = s.shapes.add_picture(io.BytesIO(box.avatar), s.x(x0 + 1 + PAD), s.y(below + 32), s.length(AVATAR),
                                       s.length(AVATAR))
        picture.name = f"photo-{box.key}"
    if box.coheads and cohead_pictures(box):
        col = (p.w - 2 - 2 * PAD) / len(box.coheads)
        for i, data in enumerate(box.cohead_avatars):
            if data:
                picture = s.shapes.add_picture(io.BytesIO(data), s.x(x0 + 1 + PAD + i * col + 4), s.y(below + 35),
                                               s.length(AVATAR), s.length(AVATAR))
                picture.name = f"photo-{box.key}-{i + 1}"


def _box(s: _Slide, box: Box, p: Placed, dx: float, dy: float) -> None:
    x0, y0, x1, y1 = p.x - p.w / 2 + dx, p.y + dy, p.x + p.w / 2 + dx, p.y + p.h + dy
    style, fill, border, width = dot.box_style(box)
    dash = "dotted" if "dotted" in style else "dashed" if "dashed" in style else ""
    key = ("ext-" if box.external else "pos-") + box.key.removeprefix("ext-")
    shape = s.rect(key, x0, y0, x1, y1, fill=fill, line=border, width=width, dash=dash, rounded="rounded" in style)
    text = box_text(box, p)
    frame = shape.text_frame
    frame.word_wrap = True  # lines are measured to fit; a narrower substitute font still stays inside
    frame.margin_left = s.length(1 + PAD)
    frame.margin_right = s.length(1 + PAD)
    frame.margin_bottom = s.length(1)
    if box.external:
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.margin_top = s.length(1)
        for paragraph in (_lines(frame, text.title, s.size(10), True, bold=True),
                          _lines(frame, [text.status], s.size(8), False, italic=True, colour=MUTED)):
            paragraph.alignment = PP_ALIGN.CENTER
        return
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.margin_top = s.length(7)  # below the colour band
    title = _lines(frame, text.title[:1], s.size(10), True, bold=True)
    if text.badge:
        # a rounded rectangle's text area is inset on each side by 0.29 of its corner radius (DrawingML's
        # roundRect): a stop beyond it would push the badge onto a line of its own
        inset = 2 * 0.29289 * min(RADIUS, p.w / 2, p.h / 2) if "rounded" in style else 0.0
        _tab_stop(title, s.length(p.w - 2 * (1 + PAD) - inset - 1))  # a point spare: rounding must not wrap it
        _run(title, "\t", s.size(10))
        _run(title, text.badge, s.size(9), bold=True, colour=MUTED)
    for line in text.title[1:]:
        title.add_line_break()
        _run(title, line, s.size(10), bold=True)
    indent = s.length(AVATAR + AVATAR_GAP) if box.avatar else 0  # the names start right of the picture
    after_pictures = 0.0  # the next paragraph starts below the co-heads' pictures
    if text.coheads:
        # a column each, as the SVG sets them: tab stops at the columns' text, line k holding each one's k-th line
        pictured = cohead_pictures(box)
        col = (p.w - 2 - 2 * PAD) / len(box.coheads)
        start = 3 + (AVATAR + AVATAR_GAP + 4 if pictured else 0)
        columns = cohead_lines(box, p.w)
        # every column starts at a tab (none at an indent: PowerPoint and LibreOffice measure tabs from different
        # edges when a paragraph is indented)
        rows = ["".join("\t" + (c[k] if k < len(c) else "") for c in columns) for k in range(max(map(len, columns)))]
        coheads = _lines(frame, rows, s.size(9), False)
        coheads.space_before = s.length(8 if pictured else 2)
        _tab_stops(coheads, [s.length(i * col + start) for i in range(len(columns))])
        if pictured:
            after_pictures = max(0.0, AVATAR + 14 - 10 * len(rows))
    if text.names:
        names = _lines(frame, text.names, s.size(9), False)
        names.space_before = s.length(2 if not box.avatar else 6)
        _indent(names, indent)
    for line, style in ((text.status, {"italic": True, "colour": text.status_colour}),
                        (text.counts, {"colour": MUTED})):
        if line:
            small = _lines(frame, [line], s.size(8), False, **style)
            _indent(small, indent)
            if after_pictures:
                small.space_before, after_pictures = s.length(after_pictures), 0.0
    # the colour band: a strip of its own over the box's top edge, as in the SVG
    s.rect(f"band-{box.key}", x0 + 1, y0 + 1, x1 - 1, y0 + 6, fill=box.colour, line=None)
    box_picture(s, box, p, dx, dy, len(text.title))


def _tab_stops(paragraph, positions: list[int]) -> None:
    """Left-aligned tab stops at `positions` EMU from the text's left edge: the co-heads' columns."""
    if not positions:
        return
    ppr = paragraph._p.get_or_add_pPr()
    tabs = ppr.makeelement(qn("a:tabLst"), {})
    for pos in positions:
        tabs.append(tabs.makeelement(qn("a:tab"), {"pos": str(pos), "algn": "l"}))
    ppr.insert(0, tabs)


def _indent(paragraph, emu: int) -> None:
    if emu:
        paragraph._p.get_or_add_pPr().set("marL", str(emu))


def _text(s: _Slide, name: str, x: float, y: float, w: float, lines: list[tuple[str, float, dict]]) -> None:
    """Lines of text (text, size, style) from (x, y) down."""
    height = sum(size * 1.3 for _, size, _ in lines)
    frame = s.textbox(name, x, y, w, height).text_frame
    for i, (line, size, style) in enumerate(lines):
        _lines(frame, [line], s.size(size), i == 0, **style)


def _legend(s: _Slide, scene: Scene, top: float, height: float, max_width: float) -> None:
    """The legend's grid as chart_svg draws it."""
    g = dot.legend_grid(scene, max_width)
    keys, styles, col_w, per_row, table_top = g.keys, g.styles, g.col_w, g.per_row, g.top(top, height)
    left = MARGIN + 2
    _text(s, "legend-title", left, table_top + 2, col_w + 24, [(scene.legend_title, 9, {"bold": True})])
    row_top = table_top + 18
    n = 0
    for entries, swatch in ((keys, True), (styles, False)):
        for i in range(0, len(entries), per_row):
            for k, (mark, label, *colour) in enumerate(entries[i:i + per_row]):
                x = left + k * (24 + col_w + 4)
                n += 1
                if swatch:
                    s.rect(f"legend-swatch-{n}", x + 5, row_top + 1.5, x + 19, row_top + 11.5, fill=mark)
                else:
                    _text(s, f"legend-mark-{n}", x, row_top, 24,
                          [(mark, 9, {"bold": True, "colour": colour[0] if colour else LINE})])
                _text(s, f"legend-{n}", x + 26, row_top, col_w, [(label, 9, {})])
            row_top += 15


def slide_size(options: ChartOptions, width: float, height: float) -> tuple[float, float]:
    """The slide in points: --page (a slide preset or paper), else a 16:9 slide."""
    page = options if options.page else dataclasses.replace(options, page=DEFAULT_SLIDE)
    return dot.page_size(page, width, height)


def slide_fit(scene: Scene, layout: Layout, size: tuple[float, float]) -> float:
    """How much a page is scaled to fit its slide (below 1 shrunk, up to MAX_ENLARGE grown), as chart_dot.fit_scale
    fits a page to paper."""
    canvas_w, canvas_h, *_ = canvas(scene, layout)
    sw, sh = size
    return min(MAX_ENLARGE, (sw - 2 * PAPER_MARGIN) / canvas_w, (sh - 2 * PAPER_MARGIN) / canvas_h)


def shrunk(pages: list[tuple[Scene, Layout, ChartOptions]], smallest: float) -> list[tuple[int, float]]:
    """(slide number, scale) of the slides whose page is shrunk below `smallest` to fit."""
    if not pages:
        return []
    size = slide_size(pages[0][2], *canvas(pages[0][0], pages[0][1])[:2])
    fits = [slide_fit(scene, layout, size) for scene, layout, _ in pages]
    return [(i, fit) for i, fit in enumerate(fits, 1) if fit < smallest]


def _slide(prs, scene: Scene, layout: Layout, options: ChartOptions, size: tuple[float, float]) -> None:
    canvas_w, canvas_h, legend_top, legend_h, _, _ = canvas(scene, layout)
    sw, sh = size
    fit = slide_fit(scene, layout, size)
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # the blank layout: no placeholders
    # shape ids counted up instead of searched for: the search made each added shape cost all the earlier ones
    # (1,000 boxes: 54 s)
    slide.shapes.turbo_add_enabled = True
    s = _Slide(slide, fit, (sw - canvas_w * fit) / 2, (sh - canvas_h * fit) / 2)
    top = MARGIN + HEADER_H
    dx = MARGIN + (canvas_w - 2 * MARGIN - layout.width) / 2

    def shifted(points):
        return [(x + dx, y + top) for x, y in points]

    if layout.frame:
        x0, y0, x1, y1 = layout.frame
        s.rect("org-frame", x0 + dx, y0 + top, x1 + dx, y1 + top, fill=None, line="#c3c9d1", dash="dashed",
               rounded=True)
    for a, b, line in layout.tree_lines:
        s.polyline(f"edge-{a}-{b}", shifted(line), LINE)
    for a, b, line in layout.external_lines:
        s.polyline(f"edge-{a}-{b}", shifted(line), "#8f96a0")
    for rel in layout.dotted_lines:  # routed around the boxes (chart/routing.py), labelled as in the SVG
        s.polyline(f"dotted-{rel.start}-{rel.end}", shifted(rel.points), dot.DOTTED, dash="dashed", arrow=True,
                   arrow_start=rel.arrow_start)
        if rel.label_box:
            x0, y0, x1, y1 = rel.label_box
            label = s.textbox(f"dotted-label-{rel.start}-{rel.end}", x0 + dx, y0 + top, x1 - x0, y1 - y0)
            label.fill.solid()
            label.fill.fore_color.rgb = _rgb("#ffffff")
            frame = label.text_frame
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            paragraph = _lines(frame, rel.label_lines, s.size(LABEL_SIZE), True, colour=dot.DOTTED)
            paragraph.alignment = PP_ALIGN.CENTER
    for f, r, t in layout.unit_frames:  # --unit-frames: the frame in the unit's colour, its name on the top edge
        s.rect(f"unit-frame-{f.unit}", r[0] + dx, r[1] + top, r[2] + dx, r[3] + top, fill=None, line=f.colour,
               width=dot.FRAME_WIDTH, rounded=True)
        name = s.textbox(f"unit-label-{f.unit}", t[0] + dx, t[1] + top, t[2] - t[0], t[3] - t[1])
        name.fill.solid()
        name.fill.fore_color.rgb = _rgb("#ffffff")
        name.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        _lines(name.text_frame, [f.name], s.size(FRAME_LABEL), True, bold=True).alignment = PP_ALIGN.CENTER
    _text(s, "title", MARGIN, MARGIN + 4, canvas_w - 2 * MARGIN,
          [(scene.title, 18, {"bold": True}), (scene.subtitle, 10, {"colour": MUTED})])
    for key, box in scene.boxes.items():
        _box(s, box, layout.boxes[key], dx, top)
    _legend(s, scene, legend_top, legend_h, max(layout.width, 600.0))
    _text(s, "footer", MARGIN, legend_top + legend_h + 10 + 1, canvas_w - 2 * MARGIN, [(scene.footer, 9,
                                                                                        {"colour": MUTED})])


def pptx_document(pages: list[tuple[Scene, Layout, ChartOptions]], *, title: str, subject: str,
                  when: dt.datetime) -> tuple[bytes, float, float]:
    """The deck's bytes and its slide size in points; one slide per page, each scaled to fit its slide."""
    prs = Presentation()
    sizes = [slide_size(o, *canvas(sc, la)[:2]) for sc, la, o in pages]
    width, height = sizes[0] if sizes else (960.0, 540.0)
    prs.slide_width, prs.slide_height = _emu(width), _emu(height)  # one size for the deck: the first page's
    for scene, layout, options in pages:
        _slide(prs, scene, layout, options, (width, height))
    props = prs.core_properties
    props.title, props.subject, props.author = title, subject, "orgdocs"
    props.last_modified_by, props.revision, props.keywords = "orgdocs", 1, ""
    stamp = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.created = props.modified = props.last_printed = stamp
    out = io.BytesIO()
    prs.save(out)
    return _fixed_zip(out.getvalue(), stamp), width, height


def _fixed_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same members in the same order, each dated `when` (python-pptx dates them with the clock)."""
    stamp = (max(1980, when.year), when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
