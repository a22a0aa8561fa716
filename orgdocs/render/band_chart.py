"""The pay range chart: one bar per band from minimum to maximum with the midpoint marked, and a dot for
each holder's actual pay where positions carry salaries.

One layout, two renderings: bands.svg (SVG text) and the chart in bands.html/.pdf (HTML text, shaped).
"""

from __future__ import annotations

from markupsafe import Markup

from orgdocs.analyse.money import short_money
from orgdocs.render import svg
from orgdocs.render.diagram_html import Label, html_document, svg_document

LABEL_W = 170.0
BAR_H = 16.0
ROW_H = 30.0
PLOT_W = 440.0
AXIS_H = 36.0
MUTED = "#5b6270"


def _ticks(lo: float, hi: float) -> list[float]:
    span = hi - lo
    step = 10 ** len(str(int(span / 5))) / 10 if span > 0 else 1
    for mult in (1, 2, 2.5, 5, 10):
        if span / (step * mult) <= 6:
            step *= mult
            break
    first = (lo // step + 1) * step
    ticks = []
    value = first
    while value < hi:
        ticks.append(value)
        value += step
    return ticks


def layout(data: dict) -> tuple[float, float, list[str], list[Label]]:
    rows = data["rows"]
    # every position on the axis is in the org's currency (rows and salary_org are converted)
    values = [r["min"] for r in rows] + [r["max"] for r in rows] + [p["salary_org"] for r in rows for p in r["pay"]]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or hi * 0.1 or 1
    lo, hi = max(0.0, lo - pad), hi + pad
    scale = PLOT_W / (hi - lo)
    x = lambda v: LABEL_W + (v - lo) * scale  # noqa: E731
    height = AXIS_H + len(rows) * ROW_H + 10
    shapes: list[str] = []
    labels: list[Label] = []
    for t in _ticks(lo, hi):
        shapes.append(svg.line(x(t), 10, x(t), height - AXIS_H + 4, stroke="#e3e6ea", width=1))
        labels.append(Label(x(t) - 30, height - AXIS_H + 7, 60, 14, short_money(t), size=9, fill=MUTED,
                            cls="tick"))
    labels.append(Label(LABEL_W, height - 16, PLOT_W, 14, f"Annual base pay ({data['currency']})", size=9,
                        fill=MUTED, cls="axis-title"))
    for i, r in enumerate(rows):
        top = 10 + i * ROW_H
        labels.append(Label(0, top + BAR_H / 2 - 13, LABEL_W - 8, 26, r["label"], size=10, align="right",
                            cls="band-label"))
        shapes.append(svg.rect(x(r["min"]), top, x(r["max"]) - x(r["min"]), BAR_H, fill="#c9d8ea", stroke="#4e79a7",
                               rx=3, cls="band-bar",
                               title=f"{r['label']}: {r['min_text']} – {r['max_text']}, midpoint {r['mid_text']}"))
        shapes.append(svg.line(x(r["mid"]), top - 2, x(r["mid"]), top + BAR_H + 2, stroke="#1f3b5c", width=2,
                               cls="band-mid"))
        for p in r["pay"]:
            ratio = f", compa-ratio {p['compa_ratio']:.2f}" if p["compa_ratio"] else ""
            shapes.append(f'<circle class="pay" cx="{x(p["salary_org"]):.1f}" cy="{top + BAR_H / 2:.1f}" r="3.5" '
                          f'fill="#e15759" stroke="white" stroke-width="1"><title>'
                          + svg.escape(f"{p['name']} ({p['position']}): {p['salary_text']}{ratio}")
                          + "</title></circle>")
    return LABEL_W + PLOT_W + 20, height, shapes, labels


def band_chart(data: dict, title: str) -> str:
    """The standalone bands.svg."""
    if not data["rows"]:
        return ""
    width, height, shapes, labels = layout(data)
    return svg_document(width, height, shapes, labels, title=title, cls="band-chart")


def band_chart_html(data: dict, title: str) -> Markup:
    """The chart in the bands document."""
    if not data["rows"]:
        return Markup("")
    width, height, shapes, labels = layout(data)
    return html_document(width, height, shapes, labels, title=title, cls="band-chart")
