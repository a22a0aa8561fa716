"""The dashboard's plots, drawn at build time (no script): horizontal bars, a histogram with the span policy's
band marked, a layers pyramid. One layout, two renderings (as render/diagram_html does): an SVG image with an
accessible name (role="img", <title>, <desc>) for the page, and for the PDF the same shapes with every word as
HTML over them, since WeasyPrint does not shape SVG text (Thai, Arabic, Devanagari unit names). The numbers are
also in the page's data tables. Lengths are proportional to the values: every bar's value is in its data-value,
so a test (or a reader of the source) can check the picture against the numbers.
"""

from __future__ import annotations

from markupsafe import Markup

from orgdocs.render import svg
from orgdocs.render.diagram_html import Label, html_document, svg_text
from orgdocs.render.escape import xml_attr, xml_text
from orgdocs.views.dashboard import Bar, Plot

# text of 13 units in 480 reads as 7 pt in a third of an A4 landscape page, and ~15 px on a screen
WIDTH = 480.0
LABEL_W = 160.0
VALUE_W = 80.0
ROW_H = 24.0
BAR_H = 16.0
SIZE = 13.0
INK = "#1f2430"
MUTED = "#5b6270"
BAR = "#4e79a7"
PART = "#f28e2b"
POLICY = "#e3f1e0"

Layout = tuple[float, list[str], list[Label], str]  # height, shapes, words, the numbers in words (<desc>)


def _value(b: Bar) -> str:
    return b.text or (f"{b.value:g}" if not float(b.value).is_integer() else f"{int(b.value):,}")


def _exact(v: float) -> str:
    """A value as data-value/data-max carry it: whole (payrolls run to millions, which :g would round)."""
    return f"{int(v)}" if float(v).is_integer() else repr(float(v))


def _bar(x: float, y: float, w: float, h: float, b: Bar, fill: str, cls: str = "bar", value: float | None = None,
         title: str = "") -> str:
    v = b.value if value is None else value
    return (f'<rect class="{cls}" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}" '
            f'data-value="{_exact(v)}" data-label={xml_attr(b.label)}><title>{xml_text(title)}</title></rect>')


def _summary(p: Plot) -> str:
    return "; ".join(f"{b.label}: {_value(b)}" + (f" ({b.part:g} {p.part_name.lower()})" if p.part_name else "")
                     for b in p.bars)


def bars(p: Plot) -> Layout:
    """One row per bar: its label, a bar as long as its value (the part at its end in another colour), the
    value."""
    scale = (WIDTH - LABEL_W - VALUE_W) / p.axis_max
    shapes: list[str] = []
    words: list[Label] = []
    for i, b in enumerate(p.bars):
        y = 6 + i * ROW_H
        label = "– " * b.depth + b.label  # nested units: right-aligned labels cannot show an indent
        words.append(Label(0, y, LABEL_W - 8, BAR_H, label, SIZE, "right", fill=MUTED if b.depth else INK,
                           cls="label"))
        w = b.value * scale
        shapes.append(_bar(LABEL_W, y, w, BAR_H, b, BAR, title=f"{b.label}: {_value(b)} {p.value_name.lower()}"))
        text = _value(b)
        if p.part_name and b.part:
            pw = b.part * scale
            shapes.append(_bar(LABEL_W + w - pw, y, pw, BAR_H, b, PART, "part", b.part,
                               f"{b.label}: {b.part:g} {p.part_name.lower()}"))
            text += f" ({b.part:g} open)"
        words.append(Label(LABEL_W + w + 6, y, WIDTH - LABEL_W - w - 6, BAR_H, text, SIZE, "left", cls="value"))
    height = 12 + len(p.bars) * ROW_H
    if p.part_name:
        shapes.append(svg.rect(LABEL_W, height + 2, 10, 10, fill=BAR))
        words.append(Label(LABEL_W + 14, height, 100, 14, p.value_name, SIZE - 1, "left", fill=MUTED, cls="legend"))
        shapes.append(svg.rect(LABEL_W + 120, height + 2, 10, 10, fill=PART))
        words.append(Label(LABEL_W + 134, height, 140, 14, p.part_name, SIZE - 1, "left", fill=MUTED, cls="legend"))
        height += 18
    return height, shapes, words, _summary(p)


def columns(p: Plot) -> Layout:
    """A histogram: one column per bin, as tall as its count; the bins inside the policy band on a shaded
    ground."""
    plot_h, base, left = 150.0, 180.0, 40.0
    n = max(1, len(p.bars))
    step = (WIDTH - left - 10) / n
    scale = plot_h / p.axis_max
    shapes: list[str] = []
    words: list[Label] = []
    marked = [i for i, b in enumerate(p.bars) if b.marked]
    if marked:
        x0, x1 = left + marked[0] * step, left + (marked[-1] + 1) * step
        shapes.append(f'<rect class="policy" x="{x0:.2f}" y="{base - plot_h - 14:.2f}" width="{x1 - x0:.2f}" '
                      f'height="{plot_h + 14:.2f}" fill="{POLICY}"><title>{xml_text(p.note)}</title></rect>')
        words.append(Label(x0, base - plot_h - 14, x1 - x0, 14, "policy", SIZE - 1, fill="#2e6b2a",
                           cls="policy-label"))
    shapes.append(svg.line(left, base, WIDTH - 10, base, stroke=MUTED, width=1))
    for i, b in enumerate(p.bars):
        x = left + i * step
        h = b.value * scale
        bw = step * 0.7
        shapes.append(_bar(x + (step - bw) / 2, base - h, bw, h, b, BAR,
                           title=f"{b.label} direct reports: {_value(b)} {p.value_name.lower()}"))
        if b.value:
            words.append(Label(x - 4, base - h - 15, step + 8, 14, _value(b), SIZE - 1, cls="value"))
        words.append(Label(x - 4, base + 3, step + 8, 14, b.label, SIZE - 1, fill=MUTED, cls="tick"))
    words.append(Label(left, base + 24, WIDTH - left, 16, "Direct reports per manager seat", SIZE - 1, fill=MUTED,
                       cls="axis"))
    mid = base - plot_h / 2  # the vertical axis title, turned: plain words in both renderings
    shapes.append(svg.text(12, mid, p.value_name, size=SIZE - 1, anchor="middle", fill=MUTED, cls="axis")
                  .replace("<text ", f'<text transform="rotate(-90 12 {mid:.1f})" ', 1))
    return base + 42, shapes, words, _summary(p) + (f". {p.note}" if p.note else "")


def pyramid(p: Plot) -> Layout:
    """Layers top to bottom, each bar centred and as wide as its headcount."""
    left, right = 90.0, 50.0
    centre = (left + WIDTH - right) / 2
    scale = (WIDTH - left - right) / p.axis_max
    shapes: list[str] = []
    words: list[Label] = []
    for i, b in enumerate(p.bars):
        y = 6 + i * ROW_H
        w = b.value * scale
        words.append(Label(8, y, left - 12, BAR_H, b.label, SIZE, "left", cls="label"))
        shapes.append(_bar(centre - w / 2, y, w, BAR_H, b, BAR,
                           title=f"{b.label}: {_value(b)} {p.value_name.lower()}"))
        words.append(Label(centre + w / 2 + 6, y, WIDTH - centre - w / 2 - 6, BAR_H, _value(b), SIZE, "left",
                           cls="value"))
    return 12 + len(p.bars) * ROW_H, shapes, words, _summary(p)


def _layout(p: Plot) -> Layout:
    return {"bars": bars, "columns": columns, "pyramid": pyramid}[p.kind](p)


def plot_svg(p: Plot) -> str:
    """The plot as an SVG image (the HTML page; browsers shape SVG text). data-max: the value a full-length bar
    stands for (plots that share a scale share it)."""
    height, shapes, words, desc = _layout(p)
    body = shapes + [line for label in words for line in svg_text(label)]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="plot plot-{p.kind}" id="{p.id}-plot" role="img" '
            f'data-max="{_exact(p.axis_max)}" '
            f'aria-labelledby="{p.id}-title {p.id}-desc" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
            f'preserveAspectRatio="xMinYMin meet" font-family="{svg.FONT}">'
            f'<title id="{p.id}-title">{xml_text(p.title)}</title><desc id="{p.id}-desc">{xml_text(desc)}</desc>'
            + "".join(body) + "</svg>")


def plot_html(p: Plot, width: float, height: float) -> Markup:
    """The plot for the PDF: shapes in SVG, words in HTML, scaled to fit `width` × `height` CSS px."""
    h, shapes, words, _ = _layout(p)
    return html_document(WIDTH, h, shapes, words, title=p.title, cls=f"plot plot-{p.kind}",
                         max_width=min(width, WIDTH * height / h))
