"""The pay range chart: one bar per band from minimum to maximum with the midpoint marked, and a dot for
each holder's actual pay where positions carry salaries."""

from __future__ import annotations

from orgdocs.chart.text import shorten
from orgdocs.render import svg

LABEL_W = 170.0
BAR_H = 16.0
ROW_H = 30.0
PLOT_W = 440.0
AXIS_H = 36.0


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


def _short_money(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 1_000:
        return f"{value / 1_000:.0f}K"
    return f"{value:.0f}"


def band_chart(data: dict, title: str) -> str:
    rows = data["rows"]
    if not rows:
        return ""
    # every position on the axis is in the org's currency (rows and salary_org are converted)
    values = [r["min"] for r in rows] + [r["max"] for r in rows] + [p["salary_org"] for r in rows for p in r["pay"]]
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.08 or hi * 0.1 or 1
    lo, hi = max(0.0, lo - pad), hi + pad
    scale = PLOT_W / (hi - lo)
    x = lambda v: LABEL_W + (v - lo) * scale  # noqa: E731
    height = AXIS_H + len(rows) * ROW_H + 10
    body = []
    for t in _ticks(lo, hi):
        body.append(svg.line(x(t), 10, x(t), height - AXIS_H + 4, stroke="#e3e6ea", width=1))
        body.append(svg.text(x(t), height - AXIS_H + 18, _short_money(t), size=9, anchor="middle", fill="#5b6270"))
    body.append(svg.text(LABEL_W + PLOT_W / 2, height - 6, f"Annual base pay ({data['currency']})", size=9,
                         anchor="middle", fill="#5b6270"))
    for i, r in enumerate(rows):
        top = 10 + i * ROW_H
        body.append(svg.text(LABEL_W - 8, top + BAR_H - 3, shorten(r["label"], LABEL_W - 12, 10), size=10,
                             anchor="end", cls="band-label"))
        body.append(svg.rect(x(r["min"]), top, x(r["max"]) - x(r["min"]), BAR_H, fill="#c9d8ea", stroke="#4e79a7",
                             rx=3, cls="band-bar",
                             title=f"{r['label']}: {r['min_text']} – {r['max_text']}, midpoint {r['mid_text']}"))
        body.append(svg.line(x(r["mid"]), top - 2, x(r["mid"]), top + BAR_H + 2, stroke="#1f3b5c", width=2,
                             cls="band-mid"))
        for p in r["pay"]:
            ratio = f", compa-ratio {p['compa_ratio']:.2f}" if p["compa_ratio"] else ""
            body.append(f'<circle class="pay" cx="{x(p["salary_org"]):.1f}" cy="{top + BAR_H / 2:.1f}" r="3.5" '
                        f'fill="#e15759" stroke="white" stroke-width="1"><title>'
                        + svg.escape(f"{p['name']} ({p['position']}): {p['salary_text']}{ratio}") + "</title></circle>")
    return svg.document(LABEL_W + PLOT_W + 20, height, body, title=title, cls="band-chart")
