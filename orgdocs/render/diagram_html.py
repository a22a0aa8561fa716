"""orgdocs' own diagrams in documents: shapes in a text-free SVG, every text an HTML box laid over it.

WeasyPrint's SVG renderer neither shapes text nor applies bidi (Thai and Devanagari get dotted circles, Arabic
comes out unjoined and left to right), while HTML text in the same PDF is shaped like the rest of the page.
So a diagram in a page draws its lines and boxes as SVG and its words as HTML. Standalone .svg files keep
<text> (browsers shape SVG text); both are made from the same Labels, so they show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from orgdocs.chart.text import shorten, wrap
from orgdocs.render import svg
from orgdocs.render.bidi import direction
from orgdocs.render.html import han_text

# Wider diagrams are scaled down to fit the narrowest page body (A4 or Letter, 18 mm margins, in CSS px).
MAX_WIDTH = 640.0
# A diagram text longer than this is cut: the full text is in the page around the diagram.
MAX_CHARS = 120


@dataclass(frozen=True)
class Label:
    """A text in the box (x, y, w, h) of a diagram, wrapped to at most `lines` lines, aligned in the box."""

    x: float
    y: float
    w: float
    h: float
    text: str
    size: float = 10
    align: str = "center"  # left, center or right
    bold: bool = False
    fill: str = "#1f2430"
    cls: str = ""
    lines: int = 1


def clip(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1].rstrip() + "…"


# --- standalone SVG ---------------------------------------------------------------------------------------------

_ANCHOR = {"left": "start", "center": "middle", "right": "end"}


def svg_text(label: Label) -> list[str]:
    """The label as SVG <text> lines: wrapped and shortened by estimated width, centred in its box."""
    bold = label.bold
    lines = (wrap(label.text, label.w, label.size, label.lines, bold=bold) if label.lines > 1
             else [shorten(label.text, label.w, label.size, bold=bold)])
    x = {"left": label.x, "center": label.x + label.w / 2, "right": label.x + label.w}[label.align]
    step = label.size * 1.2
    first = label.y + label.h / 2 - step * (len(lines) - 1) / 2 + label.size * 0.35
    return [svg.text(x, first + i * step, line, size=label.size, anchor=_ANCHOR[label.align],
                     weight="bold" if bold else "normal", fill=label.fill, cls=label.cls)
            for i, line in enumerate(lines)]


def svg_document(width: float, height: float, shapes: list[str], labels: list[Label], *, title: str,
                 cls: str) -> str:
    body = list(shapes)
    for label in labels:
        body.extend(svg_text(label))
    return svg.document(width, height, body, title=title, cls=cls)


# --- HTML for pages ---------------------------------------------------------------------------------------------


def _px(value: float) -> str:
    return f"{value:.1f}px"


def html_label(label: Label) -> str:
    """An absolutely placed box whose text is HTML: shaped by the page's text engine, isolated for bidi, wrapped
    inside the box and cut at its edge rather than drawn over its neighbours."""
    text = clip(label.text)
    if label.lines > 1:  # cut by estimated width, which errs wide, so the box shows whole lines
        text = " ".join(wrap(text, label.w, label.size, label.lines, bold=label.bold))
    style = (f"left:{_px(label.x)};top:{_px(label.y)};width:{_px(label.w)};height:{_px(label.h)};"
             f"font-size:{label.size:g}px;line-height:{label.size * 1.2:.1f}px;color:{label.fill};"
             f"text-align:{label.align};font-weight:{'bold' if label.bold else 'normal'};"
             f"max-height:{_px(label.h)}")
    cls = f"dl {label.cls}".strip()
    return (f'<div class="{cls}" style="{style}"><span dir="{direction(text)}">{han_text(text)}</span></div>')


def html_document(width: float, height: float, shapes: list[str], labels: list[Label], *, title: str,
                  cls: str, max_width: float = MAX_WIDTH) -> Markup:
    """The diagram as a block of fixed size (scaled down as a whole when wider than the page body, or than
    `max_width`: a dashboard plot's column)."""
    art = (f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram-art" aria-hidden="true" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}">'
           + svg.MARKERS + "".join(shapes) + "</svg>")
    scale = min(1.0, max_width / width) if width else 1.0
    inner = (f'<div class="diagram-inner" style="width:{width:.0f}px;height:{height:.0f}px;'
             f'transform:scale({scale:.4f});transform-origin:0 0">' + art
             + "".join(html_label(lab) for lab in labels) + "</div>")
    return Markup(f'<div class="diagram {cls}" role="img" aria-label="{escape(title)}" '
                  f'style="width:{width * scale:.0f}px;height:{height * scale:.0f}px">{inner}</div>')
