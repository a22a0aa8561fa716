"""The dashboard's plots as SVG text, drawn at build time (no script): horizontal bars, a histogram with the
span policy's band marked, a layers pyramid. Each is an image with an accessible name (role="img", <title>,
<desc>); its numbers are also in the page's data table. Lengths are proportional to the values: every bar's
value is in its data-value, so a test (or a reader of the source) can check the picture against the numbers.
"""

from __future__ import annotations

from orgdocs.chart.text import shorten
from orgdocs.render import svg
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


def _value(b: Bar) -> str:
    return b.text or (f"{b.value:g}" if not float(b.value).is_integer() else f"{int(b.value):,}")


def _bar(x: float, y: float, w: float, h: float, b: Bar, fill: str, cls: str = "bar", value: float | None = None,
         title: str = "") -> str:
    v = b.value if value is None else value
    return (f'<rect class="{cls}" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}" '
            f'data-value="{v:g}" data-label={xml_attr(b.label)}><title>{xml_text(title)}</title></rect>')


def _frame(p: Plot, height: float, body: list[str], desc: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="plot plot-{p.kind}" id="{p.id}-plot" role="img" '
            f'aria-labelledby="{p.id}-title {p.id}-desc" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
            f'preserveAspectRatio="xMinYMin meet" font-family="{svg.FONT}">'
            f'<title id="{p.id}-title">{xml_text(p.title)}</title><desc id="{p.id}-desc">{xml_text(desc)}</desc>'
            + "".join(body) + "</svg>")


def _summary(p: Plot) -> str:
    return "; ".join(f"{b.label}: {_value(b)}" + (f" ({b.part:g} {p.part_name.lower()})" if p.part_name else "")
                     for b in p.bars)


def bars(p: Plot) -> str:
    """One row per bar: its label, a bar as long as its value (the part at its end in another colour), the
    value."""
    top = max([b.value for b in p.bars] + [0]) or 1
    scale = (WIDTH - LABEL_W - VALUE_W) / top
    body: list[str] = []
    for i, b in enumerate(p.bars):
        y = 6 + i * ROW_H
        label = "– " * b.depth + b.label  # nested units: right-aligned labels cannot show an indent
        body.append(svg.text(LABEL_W - 8, y + BAR_H - 3, shorten(label, LABEL_W - 12, SIZE),
                             size=SIZE, anchor="end", fill=MUTED if b.depth else INK, cls="label"))
        w = b.value * scale
        body.append(_bar(LABEL_W, y, w, BAR_H, b, BAR, title=f"{b.label}: {_value(b)} {p.value_name.lower()}"))
        text = _value(b)
        if p.part_name and b.part:
            pw = b.part * scale
            body.append(_bar(LABEL_W + w - pw, y, pw, BAR_H, b, PART, "part", b.part,
                             f"{b.label}: {b.part:g} {p.part_name.lower()}"))
            text += f" ({b.part:g} open)"
        body.append(svg.text(LABEL_W + w + 6, y + BAR_H - 3, text, size=SIZE, fill=INK, cls="value"))
    height = 12 + len(p.bars) * ROW_H
    if p.part_name:
        y = height
        body.append(svg.rect(LABEL_W, y + 2, 10, 10, fill=BAR))
        body.append(svg.text(LABEL_W + 14, y + 11, p.value_name, size=SIZE - 1, fill=MUTED, cls="legend"))
        body.append(svg.rect(LABEL_W + 120, y + 2, 10, 10, fill=PART))
        body.append(svg.text(LABEL_W + 134, y + 11, p.part_name, size=SIZE - 1, fill=MUTED, cls="legend"))
        height += 18
    return _frame(p, height, body, _summary(p))


def columns(p: Plot) -> str:
    """A histogram: one column per bin, as tall as its count; the bins inside the policy band on a shaded
    ground."""
    plot_h, base, left = 150.0, 180.0, 40.0
    n = max(1, len(p.bars))
    step = (WIDTH - left - 10) / n
    top = max([b.value for b in p.bars] + [0]) or 1
    scale = plot_h / top
    body: list[str] = []
    marked = [i for i, b in enumerate(p.bars) if b.marked]
    if marked:
        x0, x1 = left + marked[0] * step, left + (marked[-1] + 1) * step
        body.append(f'<rect class="policy" x="{x0:.2f}" y="{base - plot_h - 14:.2f}" width="{x1 - x0:.2f}" '
                    f'height="{plot_h + 14:.2f}" fill="{POLICY}"><title>{xml_text(p.note)}</title></rect>')
        body.append(svg.text((x0 + x1) / 2, base - plot_h - 3, "policy", size=SIZE - 1, anchor="middle",
                             fill="#2e6b2a", cls="policy-label"))
    body.append(svg.line(left, base, WIDTH - 10, base, stroke=MUTED, width=1))
    for i, b in enumerate(p.bars):
        x = left + i * step
        h = b.value * scale
        bw = step * 0.7
        body.append(_bar(x + (step - bw) / 2, base - h, bw, h, b, BAR,
                         title=f"{b.label} direct reports: {_value(b)} {p.value_name.lower()}"))
        if b.value:
            body.append(svg.text(x + step / 2, base - h - 3, _value(b), size=SIZE - 1, anchor="middle",
                                 cls="value"))
        body.append(svg.text(x + step / 2, base + 14, b.label, size=SIZE - 1, anchor="middle", fill=MUTED,
                             cls="tick"))
    body.append(svg.text(left + (WIDTH - left) / 2, base + 34, "Direct reports per manager seat", size=SIZE - 1,
                         anchor="middle", fill=MUTED, cls="axis"))
    body.append(svg.text(12, base - plot_h / 2, p.value_name, size=SIZE - 1, anchor="middle", fill=MUTED,
                         cls="axis").replace("<text ", f'<text transform="rotate(-90 12 {base - plot_h / 2:.1f})" ',
                                             1))
    return _frame(p, base + 42, body, _summary(p) + (f". {p.note}" if p.note else ""))


def pyramid(p: Plot) -> str:
    """Layers top to bottom, each bar centred and as wide as its headcount."""
    top = max([b.value for b in p.bars] + [0]) or 1
    left, right = 90.0, 50.0
    centre = (left + WIDTH - right) / 2
    scale = (WIDTH - left - right) / top
    body: list[str] = []
    for i, b in enumerate(p.bars):
        y = 6 + i * ROW_H
        w = b.value * scale
        body.append(svg.text(8, y + BAR_H - 3, b.label, size=SIZE, fill=INK, cls="label"))
        body.append(_bar(centre - w / 2, y, w, BAR_H, b, BAR, title=f"{b.label}: {_value(b)} {p.value_name.lower()}"))
        body.append(svg.text(centre + w / 2 + 6, y + BAR_H - 3, _value(b), size=SIZE, cls="value"))
    return _frame(p, 12 + len(p.bars) * ROW_H, body, _summary(p))


def plot_svg(p: Plot) -> str:
    return {"bars": bars, "columns": columns, "pyramid": pyramid}[p.kind](p)
